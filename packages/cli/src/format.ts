import type { CheckReport, EngineVerdict } from './check.js';

/** The human-readable report: a verdict table, then the reasons and fixes, each said once. */
export function formatReport(report: CheckReport): string {
  const out: string[] = [];
  const credentials = report.credentials ? 'with credentials' : 'without credentials';
  out.push(`${report.method} ${report.url}`, `from a page on ${report.origin}, ${credentials}`);
  if (report.headers.length > 0)
    out.push(`headers: ${report.headers.map(([name, value]) => `${name}: ${value}`).join('; ')}`);
  out.push('', ...table(report.engines), '');

  const all = report.engines.map((verdict) => verdict.engine);
  const section = (title: string, pick: (verdict: EngineVerdict) => string[] | null) => {
    for (const { engines, lines } of groupBy(report.engines, pick)) {
      out.push(`${title} (${engineList(engines, all)}):`, ...lines.map((line) => `  ${line}`));
    }
  };
  section('Preflight, because', (verdict) =>
    verdict.preflight.needed
      ? verdict.preflight.reasons.map(
          (reason) => `- ${reason.code}${reason.header ? ` (${reason.header})` : ''}: ${reason.message}`,
        )
      : null,
  );
  section('No preflight', (verdict) =>
    verdict.preflight.needed || verdict.failure?.stage === 'request'
      ? null
      : ['- a CORS-safelisted method and headers: the request goes out directly'],
  );
  section('Dropped by the browser', (verdict) =>
    verdict.dropped.length > 0
      ? [`- ${verdict.dropped.join(', ')}: forbidden to scripts, sent without them`]
      : null,
  );
  section('Refused', (verdict) => (verdict.failure === null ? null : failureLines(verdict)));
  section('Readable response headers', (verdict) =>
    verdict.allowed
      ? [verdict.readableHeaders.length > 0 ? verdict.readableHeaders.join(', ') : '(none)']
      : null,
  );
  section('Download total', (verdict) => (verdict.progress === null ? null : [verdict.progress.note]));
  out.push(...cacheLines(report));

  out.push('', 'Sent:');
  for (const exchange of report.exchanges) {
    out.push(
      `  ${exchange.method} ${exchange.url} -> ${exchange.status} (${engineList(exchange.engines, all)})`,
    );
  }
  if (report.exchanges.length === 0) out.push('  nothing: every engine refuses the call before sending it');

  const refused = report.engines.filter((verdict) => !verdict.allowed).map((verdict) => verdict.engine);
  out.push(
    '',
    refused.length === 0 ? `Allowed in ${engineList(all, all)}.` : `Refused in ${engineList(refused, all)}.`,
  );
  return `${out.join('\n')}\n`;
}

function table(verdicts: EngineVerdict[]): string[] {
  const rows = [
    ['engine', 'preflight', 'verdict', 'preflight cached', 'download total'],
    ...verdicts.map((verdict) => [
      verdict.engine,
      verdict.preflight.needed ? 'yes' : 'no',
      verdict.allowed ? `allowed (${verdict.status})` : `refused: ${verdict.failure?.code}`,
      verdict.preflight.cacheSeconds === null ? '-' : `${verdict.preflight.cacheSeconds} s`,
      downloadCell(verdict),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

function downloadCell({ progress }: EngineVerdict): string {
  if (progress === null) return '-';
  if (progress.total === null) return 'unknown';
  return progress.source === 'content-length'
    ? `${progress.total} B (Content-Length)`
    : `${progress.total} B`;
}

function failureLines(verdict: EngineVerdict): string[] {
  const failure = verdict.failure!;
  const lines = [`- ${failure.code} at the ${failure.stage}: ${failure.message}`];
  if (failure.fix.length > 0)
    lines.push('  On the server, send:', ...failure.fix.map((line) => `    ${line}`));
  return lines;
}

/** Says how long each engine keeps the preflight answer, and whether a cap cut it short. */
function cacheLines(report: CheckReport): string[] {
  const cached = report.engines.filter((verdict) => verdict.preflight.cacheSeconds !== null);
  if (cached.length === 0) return [];
  const sent = cached[0]!.preflight.maxAge;
  const header =
    sent === null ? 'no Access-Control-Max-Age (engines default to 5 s)' : `Access-Control-Max-Age: ${sent}`;
  const per = cached.map((verdict) => `${verdict.engine} ${verdict.preflight.cacheSeconds} s`).join(', ');
  return [`Preflight cache: the server sent ${header}; kept for ${per}.`];
}

/** Groups engines whose lines are identical, so that a reason shared by all is printed once. */
function groupBy(
  verdicts: EngineVerdict[],
  pick: (verdict: EngineVerdict) => string[] | null,
): Array<{ engines: string[]; lines: string[] }> {
  const groups = new Map<string, { engines: string[]; lines: string[] }>();
  for (const verdict of verdicts) {
    const lines = pick(verdict);
    if (lines === null) continue;
    const key = lines.join('\n');
    const group = groups.get(key) ?? { engines: [], lines };
    group.engines.push(verdict.engine);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function engineList(engines: readonly string[], all: readonly string[]): string {
  return engines.length === all.length && all.length > 1 ? 'every engine' : engines.join(', ');
}
