// `corskit audit`: every operation of an OpenAPI document, the request a generated client sends,
// classified per engine by @corskit/core; what avoids each preflight (found by classifying the
// document's other choices, not guessed), and the CORS the server needs to allow all of it.

import { type OpenApiNote, type OpenApiOperation, readOpenApi } from '@corskit/contract';
import { classify, type Engine, type PreflightReason, type PreflightReasonCode } from '@corskit/core';
import { type CorsNeeds, corsNeeds } from './needs.js';
import { type CallChoice, callOf, defaultMediaType, serverOf } from './request.js';

/** What `audit()` takes. */
export interface AuditOptions {
  /** The parsed OpenAPI document (every $ref local: loadDocument bundles the others). */
  readonly document: unknown;
  /** The page origin the calls come from. */
  readonly origin: string;
  /** The engines to classify for; default all four. */
  readonly engines: readonly Engine[];
  /** The API's base URL, instead of the document's `servers`. */
  readonly server?: string;
}

/** One engine's verdict on an operation's call. */
export interface EngineClassification {
  /** The engine. */
  readonly engine: Engine;
  /** Whether it sends a preflight first. */
  readonly preflight: boolean;
  /** Every reason, with what would avoid it. */
  readonly reasons: readonly PreflightReason[];
  /** Access-Control-Request-Headers, lowercase and sorted. */
  readonly requestHeaders: readonly string[];
  /** Headers it drops (scripts cannot set them). */
  readonly dropped: readonly string[];
}

/** One operation, audited. */
export interface OperationAudit {
  /** operationId, or `METHOD /path`. */
  readonly name: string;
  /** The method. */
  readonly method: string;
  /** The path template. */
  readonly path: string;
  /** Where it is in the document. */
  readonly pointer: string;
  /** The request a generated client sends by default. */
  readonly request: {
    readonly url: string;
    readonly headers: ReadonlyArray<readonly [string, string]>;
    readonly credentials: boolean;
  };
  /** Whether the call is cross-origin (from `origin` to the server). */
  readonly crossOrigin: boolean;
  /** Per engine, or null when fetch() refuses the call before sending it (TRACE, ...). */
  readonly engines: readonly EngineClassification[] | null;
  /** Why fetch() refuses it, when it does. */
  readonly invalid: string | null;
  /** Other calls the document allows that the first engine asked sends without a preflight. */
  readonly avoid: readonly string[];
  /** Optional header params that add a preflight when sent. */
  readonly optionalHeaders: readonly string[];
}

/** Counts for one engine. */
export interface EngineSummary {
  /** The engine. */
  readonly engine: Engine;
  /** Operations whose call preflights. */
  readonly preflight: number;
  /** Operations per reason code. */
  readonly reasons: Partial<Record<PreflightReasonCode, number>>;
}

/** What `audit()` found. */
export interface AuditReport {
  /** The document's title and version. */
  readonly title: string;
  /** The `openapi` version. */
  readonly openapi: string;
  /** The page origin. */
  readonly origin: string;
  /** The engines classified for. */
  readonly engines: readonly Engine[];
  /** Counts: every operation, the cross-origin ones, the ones fetch() refuses, per engine. */
  readonly summary: {
    readonly operations: number;
    readonly crossOrigin: number;
    readonly invalid: number;
    /** Operations that preflight by default but have a call that does not (in the first engine). */
    readonly avoidable: number;
    readonly engines: readonly EngineSummary[];
  };
  /** Every operation, in the document's order. */
  readonly operations: readonly OperationAudit[];
  /** The CORS the server needs to allow every audited call. */
  readonly cors: CorsNeeds;
  /** What the document said that the audit read past. */
  readonly notes: readonly OpenApiNote[];
}

