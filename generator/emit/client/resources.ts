/**
 * One file per resource: the resource class (sub-resource accessors, thin
 * methods that hand an OperationSpec to the client core), then the method
 * `XxxParams`/`XxxResponse` types and the named types this resource owns.
 */
import type { Param } from '../../ir/types.js';
import { GeneratorError } from '../../errors.js';
import { codeHeader } from '../header.js';
import { CORE, streamType } from './core-imports.js';
import { clientStream } from './operations.js';
import { exampleCode } from './examples.js';
import { chain, relativeImport, type ClientModel, type MethodModel, type ResourceModel } from './model.js';
import { propertyKey, shapeDocParts, writeNamedType, writeType, type TypeContext } from './ts-types.js';
import { createWriter, escapeComment, namedClause, writeDoc, type Writer } from './writer.js';

export function emitResourceFile(model: ClientModel, resource: ResourceModel): string {
  const w = createWriter();
  const used = new Set<string>();
  const coreTypes = new Map<string, string>();
  const ctx: TypeContext = { spec: model.spec, use: (name) => used.add(name), useCore: (name, file) => coreTypes.set(name, file) };
  const body = createWriter();
  const local = new Set<string>(resource.types);
  const coreUsed = new Set<keyof typeof CORE>(['APIResource']);

  writeResourceClass(body, model, resource, ctx, coreUsed);
  for (const method of resource.methods) writeMethodTypes(body, method, ctx);
  for (const name of resource.types) writeNamedType(body, model.spec.types[name]!, ctx);

  for (const name of [...coreUsed].sort()) {
    const { file, typeOnly } = CORE[name];
    if (local.has(name) || used.has(name)) throw new GeneratorError(`type ${name} clashes with a client core export`, { pointer: model.spec.types[name]?.pointer ?? '' }, 'rename the schema in the spec config');
    w.writeLine(`import ${typeOnly ? 'type ' : ''}{ ${name} } from '${relativeImport(resource.file, file)}';`);
  }
  for (const name of coreTypes.keys()) {
    if (local.has(name) || used.has(name)) throw new GeneratorError(`type ${name} clashes with a client core export`, { pointer: model.spec.types[name]?.pointer ?? '' }, 'rename the schema in the spec config');
  }
  writeCoreTypeImports(w, resource.file, coreTypes);
  const opConsts = resource.methods.map((m) => m.opConst).sort();
  if (opConsts.length > 0) w.writeLine(namedClause('import', opConsts, relativeImport(resource.file, 'operations.ts')));
  for (const child of resource.children) w.writeLine(`import * as ${child.className}API from '${relativeImport(resource.file, child.file)}';`);
  writeTypeImports(w, model, resource.file, used, local);
  if (used.has(resource.className) || local.has(resource.className)) {
    throw new GeneratorError(`resource class ${resource.className} clashes with a type of the same name`, { pointer: resource.resource.pointer }, 'rename the type or the resource in the spec config');
  }
  return codeHeader(model.spec.target) + '\n' + w.toString() + '\n' + body.toString().trimEnd() + '\n';
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
    w.writeLine(namedClause('import type', names, relativeImport(file, home)));
  }
}

/** `import type { … }` lines for client-core types (e.g. the upload type) used in `file`. */
function writeCoreTypeImports(w: Writer, file: string, coreTypes: Map<string, string>): void {
  const byFile = new Map<string, string[]>();
  for (const [name, home] of [...coreTypes].sort(([a], [b]) => (a < b ? -1 : 1))) byFile.set(home, [...(byFile.get(home) ?? []), name]);
  for (const [home, names] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) w.writeLine(namedClause('import type', names, relativeImport(file, home)));
}

/** The file for named types that no method reaches. */
export function emitSharedTypes(model: ClientModel): string {
  const used = new Set<string>();
  const coreTypes = new Map<string, string>();
  const ctx: TypeContext = { spec: model.spec, use: (name) => used.add(name), useCore: (name, file) => coreTypes.set(name, file) };
  const body = createWriter();
  for (const name of model.sharedTypes) writeNamedType(body, model.spec.types[name]!, ctx);
  const w = createWriter();
  writeCoreTypeImports(w, model.sharedTypesFile, coreTypes);
  writeTypeImports(w, model, model.sharedTypesFile, used, new Set(model.sharedTypes));
  return codeHeader(model.spec.target) + '\n' + w.toString() + (w.toString() ? '\n' : '') + body.toString().trimEnd() + '\n';
}

function writeResourceClass(w: Writer, model: ClientModel, resource: ResourceModel, ctx: TypeContext, coreUsed: Set<keyof typeof CORE>): void {
  const r = resource.resource;
  writeDoc(w, [escapeComment(r.title), r.description ? escapeComment(r.description) : undefined]);
  w.write(`export class ${resource.className} extends APIResource`).block(() => {
    for (const child of resource.children) {
      writeDoc(w, [escapeComment(child.resource.title)]);
      w.writeLine(`${propertyKey(child.property)}: ${child.className}API.${child.className} = new ${child.className}API.${child.className}(this._client);`);
    }
    resource.methods.forEach((method, i) => {
      if (i > 0 || resource.children.length > 0) w.blankLine();
      writeMethod(w, model, method, ctx, coreUsed);
    });
  });
  w.blankLine();
}

function itemType(w: Writer, method: MethodModel, ctx: TypeContext): void {
  const kind = method.paginated ? undefined : method.op.responseKind;
  if (kind) {
    // As openai-node: binary content resolves to the fetch Response (a schema named `Response` must not shadow it).
    w.write(kind === 'binary' ? (ctx.spec.types.Response ? 'globalThis.Response' : 'Response') : kind === 'text' ? 'string' : 'void');
    return;
  }
  if (method.responseTypeName) {
    w.write(method.responseTypeName);
    return;
  }
  const shape = method.op.pagination?.item ?? method.op.response?.schema;
  if (shape) writeType(w, shape, ctx);
  else w.write('void');
}

