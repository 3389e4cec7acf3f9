/**
 * One file per resource: the resource class (sub-resource accessors, thin
 * methods that hand an OperationSpec to the client core), then the method
 * `XxxParams`/`XxxResponse` types and the named types this resource owns.
 */
import type { CustomMethod, NamedType, Param } from '../../ir/types.js';
import { GeneratorError } from '../../errors.js';
import { codeHeader } from '../header.js';
import { assignmentStatement, call, call as call_, name, namedImport, object, statement, type Expr, type Property } from '../layout/code.js';
import { methodHead, param, type ParamDoc } from '../layout/functions.js';
import { pascalCase } from '../../names.js';
import { interfaceDeclaration, intersection, objectType, ref, simple, typeAlias, typeText, union, type TypeMember, type TypeNode } from '../layout/types.js';
import { CORE, streamType } from './core-imports.js';
import { exampleCode } from './examples.js';
import { chain, clientStream, member, positionalName, relativeImport, type ClientModel, type MethodModel, type ResourceModel } from './model.js';
import { isInterfaceShape, propertyKey, shapeDocParts, typeNode, writeNamedType, type TypeContext } from './ts-types.js';
import { writeMemberTypes } from './member-types.js';
import { subtreeExportLines } from './subpaths.js';
import { createWriter, docLines, escapeComment, writeDoc, writeLayout, type Writer } from './writer.js';

export function emitResourceFile(model: ClientModel, resource: ResourceModel): string {
  const w = createWriter();
  const used = new Set<string>();
  const coreTypes = new Map<string, string>();
  const ctx: TypeContext = { spec: model.spec, use: (name) => used.add(name), useCore: (name, file) => coreTypes.set(name, file) };
  const body = createWriter();
  const local = new Set<string>(resource.types);
  const coreUsed = new Set<keyof typeof CORE>(['APIResource']);
  const pollingUsed = new Set<string>();

  writeResourceClass(body, model, resource, ctx, coreUsed, pollingUsed);
  for (const method of resource.methods) writeMethodTypes(body, method, ctx);
  for (const name of resource.types) writeTypeAndMembers(body, model.spec.types[name]!, ctx);

  for (const name of [...coreUsed].sort()) {
    const { file, typeOnly } = CORE[name];
    if (local.has(name) || used.has(name)) throw new GeneratorError(`type ${name} clashes with a client core export`, { pointer: model.spec.types[name]?.pointer ?? '' }, 'rename the schema in the spec config');
    writeLayout(w, namedImport(typeOnly ? 'import type' : 'import', [name], relativeImport(resource.file, file)));
  }
  for (const name of coreTypes.keys()) {
    if (local.has(name) || used.has(name)) throw new GeneratorError(`type ${name} clashes with a client core export`, { pointer: model.spec.types[name]?.pointer ?? '' }, 'rename the schema in the spec config');
  }
  writeCoreTypeImports(w, resource.file, coreTypes);
  for (const m of resource.custom) writeLayout(w, namedImport('import', [`${m.export} as ${customBinding(m)}`], relativeImport(resource.file, `lib/${m.file}`)));
  if (pollingUsed.size > 0) writeLayout(w, namedImport('import', [...pollingUsed].sort(), relativeImport(resource.file, 'core/polling.ts')));
  const opConsts = resource.methods.map((m) => m.opConst).sort();
  if (opConsts.length > 0) writeLayout(w, namedImport('import', opConsts, relativeImport(resource.file, 'operations.ts')));
  for (const child of resource.children) w.writeLine(`import * as ${child.className}API from '${relativeImport(resource.file, child.file)}';`);
  writeTypeImports(w, model, resource.file, used, local);
  // A folder's own file is `<pkg>/resources/<folder>` too: it has everything below it (subpaths.ts). A root's file
  // also has the types its methods use that another resource declares, as its namespace does (entry.ts).
  const reexports = [...subtreeExportLines(resource), ...usedTypeExportLines(resource)];
  if (reexports.length > 0) {
    w.blankLine();
    for (const line of reexports) writeLayout(w, line);
  }
  if (used.has(resource.className) || local.has(resource.className)) {
    throw new GeneratorError(`resource class ${resource.className} clashes with a type of the same name`, { pointer: resource.resource.pointer }, 'rename the type or the resource in the spec config');
  }
  return codeHeader(model.spec.target) + '\n' + w.toString() + '\n' + body.toString().trimEnd() + '\n';
}

