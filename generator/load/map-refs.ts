/**
 * Real multi-file documents put a `$ref` where OpenAPI allows none: in place
 * of a whole map, e.g. `properties: {$ref: 'attributes.yml#/droplet_ids'}`.
 * After bundling that is `properties: {$ref: '#/…'}`, which every reader of
 * `properties` would take for one property named `$ref`. Such maps are
 * replaced by the map they point to, once, here, so the rest of the importer
 * reads plain maps. Each replacement is reported with its pointer.
 */
import { escapePointerSegment, GeneratorError } from '../errors.js';
import type { ReportEntry } from '../ir/types.js';
import { pointerSegments } from './locate.js';

/** Schema keywords whose value is a map of property names to schemas. */
const PROPERTY_MAPS = new Set(['properties', 'patternProperties']);
/** Keywords whose value maps names (property names, paths, status codes, media types…) to objects. */
const NAME_MAPS = new Set([
  'properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'paths', 'webhooks', 'schemas', 'parameters',
  'responses', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks', 'pathItems', 'content', 'encoding', 'variables',
]);
/** Keywords whose value is data, never a schema or a map to look into. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'value']);

/**
 * A cheap look at the text: false when no `properties` map starts with a
 * `$ref` key (the usual case), so the walk is skipped. Bundled documents are
 * always walked: their maps came from other files.
 */
export function mayHaveMapRefs(text: string): boolean {
  return /(?:properties|patternProperties)["']?\s*:\s*\{?\s*["']?\$ref\b/.test(text);
}

function onlyRef(v: unknown): v is { $ref: string } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>).$ref === 'string' && Object.keys(v).length === 1;
}

function lookup(doc: unknown, ref: string): unknown {
  let cur: any = doc;
  for (const seg of pointerSegments(ref)) {
    if (cur === null || typeof cur !== 'object' || !(seg in cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/**
 * Replace every property map given as an internal `$ref` by its target
 * (following chains); returns report notes. Keys are read as keywords or as
 * names by where they stand, so a property named `content` is never taken
 * for a keyword.
 */
export function inlineMapRefs(doc: Record<string, any>): ReportEntry[] {
  const notes: ReportEntry[] = [];
  const seen = new Set<unknown>();
  const stack: Array<{ node: unknown; ptr: string; names: boolean }> = [{ node: doc, ptr: '', names: false }];
  while (stack.length) {
    const { node, ptr, names } = stack.pop()!;
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((v, i) => stack.push({ node: v, ptr: `${ptr}/${i}`, names: false }));
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      const here = `${ptr}/${escapePointerSegment(key)}`;
      if (names) {
        stack.push({ node: value, ptr: here, names: false });
        continue;
      }
      if (DATA_KEYS.has(key) || key.startsWith('x-')) continue;
      let target = value;
      if (PROPERTY_MAPS.has(key) && onlyRef(value) && value.$ref.startsWith('#')) {
        const chain: string[] = [];
        while (onlyRef(target) && target.$ref.startsWith('#') && !chain.includes(target.$ref)) {
          chain.push(target.$ref);
          target = lookup(doc, target.$ref);
        }
        if (!target || typeof target !== 'object' || Array.isArray(target) || onlyRef(target)) {
          throw new GeneratorError(`\`${key}\` refers to \`${chain[chain.length - 1]}\`, which is not a map of properties.`, { pointer: here }, 'Point the $ref at a map of property names to schemas, or write the map in place.');
        }
        (node as Record<string, unknown>)[key] = target;
        notes.push({ level: 'info', code: 'map-ref-inlined', message: `\`${key}\` is given as a $ref to \`${chain[0]}\`; it is read as that map.`, pointer: here });
      }
      stack.push({ node: target, ptr: here, names: NAME_MAPS.has(key) });
    }
  }
  return notes;
}
