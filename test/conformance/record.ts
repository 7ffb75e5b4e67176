// Records what the real browsers do, without the model:
//   node --experimental-strip-types test/conformance/record.ts [--grep TEXT] [--http2] [--page KIND] [chromium|firefox|webkit ...]
// Writes .conformance/<engine>.json (with --http2, over HTTPS and HTTP/2: http2-<engine>.json) and prints a table that marks where the engines differ.
// --grep runs only the cases whose id contains TEXT (handy to study one behaviour).
// --page runs them from another page kind (page-kinds.ts), written to .conformance/<corpus>-<engine>.json.
import { runEngine } from './browsers.ts';
import { CASES } from './cases.ts';
import { isPageKind, PAGE_KINDS } from './page-kinds.ts';
import { saveEngineRun } from './store.ts';
import { formatTable } from './table.ts';
import { ENGINE_NAMES, type EngineName, type Observation } from './types.ts';

const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args.splice(grepAt, 2)[1] : undefined;
const http2At = args.indexOf('--http2');
const transport = http2At >= 0 ? args.splice(http2At, 1) && 'http2' : 'http1';
const pageAt = args.indexOf('--page');
const page = pageAt >= 0 ? (args.splice(pageAt, 2)[1] ?? '') : 'origin';
if (!isPageKind(page)) {
  console.error(
    `unknown page kind ${JSON.stringify(page)}; choose from ${Object.keys(PAGE_KINDS).join(', ')}`,
  );
  process.exit(2);
}
if (transport === 'http2' && page !== 'origin') {
  console.error('--http2 runs from the page itself: leave out --page');
  process.exit(2);
}
const cases = grep === undefined ? CASES : CASES.filter((testCase) => testCase.id.includes(grep));
const requested = args;
const unknown = requested.filter((name) => !ENGINE_NAMES.includes(name as EngineName));
if (unknown.length) {
  console.error(`unknown engine(s): ${unknown.join(', ')}; choose from ${ENGINE_NAMES.join(', ')}`);
  process.exit(2);
}
const engines = requested.length ? (requested as EngineName[]) : [...ENGINE_NAMES];

const recorded: Array<[EngineName, Observation[]]> = [];
let failed = false;
for (const engine of engines) {
  const run = await runEngine(engine, cases, { transport, page });
  const file = await saveEngineRun(engine, run, transport === 'http2' ? 'http2' : PAGE_KINDS[page].corpus);
  if (run.ok) {
    console.log(
      `${engine} ${run.version}: ${run.observations.length} steps of ${cases.length} cases in ${run.durationMs} ms -> ${file}`,
    );
    recorded.push([engine, run.observations]);
  } else {
    failed = true;
    console.log(`${engine}: could not run: ${run.reason}`);
  }
}
if (recorded.length) console.log(formatTable(recorded));
process.exitCode = failed ? 1 : 0;
