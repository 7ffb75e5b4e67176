import { comparable } from './observation.ts';
import type { EngineName, Observation } from './types.ts';

/** One short cell per observation: what was sent, and what the script saw. */
export function summarize(observation: Observation): string {
  const sent: string[] = [];
  if (observation.preflightSent)
    sent.push(`pre${observation.preflight?.acrh ? `[${observation.preflight.acrh}]` : ''}`);
  if (observation.actualSent) sent.push(observation.actual!.method);
  const seen =
    observation.outcome === 'resolved'
      ? `${observation.status} ${observation.type}`
      : observation.outcome === 'timeout'
        ? 'TIMEOUT'
        : observation.isTypeError
          ? 'TypeError'
          : 'rejected';
  return `${sent.length ? sent.join(' ') : '-'} > ${seen}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The fields on which the engines' observations of one step differ, as readable lines. Descends into
 * objects that every engine has, so a difference is shown at the deepest path that holds it.
 */
export function differences(byEngine: Array<[string, Observation]>): string[] {
  const lines: string[] = [];
  const walk = (path: string, values: Array<[string, unknown]>) => {
    if (values.every(([, value]) => isRecord(value))) {
      const keys = new Set(values.flatMap(([, value]) => Object.keys(value as object)));
      for (const key of keys) {
        walk(
          path ? `${path}.${key}` : key,
          values.map(([engine, value]) => [engine, (value as Record<string, unknown>)[key]]),
        );
      }
      return;
    }
    const shown = values.map(([engine, value]) => [
      engine,
      value === undefined ? '(none)' : JSON.stringify(value),
    ]);
    if (new Set(shown.map(([, text]) => text)).size > 1) {
      lines.push(`${path}: ${shown.map(([engine, text]) => `${engine}=${text}`).join('  ')}`);
    }
  };
  walk(
    '',
    byEngine.map(([engine, observation]) => [engine, comparable(observation)]),
  );
  return lines;
}

/**
 * A table with one row per case step and one column per engine; rows where the engines disagree
 * are marked with `*` and followed by the differing fields.
 */
export function formatTable(runs: Array<[EngineName, Observation[]]>): string {
  const width = 34;
  const keyOf = (o: Observation) => `${o.caseId}#${o.step}`;
  const indexed = runs.map(([engine, list]) => [engine, new Map(list.map((o) => [keyOf(o), o]))] as const);
  const keys = [...new Set(runs.flatMap(([, list]) => list.map(keyOf)))];
  const idWidth = Math.max(...keys.map((k) => k.length), 4);
  const lines = [`  ${'case'.padEnd(idWidth)}  ${runs.map(([e]) => e.padEnd(width)).join(' ')}`];
  let disagreeing = 0;
  for (const key of keys) {
    const row = indexed.map(([engine, map]) => [engine, map.get(key)] as const);
    const present = row.filter((entry): entry is [EngineName, Observation] => entry[1] !== undefined);
    const diff = present.length > 1 ? differences(present) : [];
    if (diff.length) disagreeing++;
    const cells = row.map(([, o]) => (o ? summarize(o) : 'missing').slice(0, width).padEnd(width));
    lines.push(`${diff.length ? '*' : ' '} ${key.padEnd(idWidth)}  ${cells.join(' ')}`);
    for (const line of diff) lines.push(`${' '.repeat(idWidth + 4)}${line}`);
  }
  lines.push(`${keys.length} steps, ${disagreeing} where the engines differ`);
  return lines.join('\n');
}
