/**
 * Loading an OpenAPI document: file or http(s) URL, YAML or JSON, OpenAPI 3.0
 * or 3.1, or Swagger 2.0 (converted to 3.0 by @scalar/openapi-upgrader).
 * Plain parsing uses JSON.parse / js-yaml (fast, no positions); positions are
 * computed lazily by locate.ts only when an error is reported. External file
 * refs are bundled by bundle.ts, and only when present.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as yaml from 'js-yaml';
import { escapePointerSegment, GeneratorError } from '../errors.js';
import type { ReportEntry } from '../ir/types.js';
import { bundleExternalRefs } from './bundle.js';
import { locatePointer } from './locate.js';
import { inlineMapRefs } from './map-refs.js';
import { textFactsOf, type TextFacts } from './text-facts.js';
import { parsedValuesAreShared, parseYamlIncrementally } from './yaml-chunks.js';
import { decodeText, firstNonSpace } from './reread.js';
import { parseJsonSharing, sharedWithLast } from './share-last.js';
import { loadExternal } from '../externals.js';

export interface LoadedDocument {
  /** The parsed document, internal refs still in place (`#/...`). */
  doc: Record<string, any>;
  /** Where it came from (path or URL), for messages. */
  source: string;
  /** Base name of the source, recorded in the IR. */
  sourceFile: string;
  /** Raw text, kept for lazy line lookups; empty when pointers name a converted document (no lines to give). */
  text: string;
  /** The OpenAPI version the importer reads (`3.0.4` after a Swagger 2.0 conversion). */
  openapiVersion: string;
  /** What loading did to the document (bundled files, a conversion), for the report. */
  notes: ReportEntry[];
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

