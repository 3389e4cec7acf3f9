/**
 * The deep import paths openai-node's users write, without a file of their
 * own (every module is three files for a cold build to write: its JavaScript,
 * its declarations and their CommonJS copy):
 * - `<pkg>/resources/chat/completions/messages` and any other module: the
 *   `exports` pattern `./*` → `dist/*.js`;
 * - `<pkg>/resources/chat` and `<pkg>/resources/chat/index`: a resource with
 *   children is its folder's own file (`resources/chat/chat.ts`), which
 *   re-exports every class and type below it (`subtreeExportLines`), as
 *   openai-node's `resources/chat` and its `index` have them;
 * - `<pkg>/resources` and `<pkg>/resources/index`: the entry, which has every type;
 * - `<pkg>/streaming`, `<pkg>/uploads`, `<pkg>/error`, `<pkg>/pagination`,
 *   `<pkg>/resource`, `<pkg>/api-promise`: the runtime's modules under `core/`.
 * Each also with `.js` (package-files.ts); CommonJS gets the entry for each. Pure.
 */
import { customDeepPath } from '../../ir/custom-code.js';
import { namedImport } from '../layout/code.js';
import type { Deferred } from '../layout/doc.js';
import { relativeImport, type ClientModel, type ResourceModel } from './model.js';

/** openai-node's top-level module → the runtime module (under `src/`) that is it. */
const RUNTIME_SUBPATHS: ReadonlyArray<[string, string]> = [
  ['api-promise', 'core/api-promise.ts'],
  ['error', 'core/errors.ts'],
  ['pagination', 'core/pagination.ts'],
  ['resource', 'core/resource.ts'],
  ['streaming', 'core/streaming.ts'],
  ['uploads', 'core/uploads.ts'],
];

/** Deep path (`resources/chat`) → the file under `src/` it loads. */
export function deepImportPaths(model: ClientModel): Map<string, string> {
  const paths = new Map<string, string>(RUNTIME_SUBPATHS);
  paths.set('resources', 'index.ts').set('resources/index', 'index.ts');
  // Only a folder's own file: a leaf's file is its path already (`./*`).
  for (const r of model.all) if (r.children.length > 0) paths.set(folderPath(r), r.file).set(`${folderPath(r)}/index`, r.file);
  // Hand-written files in a folder of custom/ are also `<pkg>/<folder>/<name>` (openai-node's `openai/helpers/zod`).
  for (const file of Object.keys(model.spec.customCode ?? {})) {
    const deep = customDeepPath(file);
    if (deep && !paths.has(deep)) paths.set(deep, `lib/${file}`);
  }
  return new Map([...paths].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The deep path of a resource with children: its folder (`resources/chat` for `resources/chat/chat.ts`). */
export function folderPath(resource: Pick<ResourceModel, 'file'>): string {
  return resource.file.slice(0, resource.file.lastIndexOf('/'));
}

/**
 * `export { Class } from …` and `export type { … } from …` statements for every
 * resource below this one: a class name met twice (`Files` under two
 * parents) or the resource's own is exported once, the shallowest.
 */
export function subtreeExportLines(resource: Pick<ResourceModel, 'className' | 'file' | 'subtree'>): Deferred[] {
  const lines: Deferred[] = [];
  const classes = new Set([resource.className]);
  for (const entry of resource.subtree ?? []) {
    const from = relativeImport(resource.file, entry.file);
    if (!classes.has(entry.className)) lines.push(namedImport('export', [entry.className], from));
    classes.add(entry.className);
    if (entry.types.length > 0) lines.push(namedImport('export type', entry.types, from));
  }
  return lines;
}
