/**
 * What loading looks for in a document's whole text before it walks the
 * parsed value: whether any `$ref` may point outside the document, and
 * whether any `properties` map may be a `$ref` (map-refs.ts). Both are cheap
 * scans that can only err towards "maybe" (the walk then finds nothing).
 *
 * In the daemon a re-import after an edit inside one entry (yaml-splice.ts)
 * takes them from the last document's facts and that entry's new text, rather
 * than scanning the whole text again (which first makes V8 copy the text the
 * daemon pieced together from the last one, reread.ts, into one string).
 */
import { mayHaveMapRefs } from './map-refs.js';

export interface TextFacts {
  externalRefs: boolean;
  mapRefs: boolean;
}

/** Facts of parsed documents (by their value), in the daemon. */
const byValue = new WeakMap<object, TextFacts>();

/** Cheap text pre-check (an indexOf scan, faster than a regex over 3 MB): false when every `$ref` value starts with `#`, quoted or not. */
export function textMayHaveExternalRefs(text: string): boolean {
  for (let i = text.indexOf('$ref'); i !== -1; i = text.indexOf('$ref', i + 4)) {
    let j = i + 4;
    while (j < text.length && (text[j] === '"' || text[j] === "'" || text[j] === ' ' || text[j] === ':' || text[j] === '\t')) j++;
    if (text[j] !== '#') return true;
  }
  return false;
}

function scan(text: string): TextFacts {
  return { externalRefs: textMayHaveExternalRefs(text), mapRefs: mayHaveMapRefs(text) };
}

/** The facts of document `value`, parsed from `text`. */
export function textFactsOf(value: object, text: string): TextFacts {
  let facts = byValue.get(value);
  if (!facts) byValue.set(value, (facts = scan(text)));
  return facts;
}

/**
 * Record the facts of `value`, the document `previous` (parsed from
 * `previousText`) with one entry's text replaced by `entryText`. A match in
 * the new document lies inside the entry, or was one in the last document,
 * or is a `properties:` line just before the entry whose first key is `$ref`
 * (a big map cut into its entries): such an entry counts as a map ref.
 */
export function noteSplicedFacts(value: object, previous: object, previousText: string, entryText: string): void {
  const before = textFactsOf(previous, previousText);
  const inEntry = scan(entryText);
  const startsWithRef = /^\s*["']?\$ref["']?\s*:/.test(entryText);
  byValue.set(value, { externalRefs: before.externalRefs || inEntry.externalRefs, mapRefs: before.mapRefs || inEntry.mapRefs || startsWithRef });
}