function tryClassify(
  call: ReturnType<typeof callOf>,
  origin: string,
  engine: Engine,
): EngineClassification | string {
  try {
    const result = classify(call.url, call.init, { origin, engine });
    return {
      engine,
      preflight: result.preflight,
      reasons: result.reasons,
      requestHeaders: result.requestHeaders,
      dropped: result.dropped,
    };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Every call the document allows for an operation: each security alternative with each media type. */
function choicesOf(operation: OpenApiOperation): CallChoice[] {
  const alternatives = Math.max(operation.security.length, 1);
  const types =
    operation.body === null || operation.method === 'GET' || operation.method === 'HEAD'
      ? [null]
      : operation.body.content.map((media) => media.type);
  const choices: CallChoice[] = [];
  for (let security = 0; security < alternatives; security++) {
    for (const mediaType of types.length === 0 ? [null] : types) {
      choices.push({ security, mediaType, optionalHeaders: false });
    }
  }
  return choices;
}

function describeChoice(operation: OpenApiOperation, choice: CallChoice, base: CallChoice): string {
  const parts: string[] = [];
  if (choice.security !== base.security) {
    const credentials = operation.security[choice.security] ?? [];
    parts.push(
      credentials.length === 0
        ? 'call it without credentials (its security allows no credentials)'
        : `use ${credentials.map((c) => `${c.scheme} (${c.in === 'tls' ? 'a client certificate' : `${c.in} ${c.field}`})`).join(' and ')}`,
    );
  }
  if (choice.mediaType !== base.mediaType) parts.push(`send the body as ${choice.mediaType}`);
  return parts.join(', and ');
}

function auditOperation(operation: OpenApiOperation, options: AuditOptions): OperationAudit {
  const base = serverOf(operation, options.server);
  const choice: CallChoice = { security: 0, mediaType: defaultMediaType(operation), optionalHeaders: false };
  const call = callOf(operation, base, choice);
  const crossOrigin = new URL(call.url).origin !== options.origin;
  const engines: EngineClassification[] = [];
  let invalid: string | null = null;
  for (const engine of options.engines) {
    const result = tryClassify(call, options.origin, engine);
    if (typeof result === 'string') invalid = result;
    else engines.push(result);
  }
  const first = options.engines[0]!;
  const avoid: string[] = [];
  const optionalHeaders: string[] = [];
  if (invalid === null && engines[0]?.preflight) {
    for (const other of choicesOf(operation)) {
      if (other.security === choice.security && other.mediaType === choice.mediaType) continue;
      const result = tryClassify(callOf(operation, base, other), options.origin, first);
      if (typeof result !== 'string' && !result.preflight)
        avoid.push(describeChoice(operation, other, choice));
    }
  }
  if (invalid === null) {
    const withOptional = tryClassify(
      callOf(operation, base, { ...choice, optionalHeaders: true }),
      options.origin,
      first,
    );
    const before = new Set(engines[0]?.requestHeaders ?? []);
    if (typeof withOptional !== 'string') {
      for (const name of withOptional.requestHeaders) if (!before.has(name)) optionalHeaders.push(name);
    }
  }
  return {
    name: operation.name,
    method: operation.method,
    path: operation.path,
    pointer: operation.pointer,
    request: {
      url: call.url,
      headers: [...(call.init.headers as Headers)],
      credentials: call.init.credentials === 'include',
    },
    crossOrigin,
    engines: invalid === null ? engines : null,
    invalid,
    avoid,
    optionalHeaders,
  };
}

/**
 * Audits every operation of an OpenAPI document for calls from a page on `origin`. Throws the
 * contract's OpenApiError (with its JSON pointer) when the document cannot be read.
 */
export function audit(options: AuditOptions): AuditReport {
  const description = readOpenApi(options.document);
  const operations = description.operations.map((operation) => auditOperation(operation, options));
  const engines = options.engines.map((engine, index): EngineSummary => {
    const reasons: Partial<Record<PreflightReasonCode, number>> = {};
    let preflight = 0;
    for (const operation of operations) {
      const verdict = operation.engines?.[index];
      if (verdict === undefined || !verdict.preflight) continue;
      preflight++;
      for (const code of new Set(verdict.reasons.map((reason) => reason.code))) {
        reasons[code] = (reasons[code] ?? 0) + 1;
      }
    }
    return { engine, preflight, reasons };
  });
  const title = [description.info.title ?? '(untitled)', description.info.version].filter(Boolean).join(' ');
  return {
    title,
    openapi: description.version,
    origin: options.origin,
    engines: options.engines,
    summary: {
      operations: operations.length,
      crossOrigin: operations.filter((operation) => operation.crossOrigin).length,
      invalid: operations.filter((operation) => operation.invalid !== null).length,
      avoidable: operations.filter((operation) => operation.avoid.length > 0).length,
      engines,
    },
    operations,
    cors: corsNeeds(description.operations, options.origin),
    notes: description.notes,
  };
}
