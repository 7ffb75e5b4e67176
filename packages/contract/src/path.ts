// Path templates: `/items/:id`. Literal segments match byte for byte (after the request path's
// percent-decoding); a `:name` segment matches one non-empty segment.

/** One segment of a path template. */
export type Segment =
  | {
      /** A literal segment. */
      readonly kind: 'literal';
      /** Matched exactly. */
      readonly text: string;
    }
  | {
      /** A `:name` segment. */
      readonly kind: 'param';
      /** The param's name. */
      readonly name: string;
    };

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// RFC 3986 pchar without percent-encoding (so a literal matches exactly one spelling).
const LITERAL = /^[A-Za-z0-9\-._~!$&'()*+,;=@]+$/;

/** The segments of `path`, or the problems that make it no template. */
export function parsePath(path: unknown): { segments: Segment[]; problems: string[] } {
  const problems: string[] = [];
  if (typeof path !== 'string' || !path.startsWith('/')) {
    return { segments: [], problems: ['a path template starts with "/" (like "/items/:id").'] };
  }
  if (path === '/') return { segments: [], problems };
  const segments: Segment[] = [];
  const seen = new Set<string>();
  for (const part of path.slice(1).split('/')) {
    if (part === '') {
      problems.push('a path template has no empty segments and no trailing slash.');
    } else if (part.startsWith(':')) {
      const name = part.slice(1);
      if (!PARAM_NAME.test(name))
        problems.push(
          `the param segment ${JSON.stringify(part)} is not ":" and a name (letters, digits, _).`,
        );
      else if (seen.has(name)) problems.push(`the path param :${name} appears twice.`);
      seen.add(name);
      segments.push({ kind: 'param', name });
    } else if (part === '.' || part === '..' || !LITERAL.test(part)) {
      problems.push(
        `the segment ${JSON.stringify(part)} is not a plain path segment (no "." or "..", no percent-encoding, "?", "#", spaces or ":" inside).`,
      );
    } else {
      segments.push({ kind: 'literal', text: part });
    }
  }
  return { segments, problems };
}

/** The template's shape: params blanked, so `/items/:id` and `/items/:key` are the same path. */
export function pathShape(segments: readonly Segment[]): string {
  return `/${segments.map((segment) => (segment.kind === 'param' ? ':' : segment.text)).join('/')}`;
}

/**
 * Fills a template's params: `/items/:id` with `{ id: 7 }` gives `/items/7`. Each value is
 * percent-encoded as one segment, so a `/` in it cannot reach another route.
 */
export function buildPath(path: string, params: Readonly<Record<string, unknown>> = {}): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null)
      throw new TypeError(`The path param ${name} of ${path} is missing.`);
    return encodeURIComponent(String(value));
  });
}
