/**
 * The client's view of the spec, computed once: the resource tree with file
 * paths and class names, each method's signature pieces, and the one resource
 * file that owns each named type. Every emitted file reads from this model.
 */
import type { BodyVariant, CustomMethod, NormalizedSpec, Operation, Param, Resource, Shape } from '../../ir/types.js';
import { GeneratorError } from '../../errors.js';
import { camelCase, GLOBAL_NAMES, isIdentifier, kebabCase, pascalCase, RESERVED_WORDS, singularName } from '../../names.js';
import { tsString } from './writer.js';
import { CORE, streamType, uploadType } from './core-imports.js';
import { withWholeBody } from '../whole-body.js';

const RESERVED = RESERVED_WORDS;

/** A name usable as a local identifier (class, namespace alias, argument): spec text can start with a digit or be a keyword. */
export function safeIdent(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (!/^[A-Za-z_$]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** A member name as written after an object: `.name`, or `['2.0']` when not an identifier. */
export function member(name: string): string {
  return isIdentifier(name) ? `.${name}` : `[${tsString(name)}]`;
}

/** `client.admin.organization` style chains that stay valid for any names. */
export function chain(root: string, names: string[]): string {
  return root + names.map(member).join('');
}

export interface MethodModel {
  op: Operation;
  /** camelCase method name, from `names.clientPath`. */
  name: string;
  /** `client.admin.organization…` accessor chain (without the method). */
  accessor: string[];
  /** The last path param, passed positionally; its camelCase argument name. */
  positional?: { param: Param; argName: string };
  /** Everything else: parent path params, query, headers and body fields. */
  objectParams: Param[];
  /** `XxxParams`, when `objectParams` is not empty. */
  paramsType?: string;
  paramsRequired: boolean;
  /**
   * A union body (`op.body.variants`): one params type per member, each with
   * the other params and that member's fields as it requires them;
   * `paramsType` is then their union.
   */
  variants?: Array<{ typeName: string; params: Param[] }>;
  /**
   * openai-node's names for the params of each overload of a method with a
   * stream switch (`ChatCompletionCreateParamsStreaming`, `…NonStreaming`)
   * and for the fields they share (`…Base`); `paramsType` is then the union
   * of the two, as in openai-node, so a value declared with it narrows to
   * one overload. Left out when any of the names is taken, or the body is a union.
   */
  streamingParams?: { streaming: string; nonStreaming: string; base: string; switchParam: string };
  /**
   * openai-node's short names for this method's types, each exported beside
   * the full name as an alias of it: the last resource's singular and the
   * method (`JobCreateParams` for `FineTuningJobCreateParams`). Only names that
   * no type, resource or core export has and no other method under the same
   * root resource wants (nameShortAliases).
   */
  shortNames?: Array<{ name: string; of: string }>;
  /** Inline response (or page item) shape that gets its own `XxxResponse` type. */
  responseTypeName?: string;
  responseShape?: Shape;
  /** Paginated: the TS type of one item. */
  paginated: boolean;
  /**
   * A bare-array list: the method resolves to its response array, as a plain
   * call does (`ArrayPagePromise<XxxResponse>`), and iterates every page's items.
   */
  arrayPages: boolean;
  /** Name of the exported OperationSpec constant in src/operations.ts. */
  opConst: string;
}

export interface ResourceModel {
  resource: Resource;
  /** Accessor property on the parent, camelCase. */
  property: string;
  className: string;
  /** Path of the file under `src/`, e.g. `resources/admin/organization/projects/users/users.ts`. */
  file: string;
  children: ResourceModel[];
  methods: MethodModel[];
  /** Hand-written methods (the config's `custom.methods`), by name. */
  custom: CustomMethod[];
  /** Named types declared in this resource's file, sorted. */
  types: string[];
  parent?: ResourceModel;
  /**
   * A resource with children: every resource below it, shallowest first, with
   * the types its file exports, which this resource's file re-exports
   * (openai-node's `<pkg>/resources/chat` has the whole subtree: subpaths.ts).
   */
  subtree?: SubtreeEntry[];
  /**
   * A root resource: the types its methods (and those below it) use that
   * another resource declares, by declaring file, which its file re-exports
   * (typesUsedElsewhere).
   */
  usedElsewhere?: Array<{ file: string; names: string[] }>;
}

export interface SubtreeEntry {
  className: string;
  file: string;
  types: string[];
}

export interface ClientModel {
  spec: NormalizedSpec;
  roots: ResourceModel[];
  all: ResourceModel[];
  /** Named type → file under `src/` that declares it. */
  typeHome: Map<string, string>;
  /** File under `src/` for types no method reaches. */
  sharedTypesFile: string;
  sharedTypes: string[];
}

export function buildModel(spec: NormalizedSpec): ClientModel {
  const opsByKey = new Map(spec.operations.map((op) => [op.key, op]));
  // Lookups by key (not scans): thousands of operations and resources stay linear.
  const resourceByKey = new Map<string, NormalizedSpec['resources'][number]>();
  for (const r of spec.resources) if (!resourceByKey.has(r.key)) resourceByKey.set(r.key, r);
  const opKeysByResource = new Map<string, string[]>();
  for (const op of spec.operations) {
    const key = op.resource.join('.');
    (opKeysByResource.get(key) ?? opKeysByResource.set(key, []).get(key)!).push(op.key);
  }
  const byKey = new Map<string, ResourceModel>();
  const roots: ResourceModel[] = [];
  const all: ResourceModel[] = [];
  // Parents come before children in `spec.resources`; create missing parents defensively.
  const ensure = (path: string[]): ResourceModel => {
    const key = path.join('.');
    const hit = byKey.get(key);
    if (hit) return hit;
    const resource = resourceByKey.get(key) ?? { path, key, title: pascalCase(path[path.length - 1]!), operations: [], pointer: '' };
    const parent = path.length > 1 ? ensure(path.slice(0, -1)) : undefined;
    const model: ResourceModel = { resource, property: camelCase(path[path.length - 1]!), className: safeIdent(pascalCase(path[path.length - 1]!)), file: '', children: [], methods: [], custom: (spec.customMethods ?? []).filter((m) => m.resource === resource.key), types: [], parent };
    byKey.set(key, model);
    all.push(model);
    (parent ? parent.children : roots).push(model);
    return model;
  };
  for (const resource of spec.resources) ensure(resource.path);
  for (const op of spec.operations) ensure(op.resource);
  for (const model of all) {
    const keys = new Set(model.resource.operations);
    for (const key of opKeysByResource.get(model.resource.key) ?? []) keys.add(key);
    model.methods = [...keys].sort().map((key) => {
      const op = opsByKey.get(key);
      if (!op) throw new GeneratorError(`resource ${model.resource.key} lists unknown operation ${key}`, { pointer: model.resource.pointer });
      return methodModel(op);
    });
  }
  for (const model of all) {
    model.children.sort((a, b) => (a.property < b.property ? -1 : a.property > b.property ? 1 : 0));
    // Accessors come from names.clientPath (the locked names) when a method exists below.
    const sample = firstMethodBelow(model);
    if (sample) model.property = sample.op.names.clientPath[model.resource.path.length - 1] ?? model.property;
  }
  for (const model of all) {
    const chainOf = accessorChain(model);
    for (const m of model.methods) {
      if (m.accessor.join('.') !== chainOf.join('.')) {
        throw new GeneratorError(
          `operation ${m.op.key} has clientPath ${m.op.names.clientPath.join('.')}, but its resource is reached as ${chainOf.join('.')}`,
          { pointer: m.op.pointer },
          'all operations of one resource must share the accessor chain in names.clientPath',
        );
      }
    }
  }
  assignFiles(roots, 'resources');
  // A resource class (and its `XxxAPI` import alias) must not shadow a type imported into the same file.
  const typeNames = new Set(Object.keys(spec.types));
  // Nor shadow a global the file's types use (`Array<…>` in a resource named `array`), nor what a resource file imports
  // from the core (`Stream` in a resource named `stream` whose method streams); nor may a root's alias be the client
  // class, beside which client.ts imports it (`PingAPI`, the API titled so, with a root `ping`).
  const coreImports = new Set<string>([...Object.keys(CORE), uploadType().name, ...(streamType() ? [streamType()!.name] : [])]);
  const clash = (model: ResourceModel) =>
    typeNames.has(model.className) ||
    typeNames.has(`${model.className}API`) ||
    GLOBAL_NAMES.has(model.className) ||
    coreImports.has(model.className) ||
    (!model.parent && `${model.className}API` === spec.packages.clientClass);
  for (const model of all) {
    // `XResource`, else `XResource2`…: a schema may be named `XResource` too (Azure's `DiagnosticSettingsResource`).
    const base = `${model.className}Resource`;
    for (let n = 2; clash(model); n++) model.className = n === 2 ? base : `${base}${n - 1}`;
  }
  for (const model of all) {
    checkUnique(model.children.map((c) => ({ name: c.className, where: c.resource.pointer })), `sub-resource of ${model.resource.key}`);
    // A method's other names (config `aliases`) are members of the class too, beside the methods and sub-resources.
    const members = [
      ...model.methods.flatMap((m) => [m.name, ...(m.op.clientAliases ?? [])].map((name) => ({ name, where: m.op.pointer }))),
      ...model.children.map((c) => ({ name: c.property, where: c.resource.pointer })),
      ...model.custom.map((m) => ({ name: m.name, where: m.pointer })),
      // A pollable retrieve's helpers (normalize/polling.ts leaves out those whose names are taken).
      ...model.methods.flatMap((m) => {
        const poll = m.op.poll;
        if (!poll) return [];
        return [...(poll.method ? ['poll'] : []), ...(poll.after ?? []).map((a) => a.method), ...(poll.wait ? [poll.wait] : [])].map((name) => ({ name, where: poll.pointer }));
      }),
    ];
    checkUnique(members, `\`${model.resource.key}\` member`);
  }
  if (roots.length > 0) checkUnique(roots.map((c) => ({ name: c.className, where: c.resource.pointer })), 'root resource');
  checkUnique(all.flatMap((r) => r.methods.map((m) => ({ name: m.opConst, where: m.op.pointer }))), 'operation constant');
  nameStreamingParams(spec, all);
  nameShortAliases(spec, all);
  const { typeHome, sharedTypes } = assignTypeHomes(spec, all);
  const model: ClientModel = { spec, roots, all, typeHome, sharedTypesFile: 'resources/shared.ts', sharedTypes };
  const byFile = typesByFile(model);
  for (const r of all) {
    if (r.children.length === 0) continue;
    const below: ResourceModel[] = [];
    for (let level = r.children; level.length > 0; level = level.flatMap((c) => c.children)) below.push(...level);
    r.subtree = below.map((c) => ({ className: c.className, file: c.file, types: [...(byFile.get(c.file) ?? []), ...shortNamesOf(c)].sort() }));
  }
  return model;
}

/** The property chain from the client to a resource, e.g. `['chat', 'completions']`. */
export function accessorChain(resource: ResourceModel): string[] {
  const chain: string[] = [];
  for (let r: ResourceModel | undefined = resource; r; r = r.parent) chain.unshift(r.property);
  return chain;
}

function firstMethodBelow(model: ResourceModel): MethodModel | undefined {
  return model.methods[0] ?? model.children.map(firstMethodBelow).find(Boolean);
}

/**
 * openai-node layout: a resource with children gets a folder holding `<name>.ts`.
 * A leaf whose file is taken (`/bar/bar` beside `/bar`'s own `bar/bar.ts`, a root
 * `shared` beside the shared types file) gets a folder too. Paths are compared
 * case-folded: two files that differ only in case are one file on macOS and Windows.
 */
function assignFiles(models: ResourceModel[], dir: string, used: Set<string> = new Set(['resources/shared.ts'])): void {
  const claim = (file: string) => used.add(file.toLowerCase());
  const isFree = (file: string) => !used.has(file.toLowerCase());
  for (const model of models) if (model.children.length > 0) claim(`${dir}/${baseName(model)}/${baseName(model)}.ts`);
  for (const model of models) {
    const base = baseName(model);
    if (model.children.length > 0) {
      model.file = `${dir}/${base}/${base}.ts`;
      assignFiles(model.children, `${dir}/${base}`, used);
    } else {
      model.file = isFree(`${dir}/${base}.ts`) ? `${dir}/${base}.ts` : `${dir}/${base}/${base}.ts`;
      claim(model.file);
    }
  }
}

function baseName(model: ResourceModel): string {
  return kebabCase(model.resource.path[model.resource.path.length - 1]!) || 'resource';
}

/**
 * The operation's params, plus a synthetic `body` param when the body is not
 * flattened and the IR lists no `in: body` param for it (see whole-body.ts):
 * the caller then passes the whole body.
 */
export function effectiveParams(op: Operation): Param[] {
  return withWholeBody(op);
}

/** The last path param's argument name; never `params` or `options`, the method's other arguments. */
export function positionalName(param: Param): string {
  const name = safeIdent(camelCase(param.name) || 'id');
  return name === 'params' || name === 'options' ? `${name}_` : name;
}

function methodModel(op: Operation): MethodModel {
  const params = effectiveParams(op);
  const pathParams = params.filter((p) => p.in === 'path');
  const last = pathParams[pathParams.length - 1];
  const objectParams = params.filter((p) => p !== last);
  const name = op.names.clientPath[op.names.clientPath.length - 1]!;
  let responseTypeName: string | undefined;
  let responseShape: Shape | undefined;
  // Binary, text and empty responses are read as such (resources.ts), never as their schema.
  const arrayPages = op.pagination?.itemsField === '';
  // A bare-array list keeps its response type (`IssueListResponse`), so awaiting it gives what it always did.
  const itemOrResponse = op.pagination && !arrayPages ? op.pagination.item : op.responseKind ? undefined : op.response?.schema;
  if (itemOrResponse && itemOrResponse.kind !== 'ref') {
    responseTypeName = safeIdent(`${op.names.typePrefix}Response`);
    responseShape = itemOrResponse;
  }
  const paramsType = objectParams.length > 0 ? safeIdent(`${op.names.typePrefix}Params`) : undefined;
  const variants = paramsType && op.body?.variants ? variantParams(paramsType, objectParams, op.body.variants) : undefined;
  return {
    op,
    name,
    accessor: op.names.clientPath.slice(0, -1),
    positional: last ? { param: last, argName: positionalName(last) } : undefined,
    objectParams,
    paramsType,
    paramsRequired: objectParams.some((p) => p.required) || (variants !== undefined && variants.every((v) => v.params.some((p) => p.required))),
    ...(variants ? { variants } : {}),
    responseTypeName,
    responseShape,
    paginated: op.pagination !== undefined,
    arrayPages,
    opConst: safeIdent(camelCase(op.key)),
  };
}

/** The params of each member of a union body: every non-body param, then the member's fields, required and typed as the member says. */
function variantParams(paramsType: string, objectParams: Param[], variants: BodyVariant[]): Array<{ typeName: string; params: Param[] }> {
  return variants.map((v) => ({
    typeName: safeIdent(`${paramsType}${v.name}`),
    params: objectParams
      .filter((p) => p.in !== 'body' || v.fields.includes(p.name))
      .map((p) => (p.in === 'body' ? { ...p, required: v.required.includes(p.name), schema: v.types?.[p.name] ?? p.schema } : p)),
  }));
}

function checkUnique(items: Array<{ name: string; where: string }>, what: string): void {
  const seen = new Map<string, string>();
  for (const { name, where } of items) {
    const prior = seen.get(name);
    if (prior !== undefined) throw new GeneratorError(`two ${what}s are both named ${name}`, { pointer: where }, `the other one is at ${prior}; adjust names in spec config`);
    seen.set(name, where);
  }
}

/** Named types referenced directly by a shape (not transitively). */
export function directRefs(shape: Shape | undefined, out: Set<string> = new Set()): Set<string> {
  if (!shape) return out;
  switch (shape.kind) {
    case 'ref':
      out.add(shape.name);
      break;
    case 'array':
      directRefs(shape.items, out);
      break;
    case 'union':
      for (const m of shape.members) directRefs(m, out);
      break;
    case 'object':
      for (const p of shape.properties) directRefs(p.shape, out);
      if (shape.additionalProperties) directRefs(shape.additionalProperties, out);
      break;
  }
  return out;
}

/**
 * Each named type lives in one resource file: the shallowest resource whose
 * methods use it directly (first in resource order on ties); types reached
 * only through other types follow the first type that uses them.
 */
function assignTypeHomes(spec: NormalizedSpec, all: ResourceModel[]): { typeHome: Map<string, string>; sharedTypes: string[] } {
  const home = new Map<string, ResourceModel>();
  const depthOf = (m: ResourceModel) => m.resource.path.length;
  for (const model of all) {
    for (const method of model.methods) {
      const refs = new Set<string>();
      for (const p of method.op.params) directRefs(p.schema, refs);
      directRefs(method.op.response?.schema, refs);
      directRefs(method.op.pagination?.item, refs);
      directRefs(method.op.stream?.event, refs);
      for (const name of refs) {
        const prior = home.get(name);
        if (!prior || depthOf(model) < depthOf(prior)) home.set(name, model);
      }
    }
  }
  const queue = [...home.keys()].sort();
  while (queue.length > 0) {
    const name = queue.shift()!;
    const owner = home.get(name)!;
    for (const ref of [...directRefs(spec.types[name]?.shape)].sort()) {
      if (!home.has(ref)) {
        home.set(ref, owner);
        queue.push(ref);
      }
    }
  }
  const typeHome = new Map<string, string>();
  const sharedTypes: string[] = [];
  for (const name of Object.keys(spec.types).sort()) {
    const owner = home.get(name);
    if (owner) {
      owner.types.push(name);
      typeHome.set(name, owner.file);
    } else {
      sharedTypes.push(name);
      typeHome.set(name, 'resources/shared.ts');
    }
  }
  return { typeHome, sharedTypes };
}

/**
 * The stream switch as the client core takes it: a boolean param, or none
 * (always streams). An enum switch (`stream_format: "sse"`) is left out: the
 * events then arrive in the raw (binary) response, as openai-node does.
 */
export function clientStream(op: Operation): { param?: string } | undefined {
  if (!op.stream) return undefined;
  if (!op.stream.switch) return {};
  return op.stream.switch.value === true ? { param: op.stream.switch.param } : undefined;
}

const typesByFileOf = new WeakMap<ClientModel, Map<string, string[]>>();

/**
 * Every exported type name of the package, by the resource file it lives in
 * (index.ts re-exports them, flat). Computed once per model: the client file,
 * the index, the README and the model itself ask for it.
 */
export function typesByFile(model: ClientModel): Map<string, string[]> {
  const known = typesByFileOf.get(model);
  if (known) return known;
  const byFile = new Map<string, string[]>();
  const add = (file: string, name: string) => (byFile.get(file) ?? byFile.set(file, []).get(file)!).push(name);
  for (const [name, file] of model.typeHome) add(file, name);
  for (const r of model.all) for (const m of r.methods) for (const name of methodTypeNames(m)) add(r.file, name);
  typesByFileOf.set(model, byFile);
  return byFile;
}

const typesReachedOf = new WeakMap<ClientModel, Map<ResourceModel, Set<string>>>();

/** Each resource → the named types its methods and those below it use, directly or through other types. */
export function typesReached(model: ClientModel): Map<ResourceModel, Set<string>> {
  const known = typesReachedOf.get(model);
  if (known) return known;
  const out = new Map<ResourceModel, Set<string>>();
  const visit = (r: ResourceModel): Set<string> => {
    const seen = new Set<string>();
    for (const m of r.methods) {
      for (const p of m.op.params) directRefs(p.schema, seen);
      for (const shape of [m.op.response?.schema, m.op.pagination?.item, m.op.stream?.event]) directRefs(shape, seen);
    }
    for (let queue = [...seen]; queue.length > 0; ) {
      for (const name of directRefs(model.spec.types[queue.pop()!]?.shape)) {
        if (!seen.has(name)) {
          seen.add(name);
          queue.push(name);
        }
      }
    }
    for (const child of r.children) for (const name of visit(child)) seen.add(name);
    out.set(r, seen);
    return seen;
  };
  for (const root of model.roots) visit(root);
  typesReachedOf.set(model, out);
  return out;
}

/**
 * The types a root resource's methods (and those below it) use that another
 * resource declares, by declaring file: `<pkg>/resources/responses/responses`
 * re-exports `ResponseInputItem`, which conversations.ts declares, as
 * openai-node's responses module has it (its namespace too: entry.ts).
 */
export function typesUsedElsewhere(model: ClientModel, resource: ResourceModel): Array<{ file: string; names: string[] }> {
  const own = new Set([resource, ...(resource.subtree ?? [])].map((r) => r.file));
  const byHome = new Map<string, string[]>();
  for (const name of [...(typesReached(model).get(resource) ?? [])].sort()) {
    const home = model.typeHome.get(name);
    if (home === undefined || own.has(home)) continue;
    byHome.set(home, [...(byHome.get(home) ?? []), name]);
  }
  return [...byHome].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, names]) => ({ file, names }));
}

