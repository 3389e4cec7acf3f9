/**
 * Schemas stored once in tools.json (the server side: runtime/mcp/shared-schemas.ts).
 *
 * Every tool's schemas are complete (schema.ts), so a type that many tools
 * reach is written out in each of them: Microsoft Graph's table came to
 * 159 MB, its beta's was too long for one string. A large table (index.ts,
 * LARGE_TABLE_BYTES) is built with each named type in one form, the same in
 * every tool, and here a schema subtree that recurs across the table, exactly,
 * and is at least SHARED_SCHEMA_MIN_CHARS long moves to the table's `schemas`
 * under a key; each place it stood says `{"$shared": "<key>"}` instead. A
 * whole `properties` or `$defs` map may be one too (an object body's fields
 * in several tools; the types that every tool taking a user reaches).
 * Entries may hold markers themselves; one that ends up used at a single
 * place stays inline. Smaller tables (every OpenAI target) are written as
 * before.
 *
 * Keys: a subtree that is a `$defs` entry somewhere is named after its type
 * (`MicrosoftGraphUser`), a map after the names it maps
 * (`properties~<hash>`, `$defs~<hash>`), anything else after its content
 * (`~<hash>`); should two forms take one name, the most used keeps it and the
 * other gets `~<content hash>` after it. So a changed type shows once in a
 * diff, in its own entry, and the markers that name it stay as they were.
 */
import type { ToolDef, ToolTable } from '../../../runtime/mcp/table.js';
import {
  mapEntries,
  mapSchemaChildren,
  SCHEMA_KEYWORDS,
  SCHEMA_LIST_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
  SHARED_MARKER,
  type ChildKind,
} from '../../../runtime/mcp/shared-schemas.js';
import { GeneratorError } from '../../errors.js';
import { hash } from '../memo.js';

/** Shortest subtree (characters of minified JSON) worth a `schemas` entry. */
export const SHARED_SCHEMA_MIN_CHARS = 128;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** One distinct schema subtree. */
interface Subtree {
  /** Its JSON with each child schema written as `\x01<id>\x01` (JSON text never holds a raw control character). */
  sig: string;
  /** Characters of its minified JSON. */
  size: number;
  /** Places it stands, nested ones included. */
  count: number;
  /** A map of schemas (`properties`, `$defs`), not a schema. */
  map: boolean;
  /** The type whose `$defs` entry it is somewhere (the least such name). */
  name?: string;
  contentHash?: string;
}

/** A place in the rewritten table that stands for subtree `id` (a marker, or the subtree again when used once). */
class Ref {
  constructor(readonly id: number) {}
}

class Sharing {
  private readonly ids = new Map<string, number>();
  readonly subtrees: Subtree[] = [];
  private readonly idOf = new Map<object, number>();

  /** The id of a child (a schema, or a `$defs` map), counted once more, and its size. */
  private child(value: unknown, kind: ChildKind, name?: string): [string, number] {
    if (!isObject(value)) {
      const text = JSON.stringify(value);
      return [text, text.length];
    }
    const id = kind === 'map' ? this.internMap(value, name!) : this.intern(value, name);
    return [`\x01${id}\x01`, this.subtrees[id]!.size];
  }

  /** `{"name": <child>, …}`: its text and size. */
  private map(value: Json, entry: (name: string, child: unknown) => [string, number]): [string, number] {
    const names = Object.keys(value).filter((k) => value[k] !== undefined);
    const parts = names.map((k) => [JSON.stringify(k), ...entry(k, value[k])] as const);
    const text = `{${parts.map((p) => `${p[0]}:${p[1]}`).join(',')}}`;
    return [text, 2 + Math.max(0, parts.length - 1) + parts.reduce((n, p) => n + p[0].length + 1 + p[2], 0)];
  }

