/**
 * Lazy source positions. Parsing with positions is slow (the `yaml` CST costs
 * ~4× a plain parse), so we only do it when an error must be reported.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';

/** Decode an RFC 6901 pointer into segments. */
export function pointerSegments(ptr: string): string[] {
  if (ptr === '' || ptr === '#') return [];
  const body = ptr.startsWith('#') ? ptr.slice(1) : ptr;
  return body
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * 1-based line (and column) of the node at `ptr` in `text`, or of the deepest
 * ancestor that exists. Works for JSON too (JSON is YAML 1.2 flow syntax).
 */
export function locatePointer(text: string, ptr: string): { line: number; column: number } | undefined {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
    let node: unknown = doc.contents;
    let found: Node | undefined = node as Node;
    for (const seg of pointerSegments(ptr)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
        if (!pair) break;
        // Point at the key: that is where a reader looks for the property.
        const key = pair.key as Node | undefined;
        node = pair.value;
        found = key?.range ? key : (node as Node);
      } else if (isSeq(node)) {
        node = node.items[Number(seg)];
        if (!node) break;
        found = node as Node;
      } else break;
    }
    const offset = found?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  } catch {
    return undefined;
  }
}
