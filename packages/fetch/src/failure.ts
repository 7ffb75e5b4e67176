import type { CorsErrorCode } from '@corskit/core';
import type { BaseFetch, ClientContext } from './context.js';
import { isCrossOrigin } from './environment.js';
import { CorsError } from './errors.js';
import type { RequestPlan } from './plan.js';

/** @corskit/core's CorsError (from createCorsFetch) says exactly which check failed. */
function coreCorsCode(error: TypeError): CorsErrorCode | undefined {
  const code = (error as { code?: unknown }).code;
  return error.name === 'CorsError' && typeof code === 'string' ? (code as CorsErrorCode) : undefined;
}

/**
 * Whether the server answers at all. A no-cors HEAD needs neither a preflight nor CORS headers,
 * so an answer means the failed call reached a live server and was refused by CORS.
 */
async function serverAnswers(send: BaseFetch, url: string): Promise<boolean> {
  try {
    await send(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}

/**
 * What a failed fetch becomes: a CorsError when it was a cross-origin call refused by CORS (never
 * retried), otherwise the error unchanged (ky turns network errors into a retried NetworkError).
 * Browsers report both as the same bare TypeError, hence the probe.
 */
export async function explainFailure(
  error: unknown,
  request: Request,
  plan: RequestPlan | undefined,
  context: ClientContext,
): Promise<unknown> {
  if (!(error instanceof TypeError) || !isCrossOrigin(request.url, context.origin)) return error;
  const known = coreCorsCode(error);
  if (known === undefined && !(context.probe && (await serverAnswers(context.fetch, request.url)))) {
    return error;
  }
  const diagnosis = context.dev?.diagnose(request, plan, error, known);
  return new CorsError(
    request,
    known ?? 'refused',
    diagnosis?.message ?? `CORS refused ${request.method} ${request.url}`,
    { ...diagnosis, cause: error },
  );
}