  /** The id of a schema subtree (counted once more), interning it and its children. */
  intern(schema: Json, name?: string): number {
    if (Object.prototype.hasOwnProperty.call(schema, SHARED_MARKER)) {
      throw new GeneratorError(`an MCP schema has the key ${SHARED_MARKER}, which tools.json keeps for shared schemas`, {});
    }
    let sig = '{';
    let size = 2;
    let first = true;
    for (const key of Object.keys(schema)) {
      const value = schema[key];
      if (value === undefined) continue;
      const keyText = JSON.stringify(key);
      let text: string;
      let chars: number;
      if (SCHEMA_KEYWORDS.includes(key) && isObject(value)) {
        [text, chars] = this.child(value, 'schema');
      } else if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
        const parts = value.map((v) => this.child(v, 'schema'));
        text = `[${parts.map((p) => p[0]).join(',')}]`;
        chars = 2 + Math.max(0, parts.length - 1) + parts.reduce((n, p) => n + p[1], 0);
      } else if (SCHEMA_MAP_KEYWORDS.includes(key) && isObject(value)) {
        [text, chars] = this.child(value, 'map', key);
      } else {
        text = JSON.stringify(value);
        chars = text.length;
      }
      sig += `${first ? '' : ','}${keyText}:${text}`;
      size += (first ? 0 : 1) + keyText.length + 1 + chars;
      first = false;
    }
    return this.add(schema, `${sig}}`, size, name);
  }

  /**
   * The id of a `properties` or `$defs` map (`keyword`), named after the
   * names it maps, so that a key stays when a schema in it changes; a `$defs`
   * entry is named after its type.
   */
  private internMap(map: Json, keyword: string): number {
    if (Object.prototype.hasOwnProperty.call(map, SHARED_MARKER)) {
      throw new GeneratorError(`an MCP schema has a ${keyword} entry ${SHARED_MARKER}, which tools.json keeps for shared schemas`, {});
    }
    const [text, size] = this.map(map, (name, v) => this.child(v, 'schema', keyword === '$defs' ? name : undefined));
    const names = Object.keys(map).filter((k) => map[k] !== undefined);
    // A map never reads as a schema with the same keys.
    return this.add(map, `M${text}`, size, `${keyword}~${hash(names.join('\0')).slice(0, 10)}`);
  }

  private add(value: Json, sig: string, size: number, name?: string): number {
    let id = this.ids.get(sig);
    if (id === undefined) {
      id = this.subtrees.length;
      this.ids.set(sig, id);
      this.subtrees.push({ sig, size, count: 0, map: sig.startsWith('M') });
    }
    const subtree = this.subtrees[id]!;
    subtree.count++;
    if (name !== undefined && (subtree.name === undefined || name < subtree.name)) subtree.name = name;
    this.idOf.set(value, id);
    return id;
  }

  idFor(value: Json): number {
    return this.idOf.get(value)!;
  }

  /** A hash of the subtree's content (its children's by their own hashes). */
  contentHash(id: number): string {
    const subtree = this.subtrees[id]!;
    subtree.contentHash ??= hash(subtree.sig.replace(/\x01(\d+)\x01/g, (_, child: string) => this.contentHash(Number(child))));
    return subtree.contentHash;
  }
}

/**
 * `tools` with the big subtrees that recur stored once: the tools as written
 * to tools.json and the `schemas` they refer to (undefined when none is worth
 * it, and then `tools` itself).
 */
