import type { Classification, CorsErrorCode, Engine } from '@corskit/core';
import type { LikelyCause } from '../errors.js';
import type { RequestPlan } from '../plan.js';
import type { ClientPolicy } from '../policy.js';
import type { DownloadSummary } from '../progress.js';
import type { PreflightReport } from '../report.js';
import { classifyRequest, uploadProgressStreams } from '../request-classification.js';
import { withStreamHint } from '../stream-body.js';
import type { CorsWarning, WarningHandler } from '../warnings.js';
import { diagnosisMessage, likelyCauses } from './diagnosis.js';
import { createLedger } from './ledger.js';
import { policyProblems } from './policy-check.js';
import { preflightAdvice } from './preflight-advice.js';
import { routeShape } from './route-shape.js';
import { downloadAdvice, uploadAdvice } from './transfer-advice.js';

export interface DevelopmentSettings {
  origin: string | undefined;
  engine: Engine;
  policy: ClientPolicy | undefined;
  onWarning: WarningHandler;
}

export interface Diagnosis {
  message: string;
  causes: LikelyCause[];
  classification: Classification;
}

/** The development-only half of the client: warnings, the preflight report, failure diagnoses. */
export interface DevelopmentTools {
  /** Classifies, counts and warns about a request about to be sent. */
  beforeSend(request: Request, plan: RequestPlan | undefined): Classification | undefined;
  diagnose(
    request: Request,
    plan: RequestPlan | undefined,
    error: Error,
    known: CorsErrorCode | undefined,
  ): Diagnosis | undefined;
  downloadEnded(request: Request, classification: Classification | undefined, summary: DownloadSummary): void;
  /** The init the base fetch gets: says when the body streams, for a model fetch (createCorsFetch). */
  sendInit(request: Request, plan: RequestPlan | undefined, init: RequestInit): RequestInit;
  report(): PreflightReport;
}

export function createDevelopmentTools(settings: DevelopmentSettings): DevelopmentTools {
  const { origin, engine, policy } = settings;
  const ledger = createLedger();
  const warned = new Set<string>();
  const warnOnce = (warning: CorsWarning) => {
    const key = `${warning.kind} ${warning.route} ${warning.codes.join(',')}`;
    if (warned.has(key)) return;
    warned.add(key);
    settings.onWarning(warning);
  };
  const classifyQuietly = (request: Request, plan: RequestPlan | undefined) => {
    if (origin === undefined) return undefined;
    try {
      return classifyRequest(request, plan, origin, engine);
    } catch {
      return undefined; // fetch() itself will reject this request and say why
    }
  };

  return {
    beforeSend(request, plan) {
      const classification = classifyQuietly(request, plan);
      if (classification === undefined || origin === undefined) return undefined;
      const route = routeShape(classification.method, classification.url);
      ledger.record(route, classification);
      if (plan?.options.onUploadProgress !== undefined && request.body !== null) {
        const message = uploadAdvice(route, engine, uploadProgressStreams(), classification.crossOrigin);
        warnOnce({ kind: 'upload-progress', route, codes: ['upload-progress'], message });
      }
      if (classification.preflight) {
        warnOnce({
          kind: 'preflight',
          route,
          codes: classification.reasons.map((reason) => reason.code),
          message: preflightAdvice(classification, route, engine, plan?.policy ?? policy),
        });
      }
      const active = plan?.policy ?? policy;
      const problems = active ? policyProblems(classification, active, origin, engine) : [];
      if (problems.length > 0) {
        warnOnce({
          kind: 'policy',
          route,
          codes: problems.map((problem) => problem.code),
          message: [
            `[corskit] The policy will refuse ${route}, so the browser will block it:`,
            ...problems.map((problem) => `  - ${problem.message}`),
          ].join('\n'),
        });
      }
      return classification;
    },

    diagnose(request, plan, error, known) {
      const classification = classifyQuietly(request, plan);
      if (classification === undefined || origin === undefined) return undefined;
      const causes = likelyCauses({
        classification,
        origin,
        engine,
        policy: plan?.policy ?? policy,
        known: known && { code: known, message: error.message },
      });
      return { message: diagnosisMessage(classification, origin, causes), causes, classification };
    },

    downloadEnded(request, classification, summary) {
      const route = routeShape(classification?.method ?? request.method, request.url);
      const message = downloadAdvice(route, summary);
      if (message !== null) {
        warnOnce({ kind: 'download-progress', route, codes: [summary.total.source], message });
      }
    },

    sendInit: withStreamHint,

    report: () => ledger.snapshot(),
  };
}
