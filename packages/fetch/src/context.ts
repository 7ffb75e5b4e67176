import type { Engine } from '@corskit/core';
import type { Input } from 'ky';
import type { DevelopmentTools } from './development/tools.js';
import type { ClientPolicy } from './policy.js';

export type BaseFetch = (input: Input, init?: RequestInit) => Promise<Response>;

/** Everything a client's calls share. */
export interface ClientContext {
  /** The page origin; undefined outside a page, where CORS does not apply. */
  origin: string | undefined;
  engine: Engine;
  policy: ClientPolicy | undefined;
  /** Whether a failed cross-origin call may send a no-cors HEAD to tell CORS from the network. */
  probe: boolean;
  /** The `contentLengthIsDecoded` option: a readable Content-Length is the decoded size. */
  contentLengthIsDecoded: boolean;
  /** The fetch that really sends: the `fetch` option, else the global fetch at call time. */
  fetch: BaseFetch;
  /** Diagnostics; undefined in production builds. */
  dev: DevelopmentTools | undefined;
}