async function readSource(from: string): Promise<string> {
  if (isUrl(from)) {
    let res: Response;
    try {
      res = await fetch(from);
    } catch (e) {
      throw new GeneratorError(`Cannot fetch the OpenAPI document: ${(e as Error).message}.`, { file: from }, 'Check the URL and the network.');
    }
    if (!res.ok) throw new GeneratorError(`Fetching the OpenAPI document failed with HTTP ${res.status}.`, { file: from });
    return await res.text();
  }
  try {
    // Sync: the async read decodes in chunks through a StringDecoder, several times slower for a large file.
    return decodeText(readFileSync(from));
  } catch (e) {
    throw new GeneratorError(`Cannot read the OpenAPI document: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, { file: from }, 'Pass an existing file path or an http(s) URL to --from.');
  }
}

/** Parse YAML or JSON text; a parse error becomes a GeneratorError with file:line:column. */
export function parseText(text: string, source: string, cacheKey?: string, notes?: ReportEntry[]): unknown {
  // Not trimStart: a text the daemon pieced together (reread.ts) would be copied into one string first.
  const first = firstNonSpace(text);
  if (first === '{' || first === '[') {
    try {
      // A re-import in the daemon shares the unchanged values of the last parse (share-last.ts), as YAML's does.
      return parseJsonSharing(text, cacheKey);
    } catch {
      // Fall through: js-yaml reports JSON syntax errors with line numbers too.
    }
  }
  // A re-import parses only the entries whose text changed (yaml-chunks.ts); anything unsure falls through.
  const incremental = cacheKey === undefined ? undefined : parseYamlIncrementally(text, cacheKey);
  if (incremental) return incremental;
  try {
    // CORE_SCHEMA: no timestamp/binary magic, so `version: 2024-01-01` stays a string.
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: source });
  } catch (e) {
    const err = e as yaml.YAMLException;
    const mark = err.mark;
    // A key written twice in one mapping: JSON.parse (and most OpenAPI tools) keep the last; so does this, and says where.
    if (notes && err.reason === 'duplicated mapping key') {
      const lenient = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: source, json: true });
      const at = `${basename(source)}${mark ? `:${mark.line + 1}:${mark.column + 1}` : ''}`;
      notes.push({ level: 'warning', code: 'duplicate-key', message: `A key appears twice in one mapping (the second at ${at}); the last of each such pair is used, as JSON parsers do.`, pointer: '' });
      return lenient;
    }
    throw new GeneratorError(
      `The document is not valid YAML/JSON: ${err.reason ?? err.message}.`,
      { file: source, line: mark ? mark.line + 1 : undefined, column: mark ? mark.column + 1 : undefined },
      'Fix the syntax at that position (indentation, quotes, a missing colon) and import again.',
    );
  }
}

/** True when any `$ref` in the tree points outside the document. */
function hasExternalRefs(node: unknown, facts: TextFacts): boolean {
  if (!facts.externalRefs) return false;
  const stack: unknown[] = [node];
  while (stack.length) {
    const cur = stack.pop();
    if (Array.isArray(cur)) {
      for (const v of cur) if (v && typeof v === 'object') stack.push(v);
    } else if (cur && typeof cur === 'object') {
      for (const [k, v] of Object.entries(cur)) {
        if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) return true;
        if (v && typeof v === 'object') stack.push(v);
      }
    }
  }
  return false;
}

/** `cacheKey` (a target's spec folder) turns on the YAML entry cache of re-imports. */
export async function loadDocument(from: string, cacheKey?: string): Promise<LoadedDocument> {
  const text = await readSource(from);
  const notes: ReportEntry[] = [];
  const parsed = parseText(text, from, cacheKey, notes);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GeneratorError('The document is not an OpenAPI object (expected a mapping at the top level).', { file: from, line: 1 }, 'Pass an OpenAPI 3.0, 3.1, 3.2 or Swagger 2.0 document.');
  }
  let doc = parsed as Record<string, any>;
  const facts = textFactsOf(doc, text);
  const where = (ptr: string) => ({ file: from, pointer: ptr, ...(locatePointer(text, ptr) ?? {}) });
  const swagger = doc.swagger === undefined ? undefined : String(doc.swagger);
  if (swagger !== undefined && !/^2\.0(\.|$)/.test(swagger)) {
    throw new GeneratorError(`Swagger ${swagger} documents are not supported; Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 are.`, where('/swagger'), 'Pass a Swagger 2.0 or OpenAPI 3 document.');
  }
  const version = swagger ? undefined : typeof doc.openapi === 'string' ? doc.openapi : doc.openapi === undefined ? undefined : String(doc.openapi);
  // `1` for OpenAPI 3.1.x; undefined for Swagger 2.0 or no 3.x version.
  const minor = version === undefined ? undefined : /^3\.(\d+)\./.exec(version + '.')?.[1];
  if (!swagger && (minor === undefined || !['0', '1', '2'].includes(minor))) {
    throw new GeneratorError(
      version ? `Unsupported OpenAPI version ${version}; only 3.0.x, 3.1.x and 3.2.x (and Swagger 2.0) are supported.` : 'The document has no `openapi` (or `swagger`) version field.',
      where(version ? '/openapi' : ''),
      'Pass an OpenAPI 3.0, 3.1, 3.2 or Swagger 2.0 document.',
    );
  }
  if (minor === '2') {
    // 3.2 keeps 3.1's schemas (JSON Schema 2020-12) and adds to the rest; what is not read is reported where it is met.
    notes.push({ level: 'info', code: 'openapi-3.2', message: `OpenAPI ${version} is read as 3.1 plus what it adds that the surfaces carry; the QUERY method, \`additionalOperations\` and \`in: querystring\` parameters are reported where they appear.`, pointer: '/openapi' });
  }
  if (doc.paths === undefined && (doc.webhooks !== undefined || doc.components !== undefined)) {
    // 3.1 makes `paths` optional (a document of webhooks or components alone); 3.0 requires it, but the rest still reads.
    const optional = minor === '1' || minor === '2';
    doc = { ...doc, paths: {} };
    notes.push({
      level: optional ? 'info' : 'warning',
      code: 'no-paths',
      message: `The document has no \`paths\`${optional ? ' (OpenAPI 3.1 and later allow that)' : ', which OpenAPI 3.0 requires; read as empty'}: no operations, only its webhooks and components.`,
      pointer: '',
    });
  }
  if (!doc.paths || typeof doc.paths !== 'object' || Array.isArray(doc.paths)) {
    throw new GeneratorError('The document has no `paths` object.', where(doc.paths === undefined ? '' : '/paths'), 'An OpenAPI document needs at least an empty `paths: {}`.');
  }
  // A bundle is a copy of the document; the parse itself may be shared with the daemon's next import (yaml-chunks.ts,
  // share-last.ts).
  let copied = false;
  if (hasExternalRefs(doc, facts)) {
    const bundled = await bundleExternalRefs(from, doc, where);
    doc = bundled.doc;
    copied = true;
    notes.push({
      level: 'info',
      code: 'external-refs-bundled',
      message: `External references bundled from ${bundled.files.length} file${bundled.files.length === 1 ? '' : 's'} (${bundled.files.map((f) => `\`${f}\``).join(', ')}); pointers into them name the place where the bundle put them.`,
      pointer: '',
    });
  }
  // The text's facts tell whether the document may have map refs; a bundle's other files are not in that text.
  if (facts.mapRefs || copied) {
    // inlineMapRefs rewrites in place: never values the daemon shares with the next import.
    if (!copied && parsedValuesAreShared()) doc = structuredClone(doc);
    notes.push(...inlineMapRefs(doc));
  }
  let openapiVersion = version!;
  let lineText = text;
  if (swagger) {
    const { upgradeFromTwoToThree } = await loadExternal<typeof import('@scalar/openapi-upgrader/2.0-to-3.0')>('@scalar/openapi-upgrader/2.0-to-3.0');
    const copy = structuredClone(doc);
    inlineBodyParamRefs(copy);
    notes.push(...dropEmptyMediaLists(copy));
    doc = upgradeFromTwoToThree(copy as any) as Record<string, any>;
    openapiVersion = String(doc.openapi);
    // Pointers now name the converted document, whose lines the user does not have.
    lineText = '';
    notes.push({
      level: 'warning',
      code: 'swagger-2-converted',
      message: `Swagger ${swagger} document converted to OpenAPI ${openapiVersion} with @scalar/openapi-upgrader; pointers in this report name the converted document.`,
      pointer: '/swagger',
    });
  }
  // A document made anew (a bundle, a conversion) shares what did not change with the last one, as a parse does.
  if (copied || swagger) doc = sharedWithLast(doc, 'derived', cacheKey);
  return { doc, source: from, sourceFile: basename(from.split(/[?#]/)[0]!), text: lineText, openapiVersion, notes };
}

/**
 * An empty `consumes: []` / `produces: []` (DocuSign writes one on every
 * operation) clears the list above it, which the conversion turns into
 * `content: {}`: the body param or the response schemas would be lost. Left
 * out where an operation has a body or a response schema, so the list above
 * (else JSON) applies; a root list the same way. Swagger 2.0 only; edits `doc`
 * in place.
 */
function dropEmptyMediaLists(doc: Record<string, any>): ReportEntry[] {
  const notes: ReportEntry[] = [];
  const note = (pointer: string, list: string) =>
    notes.push({ level: 'info', code: 'swagger-empty-media-list', message: `\`${list}: []\` would drop the ${list === 'consumes' ? 'body' : 'response schemas'} of the operations it applies to; the list above it (else JSON) applies.`, pointer });
  // A `#/parameters/…` ref is followed to see where the param goes.
  const param = (p: any) => (p && typeof p.$ref === 'string' && p.$ref.startsWith('#/parameters/') ? doc.parameters?.[p.$ref.slice('#/parameters/'.length).replace(/~1/g, '/').replace(/~0/g, '~')] : p);
  const wants = { consumes: false, produces: false };
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths ?? {})) {
    if (!item || typeof item !== 'object') continue;
    for (const [method, op] of Object.entries<Record<string, any>>(item)) {
      if (!op || typeof op !== 'object' || Array.isArray(op) || method === 'parameters') continue;
      const params: any[] = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])].map(param);
      const needs = {
        consumes: params.some((p) => p && (p.in === 'body' || p.in === 'formData')),
        produces: Object.values<any>(op.responses ?? {}).some((r) => r && typeof r === 'object' && (r.schema !== undefined || typeof r.$ref === 'string')),
      };
      for (const list of ['consumes', 'produces'] as const) {
        wants[list] ||= needs[list] && !(Array.isArray(op[list]) && op[list].length > 0);
        if (!needs[list] || !Array.isArray(op[list]) || op[list].length > 0) continue;
        delete op[list];
        note(`/paths/${escapePointerSegment(path)}/${method}/${list}`, list);
      }
    }
  }
  for (const list of ['consumes', 'produces'] as const) {
    if (!wants[list] || !Array.isArray(doc[list]) || doc[list].length > 0) continue;
    delete doc[list];
    note(`/${list}`, list);
  }
  return notes;
}

/**
 * `parameters: [{$ref: '#/parameters/note'}]` naming a body or formData param:
 * the converter turns the ref into a request body ref left among the
 * parameters, so the body is lost. The param is inlined first (the document
 * says the same). Swagger 2.0 only; edits `doc` in place.
 */
function inlineBodyParamRefs(doc: Record<string, any>): void {
  const target = (ref: unknown) => (typeof ref === 'string' && ref.startsWith('#/parameters/') ? doc.parameters?.[ref.slice('#/parameters/'.length).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined);
  const inline = (list: unknown) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      const t = target(p?.$ref);
      if (t && (t.in === 'body' || t.in === 'formData')) list[i] = structuredClone(t);
    });
  };
  for (const item of Object.values<Record<string, any>>(doc.paths ?? {})) {
    if (!item || typeof item !== 'object') continue;
    inline(item.parameters);
    for (const op of Object.values<any>(item)) if (op && typeof op === 'object' && !Array.isArray(op)) inline(op.parameters);
  }
}
