// What readOpenApi finds in a document: every operation with what its client call sends (the
// parts CORS cares about), every alternative it accepts, and where each came from.
import type { JsonSchema } from '../schema.js';

/** A parameter (path, query, header or cookie) of an operation, path-level ones merged in. */
export interface OpenApiParameter {
  /** As declared (header names lowercased). */
  readonly name: string;
  /** Whether the call must send it (path params always). */
  readonly required: boolean;
  /** Its JSON Schema (`{}` when none is given). */
  readonly schema: JsonSchema;
  /** Where it is declared. */
  readonly pointer: string;
}

/** How one security scheme travels in the browser's request. */
export interface OpenApiCredential {
  /** The scheme's name under `components.securitySchemes`. */
  readonly scheme: string;
  /** The scheme's `type` (`apiKey`, `http`, `oauth2`, `openIdConnect`, `mutualTLS`). */
  readonly type: string;
  /**
   * Where the credential goes: a request `header`, a `query` field, a `cookie` (so the call needs
   * `credentials: 'include'`), or `tls` (a client certificate, nothing a script sets).
   */
  readonly in: 'header' | 'query' | 'cookie' | 'tls';
  /** The header, query field or cookie name (lowercase for headers; `authorization` for http, oauth2 and OpenID Connect). */
  readonly field: string;
}

/** One way to satisfy an operation's security: every credential in it at once. `[]` is "no credentials". */
export type OpenApiSecurityAlternative = readonly OpenApiCredential[];

/** A media type the request body or a response may have. */
export interface OpenApiMediaType {
  /** As declared (`application/json`, `multipart/form-data`, ...). */
  readonly type: string;
  /** Its JSON Schema (`{}` when none is given). */
  readonly schema: JsonSchema;
}

/** One declared response. */
export interface OpenApiResponse {
  /** The key as written: `200`, `4XX` or `default`. */
  readonly status: string;
  /** What the document says it means. */
  readonly description: string | undefined;
  /** Response headers by lowercase name. */
  readonly headers: readonly OpenApiParameter[];
  /** Its body's media types (none for a response without a body). */
  readonly content: readonly OpenApiMediaType[];
}

/** One operation: a method on a path, with what its call sends and what it answers. */
export interface OpenApiOperation {
  /** The route name: the operationId, or `METHOD /path` when there is none. */
  readonly name: string;
  /** The operationId, when given. */
  readonly operationId: string | undefined;
  /** The method, uppercase. */
  readonly method: string;
  /** The path template as written (`/items/{id}`). */
  readonly path: string;
  /** Where the operation is (`#/paths/~1items~1{id}/get`). */
  readonly pointer: string;
  /** The servers it is served from (operation, then path, then document level), variables at their defaults. */
  readonly servers: readonly string[];
  /** Path params, in the order declared. */
  readonly params: readonly OpenApiParameter[];
  /** Query params. */
  readonly query: readonly OpenApiParameter[];
  /** Header params, minus those OpenAPI says to ignore (Accept, Content-Type, Authorization). */
  readonly headers: readonly OpenApiParameter[];
  /** Cookie params (sent only with credentials, never set by a script). */
  readonly cookies: readonly OpenApiParameter[];
  /** The alternatives its security accepts, in the document's order; `[]` when it declares none. */
  readonly security: readonly OpenApiSecurityAlternative[];
  /** The request body: whether required and its media types, or null. */
  readonly body: {
    /** Whether the call must send a body. */
    readonly required: boolean;
    /** Its media types, in the document's order. */
    readonly content: readonly OpenApiMediaType[];
  } | null;
  /** Its responses, in the document's order. */
  readonly responses: readonly OpenApiResponse[];
  /** The operation's summary. */
  readonly summary: string | undefined;
  /** Whether it is marked deprecated. */
  readonly deprecated: boolean;
}

/** Something in the document readOpenApi read past (it says where, and what it did instead). */
export interface OpenApiNote {
  /** Where. */
  readonly pointer: string;
  /** What, and what was done instead. */
  readonly message: string;
}

/** What readOpenApi found in a document. */
export interface OpenApiDescription {
  /** The `openapi` version (`3.0.3`, `3.1.0`). */
  readonly version: string;
  /** The document's `info`. */
  readonly info: {
    /** The API's name. */
    readonly title?: string;
    /** The API's version. */
    readonly version?: string;
    /** What it is for. */
    readonly description?: string;
  };
  /** The document-level servers, variables at their defaults. */
  readonly servers: readonly string[];
  /** Every operation, in the document's order. */
  readonly operations: readonly OpenApiOperation[];
  /** What was read past. */
  readonly notes: readonly OpenApiNote[];
}