function writeMethod(w: Writer, model: ClientModel, method: MethodModel, ctx: TypeContext, coreUsed: Set<keyof typeof CORE>): void {
  const op = method.op;
  const example = exampleCode(method, model.spec);
  const docs = [op.summary && op.summary !== op.description ? escapeComment(op.summary) : undefined, op.description ? escapeComment(op.description) : undefined];
  if (!docs.some(Boolean)) docs[0] = escapeComment(`${op.httpMethod.toUpperCase()} ${op.path}`);
  writeDoc(w, [...docs, op.deprecated ? '@deprecated' : undefined, '@example\n```ts\n' + escapeComment(example) + '\n```']);

  const { args, returns, item, overloads } = methodSignature(method, ctx);
  coreUsed.add('RequestOptions');
  coreUsed.add(method.paginated ? 'PagePromise' : 'APIPromise');

  const parts: string[] = [];
  if (method.paramsType) parts.push('...params');
  if (method.positional) parts.push(`${propertyKey(method.positional.param.name)}: ${method.positional.argName}`);
  // A spread, not `params` itself: interfaces are not assignable to the core's Record<string, unknown>.
  const paramsArg = parts.length > 0 ? `{ ${parts.join(', ')} }` : '{}';
  const call = method.paginated ? `requestPage<${item}>` : `request<${item}>`;
  for (const o of overloads) w.writeLine(`${propertyKey(method.name)}(${o.args.join(', ')}): ${o.returns};`);
  w.write(`${propertyKey(method.name)}(${args.join(', ')}): ${returns}`).block(() => {
    w.writeLine(`return this._client.${call}(${method.opConst}, ${paramsArg}, options);`);
  });
}

interface Signature {
  args: string[];
  returns: string;
}

/**
 * The argument list, return type and item type of a method, as TS text. A
 * streaming method (when the client core has a `Stream`) resolves to
 * `Stream<Event>`; one with a switch gets openai-node's overloads:
 * `{ stream: true }` → `APIPromise<Stream<Event>>`, `{ stream?: false | null }`
 * → the plain response, and a `boolean` → either.
 */
export function methodSignature(method: MethodModel, ctx: TypeContext): Signature & { item: string; overloads: Signature[] } {
  const head: string[] = [];
  if (method.positional) {
    const t = createWriter();
    writeType(t, method.positional.param.schema, ctx);
    head.push(`${method.positional.argName}: ${t.toString()}`);
  }
  const tail = 'options?: RequestOptions';
  const args = [...head, ...(method.paramsType ? [method.paramsRequired ? `params: ${method.paramsType}` : `params: ${method.paramsType} = {}`] : []), tail];
  const t = createWriter();
  itemType(t, method, ctx);
  let item = t.toString();
  const stream = streamTypeOf(method, ctx);
  if (!stream) return { args, returns: method.paginated ? `PagePromise<${item}>` : `APIPromise<${item}>`, item, overloads: [] };
  const sw = clientStream(method.op)!.param;
  const switchable = sw !== undefined && method.paramsType !== undefined && method.objectParams.some((p) => p.name === sw);
  if (!switchable) return { args, returns: `APIPromise<${stream}>`, item: stream, overloads: [] };
  const key = propertyKey(sw);
  const plain = item;
  item = `${stream} | ${plain}`;
  const overloads: Signature[] = [
    { args: [...head, `params: ${method.paramsType} & { ${key}: true }`, tail], returns: `APIPromise<${stream}>` },
    { args: [...head, `params${method.paramsRequired ? '' : '?'}: ${method.paramsType} & { ${key}?: false | null }`, tail], returns: `APIPromise<${plain}>` },
    { args: [...head, `params${method.paramsRequired ? '' : '?'}: ${method.paramsType}`, tail], returns: `APIPromise<${item}>` },
  ];
  return { args, returns: `APIPromise<${item}>`, item, overloads };
}

/** `Stream<Event>` for a method that can stream, once the client core exports `Stream`. */
function streamTypeOf(method: MethodModel, ctx: TypeContext): string | undefined {
  const core = streamType();
  if (method.paginated || !method.op.stream || !clientStream(method.op) || !core) return undefined;
  ctx.useCore?.(core.name, core.file);
  const t = createWriter();
  writeType(t, method.op.stream.event, ctx);
  return `${core.name}<${t.toString()}>`;
}

function writeParam(w: Writer, param: Param, ctx: TypeContext): void {
  const doc = shapeDocParts({ ...param.schema, description: param.description ?? param.schema.description });
  if (param.deprecated && !doc.includes('@deprecated')) doc.push('@deprecated');
  writeDoc(w, doc);
  w.write(`${propertyKey(param.name)}${param.required ? '' : '?'}: `);
  writeType(w, param.schema, ctx);
  w.write(';').newLine();
}

function writeMethodTypes(w: Writer, method: MethodModel, ctx: TypeContext): void {
  if (method.paramsType) {
    writeDoc(w, [escapeComment(`Params of \`${chain('client', [...method.accessor, method.name])}()\`.`)]);
    w.write(`export interface ${method.paramsType}`).block(() => {
      for (const param of method.objectParams) writeParam(w, param, ctx);
    });
    w.blankLine();
  }
  if (method.responseTypeName && method.responseShape) {
    writeNamedType(w, { name: method.responseTypeName, shape: method.responseShape, usage: 'response', pointer: method.op.pointer, description: method.op.response?.description }, ctx);
  }
}
