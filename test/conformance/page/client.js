// Shared by the page runner and the model, so that both build every fetch() call from its spec
// the same way and observe its outcome the same way. Plain JavaScript: it runs in the browsers as is.

/** The URL a request spec points at: `<origin>/<run>/<case>/<route>`. */
export function requestUrl(origins, run, caseId, request) {
  return `${origins[request.target ?? 'api']}/${run}/${caseId}/${request.route ?? 'a'}`;
}

export function buildBody(spec) {
  switch (spec.kind) {
    case 'string':
      return spec.text;
    case 'urlsearchparams':
      return new URLSearchParams(spec.entries);
    case 'formdata': {
      const form = new FormData();
      for (const [name, value] of spec.entries) form.append(name, value);
      return form;
    }
    case 'blob':
      return spec.type === undefined ? new Blob([spec.text]) : new Blob([spec.text], { type: spec.type });
    case 'arraybuffer':
      return new Uint8Array(spec.bytes).buffer;
    case 'uint8array':
      return new Uint8Array(spec.bytes);
    case 'stream': {
      const encoder = new TextEncoder();
      return new ReadableStream({
        start(controller) {
          for (const chunk of spec.chunks) controller.enqueue(encoder.encode(chunk));
          controller.close();
        },
      });
    }
    default:
      throw new Error(`unknown body kind ${spec.kind}`);
  }
}

/** The RequestInit for a spec; members the spec leaves out stay out, so fetch's defaults apply. */
export function buildInit(request) {
  const init = {};
  if (request.method !== undefined) init.method = request.method;
  // A list of pairs, so repeated names are appended in order.
  if (request.headers !== undefined) init.headers = request.headers.map(([name, value]) => [name, value]);
  if (request.body !== undefined) init.body = buildBody(request.body);
  if (request.duplex !== undefined) init.duplex = request.duplex;
  if (request.mode !== undefined) init.mode = request.mode;
  if (request.credentials !== undefined) init.credentials = request.credentials;
  if (request.redirect !== undefined) init.redirect = request.redirect;
  if (request.cache !== undefined) init.cache = request.cache;
  return init;
}

/** Calls fetch once and records what the script can see. Never throws. */
export async function observeStep(fetchFn, url, init, read, timeoutMs) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal });
    const readable = Object.fromEntries(read.map((name) => [name, response.headers.get(name)]));
    // Drain the body so the connection is free for the next request.
    await response.arrayBuffer().catch(() => undefined);
    return {
      outcome: 'resolved',
      isTypeError: false,
      message: null,
      status: response.status,
      type: response.type,
      ok: response.ok,
      redirected: response.redirected,
      readable,
    };
  } catch (error) {
    return {
      outcome: timedOut ? 'timeout' : 'rejected',
      isTypeError: error instanceof TypeError,
      message: `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`,
      status: null,
      type: null,
      ok: null,
      redirected: null,
      readable: null,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a case's steps one after another: waits each step's delay, marks the step (so the server
 * knows where the next requests belong), then observes the call.
 */
export async function runCase(testCase, env) {
  const observations = [];
  for (const [index, step] of testCase.steps.entries()) {
    if (step.delayMs > 0) await env.sleep(step.delayMs);
    await env.mark(testCase.id, index);
    const url = requestUrl(env.origins, env.run, testCase.id, step.request);
    const seen = await observeStep(env.fetch, url, buildInit(step.request), testCase.read, env.timeoutMs);
    observations.push({ caseId: testCase.id, step: index, ...seen });
  }
  return observations;
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the items' order. */
export async function runPool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
