/**
 * Operation-level diff: pairs old and new operations by HTTP method + path
 * (the identity the importer uses to lock names), then reports the client
 * methods, their params, bodies and responses, and the changes every surface
 * shares (stable names kept, endpoint moves, operation docs).
 */
import type { NormalizedSpec, Operation, Param } from '../ir/types.js';
import { PACKAGES, type Change, type PackageId, type Severity } from './model.js';
import { diffShape, type ShapeDiffContext } from './shapes.js';
import { describeShape, resolveShape, sameStructure, withoutDescription } from './shape-utils.js';

export interface OperationPair {
  /** `GET /organization/projects` of the new operation (else the old one). */
  id: string;
  old?: Operation;
  new?: Operation;
}

export function endpointOf(op: Operation): string {
  return `${op.httpMethod.toUpperCase()} ${op.path}`;
}

/** The endpoint with path-param names erased: `/pets/{petId}` and `/pets/{id}` are one URL. */
function routeOf(op: Operation): string {
  return `${op.httpMethod.toUpperCase()} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
}

/**
 * Pair by endpoint first; leftovers whose client method path is the same are
 * one operation whose endpoint moved. Sorted by id.
 */
export function pairOperations(oldSpec: NormalizedSpec, newSpec: NormalizedSpec): OperationPair[] {
  const oldByEndpoint = new Map(oldSpec.operations.map((op) => [routeOf(op), op]));
  const pairs: OperationPair[] = [];
  const matchedOld = new Set<Operation>();
  const unmatchedNew: Operation[] = [];
  for (const op of newSpec.operations) {
    const before = oldByEndpoint.get(routeOf(op));
    if (before && !matchedOld.has(before)) {
      matchedOld.add(before);
      pairs.push({ id: endpointOf(op), old: before, new: op });
    } else unmatchedNew.push(op);
  }
  const leftovers = new Map(oldSpec.operations.filter((op) => !matchedOld.has(op)).map((op) => [op.names.clientPath.join('.'), op]));
  for (const op of unmatchedNew) {
    const before = leftovers.get(op.names.clientPath.join('.'));
    if (before) leftovers.delete(op.names.clientPath.join('.'));
    pairs.push({ id: endpointOf(op), old: before, new: op });
  }
  for (const op of leftovers.values()) pairs.push({ id: endpointOf(op), old: op });
  return pairs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `admin.organization.projects.create()` as users call it. */
export function methodSubject(op: Operation): string {
  return `${op.names.clientPath.join('.')}()`;
}

export function paramSubject(op: Operation, param: Param): string {
  return `${op.names.clientPath.join('.')}({ ${param.name} })`;
}

const RANK: Record<Severity, number> = { 'docs-only': 0, 'non-breaking': 1, breaking: 2 };

/** Worst non-docs severity per param, keyed `<path> <method> <param>`: the CLI and MCP diffs reuse it for retyped inputs. */
export type ParamSeverities = Map<string, Severity | (() => Severity | undefined)>;

export function paramSeverityOf(severities: ParamSeverities, key: string): Severity | undefined {
  const value = severities.get(key);
  return typeof value === 'function' ? value() : value;
}

export interface OperationDiffResult {
  changes: Change[];
  paramSeverity: ParamSeverities;
}

export function diffOperations(oldSpec: NormalizedSpec, newSpec: NormalizedSpec, pairs: OperationPair[]): OperationDiffResult {
  const changes: Change[] = [];
  const paramSeverity: ParamSeverities = new Map();
  const all = [...PACKAGES];
  const client: PackageId[] = ['client'];
  const push = (c: Change) => changes.push(c);

  for (const pair of pairs) {
    const { old: a, new: b } = pair;
    if (!a && b) {
      push({ section: 'client', element: 'method', action: 'added', subject: methodSubject(b), severity: 'non-breaking', reason: `new method for ${endpointOf(b)}`, pointers: { new: b.pointer }, affects: client });
      continue;
    }
    if (a && !b) {
      push({ section: 'client', element: 'method', action: 'removed', subject: methodSubject(a), severity: 'breaking', reason: `method removed (${endpointOf(a)} is gone): callers break`, pointers: { old: a.pointer }, affects: client });
      continue;
    }
    if (!a || !b) continue;
    const pointers = { old: a.pointer, new: b.pointer };

    // Stable names: the importer locks them by endpoint, so a difference here is a real rename.
    if (a.names.clientPath.join('.') !== b.names.clientPath.join('.')) {
      push({ section: 'client', element: 'method', action: 'renamed', subject: methodSubject(a), severity: 'breaking', reason: `renamed to ${methodSubject(b)}: callers of the old name break`, pointers, affects: client });
    }
    if (a.names.typePrefix !== b.names.typePrefix) {
      push({ section: 'client', element: 'type-names', action: 'renamed', subject: methodSubject(b), severity: 'breaking', reason: `type prefix ${a.names.typePrefix} → ${b.names.typePrefix}: exported ${a.names.typePrefix}Params/Response types are renamed`, pointers, affects: client });
    }
    const namesSame =
      a.names.clientPath.join('.') === b.names.clientPath.join('.') &&
      a.names.typePrefix === b.names.typePrefix &&
      a.names.cliGroup === b.names.cliGroup &&
      a.names.cliCommand === b.names.cliCommand &&
      a.names.mcpTool === b.names.mcpTool;
    if (a.operationId !== b.operationId) {
      push({
        section: 'all',
        element: 'operation-id',
        action: namesSame ? 'kept' : 'changed',
        subject: methodSubject(b),
        severity: 'docs-only',
        reason: namesSame
          ? `operationId ${a.operationId} → ${b.operationId}; generated names kept (method, CLI command, MCP tool, type prefix), users see no change`
          : `operationId ${a.operationId} → ${b.operationId}; the renames it caused are listed per surface`,
        pointers,
        affects: all,
      });
    }
    if (routeOf(a) !== routeOf(b)) {
      push({ section: 'all', element: 'endpoint', action: 'changed', subject: methodSubject(b), severity: 'non-breaking', reason: `endpoint ${endpointOf(a)} → ${endpointOf(b)}; same method name, the generated code follows`, pointers, affects: all });
    }
    const docs = (['summary', 'description'] as const).filter((k) => (a[k] ?? '') !== (b[k] ?? ''));
    if (docs.length > 0) {
      push({ section: 'all', element: 'docs', action: 'changed', subject: methodSubject(b), severity: 'docs-only', reason: `${docs.join(' and ')} changed (method JSDoc, command help, tool description)`, pointers, affects: all });
    }
    if (a.deprecated !== b.deprecated) {
      push({ section: 'all', element: 'deprecation', action: 'changed', subject: methodSubject(b), severity: 'docs-only', reason: b.deprecated ? 'marked deprecated (still works)' : 'no longer deprecated', pointers, affects: all });
    }
    if (JSON.stringify(a.security) !== JSON.stringify(b.security)) {
      push({ section: 'all', element: 'auth', action: 'changed', subject: methodSubject(b), severity: 'non-breaking', reason: `auth schemes [${a.security.join(', ')}] → [${b.security.join(', ')}]`, pointers, affects: all });
    }
    if (JSON.stringify(a.examples ?? null) !== JSON.stringify(b.examples ?? null)) {
      push({ section: 'all', element: 'examples', action: 'changed', subject: methodSubject(b), severity: 'docs-only', reason: 'examples changed', pointers, affects: all });
    }
    diffPagination(a, b, push);
    diffParams(oldSpec, newSpec, a, b, changes, paramSeverity);
    diffBody(oldSpec, newSpec, a, b, changes);
    diffResponse(oldSpec, newSpec, a, b, changes);
  }
  return { changes, paramSeverity };
}

function diffPagination(a: Operation, b: Operation, push: (c: Change) => void): void {
  const pointers = { old: a.pointer, new: b.pointer };
  const subject = methodSubject(b);
  const affects: PackageId[] = ['client', 'cli', 'mcp'];
  if (!a.pagination && b.pagination) {
    push({ section: 'client', element: 'pagination', action: 'added', subject, severity: 'breaking', reason: `now paginated (${b.pagination.style}): the method returns a page object instead of the plain response`, pointers, affects });
  } else if (a.pagination && !b.pagination) {
    push({ section: 'client', element: 'pagination', action: 'removed', subject, severity: 'breaking', reason: 'no longer paginated: the method returns the plain response, page iteration is gone', pointers, affects });
  } else if (a.pagination && b.pagination) {
    const pa = a.pagination;
    const pb = b.pagination;
    if (pa.style !== pb.style || pa.requestParam !== pb.requestParam || pa.cursorField !== pb.cursorField) {
      const sameItems = pa.itemsField === pb.itemsField;
      push({
        section: 'client',
        element: 'pagination',
        action: 'changed',
        subject,
        severity: sameItems ? 'non-breaking' : 'breaking',
        reason: `pagination ${pa.style} (${pa.requestParam}/${pa.cursorField}) → ${pb.style} (${pb.requestParam}/${pb.cursorField})${sameItems ? '; auto-iteration is unchanged' : ''}`,
        pointers,
        affects,
      });
    }
  }
}

function worstOf(changes: Change[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const c of changes) {
    if (c.severity === 'docs-only') continue;
    if (!worst || RANK[c.severity] > RANK[worst]) worst = c.severity;
  }
  return worst;
}

/** What a param's JSDoc, flag help and MCP input description show (emit/client/resources.ts, emit/mcp/tools.ts). */
function paramDoc(param: Param): string | undefined {
  return param.description ?? param.schema.description;
}

function diffParams(oldSpec: NormalizedSpec, newSpec: NormalizedSpec, a: Operation, b: Operation, out: Change[], severities: ParamSeverities): void {
  const client: PackageId[] = ['client'];
  const all: PackageId[] = ['client', 'cli', 'mcp'];
  const oldByName = new Map(a.params.map((p) => [p.name, p]));
  const newByName = new Map(b.params.map((p) => [p.name, p]));
  // The last path param is passed by position (`retrieve(projectID, params)`): its name is invisible
  // to callers, so a renamed one is paired with its predecessor instead of being added and removed.
  const positional = (op: Operation) => op.params.filter((p) => p.in === 'path').at(-1);
  const posA = positional(a);
  const posB = positional(b);
  let renamedPositional: Param | undefined;
  if (posA && posB && posA.name !== posB.name && !newByName.has(posA.name) && !oldByName.has(posB.name)) {
    renamedPositional = posA;
    oldByName.delete(posA.name);
    oldByName.set(posB.name, posA);
    out.push({
      section: 'client',
      element: 'param',
      action: 'renamed',
      subject: paramSubject(b, posB),
      severity: 'non-breaking',
      reason: `positional argument renamed ${posA.name} → ${posB.name}; it is passed by position, so calls are unchanged (CLI flags and MCP inputs are listed separately)`,
      pointers: { old: posA.pointer, new: posB.pointer },
      affects: client,
    });
  } else if (posA?.name !== posB?.name) {
    out.push({
      section: 'client',
      element: 'signature',
      action: 'changed',
      subject: methodSubject(b),
      severity: 'breaking',
      reason: `positional argument ${posA?.name ?? 'none'} → ${posB?.name ?? 'none'}: existing calls pass the wrong arguments`,
      pointers: { old: a.pointer, new: b.pointer },
      affects: client,
    });
  }
  for (const p of b.params) {
    const before = oldByName.get(p.name);
    const subject = paramSubject(b, p);
    if (!before) {
      out.push({
        section: 'client',
        element: 'param',
        action: 'added',
        subject,
        severity: p.required ? 'breaking' : 'non-breaking',
        reason: p.required ? `new required ${p.in} param: existing calls lack it` : `new optional ${p.in} param (${describeShape(p.schema)})`,
        pointers: { new: p.pointer },
        affects: client,
      });
      severities.set(`${b.path} ${b.httpMethod} ${p.name}`, p.required ? 'breaking' : 'non-breaking');
      continue;
    }
    const pointers = { old: before.pointer, new: p.pointer };
    const local: Change[] = [];
    if (before.required !== p.required) {
      local.push({
        section: 'client',
        element: 'param',
        action: 'changed',
        subject,
        severity: p.required ? 'breaking' : 'non-breaking',
        reason: p.required ? 'now required: existing calls may lack it' : 'now optional',
        pointers,
        affects: client,
      });
    }
    if (before.in !== p.in || (before.name === p.name && before.wireName !== p.wireName) || before.style !== p.style || before.explode !== p.explode) {
      local.push({
        section: 'client',
        element: 'param',
        action: 'changed',
        subject,
        severity: 'non-breaking',
        reason: `sent as ${before.in} ${before.wireName} (${before.style}) → ${p.in} ${p.wireName} (${p.style}); the generated code handles it`,
        pointers,
        affects: all,
      });
    }
    // The param's doc is its own description, else its schema's (what the JSDoc, flag help and tool
    // input show; the importer often writes both): compared once here, not again on the schema.
    if ((paramDoc(before) ?? '') !== (paramDoc(p) ?? '')) {
      local.push({ section: 'all', element: 'docs', action: 'changed', subject, severity: 'docs-only', reason: 'param description changed (JSDoc, flag help, tool input description)', pointers, affects: all });
    }
    if (before.deprecated !== p.deprecated) {
      local.push({ section: 'all', element: 'deprecation', action: 'changed', subject, severity: 'docs-only', reason: p.deprecated ? 'param marked deprecated (still accepted)' : 'param no longer deprecated', pointers, affects: all });
    }
    const ctx: ShapeDiffContext = { oldSpec, newSpec, direction: 'request', section: 'client', affects: client, out: local, followSameRefs: false };
    const [schemaA, schemaB] = [withoutDescription(before.schema), withoutDescription(p.schema)];
    diffShape(schemaA, schemaB, subject, pointers, ctx);
    // A changed named type referenced by the param is reported under the type, yet it still retypes
    // the CLI flag / MCP input: a walk through refs gives the severity those surfaces use. It is
    // lazy because only inputs whose signature changed ask for it.
    const own = [...local];
    severities.set(`${b.path} ${b.httpMethod} ${p.name}`, () => {
      const scratch: Change[] = [...own];
      diffShape(schemaA, schemaB, subject, pointers, { ...ctx, out: scratch, followSameRefs: true });
      return worstOf(scratch);
    });
    out.push(...local);
  }
  for (const p of a.params) {
    if (newByName.has(p.name) || p === renamedPositional) continue;
    out.push({ section: 'client', element: 'param', action: 'removed', subject: paramSubject(a, p), severity: 'breaking', reason: `${p.in} param removed: calls passing it break`, pointers: { old: p.pointer, new: b.pointer }, affects: client });
  }
}

/** Flattened bodies are covered by their params; here only the body as a whole. */
function diffBody(oldSpec: NormalizedSpec, newSpec: NormalizedSpec, a: Operation, b: Operation, out: Change[]): void {
  const subject = `${b.names.clientPath.join('.')}(body)`;
  const all: PackageId[] = ['client', 'cli', 'mcp'];
  const ba = a.body;
  const bb = b.body;
  if (!ba && !bb) return;
  if (!ba || !bb) {
    const added = Boolean(bb);
    if ((ba ?? bb)!.flattened) return; // reported as params
    out.push({
      section: 'client',
      element: 'body',
      action: added ? 'added' : 'removed',
      subject,
      severity: added ? (bb!.required ? 'breaking' : 'non-breaking') : 'breaking',
      reason: added ? `request body ${describeShape(bb!.schema)} added${bb!.required ? ' and required' : ''}` : 'request body removed: calls passing it break',
      pointers: { old: ba?.pointer, new: bb?.pointer },
      affects: all,
    });
    return;
  }
  const pointers = { old: ba.pointer, new: bb.pointer };
  if (ba.contentType !== bb.contentType) {
    out.push({ section: 'client', element: 'body', action: 'changed', subject, severity: 'non-breaking', reason: `content type ${ba.contentType} → ${bb.contentType}; the generated code encodes it`, pointers, affects: all });
  }
  if (ba.flattened && bb.flattened) {
    // Fields are params; the body's own schema can still be swapped for another named type.
    if (ba.schema.kind === 'ref' && bb.schema.kind === 'ref' && ba.schema.name !== bb.schema.name) {
      const same = sameStructure(oldSpec, ba.schema, newSpec, bb.schema);
      const fields = resolveShape(newSpec, bb.schema);
      const names = fields.kind === 'object' ? fields.properties.map((p) => p.name).join(', ') : describeShape(fields);
      out.push({
        section: 'client',
        element: 'body',
        action: 'changed',
        subject,
        severity: 'non-breaking',
        reason: same
          ? `request body schema replaced: ${ba.schema.name} → ${bb.schema.name}, identical shape (fields ${names || 'none'}); params unchanged`
          : `request body schema replaced: ${ba.schema.name} → ${bb.schema.name}; field changes are listed as params`,
        pointers,
        affects: ['client'],
      });
    }
    return;
  }
  if (ba.flattened !== bb.flattened) {
    out.push({ section: 'client', element: 'body', action: 'changed', subject, severity: 'breaking', reason: bb.flattened ? 'body fields are now separate params (was one body object)' : 'body is now one object (was separate params)', pointers, affects: all });
    return;
  }
  if (ba.required !== bb.required) {
    out.push({ section: 'client', element: 'body', action: 'changed', subject, severity: bb.required ? 'breaking' : 'non-breaking', reason: bb.required ? 'request body now required' : 'request body now optional', pointers, affects: all });
  }
  diffShape(ba.schema, bb.schema, subject, pointers, { oldSpec, newSpec, direction: 'request', section: 'client', affects: all, out, followSameRefs: false });
}

export function responseSubject(op: Operation): string {
  return `${op.names.clientPath.join('.')}() → response`;
}

function diffResponse(oldSpec: NormalizedSpec, newSpec: NormalizedSpec, a: Operation, b: Operation, out: Change[]): void {
  const subject = responseSubject(b);
  const all: PackageId[] = ['client', 'cli', 'mcp'];
  const ra = a.response;
  const rb = b.response;
  if (!ra && !rb) return;
  if (!ra || !rb) {
    out.push({
      section: 'client',
      element: 'response',
      action: rb ? 'added' : 'removed',
      subject,
      severity: rb ? 'non-breaking' : 'breaking',
      reason: rb ? `now returns ${describeShape(rb.schema)} (was no body)` : 'no longer returns a body: code reading it breaks',
      pointers: { old: ra?.pointer, new: rb?.pointer },
      affects: all,
    });
    return;
  }
  const pointers = { old: ra.pointer, new: rb.pointer };
  if (ra.contentType !== rb.contentType) {
    out.push({ section: 'client', element: 'response', action: 'changed', subject, severity: 'breaking', reason: `content type ${ra.contentType} → ${rb.contentType}: the decoded value changes`, pointers, affects: all });
  }
  if (ra.status !== rb.status) {
    out.push({ section: 'client', element: 'response', action: 'changed', subject, severity: 'non-breaking', reason: `success status ${ra.status} → ${rb.status}; still a success`, pointers, affects: all });
  }
  if ((ra.description ?? '') !== (rb.description ?? '')) {
    out.push({ section: 'all', element: 'docs', action: 'changed', subject, severity: 'docs-only', reason: 'response description changed', pointers, affects: all });
  }
  diffShape(ra.schema, rb.schema, subject, pointers, { oldSpec, newSpec, direction: 'response', section: 'client', affects: all, out, followSameRefs: false });
}