/** `export type { … } from …` for the types a root resource's file re-exports from elsewhere (model.ts typesUsedElsewhere). */
function usedTypeExportLines(resource: ResourceModel) {
  return (resource.usedElsewhere ?? []).map(({ file, names }) => namedImport('export type', names, relativeImport(resource.file, file)));
}

/** `import type { … }` lines for named types used in `file` but declared elsewhere. */
function writeTypeImports(w: Writer, model: ClientModel, file: string, used: Set<string>, local: Set<string>): void {
  const byFile = new Map<string, string[]>();
  for (const name of [...used].sort()) {
    if (local.has(name)) continue;
    const home = model.typeHome.get(name)!;
    byFile.set(home, [...(byFile.get(home) ?? []), name]);
  }
  for (const [home, names] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    writeLayout(w, namedImport('import type', names, relativeImport(file, home)));
  }
}

/** `import type { … }` lines for client-core types (e.g. the upload type) used in `file`. */
function writeCoreTypeImports(w: Writer, file: string, coreTypes: Map<string, string>): void {
  const byFile = new Map<string, string[]>();
  for (const [name, home] of [...coreTypes].sort(([a], [b]) => (a < b ? -1 : 1))) byFile.set(home, [...(byFile.get(home) ?? []), name]);
  for (const [home, names] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) writeLayout(w, namedImport('import type', names, relativeImport(file, home)));
}

/** The file for named types that no method reaches. */
export function emitSharedTypes(model: ClientModel): string {
  const used = new Set<string>();
  const coreTypes = new Map<string, string>();
  const ctx: TypeContext = { spec: model.spec, use: (name) => used.add(name), useCore: (name, file) => coreTypes.set(name, file) };
  const body = createWriter();
  for (const name of model.sharedTypes) writeTypeAndMembers(body, model.spec.types[name]!, ctx);
  const w = createWriter();
  writeCoreTypeImports(w, model.sharedTypesFile, coreTypes);
  writeTypeImports(w, model, model.sharedTypesFile, used, new Set(model.sharedTypes));
  return codeHeader(model.spec.target) + '\n' + w.toString() + (w.toString() ? '\n' : '') + body.toString().trimEnd() + '\n';
}

function writeResourceClass(w: Writer, model: ClientModel, resource: ResourceModel, ctx: TypeContext, coreUsed: Set<keyof typeof CORE>, pollingUsed: Set<string>): void {
  const r = resource.resource;
  writeDoc(w, [escapeComment(r.title), r.description ? escapeComment(r.description) : undefined]);
  w.write(`export class ${resource.className} extends APIResource`).block(() => {
    for (const child of resource.children) {
      writeDoc(w, [escapeComment(child.resource.title)]);
      writeLayout(w, resourceAccessor(child, 'this._client'));
    }
    resource.methods.forEach((method, i) => {
      if (i > 0 || resource.children.length > 0) w.blankLine();
      writeMethod(w, model, method, ctx, coreUsed);
      // The config's other names for the same call (`aliases`), deprecated.
      for (const alias of method.op.clientAliases ?? []) {
        w.blankLine();
        writeMethod(w, model, { ...method, name: alias }, ctx, coreUsed, method.name);
      }
    });
    // A pollable retrieve's helpers (normalize/polling.ts), after the methods.
    for (const method of resource.methods) {
      for (const helper of pollHelpers(method, resource)) {
        w.blankLine();
        writePollHelper(w, helper, ctx, coreUsed, pollingUsed);
      }
    }
    // Hand-written members (config `custom.methods`), last.
    for (const custom of resource.custom) {
      w.blankLine();
      writeCustomMethod(w, custom);
    }
  });
  w.blankLine();
}

/** The module-level name of a custom method's function: its export, named after its file too (two files may export `stream`). */
function customBinding(m: CustomMethod): string {
  return `${m.export}From${pascalCase(m.file.replace(/\.ts$/, ''))}`;
}

/**
 * A hand-written method (config `custom.methods`): the function of its file, whose `this` is the resource, as a
 * member typed by it. A member, not a method that forwards its arguments: a generic function keeps its type
 * parameters (`parse<Params>()` types its result by the params it is given), which no forwarding signature can.
 */
