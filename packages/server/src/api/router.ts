// Routes a request path to a contract's path: a trie of segments, literals before params. The work
// is bounded by the request's length and the templates' depth, never by hostile input's shape.
import type { PathCors } from '@corskit/contract';

interface Node {
  readonly literals: Map<string, Node>;
  param: Node | null;
  /** The path ending here, by its index in the contract's path list. */
  index: number;
}

/** A request path matched to a contract path. */
export interface PathMatch {
  /** The index of the path in `api.cors.paths`. */
  readonly index: number;
  /** Raw (still percent-encoded) values of the params, in segment order. */
  readonly values: readonly string[];
}

function node(): Node {
  return { literals: new Map(), param: null, index: -1 };
}

/** Compiles the contract's paths into a matcher. */
export function compileRouter(paths: readonly PathCors[]): (pathname: string) => PathMatch | null {
  const root = node();
  paths.forEach((path, index) => {
    let at = root;
    for (const segment of path.segments) {
      if (segment.kind === 'literal') {
        let next = at.literals.get(segment.text);
        if (next === undefined) {
          next = node();
          at.literals.set(segment.text, next);
        }
        at = next;
      } else {
        at.param ??= node();
        at = at.param;
      }
    }
    at.index = index;
  });

  const walk = (at: Node, segments: readonly string[], from: number, values: string[]): number => {
    if (from === segments.length) return at.index;
    const segment = segments[from]!;
    const literal = at.literals.get(segment);
    if (literal !== undefined) {
      const found = walk(literal, segments, from + 1, values);
      if (found >= 0) return found;
    }
    if (at.param !== null && segment !== '') {
      values.push(segment);
      const found = walk(at.param, segments, from + 1, values);
      if (found >= 0) return found;
      values.pop();
    }
    return -1;
  };

  return (pathname) => {
    if (!pathname.startsWith('/')) return null;
    const segments = pathname === '/' ? [] : pathname.slice(1).split('/');
    const values: string[] = [];
    const index = walk(root, segments, 0, values);
    return index < 0 ? null : { index, values };
  };
}
