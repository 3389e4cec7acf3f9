/**
 * Internal `$ref` resolution by JSON pointer. External refs were bundled into
 * internal ones by load.ts, so everything left here is `#/...`.
 */
import { GeneratorError } from '../errors.js';
import { locatePointer, pointerSegments } from './locate.js';
import type { LoadedDocument } from './load.js';

export class RefResolver {
  private cache = new Map<string, unknown>();
  /** Told of every resolution (the normalizer's replayed steps record what they read, normalize/replay.ts). */
  onResolve?: (ref: string, node: unknown) => void;
  constructor(private readonly loaded: LoadedDocument) {}

  get doc(): Record<string, any> {
    return this.loaded.doc;
  }

  /** Value at an internal ref, or a GeneratorError naming the `$ref` site. */
  resolve(ref: string, at: string): unknown {
    const node = this.lookup(ref, at);
    this.onResolve?.(ref, node);
    return node;
  }

  private lookup(ref: string, at: string): unknown {
    if (this.cache.has(ref)) return this.cache.get(ref);
    if (!ref.startsWith('#')) {
      throw new GeneratorError(`Unsupported $ref \`${ref}\` (only internal and external file refs are).`, this.where(at));
    }
    let cur: any = this.loaded.doc;
    for (const seg of pointerSegments(ref)) {
      if (cur === null || typeof cur !== 'object' || !(seg in cur)) {
        throw new GeneratorError(
          `$ref target \`${ref}\` does not exist in the document.`,
          this.where(at),
          `Define \`${ref.slice(1)}\` or correct the reference.`,
        );
      }
      cur = cur[seg];
    }
    this.cache.set(ref, cur);
    return cur;
  }

  /** Follow `$ref` chains until a non-ref node; returns the node and the pointer it lives at. */
  deref(node: any, ptr: string): { node: any; ptr: string } {
    const seen = new Set<string>();
    while (node && typeof node === 'object' && typeof node.$ref === 'string') {
      const ref: string = node.$ref;
      if (seen.has(ref)) throw new GeneratorError(`$ref cycle with no schema in between at \`${ref}\`.`, this.where(ptr));
      seen.add(ref);
      const next = this.resolve(ref, ptr + '/$ref');
      ptr = ref.slice(1);
      node = next;
    }
    return { node, ptr };
  }

  /** file:line:column (when known) plus the pointer, computed lazily. */
  where(ptr: string): { file: string; pointer: string; line?: number; column?: number } {
    return { file: this.loaded.source, pointer: ptr, ...(locatePointer(this.loaded.text, ptr) ?? {}) };
  }
}
