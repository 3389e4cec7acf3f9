/**
 * The deep import paths openai-node's users write, as small re-export files:
 * - `<pkg>/resources/chat` and `<pkg>/resources/chat/completions`: each
 *   resource folder gets an `index.ts` (its own class and types, and every
 *   class and type below it) and, beside the folder, `<name>.ts` pointing at it;
 * - `<pkg>/resources`: every root resource class and every type;
 * - `<pkg>/streaming`, `<pkg>/uploads`, `<pkg>/error`, `<pkg>/pagination`,
 *   `<pkg>/resource`, `<pkg>/api-promise`: the runtime's modules.
 * The package's `exports` map (`./*`) offers them to ES-module and CommonJS
 * consumers alike. Pure: paths are relative to `src/`.
 */
import { codeHeader } from '../header.js';
import { namedImport } from '../layout/code.js';
import { layout } from '../layout/doc.js';
import { typesByFile } from './entry.js';
import { relativeImport, type ClientModel, type ResourceModel } from './model.js';

/** openai-node's top-level module → the runtime module (under `core/`) it names. */
const RUNTIME_SUBPATHS: ReadonlyArray<[string, string]> = [
  ['api-promise.ts', 'core/api-promise.ts'],
  ['error.ts', 'core/errors.ts'],
  ['pagination.ts', 'core/pagination.ts'],
  ['resource.ts', 'core/resource.ts'],
  ['streaming.ts', 'core/streaming.ts'],
  ['uploads.ts', 'core/uploads.ts'],
];

/** The folder index of each resource with children, e.g. `resources/chat/index.ts`. */
export function folderIndexFile(model: ResourceModel): string {
  return `${model.file.slice(0, model.file.lastIndexOf('/'))}/index.ts`;
}

export function emitSubpathFiles(model: ClientModel, taken: ReadonlySet<string>): Map<string, string> {
  const header = codeHeader(model.spec.target);
  const files = new Map<string, string>();
  const used = new Set([...taken].map((file) => file.toLowerCase()));
  // Two paths that differ only in case are one file on macOS and Windows: such a re-export is left out.
  const put = (file: string, body: string[]) => {
    if (used.has(file.toLowerCase())) return;
    used.add(file.toLowerCase());
    files.set(file, [header, ...body].join('\n') + '\n');
  };
  const byFile = typesByFile(model);
  for (const [file, target] of RUNTIME_SUBPATHS) put(file, [`export * from './${target.replace(/\.ts$/, '.js')}';`]);

  const rootIndex = 'resources/index.ts';
  put(rootIndex, exportsOf(rootIndex, model.roots, byFile, model.sharedTypes.length > 0 ? model.sharedTypesFile : undefined, false));
  put('resources.ts', [`export * from './resources/index.js';`]);
  for (const resource of model.all) {
    if (resource.children.length === 0) continue;
    const index = folderIndexFile(resource);
    put(index, exportsOf(index, [resource], byFile, undefined, true));
    const folder = index.slice(0, index.lastIndexOf('/'));
    put(`${folder}.ts`, [`export * from './${folder.slice(folder.lastIndexOf('/') + 1)}/index.js';`]);
  }
  return files;
}

/**
 * `export { Class }` and `export type { … }` lines of `from` for these
 * resources (with their whole subtrees when `deep`) and every type their files
 * declare. Type names are unique in the package; a class name met twice
 * (`Files` under two parents) is exported once, the shallowest.
 */
function exportsOf(from: string, tops: ResourceModel[], byFile: Map<string, string[]>, sharedFile: string | undefined, deep: boolean): string[] {
  const lines: string[] = [];
  const classes = new Set<string>();
  const files: string[] = [];
  // Breadth first, so the shallowest class of a name is the one exported.
  for (let level = tops; level.length > 0; level = deep ? level.flatMap((r) => r.children) : []) {
    for (const r of level) {
      const names = classes.has(r.className) ? [] : [r.className];
      classes.add(r.className);
      if (names.length > 0) lines.push(layout(namedImport('export', names, relativeImport(from, r.file)), 0));
      files.push(r.file);
    }
  }
  if (!deep) files.push(...collectFiles(tops));
  if (sharedFile) files.push(sharedFile);
  for (const file of [...new Set(files)]) {
    const names = byFile.get(file);
    if (names?.length) lines.push(layout(namedImport('export type', [...names].sort(), relativeImport(from, file)), 0));
  }
  return lines;
}

/** Every file of these resources' subtrees. */
function collectFiles(tops: ResourceModel[]): string[] {
  return tops.flatMap((r) => [r.file, ...collectFiles(r.children)]);
}
