/**
 * Config `types:` renames a document schema's type (`CreateChatCompletionStreamResponse:
 * ChatCompletionChunk`), for names an SDK's users already know. Checked once, up
 * front, against every schema name, so a rename can never shadow another type
 * and the result does not depend on the order schemas are visited.
 */
import { escapePointerSegment, GeneratorError } from '../errors.js';
import { isIdentifier } from '../names.js';
import type { Reporter } from './report.js';

/**
 * Schema key → type name for the renames that apply. `identifierOf` gives a
 * schema's own (unrenamed) type name. A rename of a schema the document lacks
 * is reported and skipped (documents drop schemas); a bad or clashing name stops
 * the import.
 */
export function resolveTypeRenames(
  renames: Record<string, string> | undefined,
  schemaKeys: Iterable<string>,
  identifierOf: (key: string) => string,
  report: Reporter,
): Map<string, string> {
  const out = new Map<string, string>();
  if (!renames) return out;
  const keys = new Set(schemaKeys);
  const hint = 'Pick another name in the config’s `types:` (or rename the other schema too).';
  // Pointer keys name inline schemas (resolveInlineNames).
  for (const [key, name] of Object.entries(renames).filter(([k]) => !k.startsWith('/')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ptr = `/components/schemas/${escapePointerSegment(key)}`;
    if (typeof name !== 'string' || !isIdentifier(name)) {
      throw new GeneratorError(`Config \`types.${key}\` must be a TypeScript identifier, not ${JSON.stringify(name)}.`, { pointer: ptr }, 'Write e.g. `types: { CreateChatCompletionResponse: ChatCompletion }`.');
    }
    if (!keys.has(key)) {
      report.warn('type-rename-unused', `Config renames schema \`${key}\` to \`${name}\`, but the document has no such schema.`, ptr);
      continue;
    }
    out.set(key, name);
  }
  // Final names: a renamed schema takes its new name, every other keeps its own.
  const owner = new Map<string, string>();
  for (const key of keys) {
    const name = out.get(key) ?? identifierOf(key);
    const prev = owner.get(name);
    if (prev !== undefined && (out.has(key) || out.has(prev))) {
      const [a, b] = [prev, key].sort();
      throw new GeneratorError(`Type name \`${name}\` would name both schema \`${a}\` and schema \`${b}\`.`, { pointer: `/components/schemas/${escapePointerSegment(out.has(b!) ? b! : a!)}` }, hint);
    }
    if (prev === undefined) owner.set(name, key);
  }
  for (const [key, name] of out) report.info('type-renamed', `Config names schema \`${key}\` \`${name}\`.`, `/components/schemas/${escapePointerSegment(key)}`);
  return out;
}

/**
 * Config `types:` entries keyed by a JSON pointer name an inline schema, as an
 * SDK names it (openai-node's `ChatCompletionMessageToolCall`, the union of
 * `/components/schemas/ChatCompletionMessageToolCalls/items`). Pointer → type
 * name. A name must be an identifier and no schema's final name (`takenBy`
 * gives the schema key that has it); a pointer the document lacks is reported
 * and skipped.
 */
export function resolveInlineNames(
  renames: Record<string, string> | undefined,
  exists: (pointer: string) => boolean,
  takenBy: (name: string) => string | undefined,
  report: Reporter,
): Map<string, string> {
  const out = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const [ptr, name] of Object.entries(renames ?? {}).filter(([k]) => k.startsWith('/')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (typeof name !== 'string' || !isIdentifier(name)) {
      throw new GeneratorError(`Config \`types\` must name the schema at \`${ptr}\` with a TypeScript identifier, not ${JSON.stringify(name)}.`, { pointer: ptr }, 'Write e.g. `types: { /components/schemas/Pets/items: Pet }`.');
    }
    if (!exists(ptr)) {
      report.warn('type-rename-unused', `Config names the schema at \`${ptr}\` \`${name}\`, but the document has no schema there.`, ptr);
      continue;
    }
    const schema = takenBy(name);
    const other = owner.get(name);
    if (schema !== undefined || other !== undefined) {
      const what = schema !== undefined ? `schema \`${schema}\`` : `the schema at \`${other}\``;
      throw new GeneratorError(`Type name \`${name}\` would name both ${what} and the schema at \`${ptr}\`.`, { pointer: ptr }, 'Pick another name in the config’s `types:` (or rename the other schema too).');
    }
    owner.set(name, ptr);
    out.set(ptr, name);
  }
  return out;
}
