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
  for (const [key, name] of Object.entries(renames).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
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
