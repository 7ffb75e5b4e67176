import { type Classification, type CorsErrorCode, ENGINE_PROFILES, type Engine } from '@corskit/core';
import type { LikelyCause } from '../errors.js';
import type { ClientPolicy } from '../policy.js';
import { policyProblems } from './policy-check.js';

export interface FailureFacts {
  classification: Classification;
  origin: string;
  engine: Engine;
  policy: ClientPolicy | undefined;
  /** The failed check and its message, when the fetch reported it (createCorsFetch). */
  known: { code: CorsErrorCode; message: string } | undefined;
}

/** What the server's answers must hold for this call, from the prediction alone. */
function predictedCauses({ classification, origin, engine }: FailureFacts): LikelyCause[] {
  const causes: LikelyCause[] = [];
  if (classification.body === 'stream' && ENGINE_PROFILES[engine].streamBodies === 'http2-only') {
    // Measured (test/conformance/http2-streams.test.ts): the preflight passes, then the upload fails.
    causes.push({
      code: 'stream-needs-http2',
      message: `The body is streamed (a ReadableStream, or ky's onUploadProgress), and ${engine} streams uploads only over HTTP/2 or HTTP/3: to a server or proxy that speaks HTTP/1.1 the upload fails after its preflight, even where CORS allows it. Serve the API over HTTP/2, or send the body whole (drop onUploadProgress).`,
    });
  }
  if (classification.preflight) {
    const why = classification.reasons.map((reason) => reason.header ?? reason.code).join(', ');
    const lines = [`Access-Control-Allow-Origin: ${origin}`];
    if (!['GET', 'HEAD', 'POST'].includes(classification.method) || classification.body === 'stream') {
      lines.push(`Access-Control-Allow-Methods: ${classification.method}`);
    }
    if (classification.requestHeaders.length > 0) {
      lines.push(`Access-Control-Allow-Headers: ${classification.requestHeaders.join(', ')}`);
    }
    causes.push({
      code: 'preflight-refused',
      message: `The call is preflighted (because of ${why}), and the OPTIONS answer must be 2xx with ${lines.join(' and ')}. A missing entry, a redirect, or an auth check that rejects OPTIONS fails it.`,
    });
  }
  if (classification.credentials === 'include') {
    causes.push({
      code: 'credentials-rejected',
      message: `The call sends credentials: 'include', so the answer must name the origin (Access-Control-Allow-Origin: ${origin}, not *) and send Access-Control-Allow-Credentials: true.`,
    });
  }
  causes.push({
    code: 'allow-origin-missing',
    message: `The answer lacks Access-Control-Allow-Origin: ${origin} (absent, another origin, or several values), as error pages and proxies often do.`,
  });
  return causes;
}

/** The likely causes of a CORS refusal, most likely first: what the fetch said, the policy, the prediction. */
export function likelyCauses(facts: FailureFacts): LikelyCause[] {
  const causes: LikelyCause[] = [];
  if (facts.known !== undefined) causes.push(facts.known);
  if (facts.policy !== undefined) {
    causes.push(...policyProblems(facts.classification, facts.policy, facts.origin, facts.engine));
  }
  const seen = new Set(causes.map((cause) => cause.code));
  for (const cause of predictedCauses(facts)) if (!seen.has(cause.code)) causes.push(cause);
  return causes;
}

/** The CorsError message: the call, then its likely causes. */
export function diagnosisMessage(classification: Classification, origin: string, causes: LikelyCause[]) {
  return [
    `CORS refused ${classification.method} ${classification.url} from ${origin}. Likely causes, most likely first:`,
    ...causes.map((cause, index) => `  ${index + 1}. ${cause.message}`),
  ].join('\n');
}
