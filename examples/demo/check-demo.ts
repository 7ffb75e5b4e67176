// The quick-start demo (`npm run demo`): starts the example API (examples/api) on its default port,
// runs `corskit check` against it for a handful of typical calls from the example app's origin,
// prints one verdict per call and engine, and exits.
import { type CheckOptions, type CheckReport, check, type EngineVerdict } from '@corskit/cli';
import { DEFAULT_API_PORT, DEFAULT_APP_ORIGIN, DEMO_API_KEY, startApi } from '@corskit/example-api';

interface Call {
  label: string;
  path: string;
  options?: Partial<CheckOptions>;
}

const CALLS: Call[] = [
  { label: 'GET /items', path: '/items' },
  {
    label: 'PATCH /items/1, JSON + X-API-Key',
    path: '/items/1',
    options: {
      method: 'PATCH',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-API-Key', DEMO_API_KEY],
      ],
      body: '{"done":true}',
    },
  },
  { label: 'GET /me, with credentials', path: '/me', options: { credentials: true } },
  { label: 'GET /report.csv', path: '/report.csv' },
  { label: 'GET /items + Save-Data: on', path: '/items', options: { headers: [['Save-Data', 'on']] } },
  { label: 'GET /items + X-Debug: 1', path: '/items', options: { headers: [['X-Debug', '1']] } },
  {
    label: 'DELETE /items/3 + X-API-Key',
    path: '/items/3',
    options: { method: 'DELETE', headers: [['X-API-Key', 'demo-key']] },
  },
  {
    label: 'GET /items from https://evil.example',
    path: '/items',
    options: { origin: 'https://evil.example' },
  },
];

const port = process.env.PORT === undefined ? DEFAULT_API_PORT : Number(process.env.PORT);
const api = await startApi(port, { reportPaceMs: 0 });
try {
  console.log(
    `The example API runs on ${api.origin}; each call comes from a page on ${DEFAULT_APP_ORIGIN}.\n`,
  );
  const reports: Array<{ call: Call; report: CheckReport }> = [];
  for (const call of CALLS) {
    const report = await check({ url: api.origin + call.path, origin: DEFAULT_APP_ORIGIN, ...call.options });
    reports.push({ call, report });
  }
  console.log(verdictTable(reports));
  console.log('\n* preflighted (OPTIONS first)   total: download progress knows the size\n');
  for (const { call, report } of reports) console.log(`${call.label}\n  ${explain(report)}`);
  console.log(
    `\nThe full report for any call: bash scripts/run.sh exec corskit check ${api.origin}/items/1 --origin ${DEFAULT_APP_ORIGIN} -X PATCH -H 'X-API-Key: ${DEMO_API_KEY}'`,
  );
} finally {
  await api.close();
}

function cell(verdict: EngineVerdict): string {
  const mark = verdict.preflight.needed ? '*' : '';
  if (!verdict.allowed) return `refused${mark}`;
  const total = verdict.progress?.source === 'decoded-length' ? ', total' : '';
  return `${verdict.status}${mark}${total}`;
}

function verdictTable(reports: Array<{ call: Call; report: CheckReport }>): string {
  const engines = reports[0]!.report.engines.map((verdict) => verdict.engine);
  const rows = [
    ['call', ...engines],
    ...reports.map(({ call, report }) => [call.label, ...report.engines.map(cell)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((text, column) => text.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One line per call: why it preflights, or why it is refused and what would fix it. */
function explain(report: CheckReport): string {
  const refused = report.engines.filter((verdict) => !verdict.allowed);
  if (refused.length > 0) {
    const failure = refused[0]!.failure!;
    const who =
      refused.length === report.engines.length ? 'every engine' : refused.map((v) => v.engine).join(', ');
    const fix = failure.fix.filter((line) => line.startsWith('Access-Control-')).join(' / ');
    return `refused in ${who}: ${failure.code} at the ${failure.stage}${fix ? `; the server would need ${fix}` : ''}`;
  }
  const preflighted = report.engines.find((verdict) => verdict.preflight.needed);
  if (preflighted) {
    const reasons = preflighted.preflight.reasons.map((reason) => reason.header ?? reason.code).join(', ');
    return `allowed; preflighted because of ${reasons}; answer cached ${report.engines.map((v) => `${v.engine} ${v.preflight.cacheSeconds} s`).join(', ')}`;
  }
  return `allowed without a preflight; the script reads ${report.engines[0]!.readableHeaders.join(', ') || 'no headers'}`;
}
