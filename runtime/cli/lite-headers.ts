/**
 * A minimal `Headers` for `--dry-run` only. Node defines the fetch globals
 * lazily, and the first touch of `Headers` loads undici with http, tls,
 * crypto, http2, zlib and web streams: about a third of a cold start. A dry
 * run sends nothing, so the CLI installs this class first and the client's
 * request building (new Headers, set, entries) runs without that load. Same
 * semantics for what the client uses: case-insensitive names, sorted
 * iteration, `append` joining with ", ".
 */
type Init = Iterable<readonly [string, string]> | Record<string, string> | LiteHeaders | undefined | null;

export class LiteHeaders {
  #map = new Map<string, string>();

  constructor(init?: Init) {
    if (!init) return;
    const entries =
      typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function'
        ? (init as Iterable<readonly [string, string]>)
        : Object.entries(init as Record<string, string>);
    for (const [k, v] of entries) this.append(k, v);
  }

  append(name: string, value: string): void {
    const k = name.toLowerCase();
    const prev = this.#map.get(k);
    this.#map.set(k, prev === undefined ? String(value) : `${prev}, ${value}`);
  }
  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), String(value));
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }
  *entries(): IterableIterator<[string, string]> {
    for (const k of [...this.#map.keys()].sort()) yield [k, this.#map.get(k)!];
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  forEach(fn: (value: string, name: string, self: LiteHeaders) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** Replaces the global Headers (before anything touched it) for a dry run. */
export function installLiteHeaders(): void {
  Object.defineProperty(globalThis, 'Headers', {
    value: LiteHeaders,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
