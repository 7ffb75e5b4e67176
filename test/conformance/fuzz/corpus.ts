// A fuzz corpus: `count` cases drawn from the grammar with one seed, the same for every engine and
// every run. Case ids name the seed and the index, so a disagreement can be drawn again on its own.
import fc from 'fast-check';
import type { RequestSpec, Step, TestCase } from '../types.ts';
import { routes, steps } from './grammar.ts';

/** The seed and size CI runs; `npm run fuzz -- --seed N --count M` runs others. */
export const CI_SEED = 20261201;
export const CI_COUNT = 300;

/**
 * Request headers a server cannot record faithfully from a browser: the engine owns them (Host,
 * Origin, Sec-*, hop-by-hop and body framing), so the script's attempt says nothing on the wire.
 */
const ENGINE_OWNED =
  /^(host|origin|referer|accept-encoding|connection|content-length|keep-alive|te|trailer|transfer-encoding|upgrade|expect|priority|sec-.*|access-control-request-.*)$/;

/** Request headers recorded in every fuzz case, set or not: the cache mode's and the body's traces. */
const ALWAYS_RECORDED = ['accept', 'accept-language', 'content-type', 'cache-control', 'pragma', 'range'];

const READ = [
  'x-custom',
  'x-other',
  'content-type',
  'content-length',
  'content-language',
  'cache-control',
  'set-cookie',
  'content-encoding',
];

export function fuzzCases(seed: number, count: number): TestCase[] {
  const drawn = fc.sample(fc.tuple(steps, routes), { seed, numRuns: count });
  return drawn.map(([caseSteps, caseRoutes], index) => ({
    id: `fuzz-${seed}-${index}`,
    group: 'fuzz',
    title: describeSteps(caseSteps),
    steps: caseSteps,
    routes: caseRoutes,
    read: READ,
    record: recorded(caseSteps),
  }));
}

function recorded(caseSteps: Step[]): string[] {
  const names = caseSteps.flatMap((step) => (step.request.headers ?? []).map(([name]) => name.toLowerCase()));
  return [...new Set([...ALWAYS_RECORDED, ...names])].filter((name) => !ENGINE_OWNED.test(name)).sort();
}

/** One line per case for humans: the calls in order. */
function describeSteps(caseSteps: Step[]): string {
  return caseSteps
    .map((step) => `${step.delayMs ? `+${step.delayMs}ms ` : ''}${describe(step.request)}`)
    .join(' ; ');
}

function describe(request: RequestSpec): string {
  const parts = [request.method ?? '(GET)', request.route ?? 'a'];
  for (const key of ['mode', 'credentials', 'cache', 'redirect', 'duplex'] as const) {
    if (request[key] !== undefined) parts.push(`${key}=${request[key]}`);
  }
  if (request.body) parts.push(`body=${request.body.kind}`);
  if (request.headers) parts.push(`[${request.headers.map(([name]) => name).join(', ')}]`);
  return parts.join(' ');
}
