/**
 * `src/operations.ts`: one exported OperationSpec constant per operation (so
 * a bundler keeps only the ones an app calls) plus the `operations` table by
 * key, which the CLI and MCP runtimes use to reach the same request path.
 */
import { requiresKey } from '../../ir/auth.js';
import type { Operation, PollingHeaders } from '../../ir/types.js';
import type { OperationSpec, QueryParamSpec } from '../../../runtime/client/operation.js';
import { GeneratorError } from '../../errors.js';
import { codeHeader } from '../header.js';
import { camelCase } from '../../names.js';
import { constDeclaration, name, namedImport, object, value } from '../layout/code.js';
import { layout } from '../layout/doc.js';
import { sameInputSameOutput } from '../same-input.js';
import { tsString } from '../layout/literals.js';
import { simple, typeAlias, union } from '../layout/types.js';
import { clientStream, effectiveParams, type ClientModel } from './model.js';
import { escapeComment } from './writer.js';

/** `schemes`: the API's scheme names when it has several (each operation then lists the ones it accepts). */
export function operationSpec(op: Operation, schemes: string[] = [], polling?: PollingHeaders): OperationSpec {
  const params = effectiveParams(op);
  const spec: OperationSpec = {
    key: op.key,
    method: op.httpMethod,
    path: op.path,
    ...(op.baseURL ? { baseURL: op.baseURL } : {}),
    pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
    auth: op.security.length > 0,
    ...(op.security.length > 0 && !requiresKey(op) ? { authOptional: true } : {}),
  };
  if (schemes.length > 1 && op.security.length > 0) spec.schemes = op.security.filter((s) => schemes.includes(s));
  // Only the alternatives the client can send (a scheme it does not represent leaves that alternative out).
  const together = op.requirements?.filter((names) => names.every((n) => schemes.includes(n)));
  if (together?.some((names) => names.length > 1)) spec.requirements = together;
  const styledPath = params.filter((p) => p.in === 'path' && (p.style !== 'simple' || p.explode));
  if (styledPath.length > 0) {
    spec.pathStyles = Object.fromEntries(styledPath.map((p) => [p.name, { style: p.style === 'label' || p.style === 'matrix' ? p.style : 'simple', ...(p.explode ? { explode: true as const } : {}) }]));
  }
  const query = params.filter((p) => p.in === 'query');
  if (query.length > 0) {
    spec.query = {};
    for (const p of query) {
      const style: QueryParamSpec['style'] = p.style === 'brackets' || p.style === 'deepObject' || p.style === 'pipeDelimited' || p.style === 'spaceDelimited' ? p.style : 'form';
      // `explode` defaults to true in the core, so only `false` is written.
      const joined = style === 'form' || style === 'pipeDelimited' || style === 'spaceDelimited';
      spec.query[p.name] = joined && !p.explode ? { wire: p.wireName, style, explode: false } : { wire: p.wireName, style };
    }
  }
  const headers = params.filter((p) => p.in === 'header');
  if (headers.length > 0) spec.headers = Object.fromEntries(headers.map((p) => [p.name, p.wireName]));
  const exploded = headers.filter((p) => p.explode);
  if (exploded.length > 0) spec.explodedHeaders = exploded.map((p) => p.name);
  const cookies = params.filter((p) => p.in === 'cookie');
  if (cookies.length > 0) spec.cookies = Object.fromEntries(cookies.map((p) => [p.name, p.wireName]));
  const fixed = params.filter((p) => p.fixed !== undefined);
  if (fixed.length > 0) spec.fixed = Object.fromEntries(fixed.map((p) => [p.name, p.fixed!]));
  if (op.body) {
    const bodyParams = params.filter((p) => p.in === 'body');
    if (op.body.flattened) {
      spec.body = { contentType: op.body.contentType, fields: Object.fromEntries(bodyParams.map((p) => [p.name, p.wireName])) };
    } else {
      if (bodyParams.length !== 1) {
        throw new GeneratorError(`operation ${op.key} has a body that is not flattened but ${bodyParams.length} body params`, { pointer: op.body.pointer }, 'a whole body must be exactly one `in: body` param');
      }
      spec.body = { contentType: op.body.contentType, whole: bodyParams[0]!.name };
    }
    if (op.body.encoding) spec.body.encoding = op.body.encoding;
    if (op.body.files?.length) spec.body.files = [...op.body.files];
    if (op.body.partTypes) spec.body.partTypes = Object.fromEntries(Object.entries(op.body.partTypes).map(([f, t]) => [f, t.contentType]));
    if (op.body.fieldStyles) spec.body.styles = Object.fromEntries(Object.entries(op.body.fieldStyles).map(([f, t]) => [f, { style: t.style, explode: t.explode }]));
  }
  if (op.responseKind) spec.response = op.responseKind;
  if (op.computed) spec.computed = { ...op.computed };
  const stream = clientStream(op);
  if (stream) spec.stream = stream;
  if (op.pagination) {
    const { style, requestParam, cursorField, itemsField, hasMoreField, beforeParam, cursorPath, itemsPath, firstPage, totalPath, sizeParam, linkHeader } = op.pagination;
    spec.pagination = {
      style, requestParam, cursorField, itemsField,
      ...(hasMoreField ? { hasMoreField } : {}), ...(beforeParam ? { beforeParam } : {}),
      ...(cursorPath ? { cursorPath } : {}), ...(itemsPath ? { itemsPath } : {}), ...(firstPage !== undefined ? { firstPage } : {}),
      ...(totalPath ? { totalPath } : {}), ...(sizeParam ? { sizeParam } : {}), ...(linkHeader ? { linkHeader } : {}),
    };
  }
  if (op.poll) spec.poll = { pending: [...op.poll.pending], ...polling };
  return spec;
}

