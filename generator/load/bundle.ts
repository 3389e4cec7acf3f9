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
import { GeneratorError } from '../errors.js';
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

export async function bundleExternalRefs(from: string, doc: Record<string, any>): Promise<BundleResult> {
  const { default: $RefParser } = await loadExternal<typeof import('@apidevtools/json-schema-ref-parser')>('@apidevtools/json-schema-ref-parser');
  const parser = new $RefParser();
  let bundled: Record<string, any>;
  try {
    bundled = (await parser.bundle(from, structuredClone(doc) as any, {})) as Record<string, any>;
  } catch (e) {
    throw new GeneratorError(
      `An external $ref cannot be resolved: ${(e as Error).message}`,
      { file: from },
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
