/**
 * The policy configuration. Generic over the literal config so a client can narrow, at compile
 * time, which methods and request headers it may send (see @corskit/fetch).
 */
export interface PolicyConfig {
  /** Exact origins (`https://app.example.com`) and patterns (`https://*.example.com`, `http://localhost:*`), or `*`. */
  origins: readonly string[] | '*';
  /** Methods beyond the safelisted GET, HEAD, POST (`['*']` for any method). */
  methods?: readonly string[];
  /** Request headers the server accepts (`*` for any but Authorization). */
  requestHeaders?: readonly string[] | '*';
  /** Response headers scripts may read. */
  exposeHeaders?: readonly string[] | '*';
  /** Allow cookies and HTTP auth: answers carry `Access-Control-Allow-Credentials: true` (default false). */
  credentials?: boolean;
  /** Seconds a preflight answer may be cached (default 7200, Chromium's cap). */
  maxAge?: number;
  /**
   * Answer Private Network Access preflights (`Access-Control-Request-Private-Network: true`) with
   * `Access-Control-Allow-Private-Network: true`, for servers on a private network or loopback.
   * Chromium 156 no longer sends such preflights: its Local Network Access asks the user instead,
   * and a public page's calls to a loopback API fail before anything is sent (headless Chromium
   * refuses them; measured in test/conformance/local-network.test.ts). Older Chromium builds and
   * embedders with the previous rules still send them.
   */
  privateNetworkAccess?: boolean;
  /**
   * Say why a request was refused: a `X-Corskit-Debug` header on the refused answer and a log line
   * (console.warn, or this function). For development only: it tells callers about the policy.
   */
  debug?: boolean | ((refusal: CorsRefusal) => void);
  /**
   * Narrows the allowlist further (say, to active tenants of `https://*.example.com`). Called only
   * for origins the allowlist already allows, so it can refuse more but never allow more.
   */
  filterOrigin?: (origin: string) => boolean;
  /**
   * Refuse unsafe-method requests (anything but GET, HEAD, OPTIONS) that a browser sends from an
   * origin the policy does not allow: `403` before the handler runs, with no CORS headers. Decided
   * from `Sec-Fetch-Site`, with an `Origin`/`Host` fallback for browsers without it; requests with
   * neither header (servers, curl) pass. Default: on when `credentials` is true (and origins is
   * not `'*'`), off otherwise. Behind a proxy that rewrites `Host`, list the public `hosts`, or
   * set `trustForwardedHost` when the proxy sets `X-Forwarded-Host`.
   */
  crossOriginProtection?: boolean | CrossOriginProtectionOptions;
  /** Allow `origins: '*'` with credentials: every website may then act as the signed-in user. */
  dangerouslyAllowCredentialsWithAnyOrigin?: boolean;
  /**
   * Allow plain-http, non-loopback origins with credentials or private network access: anyone on
   * the network path to such an origin can then act as the signed-in user.
   */
  dangerouslyAllowInsecureOrigins?: boolean;
}

/** Options of `crossOriginProtection` (giving them turns the protection on). */
export interface CrossOriginProtectionOptions {
  /**
   * Hosts (`host[:port]`, as in a `Host` header) at which browsers reach this server, when a proxy
   * in front rewrites `Host`: an `Origin` naming one counts as same-origin for browsers that send
   * no `Sec-Fetch-Site`.
   */
  hosts?: readonly string[];
  /**
   * Take the request's host from `X-Forwarded-Host` (its first value) when present. Only behind a
   * proxy that always sets or strips it: anyone can send it otherwise. Default false.
   */
  trustForwardedHost?: boolean;
}

/** A validated, immutable CORS policy. */
export interface CorsPolicy<C extends PolicyConfig = PolicyConfig> {
  /** The configuration as given (literal types preserved), for clients' type narrowing. */
  readonly config: C;
  /** Whether `origin` (a serialized Origin header value) is allowed: byte-exact, no regex. */
  allowsOrigin(origin: string): boolean;
}

/** Why the policy refused a request (debug mode). */
export interface CorsRefusal {
  /**
   * `preflight`: the OPTIONS answer carries no CORS headers; `actual`: the response carries none;
   * `cross-origin`: an unsafe request refused with `403` before the handler (crossOriginProtection).
   */
  kind: 'preflight' | 'actual' | 'cross-origin';
  /** The Origin header as received (cut to a printable, bounded form), `(none)` when absent. */
  origin: string;
  /** One sentence saying what the policy did not allow. */
  reason: string;
}

/** A handler in the Fetch API style (Deno, Bun, Cloudflare Workers, Hono, Next.js route handlers). */
export type FetchHandler = (request: Request) => Response | Promise<Response>;
