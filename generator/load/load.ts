/**
 * Loading an OpenAPI document: file or http(s) URL, YAML or JSON, 3.0 or 3.1.
 * Plain parsing uses JSON.parse / js-yaml (fast, no positions); positions are
 * computed lazily by locate.ts only when an error is reported. External file
 * refs are bundled by @apidevtools/json-schema-ref-parser, and only when present.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as yaml from 'js-yaml';
import { GeneratorError } from '../errors.js';
import { locatePointer } from './locate.js';

export interface LoadedDocument {
  /** The parsed document, internal refs still in place (`#/...`). */
  doc: Record<string, any>;
  /** Where it came from (path or URL), for messages. */
  source: string;
  /** Base name of the source, recorded in the IR. */
  sourceFile: string;
  /** Raw text, kept for lazy line lookups. */
  text: string;
  openapiVersion: string;
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
    return await readFile(from, 'utf8');
  } catch (e) {
    throw new GeneratorError(`Cannot read the OpenAPI document: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, { file: from }, 'Pass an existing file path or an http(s) URL to --from.');
  }
}

/** Parse YAML or JSON text; a parse error becomes a GeneratorError with file:line:column. */
export function parseText(text: string, source: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      // Fall through: js-yaml reports JSON syntax errors with line numbers too.
    }
  }
  try {
    // CORE_SCHEMA: no timestamp/binary magic, so `version: 2024-01-01` stays a string.
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: source });
  } catch (e) {
    const err = e as yaml.YAMLException;
    const mark = err.mark;
    throw new GeneratorError(
      `The document is not valid YAML/JSON: ${err.reason ?? err.message}.`,
      { file: source, line: mark ? mark.line + 1 : undefined, column: mark ? mark.column + 1 : undefined },
      'Fix the syntax at that position (indentation, quotes, a missing colon) and import again.',
    );
  }
}

/**
 * Cheap text pre-check (an indexOf scan, faster than a regex over 3 MB):
 * false when every `$ref` value starts with `#`, quoted or not.
 */
function textMayHaveExternalRefs(text: string): boolean {
  for (let i = text.indexOf('$ref'); i !== -1; i = text.indexOf('$ref', i + 4)) {
    let j = i + 4;
    while (j < text.length && (text[j] === '"' || text[j] === "'" || text[j] === ' ' || text[j] === ':' || text[j] === '\t')) j++;
    if (text[j] !== '#') return true;
  }
  return false;
}

/** True when any `$ref` in the tree points outside the document. */
function hasExternalRefs(node: unknown, text: string): boolean {
  if (!textMayHaveExternalRefs(text)) return false;
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

export async function loadDocument(from: string): Promise<LoadedDocument> {
  const text = await readSource(from);
  const parsed = parseText(text, from);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GeneratorError('The document is not an OpenAPI object (expected a mapping at the top level).', { file: from, line: 1 }, 'Pass an OpenAPI 3.0 or 3.1 document.');
  }
  let doc = parsed as Record<string, any>;
  const where = (ptr: string) => ({ file: from, pointer: ptr, ...(locatePointer(text, ptr) ?? {}) });
  if (doc.swagger !== undefined) {
    throw new GeneratorError(
      `Swagger ${doc.swagger} documents are not supported; only OpenAPI 3.0 and 3.1 are.`,
      where('/swagger'),
      'Convert the document to OpenAPI 3 first (for example with swagger2openapi) and import the result.',
    );
  }
  const version = typeof doc.openapi === 'string' ? doc.openapi : doc.openapi === undefined ? undefined : String(doc.openapi);
  if (!version || !/^3\.[01]\./.test(version + '.')) {
    throw new GeneratorError(
      version ? `Unsupported OpenAPI version ${version}; only 3.0.x and 3.1.x are supported.` : 'The document has no `openapi` version field.',
      where(version ? '/openapi' : ''),
      'Pass an OpenAPI 3.0 or 3.1 document.',
    );
  }
  if (!doc.paths || typeof doc.paths !== 'object') {
    throw new GeneratorError('The document has no `paths` object.', where(''), 'An OpenAPI document needs at least an empty `paths: {}`.');
  }
  if (hasExternalRefs(doc, text)) {
    const { default: $RefParser } = await import('@apidevtools/json-schema-ref-parser');
    try {
      // bundle() inlines external files once and rewrites later uses into internal refs.
      doc = (await $RefParser.bundle(from, structuredClone(doc) as any, {})) as Record<string, any>;
    } catch (e) {
      throw new GeneratorError(
        `An external $ref cannot be resolved: ${(e as Error).message}`,
        { file: from },
        'Check that every referenced file exists relative to the document and that the pointer after `#` exists in it.',
      );
    }
  }
  return { doc, source: from, sourceFile: basename(from.split(/[?#]/)[0]!), text, openapiVersion: version };
}
