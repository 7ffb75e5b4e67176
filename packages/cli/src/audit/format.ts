// The audit for people: the summary first (how many operations preflight, per reason, per engine),
// then each operation in one line (with its reasons and what avoids them), then the CORS to serve.
import type { AuditReport, OperationAudit } from './audit.js';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

function summaryRows(report: AuditReport): string[][] {
  const { engines } = report.summary;
  const codes = [...new Set(engines.flatMap((engine) => Object.keys(engine.reasons)))].sort();
  return [
    ['', ...engines.map((engine) => engine.engine)],
    ['preflight', ...engines.map((engine) => String(engine.preflight))],
    [
      'no preflight',
      ...engines.map((engine) =>
        String(report.summary.operations - report.summary.invalid - engine.preflight),
      ),
    ],
    ...codes.map((code) => [
      `  ${code}`,
      ...engines.map((engine) => String(engine.reasons[code as keyof typeof engine.reasons] ?? 0)),
    ]),
  ];
}

/** One operation's verdict: `no preflight`, or `preflight: reasons`, with the engines that differ. */
function verdict(operation: OperationAudit): string {
  if (operation.engines === null) return `fetch() refuses it: ${operation.invalid}`;
  const groups = new Map<string, string[]>();
  for (const engine of operation.engines) {
    const reasons = engine.reasons.map((reason) =>
      reason.header ? `${reason.code} (${reason.header})` : reason.code,
    );
    const key = engine.preflight ? `preflight: ${[...new Set(reasons)].join(', ')}` : 'no preflight';
    groups.set(key, [...(groups.get(key) ?? []), engine.engine]);
  }
  if (groups.size === 1) return [...groups.keys()][0]!;
  return [...groups].map(([key, engines]) => `${engines.join(', ')}: ${key}`).join('; ');
}

function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return typeof value === 'string' ? `'${value.replaceAll("'", "\\'")}'` : String(value);
}

/** The policy as TypeScript to paste: definePolicy from @corskit/server. */
function policyLines(report: AuditReport): string[] {
  return [
    "import { definePolicy } from '@corskit/server';",
    '',
    'export const policy = definePolicy({',
    ...Object.entries(report.cors.policy).map(([key, value]) => `  ${key}: ${literal(value)},`),
    '});',
  ];
}

function heading(report: AuditReport): string {
  const { operations, crossOrigin } = report.summary;
  return `${report.title} (OpenAPI ${report.openapi}): ${operations} operations, ${crossOrigin} cross-origin from ${report.origin}`;
}

function avoidable(report: AuditReport): string {
  return `${report.summary.avoidable} preflighting operations have a call the document also allows that goes without one (see "avoid").`;
}

/** The audit as text for a terminal. */
export function formatAudit(report: AuditReport): string {
  const out = [heading(report), '', ...table(summaryRows(report)), '', avoidable(report), '', 'Operations:'];
  for (const operation of report.operations) {
    out.push(`  ${operation.method} ${operation.path}  ${operation.name}: ${verdict(operation)}`);
    for (const way of operation.avoid) out.push(`    avoid: ${way}`);
    if (operation.optionalHeaders.length > 0) {
      out.push(`    sending the optional ${operation.optionalHeaders.join(', ')} adds a preflight`);
    }
  }
  out.push(
    '',
    'The server needs (every call above allowed):',
    ...policyLines(report).map((line) => `  ${line}`),
  );
  out.push(
    '',
    'As header lines, on the preflight answer:',
    ...report.cors.preflightLines.map((line) => `  ${line}`),
  );
  out.push('and on every response:', ...report.cors.responseLines.map((line) => `  ${line}`));
  if (report.notes.length > 0) {
    out.push('', 'Read past:', ...report.notes.map((note) => `  ${note.pointer}: ${note.message}`));
  }
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The audit as Markdown, for a pull request or a wiki. */
export function formatAuditMarkdown(report: AuditReport): string {
  const rows = summaryRows(report);
  const out = [
    `# ${cell(heading(report))}`,
    '',
    `| ${rows[0]!.map(cell).join(' | ')} |`,
    `|${rows[0]!.map(() => ' --- |').join('')}`,
  ];
  for (const row of rows.slice(1)) out.push(`| ${row.map((text) => cell(text.trim())).join(' | ')} |`);
  out.push(
    '',
    avoidable(report),
    '',
    '## Operations',
    '',
    '| operation | method | path | browser | avoid |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const operation of report.operations) {
    const avoid = [
      ...operation.avoid,
      ...(operation.optionalHeaders.length > 0
        ? [`optional ${operation.optionalHeaders.join(', ')} preflight`]
        : []),
    ];
    out.push(
      `| ${cell(operation.name)} | ${operation.method} | \`${cell(operation.path)}\` | ${cell(verdict(operation))} | ${cell(avoid.join('; '))} |`,
    );
  }
  out.push(
    '',
    '## The CORS the server needs',
    '',
    '```ts',
    ...policyLines(report),
    '```',
    '',
    'Preflight answer:',
    '',
    '```http',
    ...report.cors.preflightLines,
    '```',
    '',
    'Every response:',
    '',
    '```http',
    ...report.cors.responseLines,
    '```',
  );
  if (report.notes.length > 0)
    out.push(
      '',
      '## Read past',
      '',
      ...report.notes.map((note) => `- \`${cell(note.pointer)}\`: ${note.message}`),
    );
  return `${out.join('\n')}\n`;
}
