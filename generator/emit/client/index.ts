/**
 * The client emitter: normalized spec → `client/` package files (paths
 * relative to generated/<target>/). Pure; the writer does the I/O.
 */
import type { Emitter } from '../types.js';
import { GeneratorError } from '../../errors.js';
import { isIdentifier } from '../../names.js';
import { copiedRuntime } from '../runtime-files.js';
import { codeHeader, customCodeHeader } from '../header.js';
import { emitApiMd, emitReadme } from './docs.js';
import { emitClientFile, emitIndexFile } from './entry.js';
import { buildModel, checkTypeNames, typesUsedElsewhere } from './model.js';
import { emitOperationsFile } from './operations.js';
import { emitPackageJson, emitTsconfig } from './package-files.js';
import { emitResourceFile, emitSharedTypes } from './resources.js';
import { deepImportPaths } from './subpaths.js';
import { guarded, hash, memoUnit } from '../memo.js';
import type { ClientModel, ResourceModel } from './model.js';

export const emitClient: Emitter = (spec) => {
  for (const auth of spec.auth) {
    if (!isIdentifier(auth.clientOption)) throw new GeneratorError(`client option ${JSON.stringify(auth.clientOption)} is not an identifier`, { pointer: auth.pointer });
  }
  if (!isIdentifier(spec.packages.clientClass)) throw new GeneratorError(`client class ${JSON.stringify(spec.packages.clientClass)} is not an identifier`, { pointer: '/packages/clientClass' });
  for (const type of Object.values(spec.types)) {
    if (!isIdentifier(type.name)) throw new GeneratorError(`type name ${JSON.stringify(type.name)} is not a TypeScript identifier`, { pointer: type.pointer }, 'the importer should derive identifier-safe type names');
  }
  const model = buildModel(spec);
  checkTypeNames(model);
  const files = new Map<string, string>();
  const put = (path: string, contents: string) => {
    if (files.has(`client/${path}`)) throw new GeneratorError(`client emitter wrote ${path} twice`, {}, 'two resources map to the same file');
    files.set(`client/${path}`, contents);
  };
  for (const [path, contents] of copiedRuntime('client', 'src/core', codeHeader(spec.target))) put(path, contents);
  // The target's hand-written code (spec/<target>/custom/), which its custom methods call.
  for (const [file, text] of Object.entries(spec.customCode ?? {})) put(`src/lib/${file}`, customCodeHeader(spec.target, file) + '\n' + text);
  put('src/client.ts', emitClientFile(model));
  put('src/index.ts', emitIndexFile(model));
  put('src/operations.ts', emitOperationsFile(model));
  // Resource files (most of the emitter's work) are memoized units: see ../memo.ts.
  // The type-home map is in every unit's view; hashed once here rather than re-serialized per unit.
  const typeHome = hash(JSON.stringify([...model.typeHome]));
  const unitModel = (unitSpec: typeof spec, extra: Partial<ClientModel> = {}) => guarded({ spec: unitSpec, typeHome: model.typeHome, ...extra }, 'model') as ClientModel;
  for (const resource of model.all) {
    const view = { ...resourceView(resource), usedElsewhere: resource.parent ? [] : typesUsedElsewhere(model, resource) };
    put(`src/${resource.file}`, memoUnit(spec, 'client:resource', { ...view, typeHome }, 'text', (s) => emitResourceFile(unitModel(s), guardedResource(view))));
  }
  if (model.sharedTypes.length > 0) {
    const shared = { sharedTypes: model.sharedTypes, sharedTypesFile: model.sharedTypesFile };
    put(`src/${model.sharedTypesFile}`, memoUnit(spec, 'client:shared-types', { ...shared, typeHome }, 'text', (s) => emitSharedTypes(unitModel(s, shared))));
  }
  put('package.json', emitPackageJson(spec, deepImportPaths(model)));
  put('tsconfig.json', emitTsconfig());
  put('README.md', emitReadme(model));
  put('api.md', emitApiMd(model));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

/** What a resource file reads of its resource model (the parent link and the children's own subtrees are left out). */
function resourceView(r: ResourceModel) {
  return {
    resource: r.resource,
    property: r.property,
    className: r.className,
    file: r.file,
    types: r.types,
    methods: r.methods,
    custom: r.custom,
    subtree: r.subtree,
    children: r.children.map((c) => ({ resource: c.resource, property: c.property, className: c.className, file: c.file })),
  };
}

function guardedResource(view: ReturnType<typeof resourceView> & Pick<ResourceModel, 'usedElsewhere'>): ResourceModel {
  return guarded({ ...view, children: view.children.map((c) => guarded(c, 'child resource')) }, 'resource') as unknown as ResourceModel;
}
