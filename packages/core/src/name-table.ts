/** Up to this many names, scanning an array beats hashing them. */
const SMALL = 8;

/**
 * Header names for one request, each with a value: plain arrays while it holds the usual handful
 * (no hashing), a Map once it grows, so that a request with thousands of names costs linear time,
 * not quadratic. Keeps the order names were first added in.
 */
export class NameTable<V> {
  private readonly names: string[] = [];
  private readonly values: V[] = [];
  private index: Map<string, V> | null = null;

  get(name: string): V | undefined {
    if (this.index !== null) return this.index.get(name);
    const at = this.names.indexOf(name);
    return at < 0 ? undefined : this.values[at];
  }

  /** Adds `name` with `value`, unless it is there already (then returns false and keeps the first). */
  add(name: string, value: V): boolean {
    if (this.index !== null ? this.index.has(name) : this.names.includes(name)) return false;
    this.names.push(name);
    this.values.push(value);
    if (this.index !== null) this.index.set(name, value);
    else if (this.names.length > SMALL) this.index = new Map(this.names.map((n, i) => [n, this.values[i]!]));
    return true;
  }

  /** The names, in the order first added (a new array). */
  keys(): string[] {
    return [...this.names];
  }
}
