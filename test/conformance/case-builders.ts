// Small helpers that keep the corpus readable. They only assemble plain data.
import type { Answer, RequestSpec, Route, Step, TestCase } from './types.ts';

export type HeaderList = Array<[string, string]>;

/** CORS headers that admit the page, with or without credentials. */
export const ALLOW_PAGE: HeaderList = [
  ['Access-Control-Allow-Origin', '{page}'],
  ['Access-Control-Allow-Credentials', 'true'],
];

/** A preflight answer that allows whatever the preflight asks for (it echoes the request). */
export const ALLOW_ANY_PREFLIGHT: Answer = {
  status: 204,
  headers: [
    ...ALLOW_PAGE,
    ['Access-Control-Allow-Methods', '{acrm}'],
    ['Access-Control-Allow-Headers', '{acrh}'],
  ],
};

export const OK: Answer = { status: 200, headers: ALLOW_PAGE };

export const answer = (status: number, headers: HeaderList, extra: Partial<Answer> = {}): Answer => ({
  status,
  headers,
  ...extra,
});

/** The absolute URL of another route of the same case on `server`, for Location headers. */
export const routeUrl = (server: 'api' | 'third', route: string) => `{${server}}/{run}/{case}/${route}`;

export interface CaseOptions {
  preflight?: Answer;
  actual?: Answer;
  /** Extra routes beside `a` (redirect targets). */
  routes?: Record<string, Route>;
  read?: string[];
  record?: string[];
}

/** A case of one request to route `a`. */
export function single(
  id: string,
  group: string,
  title: string,
  request: RequestSpec,
  options: CaseOptions = {},
): TestCase {
  return sequence(id, group, title, [{ delayMs: 0, request }], options);
}

/** A case of several requests, each `delayMs` after the previous one settled. */
export function sequence(
  id: string,
  group: string,
  title: string,
  steps: Step[],
  options: CaseOptions = {},
): TestCase {
  return {
    id,
    group,
    title,
    steps,
    routes: {
      a: { preflight: options.preflight ?? ALLOW_ANY_PREFLIGHT, actual: options.actual ?? OK },
      ...options.routes,
    },
    read: options.read ?? [],
    record: options.record ?? [],
  };
}

/** `id`-safe slug of a header value, for generated ids. */
export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30) || 'empty';