function writeCustomMethod(w: Writer, m: CustomMethod): void {
  const fn = customBinding(m);
  writeDoc(w, [m.description ? escapeComment(m.description) : undefined, `Hand-written: \`${escapeComment(m.export)}\` of \`lib/${escapeComment(m.file)}\` (spec/…/custom/).`]);
  // As prettier lays it out: one line when it fits the class body's 120 columns, else the value on the next line.
  const head = `${m.name}: typeof ${fn} =`;
  if (`  ${head} ${fn};`.length <= 120) w.writeLine(`${head} ${fn};`);
  else {
    w.writeLine(head);
    w.indent(() => w.writeLine(`${fn};`));
  }
}

/** One poll helper of a retrieve: `poll`, `<method>AndPoll` after another method, or the config's wait method. */
export interface PollHelper {
  kind: 'poll' | 'after' | 'wait';
  name: string;
  /** The retrieve. */
  retrieve: MethodModel;
  /** `after`: the method whose result is polled, and the retrieve's path params → its param names. */
  source?: MethodModel;
  params?: Record<string, string>;
}

/** The helpers a method has (none unless it is a pollable retrieve), in the order they are written. */
export function pollHelpers(method: MethodModel, resource: ResourceModel): PollHelper[] {
  const poll = method.op.poll;
  if (!poll) return [];
  const out: PollHelper[] = [];
  if (poll.method) out.push({ kind: 'poll', name: 'poll', retrieve: method });
  for (const a of poll.after ?? []) {
    const source = resource.methods.find((m) => m.op.key === a.operation);
    if (source) out.push({ kind: 'after', name: a.method, retrieve: method, source, params: a.params });
  }
  if (poll.wait) out.push({ kind: 'wait', name: poll.wait, retrieve: method });
  return out;
}

/** The params, return and call of a poll helper: the retrieve's (or the source method's non-streaming) parameters. */
function pollHelperParts(helper: PollHelper, ctx: TypeContext): { params: SignatureParam[]; item: TypeNode; call: (client: string) => Expr } {
  const retrieve = helper.retrieve;
  const item = methodSignature(retrieve, ctx).item;
  const on = helper.source ?? retrieve;
  const sig = methodSignature(on, ctx);
  // A source that can stream takes its non-streaming params (the second overload); a positional `poll` every path param.
  const pathArgs = helper.kind === 'poll' && retrieve.op.poll!.positional ? retrieve.op.params.filter((p) => p.in === 'path') : undefined;
  const head = pathArgs
    ? pathArgs.map((p) => signatureParam({ name: positionalName(p), type: typeNode(p.schema, ctx) }))
    : (sig.overloads[1]?.params ?? sig.params).slice(0, -1);
  const extra: TypeMember[] =
    helper.kind === 'wait'
      ? [
          { key: 'pollInterval', optional: true, type: simple('number') },
          { key: 'maxWait', optional: true, type: simple('number') },
        ]
      : [{ key: 'pollIntervalMs', optional: true, type: simple('number') }];
  const options = signatureParam({ name: 'options', type: intersection([simple('RequestOptions'), objectType(extra, false)]), optional: true });
  const sentOf = (m: MethodModel): Expr => {
    const props: Property[] = [];
    if (m.paramsType) props.push({ spread: 'params' });
    if (m.positional) props.push({ key: m.positional.param.name, value: name(m.positional.argName) });
    return object(props);
  };
  const call = (client: string): Expr => {
    if (helper.kind === 'after') {
      const source = helper.source!;
      const fixed: Property[] = Object.entries(helper.params!).map(([to, from]) => ({
        key: to,
        value: name(source.positional?.param.name === from ? source.positional.argName : `params${member(from)}`),
      }));
      return call_('pollAfter', [name(client), name(source.opConst), sentOf(source), name(retrieve.opConst), object(fixed), name('options')], [item]);
    }
    const sent = pathArgs ? object(pathArgs.map((p) => ({ key: p.name, value: name(positionalName(p)) }))) : sentOf(retrieve);
    return call_(helper.kind === 'wait' ? 'waitUntilDone' : 'pollUntilDone', [name(client), name(retrieve.opConst), sent, name('options')], [item]);
  };
  return { params: [...head, options], item, call };
}

