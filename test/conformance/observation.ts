import type { Arrival, ClientObservation, Observation, Origins } from './types.ts';

/** What varies between runs and must be written the same way for browser and model to compare. */
export interface RunSymbols {
  origins: Origins;
  run: string;
  /** The top-level page's origin, where the runner's (`origins.page`) is another (opaque) one. */
  top?: string;
  /**
   * Request header values this browser fills in by itself (its own User-Agent), keyed by lowercase
   * name. Like FILLED_IN_BY_EVERY_ENGINE, they are recorded as null.
   */
  browserDefaults?: Record<string, string>;
}

/**
 * Values every engine sends on its own when the script set none (or had its value dropped). They are
 * recorded as null on both sides, since the model only ever sees what the script sent.
 */
const FILLED_IN_BY_EVERY_ENGINE: Record<string, string> = { accept: '*/*' };

/** Joins what the script saw in one step with what reached the servers during it. */
export function combine(client: ClientObservation, arrivals: Arrival[], symbols: RunSymbols): Observation {
  const sym = (value: string | null) => (value === null ? null : symbolize(value, symbols));
  const preflight = arrivals.find((arrival) => arrival.preflight);
  const actual = arrivals.filter((arrival) => !arrival.preflight).at(-1);
  const filledIn = { ...FILLED_IN_BY_EVERY_ENGINE, ...symbols.browserDefaults };
  const recordedHeaders = (arrival: Arrival) =>
    Object.fromEntries(
      Object.entries(arrival.headers).map(([name, value]) => [
        name,
        value !== null && filledIn[name] === value ? null : sym(value),
      ]),
    );

  return {
    caseId: client.caseId,
    step: client.step,
    preflightSent: preflight !== undefined,
    preflight: preflight
      ? { origin: sym(preflight.origin), acrm: preflight.acrm, acrh: preflight.acrh }
      : null,
    actualSent: actual !== undefined,
    actual: actual
      ? { method: actual.method, origin: sym(actual.origin), headers: recordedHeaders(actual) }
      : null,
    trail: arrivals.map(
      (arrival) =>
        `${arrival.server}/${arrival.route} ${arrival.method}${arrival.preflight ? ' preflight' : ''}` +
        ` origin=${sym(arrival.origin)}`,
    ),
    outcome: client.outcome,
    isTypeError: client.isTypeError,
    status: client.status,
    type: client.type,
    ok: client.ok,
    redirected: client.redirected,
    readable: client.readable
      ? Object.fromEntries(Object.entries(client.readable).map(([name, value]) => [name, sym(value)]))
      : null,
    message: sym(client.message),
  };
}

/** Writes the run's origins and id as `{page}`, `{PAGE}`, `{top}`, `{api}`, `{third}` and `{run}`. */
export function symbolize(value: string, symbols: RunSymbols): string {
  const { page, api, third } = symbols.origins;
  const names: Array<[string, string]> = [
    [page, '{page}'],
    [upperCaseScheme(page), '{PAGE}'],
    ...(symbols.top && symbols.top !== page ? [[symbols.top, '{top}'] as [string, string]] : []),
    [api, '{api}'],
    [third, '{third}'],
    [symbols.run, '{run}'],
  ];
  let result = value;
  for (const [literal, name] of names) {
    // Not followed by a digit: port 4100 must not match inside port 41001.
    result = result.replace(new RegExp(`${escapeRegExp(literal)}(?!\\d)`, 'g'), name);
  }
  return result;
}

/** `http://a` -> `HTTP://a`, `https://a` -> `HTTPS://a`: what `{PAGE}` stands for. */
export function upperCaseScheme(origin: string): string {
  return origin.replace(/^https?:/, (scheme) => scheme.toUpperCase());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The observation without the fields kept for humans only. */
export function comparable(observation: Observation): Omit<Observation, 'message'> {
  const { message: _message, ...rest } = observation;
  return rest;
}