export function emitOperationsFile(model: ClientModel): string {
  const methods = model.all.flatMap((r) => r.methods).sort((a, b) => (a.op.key < b.op.key ? -1 : 1));
  const schemeNames = model.spec.auth.map((a) => a.name);
  const specs = methods.map((m) => operationSpec(m.op, schemeNames, model.spec.polling));
  const rows = methods.map((m, i): OperationRow => ({ key: m.op.key, opConst: m.opConst, httpMethod: m.op.httpMethod, path: m.op.path, spec: specs[i]! }));
  // A change to types alone leaves this file as it was: in the daemon its layout is reused for the same rows.
  return sameInputSameOutput(() => `operations.ts\0${model.spec.target}\0${JSON.stringify(rows)}`, () => layoutOperationsFile(model.spec.target, rows));
}

/** What operations.ts says of one operation. */
interface OperationRow {
  key: string;
  opConst: string;
  httpMethod: string;
  path: string;
  spec: OperationSpec;
}

function layoutOperationsFile(target: string, rows: OperationRow[]): string {
  const out: string[] = [codeHeader(target), layout(namedImport('import type', ['OperationSpec', 'PaginationSpec'], './core/operation.js'), 0), ''];
  // Pagination descriptors repeat across operations; share one object per distinct descriptor (smaller bundles).
  const shared = new Map<string, string>();
  const specs = rows.map((r) => r.spec);
  for (const spec of specs) {
    if (!spec.pagination) continue;
    const key = JSON.stringify(spec.pagination);
    if (shared.has(key)) continue;
    const base = `${camelCase(spec.pagination.style)}Pagination`;
    const taken = new Set(shared.values());
    let constName = base;
    for (let n = 2; taken.has(constName); n++) constName = `${base}${n}`;
    shared.set(key, constName);
    out.push(layout(constDeclaration(`const ${constName}: PaginationSpec`, value(spec.pagination)), 0));
  }
  if (shared.size > 0) out.push('');
  for (const row of rows) {
    const spec = row.spec;
    const pagination = spec.pagination ? name(shared.get(JSON.stringify(spec.pagination))!) : undefined;
    out.push(`/** ${escapeComment(`${row.httpMethod.toUpperCase()} ${row.path}`).replace(/\n/g, ' ')} */`);
    out.push(layout(constDeclaration(`export const ${row.opConst}: OperationSpec`, value({ ...spec, pagination })), 0), '');
  }
  out.push('/** The key of every operation (`<resource path>.<method>`). */');
  const keys = rows.map((r) => simple(tsString(r.key)));
  out.push(layout(typeAlias('export type OperationKey', keys.length === 0 ? simple('never') : union(keys)), 0));
  out.push('', '/** Every operation by key. */');
  // Annotated (not inferred) so declarations can be emitted file by file (isolatedDeclarations).
  const table = object(
    rows.map((r) => ({ key: r.key, value: name(r.opConst) })),
    { expanded: true },
  );
  out.push(layout(constDeclaration('export const operations: Record<OperationKey, OperationSpec>', table), 0), '');
  return out.join('\n');
}