function writePollHelper(w: Writer, helper: PollHelper, ctx: TypeContext, coreUsed: Set<keyof typeof CORE>, pollingUsed: Set<string>): void {
  const retrieve = helper.retrieve;
  const pending = retrieve.op.poll!.pending.map((v) => `\`${v}\``).join(', ');
  const doc =
    helper.kind === 'poll'
      ? `Calls \`${retrieve.name}()\` until \`status\` is no longer ${pending}, and resolves to that last one. Waits \`pollIntervalMs\`, else what the server says, else 5 seconds, between calls.`
      : helper.kind === 'after'
        ? `Calls \`${helper.source!.name}()\`, then polls the result by its \`id\` until \`status\` is no longer ${pending} (see \`poll()\`).`
        : `Calls \`${retrieve.name}()\` every \`pollInterval\` ms (default 5000) until \`status\` is no longer ${pending}; rejects with APIConnectionTimeoutError after \`maxWait\` ms (default 30 minutes).`;
  writeDoc(w, [escapeComment(doc)]);
  const parts = pollHelperParts(helper, ctx);
  coreUsed.add('RequestOptions');
  pollingUsed.add(helper.kind === 'after' ? 'pollAfter' : helper.kind === 'wait' ? 'waitUntilDone' : 'pollUntilDone');
  writeLayout(w, methodHead(propertyKey(helper.name), parts.params.map((p) => p.param), ref('Promise', [parts.item])));
  w.indent(() => writeLayout(w, statement('return ', parts.call('this._client'))));
  w.writeLine('}');
}

/** One-line texts of a poll helper's signature, for api.md. */
export function pollHelperTexts(helper: PollHelper, ctx: TypeContext): { args: string[]; returns: string } {
  const parts = pollHelperParts(helper, ctx);
  return { args: parts.params.map((p) => `${p.name}${p.optional || p.init ? '?' : ''}: ${typeText(p.type)}`), returns: typeText(ref('Promise', [parts.item])) };
}

/** `users: UsersAPI.Users = new UsersAPI.Users(client);`, the class field of a sub-resource. */
export function resourceAccessor(child: ResourceModel, client: string) {
  const cls = `${child.className}API.${child.className}`;
  return assignmentStatement(`${propertyKey(child.property)}: ${cls}`, ' =', call(`new ${cls}`, [name(client)]));
}

/** The promise class a method returns and the client core method that makes it. */
function promiseOf(method: MethodModel): { type: 'APIPromise' | 'PagePromise' | 'ArrayPagePromise'; request: string } {
  if (method.arrayPages) return { type: 'ArrayPagePromise', request: 'requestArrayPages' };
  return method.paginated ? { type: 'PagePromise', request: 'requestPage' } : { type: 'APIPromise', request: 'request' };
}

function itemType(method: MethodModel, ctx: TypeContext): TypeNode {
  const kind = method.paginated ? undefined : method.op.responseKind;
  // As openai-node: binary content resolves to the fetch Response (a schema named `Response` must not shadow it).
  if (kind) return simple(kind === 'binary' ? (ctx.spec.types.Response ? 'globalThis.Response' : 'Response') : kind === 'text' ? 'string' : 'void');
  if (method.responseTypeName) return simple(method.responseTypeName);
  const shape = (method.arrayPages ? undefined : method.op.pagination?.item) ?? method.op.response?.schema;
  return shape ? typeNode(shape, ctx) : simple('void');
}

/** A method; `aliasOf` names the method this one is another, deprecated name of (config `aliases`). */
function writeMethod(w: Writer, model: ClientModel, method: MethodModel, ctx: TypeContext, coreUsed: Set<keyof typeof CORE>, aliasOf?: string): void {
  const op = method.op;
  if (aliasOf !== undefined) {
    writeDoc(w, [escapeComment(`Another name for \`${aliasOf}()\`: the same call.`), `@deprecated Use \`${aliasOf}()\` instead.`]);
  } else {
    const example = exampleCode(method, model.spec);
    const docs = [op.summary && op.summary !== op.description ? escapeComment(op.summary) : undefined, op.description ? escapeComment(op.description) : undefined];
    if (!docs.some(Boolean)) docs[0] = escapeComment(`${op.httpMethod.toUpperCase()} ${op.path}`);
    writeDoc(w, [...docs, op.deprecated ? '@deprecated' : undefined, '@example\n```ts\n' + escapeComment(example) + '\n```']);
  }

  const sig = methodSignature(method, ctx);
  coreUsed.add('RequestOptions');
  const promise = promiseOf(method);
  coreUsed.add(promise.type);

  const props: Property[] = [];
  if (method.paramsType) props.push({ spread: 'params' });
  if (method.positional) props.push({ key: method.positional.param.name, value: name(method.positional.argName) });
  // A spread, not `params` itself: interfaces are not assignable to the core's Record<string, unknown>.
  const request = call(`this._client.${promise.request}`, [name(method.opConst), object(props), name('options')], [sig.item]);
  for (const o of sig.overloads) writeLayout(w, methodHead(propertyKey(method.name), o.params.map((p) => p.param), o.returns, ';'));
  writeLayout(w, methodHead(propertyKey(method.name), sig.params.map((p) => p.param), sig.returns));
  w.indent(() => writeLayout(w, statement('return ', request)));
  w.writeLine('}');
}

