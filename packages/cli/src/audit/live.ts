// `corskit audit --live`: each operation's preflight sent to the live server the way `corskit
// check` sends it (check() itself runs, per engine), and the actual call never sent, unless --send
// asks for the GET and HEAD ones. The answer to an unsent call is made up as CORS-passing, so
// that a refusal can only come from the preflight.

import type { OpenApiOperation } from '@corskit/contract';
import type { Engine } from '@corskit/core';
import { type CheckReport, check, type Failure } from '../check.js';
import { type CallChoice, callOf, defaultMediaType, serverOf } from './request.js';

/** One operation's live verdict. */
export interface LiveVerdict {
  /** operationId, or `METHOD /path`. */
  readonly name: string;
  /** The method. */
  readonly method: string;
  /** The URL probed. */
  readonly url: string;
  /** Whether the actual call went out (GET and HEAD with --send). */
  readonly sent: boolean;
  /** Whether any engine preflights it (else, unsent, nothing was checked). */
  readonly preflight: boolean;
  /** The engines whose CORS refuses it, each with why and the fix. */
  readonly refused: ReadonlyArray<{ readonly engine: Engine; readonly failure: Failure }>;
}

/** What `--live` found. */
export interface LiveReport {
  /** The server origin probed. */
  readonly origin: string;
  /** Operations probed (those served from that origin). */
  readonly verdicts: readonly LiveVerdict[];
  /** Operations served elsewhere, left out. */
  readonly elsewhere: number;
}

/** `fetch` for check(): preflights (and, with send, GET/HEAD) go out; other calls get a made-up passing answer. */
function transport(page: string, send: boolean, sent: Set<string>) {
  return (request: Request, init?: { signal?: AbortSignal }): Promise<Response> => {
    const isPreflight = request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
    if (isPreflight || (send && (request.method === 'GET' || request.method === 'HEAD'))) {
      if (!isPreflight) sent.add(request.url);
      return fetch(request, init);
    }
    return Promise.resolve(
      new Response(null, {
        status: 204,
        headers: { 'access-control-allow-origin': page, 'access-control-allow-credentials': 'true' },
      }),
    );
  };
}

/** Probes every operation served from the first operation's server (or `server`). */
export async function liveAudit(
  operations: readonly OpenApiOperation[],
  options: { origin: string; engines: readonly Engine[]; server?: string; send: boolean; timeoutMs?: number },
): Promise<LiveReport> {
  const first = operations[0];
  const base = first === undefined ? '' : serverOf(first, options.server);
  const origin = first === undefined ? '' : new URL(base).origin;
  const verdicts: LiveVerdict[] = [];
  let elsewhere = 0;
  for (const operation of operations) {
    const server = serverOf(operation, options.server);
    if (new URL(server).origin !== origin) {
      elsewhere++;
      continue;
    }
    const choice: CallChoice = {
      security: 0,
      mediaType: defaultMediaType(operation),
      optionalHeaders: false,
    };
    const call = callOf(operation, server, choice);
    if (operation.method === 'TRACE' || operation.method === 'CONNECT') continue;
    const sent = new Set<string>();
    const report: CheckReport = await check({
      url: call.url,
      origin: options.origin,
      method: operation.method,
      headers: [...(call.init.headers as Headers)],
      ...(typeof call.init.body === 'string' ? { body: call.init.body } : {}),
      credentials: call.init.credentials === 'include',
      engines: [...options.engines],
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      fetch: transport(options.origin, options.send, sent),
    });
    verdicts.push({
      name: operation.name,
      method: operation.method,
      url: call.url,
      sent: sent.size > 0,
      preflight: report.engines.some((verdict) => verdict.preflight.needed),
      refused: report.engines.flatMap((verdict) =>
        verdict.failure === null ? [] : [{ engine: verdict.engine, failure: verdict.failure }],
      ),
    });
  }
  return { origin, verdicts, elsewhere };
}

/** The live verdicts for a terminal: refusals first, with their fixes. */
export function formatLive(report: LiveReport): string {
  const refused = report.verdicts.filter((verdict) => verdict.refused.length > 0);
  const unchecked = report.verdicts.filter((verdict) => !verdict.preflight && !verdict.sent);
  const out = [
    '',
    `Live, against ${report.origin}: ${report.verdicts.length} operations probed, ${refused.length} refused by its CORS` +
      (report.elsewhere > 0 ? ` (${report.elsewhere} served from another origin left out)` : ''),
  ];
  if (unchecked.length > 0) {
    out.push(
      `${unchecked.length} calls need no preflight and were not sent: nothing to check without sending them (--send sends the GET and HEAD ones).`,
    );
  }
  for (const verdict of refused) {
    const engines = verdict.refused.map((r) => r.engine).join(', ');
    const { failure } = verdict.refused[0]!;
    out.push(
      `  ${verdict.method} ${verdict.url}  ${verdict.name}: refused (${engines}): ${failure.code} at the ${failure.stage}: ${failure.message}`,
    );
    for (const line of failure.fix) out.push(`    ${line}`);
  }
  return `${out.join('\n')}\n`;
}
