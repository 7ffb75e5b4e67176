// `corskit audit FILE`: load the document, audit it, print it in the format asked.
import { OpenApiError } from '@corskit/contract';
import type { Engine } from '@corskit/core';
import { type AuditReport, audit } from './audit.js';
import { formatAudit, formatAuditMarkdown } from './format.js';
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
  const text =
    command.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : command.format === 'markdown'
        ? formatAuditMarkdown(report)
        : formatAudit(report);
  return { text, status: 0 };
}
