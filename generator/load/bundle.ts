/**
 * Multi-file documents: every external `$ref` (relative across folders, `#/`
 * fragments into YAML files, chains, refs in path items, parameters,
 * responses and under `properties`) is bundled into the document by
 * @apidevtools/json-schema-ref-parser, which leaves internal refs only.
 *
 * One fix-up on its output: a ref from an external file back into the root
 * document (`../openapi.yaml#/components/schemas/X`) comes out unchanged, as
 * a relative file ref (the bundler treats the inlined file as its own
 * resource). It means `#/components/schemas/X`, so it is rewritten to that.
 */
import { dirname, resolve } from 'node:path';
import { escapePointerSegment, GeneratorError, type ErrorLocation } from '../errors.js';
import { loadExternal } from '../externals.js';

export interface BundleResult {
  doc: Record<string, any>;
  /** Files the document pulled in, relative to the root document's folder, sorted. */
  files: string[];
}

function isExternal(ref: unknown): ref is string {
  return typeof ref === 'string' && !ref.startsWith('#');
}

/** Every `$ref` holder in the tree, visited once. */
function refHolders(root: unknown): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const cur = stack.pop();
    if (!cur || typeof cur !== 'object' || seen.has(cur)) continue;
    seen.add(cur);
    if (Array.isArray(cur)) stack.push(...cur);
    else {
      if (typeof (cur as Record<string, unknown>).$ref === 'string') out.push(cur as Record<string, any>);
      stack.push(...Object.values(cur));
    }
  }
  return out;
}

/**
 * The pointer of the first `$ref` in the root document whose file part names
 * `source` (a file or URL the bundler could not read) and, when the file was
 * read but lacks the pointer, whose fragment is `fragment`; for the error message.
 */
function referrerOf(doc: unknown, from: string, source: string, fragment?: string): string | undefined {
  const isUrl = /^https?:\/\//i.test(from);
  const target = (ref: string) => {
    const file = ref.split('#')[0]!;
    try {
      return isUrl || /^https?:\/\//i.test(file) ? new URL(file, isUrl ? from : 'file:///').href : resolve(dirname(from), decodeURI(file));
    } catch {
      return file;
    }
  };
  const wanted = /^https?:\/\//i.test(source) ? new URL(source).href : resolve(source);
  const stack: Array<[unknown, string]> = [[doc, '']];
  while (stack.length) {
    const [node, pointer] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    const ref = (node as Record<string, unknown>).$ref;
    if (isExternal(ref) && target(ref) === wanted && (fragment === undefined || `#${ref.split('#')[1] ?? ''}` === fragment)) return `${pointer}/$ref`;
    const entries = Object.entries(node as Record<string, unknown>);
    // Reversed onto the stack, so the document's first such $ref is found first.
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], `${pointer}/${escapePointerSegment(entries[i]![0])}`]);
  }
  return undefined;
}

/** `where` locates a JSON pointer of the root document (file, line), for errors. */
export async function bundleExternalRefs(from: string, doc: Record<string, any>, where: (pointer: string) => ErrorLocation = () => ({ file: from })): Promise<BundleResult> {
  const { default: $RefParser } = await loadExternal<typeof import('@apidevtools/json-schema-ref-parser')>('@apidevtools/json-schema-ref-parser');
  const parser = new $RefParser();
  let bundled: Record<string, any>;
  try {
    const input = structuredClone(doc);
    // `file.yaml#/` names the whole file (as Redocly and others read it); the bundler wants `file.yaml#`.
    for (const holder of refHolders(input)) if (isExternal(holder.$ref) && holder.$ref.endsWith('#/')) holder.$ref = holder.$ref.slice(0, -1);
    bundled = (await parser.bundle(from, input as any, {})) as Record<string, any>;
  } catch (e) {
    // The bundler names the file it could not read, not the $ref that wanted it: found here when the root document holds it.
    const { source, targetRef } = e as { source?: unknown; targetRef?: unknown };
    const pointer = typeof source === 'string' ? referrerOf(doc, from, source, typeof targetRef === 'string' ? targetRef : undefined) : undefined;
    throw new GeneratorError(
      `An external $ref cannot be resolved: ${(e as Error).message}`,
      pointer === undefined ? { file: from } : where(pointer),
      'Check that every referenced file exists relative to the file that references it, and that the pointer after `#` exists in it.',
    );
  }
  const isUrl = /^https?:\/\//i.test(from);
  const rootPath = isUrl ? from.split('#')[0]! : resolve(from);
  const loaded = parser.$refs.paths().map((p) => (isUrl ? p : resolve(p)));
  const dirs = [...new Set(loaded.map((p) => (isUrl ? new URL('.', p).href : dirname(p))))];
  const resolveFrom = (dir: string, file: string) => (isUrl ? new URL(file, dir).href : resolve(dir, decodeURI(file)));
  for (const holder of refHolders(bundled)) {
    const ref: string = holder.$ref;
    if (!isExternal(ref)) continue;
    const [file = '', hash = ''] = ref.split('#');
    if (dirs.some((dir) => resolveFrom(dir, file) === rootPath)) {
      holder.$ref = `#${hash}`;
      continue;
    }
    throw new GeneratorError(
      `The $ref \`${ref}\` is still external after bundling.`,
      { file: from },
      'Check that the referenced file exists relative to the file that references it.',
    );
  }
  const base = isUrl ? new URL('.', rootPath).href : dirname(rootPath);
  const files = loaded
    .filter((p) => p !== rootPath)
    .map((p) => (isUrl ? p : p.startsWith(base + '/') ? p.slice(base.length + 1) : p))
    .sort();
  return { doc: bundled, files };
}
