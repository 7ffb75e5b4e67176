import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { EngineRun } from './browsers.ts';
import type { EngineName } from './types.ts';

/** Where raw observations go (git-ignored), one JSON file per engine. */
export const OBSERVATIONS_DIR = fileURLToPath(new URL('../../.conformance/', import.meta.url));

/** Writes one engine's run; runs other than the chosen corpus's are named `<corpus>-<engine>.json`. */
export async function saveEngineRun(
  engine: EngineName,
  run: EngineRun,
  corpus = 'conformance',
): Promise<string> {
  await mkdir(OBSERVATIONS_DIR, { recursive: true });
  const file = `${OBSERVATIONS_DIR}${corpus === 'conformance' ? '' : `${corpus}-`}${engine}.json`;
  await writeFile(
    file,
    `${JSON.stringify({ engine, recordedAt: new Date().toISOString(), ...run }, null, 2)}\n`,
  );
  return file;
}