interface SignatureParam {
  name: string;
  type: TypeNode;
  optional?: boolean;
  init?: string;
  param: ParamDoc;
}

interface Signature {
  params: SignatureParam[];
  returns: TypeNode;
}

function signatureParam(p: Omit<SignatureParam, 'param'>): SignatureParam {
  return { ...p, param: param(p.name, p.type, p) };
}

/**
 * The parameters, return type and item type of a method. A streaming method
 * (when the client core has a `Stream`) resolves to `Stream<Event>`; one with
 * a switch gets openai-node's overloads: `{ stream: true }` →
 * `APIPromise<Stream<Event>>`, `{ stream?: false | null }` → the plain
 * response, and a `boolean` → either.
 */
export function methodSignature(method: MethodModel, ctx: TypeContext): Signature & { item: TypeNode; overloads: Signature[] } {
  const head: SignatureParam[] = [];
  if (method.positional) head.push(signatureParam({ name: method.positional.argName, type: typeNode(method.positional.param.schema, ctx) }));
  const tail = signatureParam({ name: 'options', type: simple('RequestOptions'), optional: true });
  const paramsType = method.paramsType ? simple(method.paramsType) : undefined;
  const params = [...head, ...(paramsType ? [signatureParam({ name: 'params', type: paramsType, init: method.paramsRequired ? undefined : '{}' })] : []), tail];
  const plain = itemType(method, ctx);
  const stream = streamTypeOf(method, ctx);
  if (!stream) return { params, returns: ref(promiseOf(method).type, [plain]), item: plain, overloads: [] };
  const sw = clientStream(method.op)!.param;
  const switchable = sw !== undefined && paramsType !== undefined && method.objectParams.some((p) => p.name === sw);
  if (!switchable) return { params, returns: ref('APIPromise', [stream]), item: stream, overloads: [] };
  const key = propertyKey(sw);
  const item = union([stream, plain]);
  const withSwitch = (type: TypeNode, optional: boolean) => [...head, signatureParam({ name: 'params', type, optional }), tail];
  const [streaming, nonStreaming] = method.streamingParams
    ? [simple(method.streamingParams.streaming), simple(method.streamingParams.nonStreaming)]
    : switchedParams(paramsType, key);
  // With named streaming params, `paramsType` is their union; a `boolean` switch takes the shared base.
  const either = method.streamingParams ? simple(method.streamingParams.base) : paramsType;
  const overloads: Signature[] = [
    { params: withSwitch(streaming, false), returns: ref('APIPromise', [stream]) },
    { params: withSwitch(nonStreaming, !method.paramsRequired), returns: ref('APIPromise', [plain]) },
    { params: withSwitch(either, !method.paramsRequired), returns: ref('APIPromise', [item]) },
  ];
  return { params, returns: ref('APIPromise', [item]), item, overloads };
}

/** The params with the stream switch on (`XParams & { stream: true }`) and off (`XParams & { stream?: false | null }`). */
function switchedParams(paramsType: TypeNode, key: string): [TypeNode, TypeNode] {
  return [
    intersection([paramsType, objectType([{ key, type: simple('true') }], false)]),
    intersection([paramsType, objectType([{ key, optional: true, type: union([simple('false'), simple('null')]) }], false)]),
  ];
}

/** `Stream<Event>` for a method that can stream, once the client core exports `Stream`. */
function streamTypeOf(method: MethodModel, ctx: TypeContext): TypeNode | undefined {
  const core = streamType();
  if (method.paginated || !method.op.stream || !clientStream(method.op) || !core) return undefined;
  ctx.useCore?.(core.name, core.file);
  return ref(core.name, [typeNode(method.op.stream.event, ctx)]);
}

/** One-line texts of a signature, for api.md: `name: Type` per parameter and the return type. */
export function signatureTexts(method: MethodModel, ctx: TypeContext): { args: string[]; returns: string } {
  const { params, returns } = methodSignature(method, ctx);
  return { args: params.map((p) => `${p.name}${p.optional || p.init ? '?' : ''}: ${typeText(p.type)}`), returns: typeText(returns) };
}