export function shareSchemas(tools: ToolDef[], minChars = SHARED_SCHEMA_MIN_CHARS): { tools: ToolDef[]; schemas?: Record<string, unknown> } {
  const sharing = new Sharing();
  for (const tool of tools) {
    sharing.intern(tool.inputSchema);
    if (tool.outputSchema) sharing.intern(tool.outputSchema);
  }
  const { subtrees } = sharing;
  const worth = (id: number) => subtrees[id]!.count >= 2 && subtrees[id]!.size >= minChars;
  if (!subtrees.some((_, id) => worth(id))) return { tools };

  // Top down: a subtree worth sharing becomes a Ref, its body rewritten once.
  const bodies = new Map<number, unknown>();
  const uses = new Map<number, number>();
  const children = (value: Json, kind: ChildKind): Json => (kind === 'map' ? mapEntries(value, (entry) => rewrite(entry, 'schema')) : mapSchemaChildren(value, rewrite));
  const rewrite = (value: unknown, kind: ChildKind, root = false): unknown => {
    if (!isObject(value)) return value;
    const id = sharing.idFor(value);
    if (root || !worth(id)) return children(value, kind);
    uses.set(id, (uses.get(id) ?? 0) + 1);
    if (!bodies.has(id)) bodies.set(id, children(value, kind));
    return new Ref(id);
  };
  const rewritten = tools.map((tool) => ({
    tool,
    inputSchema: rewrite(tool.inputSchema, 'schema', true),
    outputSchema: tool.outputSchema && rewrite(tool.outputSchema, 'schema', true),
  }));

  // An entry used at one place only (a subtree that recurs only inside another shared one) goes back inline.
  const stored = [...uses].filter(([, n]) => n >= 2).map(([id]) => id);
  if (stored.length === 0) return { tools };
  const keys = keysFor(sharing, stored, uses);
  const finish = (value: unknown, kind: ChildKind = 'schema'): unknown => {
    if (value instanceof Ref) {
      return keys.has(value.id) ? { [SHARED_MARKER]: keys.get(value.id)! } : finish(bodies.get(value.id), subtrees[value.id]!.map ? 'map' : 'schema');
    }
    if (!isObject(value)) return value;
    return kind === 'map' ? mapEntries(value, (entry) => finish(entry)) : mapSchemaChildren(value, finish);
  };
  const schemas: Record<string, unknown> = {};
  for (const id of [...stored].sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : 1))) {
    schemas[keys.get(id)!] = finish(bodies.get(id), subtrees[id]!.map ? 'map' : 'schema');
  }
  return {
    tools: rewritten.map(({ tool, inputSchema, outputSchema }) => ({
      ...tool,
      inputSchema: finish(inputSchema) as ToolDef['inputSchema'],
      ...(outputSchema ? { outputSchema: finish(outputSchema) as ToolDef['inputSchema'] } : {}),
    })),
    schemas,
  };
}

/** Keys of the stored subtrees (see the top of this file). */
function keysFor(sharing: Sharing, stored: number[], uses: Map<number, number>): Map<number, string> {
  const keys = new Map<number, string>();
  const byName = new Map<string, number[]>();
  for (const id of stored) {
    const { name } = sharing.subtrees[id]!;
    if (name === undefined) keys.set(id, `~${sharing.contentHash(id).slice(0, 10)}`);
    else byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  for (const [name, ids] of byName) {
    ids.sort((a, b) => uses.get(b)! - uses.get(a)! || (sharing.contentHash(a) < sharing.contentHash(b) ? -1 : 1));
    ids.forEach((id, i) => keys.set(id, i === 0 ? name : `${name}~${sharing.contentHash(id).slice(0, 10)}`));
  }
  if (new Set(keys.values()).size !== keys.size) throw new GeneratorError('two shared MCP schemas take one key', {}, 'a hash collision: report it');
  return keys;
}

/** The table as tools.json stores it: big recurring schemas once, in `schemas` after `tools`. */
export function sharedTable(table: ToolTable, minChars = SHARED_SCHEMA_MIN_CHARS): ToolTable {
  const { tools, schemas } = shareSchemas(table.tools, minChars);
  if (!schemas) return table;
  const out: ToolTable = {} as ToolTable;
  for (const [key, value] of Object.entries(table)) {
    (out as unknown as Json)[key] = key === 'tools' ? tools : value;
    if (key === 'tools') out.schemas = schemas;
  }
  return out;
}
