/**
 * What the client reads from a @corskit/server policy. Declared structurally so that the value
 * `definePolicy` returns (a `CorsPolicy<C>`), or only its type, fits without a runtime dependency
 * on the server package.
 */
export interface ClientPolicyConfig {
  /** Allowed origins and origin patterns, or `*`. */
  origins: readonly string[] | '*';
  /** Methods allowed beyond GET, HEAD and POST. */
  methods?: readonly string[];
  /** Request headers the server accepts, or `*`. */
  requestHeaders?: readonly string[] | '*';
  /** Response headers scripts may read, or `*`. */
  exposeHeaders?: readonly string[] | '*';
  /** Whether credentialed calls are allowed. */
  credentials?: boolean;
  /** Seconds a preflight answer may be cached. */
  maxAge?: number;
}

/** A @corskit/server policy as the client sees it (the value `definePolicy` returns, or its type). */
export interface ClientPolicy<C extends ClientPolicyConfig = ClientPolicyConfig> {
  /** The policy's configuration, with its literal types. */
  readonly config: C;
  /** Whether the policy allows the serialized origin `origin`. */
  allowsOrigin(origin: string): boolean;
}

/** The literal config of a policy type; the open config when there is none. */
export type ConfigOf<P> = P extends ClientPolicy<infer C> ? C : ClientPolicyConfig;

/**
 * Throws when the policy makes `credentials: 'include'` impossible: the browser refuses a
 * credentialed answer with `Access-Control-Allow-Origin: *` or without `Allow-Credentials: true`.
 */
export function assertCredentialsPossible(
  credentials: RequestCredentials | undefined,
  policy: ClientPolicy | undefined,
): void {
  if (credentials !== 'include' || policy === undefined) return;
  const { origins, credentials: allowed } = policy.config;
  if (origins !== '*' && allowed === true) return;
  throw new TypeError(
    process.env.NODE_ENV !== 'production'
      ? `corskit: credentials: 'include' cannot work with this policy: ${
          origins === '*'
            ? `its origins are '*', and browsers refuse Access-Control-Allow-Origin: * for credentialed requests. List the origins instead.`
            : `it does not set credentials: true, so the server never sends Access-Control-Allow-Credentials: true. Set credentials: true in definePolicy, or use credentials: 'omit'.`
        }`
      : 'corskit: credentials',
  );
}