/** The types a method's resource file declares for it: params (each union form's too), the streaming pair, the response. */
export function methodTypeNames(m: MethodModel): string[] {
  const names = [m.paramsType, ...(m.variants ?? []).map((v) => v.typeName), m.streamingParams?.base, m.streamingParams?.streaming, m.streamingParams?.nonStreaming, m.responseTypeName];
  return names.filter((n): n is string => n !== undefined);
}

/**
 * The streaming pair (and their shared base) of each method whose stream a
 * boolean param switches on (clientStream), unless a schema or another
 * method's type has one of the names.
 */
function nameStreamingParams(spec: NormalizedSpec, all: ResourceModel[]): void {
  const taken = new Set([...Object.keys(spec.types), ...all.flatMap((r) => r.methods.flatMap(methodTypeNames))]);
  for (const m of all.flatMap((r) => r.methods)) {
    const switchParam = clientStream(m.op)?.param;
    if (!m.paramsType || m.variants || m.paginated || switchParam === undefined || !m.objectParams.some((p) => p.name === switchParam)) continue;
    const streaming = `${m.paramsType}Streaming`;
    const nonStreaming = `${m.paramsType}NonStreaming`;
    const base = `${m.paramsType}Base`;
    if (taken.has(streaming) || taken.has(nonStreaming) || taken.has(base)) continue;
    taken.add(streaming).add(nonStreaming).add(base);
    m.streamingParams = { streaming, nonStreaming, base, switchParam };
  }
}

