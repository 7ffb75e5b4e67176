// The shapes shared by the corpus, the servers, the page, the browsers and the model.
// Everything here is plain data so it can be sent to the page as JSON.

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINE_NAMES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** The three origins of a run. The page runs on `page`, the API on `api`, redirect targets on `third`. */
export interface Origins {
  page: string;
  api: string;
  third: string;
}

/** Which of our servers a request goes to (the page server is never a fetch target). */
export type ServerName = 'api' | 'third';

/** A request body, built identically in the page and in Node. */
export type BodySpec =
  | { kind: 'string'; text: string }
  | { kind: 'urlsearchparams'; entries: Array<[string, string]> }
  | { kind: 'formdata'; entries: Array<[string, string]> }
  | { kind: 'blob'; text: string; type?: string }
  | { kind: 'arraybuffer'; bytes: number[] }
  | { kind: 'uint8array'; bytes: number[] }
  | { kind: 'stream'; chunks: string[] };

/** One fetch() call. Unset members are left out of the RequestInit, so fetch's defaults apply. */
export interface RequestSpec {
  /** Which server the URL points at; default `api`. */
  target?: ServerName;
  /** The last path segment, naming one of the case's routes; default `a`. */
  route?: string;
  method?: string;
  /** Header list in order; repeated names are appended, not replaced. */
  headers?: Array<[string, string]>;
  body?: BodySpec;
  /** Set `half` for stream bodies; leaving it out with a stream is itself a case. */
  duplex?: 'half';
  mode?: RequestMode;
  credentials?: RequestCredentials;
  redirect?: RequestRedirect;
  cache?: RequestCache;
}

/** One call of a case, made `delayMs` after the previous one settled. */
export interface Step {
  delayMs: number;
  request: RequestSpec;
}

/**
 * How a server answers. Header values may use placeholders, expanded per request:
 * `{page}` `{api}` `{third}` (origins), `{PAGE}` (page origin with upper-case scheme), `{apiHost}`,
 * `{run}` `{case}` (path segments), `{acrm}` `{acrh}` (echo of the preflight's request headers).
 */
export interface Answer {
  status: number;
  headers: Array<[string, string]>;
  /** Response body text; default `ok`. Never sent for HEAD, 204 or 304. */
  body?: string;
  /** Send the body gzip-compressed with `Content-Encoding: gzip`. */
  gzip?: boolean;
}

/** What one URL path answers: preflights (OPTIONS with Access-Control-Request-Method) and the rest. */
export interface Route {
  preflight: Answer;
  actual: Answer;
}

export interface TestCase {
  /** Unique and url-safe: it is a path segment. */
  id: string;
  group: string;
  /** One line for humans: what the case is about. */
  title: string;
  steps: Step[];
  routes: Record<string, Route>;
  /** Response header names the page reads with `response.headers.get`. */
  read: string[];
  /** Request header names (lowercase) whose received values the server records. */
  record: string[];
}

/** What reached one of our servers, as recorded by `respond`. */
export interface Arrival {
  server: ServerName;
  route: string;
  method: string;
  /** OPTIONS carrying Access-Control-Request-Method. */
  preflight: boolean;
  origin: string | null;
  acrm: string | null;
  acrh: string | null;
  /** Values of the case's `record` headers; null when absent. */
  headers: Record<string, string | null>;
}

/** What the script saw for one step, recorded by the shared client code (page or model). */
export interface ClientObservation {
  caseId: string;
  step: number;
  outcome: 'resolved' | 'rejected' | 'timeout';
  isTypeError: boolean;
  /** For humans only; engines word their errors differently. */
  message: string | null;
  status: number | null;
  type: ResponseType | null;
  ok: boolean | null;
  redirected: boolean | null;
  /** `response.headers.get(name)` for every name in the case's `read` list; null when rejected. */
  readable: Record<string, string | null> | null;
}

/** One step of one case: what the script saw joined with what the servers saw. */
export interface Observation {
  caseId: string;
  step: number;
  preflightSent: boolean;
  /** The first preflight. */
  preflight: { origin: string | null; acrm: string | null; acrh: string | null } | null;
  actualSent: boolean;
  /** The last non-preflight request (after redirects, the final one). */
  actual: { method: string; origin: string | null; headers: Record<string, string | null> } | null;
  /** Every request that arrived, in order, e.g. `api/a OPTIONS preflight origin={page}`. */
  trail: string[];
  outcome: ClientObservation['outcome'];
  isTypeError: boolean;
  status: number | null;
  type: ResponseType | null;
  ok: boolean | null;
  redirected: boolean | null;
  readable: Record<string, string | null> | null;
  /** For humans only: not compared. */
  message: string | null;
}
