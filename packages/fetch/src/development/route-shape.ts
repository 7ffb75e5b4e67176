// Segments that look like identifiers: numbers, UUIDs, long hex, long tokens with a digit.
const ID_SEGMENT =
  /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{12,}|(?=[^/]*\d)[\w-]{16,})$/i;

/**
 * A route's shape, so that warnings come once per route and not once per item:
 * `PUT https://api.example.com/items/42?x=1` becomes `PUT https://api.example.com/items/:id`.
 */
export function routeShape(method: string, url: string): string {
  const { origin, pathname } = new URL(url);
  const path = pathname
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
  return `${method} ${origin}${path}`;
}