/**
 * openai-node names a method's types by its resource alone (`JobCreateParams`,
 * `TranscriptionCreateParams`, `CompletionCreateParamsStreaming`), where ours
 * carry the whole resource path (`FineTuningJobCreateParams`) to be unique in
 * the flat index. Each short name that differs and is no type's, resource's or
 * core export's name becomes an alias beside the full name, in the resource's
 * file and in its ancestors' files and namespaces (`OpenAI.FineTuning.JobCreateParams`),
 * never in the index nor at the top of the client's namespace: two resources
 * under different roots may each have one (`OpenAI.Beta.Threads.RunCreateParams`,
 * `OpenAI.Evals.RunCreateParams`); under one root, a name two methods want goes
 * to neither.
 */
function nameShortAliases(spec: NormalizedSpec, all: ResourceModel[]): void {
  const taken = new Set<string>([
    ...Object.keys(spec.types),
    ...all.flatMap((r) => r.methods.flatMap(methodTypeNames)),
    ...all.flatMap((r) => [r.className, `${r.className}API`]),
    ...Object.keys(CORE),
    ...GLOBAL_NAMES,
    // The client class, its options and its base error's alias (entry.ts) are the package's too.
    spec.packages.clientClass, `${spec.packages.clientClass}Error`, 'ClientOptions',
  ]);
  const wanted = new Map<MethodModel, Array<{ name: string; of: string }>>();
  // By root resource and name: how many methods want it.
  const uses = new Map<string, number>();
  const scoped = (m: MethodModel, name: string) => `${m.accessor[0] ?? ''}\0${name}`;
  for (const m of all.flatMap((r) => r.methods)) {
    const last = m.op.resource[m.op.resource.length - 1];
    if (last === undefined) continue;
    // The resource as the type prefix names it (normalize/naming.ts typePrefixOf), its last segment only.
    const stem = `${pascalCase(singularName(last))}${pascalCase(m.name)}`;
    if (!/^[A-Za-z_$]/.test(stem)) continue;
    const pairs: Array<{ name: string; of: string }> = [];
    if (m.paramsType) pairs.push({ name: `${stem}Params`, of: m.paramsType });
    if (m.paramsType && m.streamingParams) {
      const { streaming, nonStreaming, base } = m.streamingParams;
      pairs.push({ name: `${stem}ParamsStreaming`, of: streaming }, { name: `${stem}ParamsNonStreaming`, of: nonStreaming }, { name: `${stem}ParamsBase`, of: base });
    }
    if (m.responseTypeName) pairs.push({ name: `${stem}Response`, of: m.responseTypeName });
    const differing = pairs.filter((p) => p.name !== p.of && !taken.has(p.name));
    for (const p of differing) uses.set(scoped(m, p.name), (uses.get(scoped(m, p.name)) ?? 0) + 1);
    if (differing.length) wanted.set(m, differing);
  }
  for (const [m, pairs] of wanted) {
    const kept = pairs.filter((p) => uses.get(scoped(m, p.name)) === 1);
    if (kept.length) m.shortNames = kept;
  }
}

/** The short names (nameShortAliases) a resource's file exports beside its types. */
export function shortNamesOf(r: ResourceModel): string[] {
  return r.methods.flatMap((m) => (m.shortNames ?? []).map((s) => s.name));
}

/** Every exported type name of the package must be unique (they are re-exported flat from index.ts). */
export function checkTypeNames(model: ClientModel): void {
  const items: Array<{ name: string; where: string }> = Object.values(model.spec.types).map((t) => ({ name: t.name, where: t.pointer }));
  for (const r of model.all) for (const m of r.methods) for (const name of methodTypeNames(m)) items.push({ name, where: m.op.pointer });
  checkUnique(items, 'type');
}

/** Relative import specifier from one `src/` file to another, with `.js`. */
export function relativeImport(fromFile: string, toFile: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const to = toFile.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const ups = from.length - i;
  const rest = to.slice(i).join('/').replace(/\.ts$/, '.js');
  return (ups === 0 ? './' : '../'.repeat(ups)) + rest;
}
