/**
 * Synthesized documents for the scale test (test/pipeline/scale.test.ts) and
 * the bench: a real OpenAPI document repeated N times, and a one-field change.
 * They are written to temp folders at run time, never committed.
 *
 * Copy k (k ≥ 2) of the document is the original with every path under
 * `/copy<k>`, every operationId suffixed `_copy<k>`, and every component
 * (schemas, parameters, responses, …; security schemes stay shared) renamed
 * with the suffix `Copy<k>`, its references rewritten. So an N× document has
 * N× the operations, the types and the text, the way a real API grows, and no
 * name of one copy collides with another's.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as yaml from 'js-yaml';

/** Component sections that are copied per document copy. */
const COPIED_SECTIONS = ['schemas', 'parameters', 'responses', 'requestBodies', 'headers', 'examples', 'links', 'callbacks', 'pathItems'];
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function renameRef(ref: string, suffix: string): string {
  const m = /^#\/components\/([^/]+)\/([^/]+)(.*)$/.exec(ref);
  if (!m || !COPIED_SECTIONS.includes(m[1]!)) return ref;
  return `#/components/${m[1]}/${m[2]}${suffix}${m[3]}`;
}

/** Deep copy of `node` with component references (and discriminator mappings) pointing at copy `suffix`. */
function retarget(node: Json, suffix: string, key?: string): Json {
  if (typeof node === 'string') return key === '$ref' ? renameRef(node, suffix) : node;
  if (Array.isArray(node)) return node.map((v) => retarget(v, suffix));
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'mapping' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, ref]) => [name, typeof ref === 'string' ? renameRef(ref, suffix) : retarget(ref, suffix)]));
    } else out[k] = retarget(v, suffix, k);
  }
  return out;
}

/** The document repeated `copies` times (copy 1 is the original). */
export function multiplyDocument(doc: Record<string, any>, copies: number): Record<string, any> {
  const out = structuredClone(doc);
  for (let k = 2; k <= copies; k++) {
    const suffix = `Copy${k}`;
    for (const section of COPIED_SECTIONS) {
      const entries = doc.components?.[section];
      if (!entries) continue;
      for (const [name, value] of Object.entries(entries)) out.components[section][`${name}${suffix}`] = retarget(value as Json, suffix);
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const copy = retarget(item as Json, suffix) as Record<string, any>;
      for (const [method, op] of Object.entries(copy)) {
        if (HTTP_METHODS.has(method) && op && typeof op.operationId === 'string') op.operationId = `${op.operationId}_copy${k}`;
      }
      out.paths[`/copy${k}${path}`] = copy;
    }
  }
  return out;
}

export function countOperations(doc: Record<string, any>): number {
  let n = 0;
  for (const item of Object.values(doc.paths ?? {})) for (const method of Object.keys(item as object)) if (HTTP_METHODS.has(method)) n++;
  return n;
}

export interface Synthesized {
  path: string;
  operations: number;
  bytes: number;
}

/**
 * Write `from` repeated `copies` times into `dir` as YAML or JSON (JSON is
 * much faster to write and read; YAML is what a maintainer gets).
 */
export function writeMultiplied(from: string, copies: number, dir: string, format: 'yaml' | 'json'): Synthesized {
  const text0 = readFileSync(from, 'utf8');
  const doc = (from.endsWith('.json') ? JSON.parse(text0) : yaml.load(text0, { schema: yaml.CORE_SCHEMA })) as Record<string, any>;
  const multiplied = multiplyDocument(doc, copies);
  const text = format === 'json' ? JSON.stringify(multiplied) : yaml.dump(multiplied, { lineWidth: -1, noRefs: true });
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${basename(from).replace(/\.(ya?ml|json)$/, '')}-x${copies}.${format}`);
  writeFileSync(path, text);
  return { path, operations: countOperations(multiplied), bytes: Buffer.byteLength(text) };
}

/**
 * A one-field change as a maintainer meets it: a new optional string property
 * `field` in the block-style YAML schema `schema` (inserted as the first line
 * under its `properties:`), every other byte of the document unchanged.
 */
export function addSchemaField(yamlText: string, schema: string, field: string): string {
  const lines = yamlText.split('\n');
  const at = lines.findIndex((line) => line.trimEnd() === `    ${schema}:`);
  if (at < 0) throw new Error(`no schema \`${schema}\` at the components/schemas level of the YAML text`);
  for (let i = at + 1; i < lines.length && /^( {5,}|\s*$)/.test(lines[i]!); i++) {
    if (lines[i] === '      properties:') {
      lines.splice(i + 1, 0, `        ${field}:`, '          type: string', `          description: The ${field.replace(/_/g, ' ')} of the object.`);
      return lines.join('\n');
    }
  }
  throw new Error(`schema \`${schema}\` has no block-style \`properties:\``);
}