function paramMember(p: Param, ctx: TypeContext): TypeMember {
  const doc = shapeDocParts({ ...p.schema, description: p.description ?? p.schema.description });
  if (p.fixed !== undefined) doc.push(escapeComment(`Sent as \`${JSON.stringify(p.fixed)}\` by default (the only value the API takes).`));
  if (p.deprecated && !doc.includes('@deprecated')) doc.push('@deprecated');
  return { comment: docLines(doc), key: propertyKey(p.name), optional: !p.required, type: typeNode(p.schema, ctx) };
}

function writeMethodTypes(w: Writer, method: MethodModel, ctx: TypeContext): void {
  const call = chain('client', [...method.accessor, method.name]);
  if (method.paramsType && method.variants) {
    writeDoc(w, [escapeComment(`Params of \`${call}()\`: one of the body's forms.`)]);
    writeLayout(w, typeAlias(`export type ${method.paramsType}`, union(method.variants.map((v) => simple(v.typeName)))));
    w.blankLine();
    for (const v of method.variants) {
      writeDoc(w, [escapeComment(`Params of \`${call}()\`, the \`${v.typeName.slice(method.paramsType.length)}\` form of the body.`)]);
      writeLayout(w, interfaceDeclaration(`export interface ${v.typeName}`, v.params.map((p) => paramMember(p, ctx))));
      w.blankLine();
      writeMemberTypes(w, v.typeName, v.params.map((p) => ({ name: p.name, shape: p.schema })), ctx.spec);
    }
  } else if (method.paramsType && method.streamingParams) {
    // As openai-node: the params are the union of the streaming and the non-streaming form, so a
    // value declared with that type narrows to one of them (and to one overload) by what it sets.
    const { base, streaming, nonStreaming } = method.streamingParams;
    writeDoc(w, [escapeComment(`Params of \`${call}()\`: the non-streaming or the streaming form.`)]);
    writeLayout(w, typeAlias(`export type ${method.paramsType}`, union([simple(nonStreaming), simple(streaming)])));
    w.blankLine();
    writeMemberTypes(w, method.paramsType, method.objectParams.map((p) => ({ name: p.name, shape: p.schema })), ctx.spec);
    writeDoc(w, [escapeComment(`The fields of both forms of \`${call}()\`'s params.`)]);
    writeLayout(w, interfaceDeclaration(`export interface ${base}`, method.objectParams.map((p) => paramMember(p, ctx))));
    w.blankLine();
  } else if (method.paramsType) {
    writeDoc(w, [escapeComment(`Params of \`${call}()\`.`)]);
    const members = method.objectParams.map((p) => paramMember(p, ctx));
    writeLayout(w, interfaceDeclaration(`export interface ${method.paramsType}`, members));
    w.blankLine();
    writeMemberTypes(w, method.paramsType, method.objectParams.map((p) => ({ name: p.name, shape: p.schema })), ctx.spec);
  }
  if (method.paramsType && method.streamingParams) {
    const { streaming, nonStreaming, switchParam, base } = method.streamingParams;
    const [on, off] = switchedParams(simple(base), propertyKey(switchParam));
    writeDoc(w, [escapeComment(`Params of \`${call}()\` that stream: the call resolves to a \`Stream\` of events.`)]);
    writeLayout(w, typeAlias(`export type ${streaming}`, on));
    w.blankLine();
    writeDoc(w, [escapeComment(`Params of \`${call}()\` that do not stream: the call resolves to the whole response.`)]);
    writeLayout(w, typeAlias(`export type ${nonStreaming}`, off));
    w.blankLine();
  }
  if (method.responseTypeName && method.responseShape) {
    writeTypeAndMembers(w, { name: method.responseTypeName, shape: method.responseShape, usage: 'response', pointer: method.op.pointer, description: method.op.response?.description }, ctx);
  }
  if (method.shortNames) {
    // openai-node's names for the same types (model.ts nameShortAliases): each alias carries the type's namespace too.
    writeLayout(w, namedImport('export type', method.shortNames.map((s) => `${s.of} as ${s.name}`)));
    w.blankLine();
  }
}

/** A named type, then the names of its inline objects (`ChatCompletion.Choice`: member-types.ts) when it is an interface. */
function writeTypeAndMembers(w: Writer, type: NamedType, ctx: TypeContext): void {
  writeNamedType(w, type, ctx);
  if (isInterfaceShape(type.shape)) writeMemberTypes(w, type.name, type.shape.properties, ctx.spec);
}
