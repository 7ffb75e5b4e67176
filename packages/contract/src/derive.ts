// CORS per path, derived from the routes: nothing about CORS is written twice.
import {
  CORS_SAFELISTED_CONTENT_TYPES,
  CORS_SAFELISTED_RESPONSE_HEADER_NAMES,
  mimeEssence,
  PROGRESS_RESPONSE_HEADERS,
} from '@corskit/core';
import type { CorsOptions, Method } from './definition.js';
import type { PathCors, RouteFacts } from './facts.js';
import { pathShape } from './path.js';

const SAFELISTED_RESPONSE = new Set(CORS_SAFELISTED_RESPONSE_HEADER_NAMES);
const UNREADABLE = new Set(['set-cookie', 'set-cookie2']);

function sorted<T extends string>(values: Iterable<T>): readonly T[] {
  return Object.freeze([...new Set(values)].sort());
}

/** The request headers a route needs allowed: its declared ones, plus content-type off the safelist. */
export function allowedRequestHeaders(route: RouteFacts): string[] {
  const names = Object.keys(route.headers);
  if (route.contentType !== null) {
    const essence = mimeEssence(route.contentType);
    if (essence === null || !CORS_SAFELISTED_CONTENT_TYPES.includes(essence)) names.push('content-type');
  }
  return names;
}

/** The response headers a route needs exposed: declared, minus the safelisted and the unreadable. */
export function exposedResponseHeaders(route: RouteFacts): string[] {
  const names = Object.values(route.responses).flatMap((response) => Object.keys(response.headers));
  return names.filter((name) => !SAFELISTED_RESPONSE.has(name) && !UNREADABLE.has(name));
}

/** Groups routes by path shape and derives each path's CORS. Pushes a problem per method clash. */
export function derivePaths(
  routes: readonly RouteFacts[],
  cors: CorsOptions,
  problems: string[],
): PathCors[] {
  const groups = new Map<string, RouteFacts[]>();
  for (const route of routes) {
    const shape = pathShape(route.segments);
    const group = groups.get(shape);
    if (group === undefined) groups.set(shape, [route]);
    else {
      const clash = group.find((other) => other.method === route.method);
      if (clash !== undefined) {
        problems.push(
          `routes.${clash.name} and routes.${route.name} are both ${route.method} ${clash.path === route.path ? route.path : `${clash.path} and ${route.path}`}: one method and path, one route.`,
        );
      }
      group.push(route);
    }
  }
  const apiExpose = (cors.exposeHeaders ?? []).map((name) => name.toLowerCase());
  const apiRequest = (cors.requestHeaders ?? []).map((name) => name.toLowerCase());
  return [...groups.values()].map((group) => {
    const progress = group.some((route) => route.progress === 'download' || route.progress === 'both');
    const expose = [...apiExpose, ...group.flatMap(exposedResponseHeaders)];
    if (progress) {
      for (const name of PROGRESS_RESPONSE_HEADERS) {
        const lower = name.toLowerCase();
        if (!SAFELISTED_RESPONSE.has(lower)) expose.push(lower);
      }
    }
    return Object.freeze({
      path: group[0]!.path,
      segments: group[0]!.segments,
      routes: Object.freeze(group.map((route) => route.name)),
      methods: sorted<Method>(group.map((route) => route.method)),
      requestHeaders: sorted([...apiRequest, ...group.flatMap(allowedRequestHeaders)]),
      exposeHeaders: sorted(expose),
      credentials: group.some((route) => route.credentials),
      progress,
    });
  });
}
