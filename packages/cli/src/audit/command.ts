// `corskit audit FILE`: load the document, audit it, print it in the format asked.
import { OpenApiError, readOpenApi } from '@corskit/contract';
import type { Engine } from '@corskit/core';
import { type AuditReport, audit } from './audit.js';
import { formatAudit, formatAuditMarkdown } from './format.js';
import { formatLive, type LiveReport, liveAudit } from './live.js';
import { DocumentError, loadDocument } from './load.js';

/** `corskit audit` as parsed from the command line. */
export interface AuditCommand {
  readonly kind: 'audit';
  readonly file: string;
  readonly origin: string;
  readonly engines: readonly Engine[];
  readonly format: 'text' | 'json' | 'markdown';
  readonly server?: string;
  readonly live: boolean;
  readonly send: boolean;
  readonly timeoutMs?: number;
}

/** Runs the audit and returns what to print. Rejects with a DocumentError or an OpenApiError. */
export async function runAudit(command: AuditCommand): Promise<{ text: string; status: number }> {
  const document = await loadDocument(command.file);
  let report: AuditReport;
  try {
    report = audit({
      document,
      origin: command.origin,
      engines: command.engines,
      ...(command.server === undefined ? {} : { server: command.server }),
    });
  } catch (error) {
    // The message starts with the JSON pointer of the place: `#/paths/~1items/get: ...`.
    if (error instanceof OpenApiError) throw new DocumentError(`${command.file} at ${error.message}`);
    throw error;
  }
  let live: LiveReport | undefined;
  if (command.live) {
    live = await liveAudit(readOpenApi(document).operations, {
      origin: command.origin,
      engines: command.engines,
      send: command.send,
      ...(command.server === undefined ? {} : { server: command.server }),
      ...(command.timeoutMs === undefined ? {} : { timeoutMs: command.timeoutMs }),
    });
  }
  const text =
    command.format === 'json'
      ? `${JSON.stringify(live === undefined ? report : { ...report, live }, null, 2)}\n`
      : (command.format === 'markdown' ? formatAuditMarkdown(report) : formatAudit(report)) +
        (live === undefined ? '' : formatLive(live));
  const refused = live?.verdicts.some((verdict) => verdict.refused.length > 0) ?? false;
  return { text, status: refused ? 1 : 0 };
}
