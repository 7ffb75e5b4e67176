// The committed recordings of the cases the engine table cites (recorded.json). `pnpm run
// docs:engines` refreshes them from the last conformance run (.conformance/); the conformance suite
// fails when this run's browsers did anything else on those cases.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { EngineName, Observation } from '../types.ts';
import type { Recordings } from './table.ts';

export const RECORDINGS_FILE = fileURLToPath(new URL('./recorded.json', import.meta.url));

export async function readRecordings(): Promise<Recordings> {
  return JSON.parse(await readFile(RECORDINGS_FILE, 'utf8')) as Recordings;
}

export async function writeRecordings(recordings: Recordings): Promise<void> {
  await writeFile(RECORDINGS_FILE, `${JSON.stringify(recordings, null, 2)}\n`);
}

/** One engine's observations of the given cases, keyed by case id, steps in order. */
export function pickCases(observations: Observation[], ids: Iterable<string>): Record<string, Observation[]> {
  const picked: Record<string, Observation[]> = {};
  for (const id of ids) {
    picked[id] = observations.filter((o) => o.caseId === id).sort((a, b) => a.step - b.step);
  }
  return picked;
}

/** The recordings of one corpus and engine, as `pickCases` keys them. */
export function recordedFor(recordings: Recordings, corpus: string, engine: EngineName) {
  return Object.fromEntries(
    Object.entries(recordings[corpus] ?? {}).map(([id, byEngine]) => [id, byEngine[engine] ?? []]),
  );
}
