/**
 * Structural diff of two shapes at one position. The position's direction
 * (request, response or both) decides the severity; the rules are listed in
 * generator/diff/README.md and every reason below names the rule it applies.
 */
import type { NormalizedSpec, PrimitiveShape, Property, Shape, UnionShape } from '../ir/types.js';
import type { Change, PackageId, Section, Severity } from './model.js';
import { describeShape, memberName, resolveShape, sameStructure } from './shape-utils.js';

export type Direction = 'request' | 'response' | 'both';

export interface ShapeDiffContext {
  oldSpec: NormalizedSpec;
  newSpec: NormalizedSpec;
  direction: Direction;
  section: Section;
  affects: PackageId[];
  out: Change[];
  /**
   * Whether to walk into a ref whose name is the same on both sides. Off when
   * named types are diffed on their own (each change is then listed once, under the type).
   */
  followSameRefs: boolean;
  /** Ref pairs already walked on this path (cycles). */
  seen?: Set<string>;
}

interface Pointers {
  old?: string;
  new?: string;
}

const RANK: Record<Severity, number> = { 'docs-only': 0, 'non-breaking': 1, breaking: 2 };

/** Pick the severity for the context's direction; `both` takes the worse. */
function bySide(ctx: ShapeDiffContext, request: Severity, response: Severity): Severity {
  if (ctx.direction === 'request') return request;
  if (ctx.direction === 'response') return response;
  return RANK[request] >= RANK[response] ? request : response;
}

function emit(ctx: ShapeDiffContext, change: Omit<Change, 'section' | 'affects'>): void {
  ctx.out.push({ section: ctx.section, affects: ctx.affects, ...change });
}

function sideWord(ctx: ShapeDiffContext): string {
  return ctx.direction === 'both' ? 'request and response' : ctx.direction;
}

/** Documentation-only differences of one node: description, title, example. */
function diffDocs(a: Shape, b: Shape, subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  const changed = (['description', 'title', 'example'] as const).filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
  if (changed.length > 0) {
    emit(ctx, { element: 'docs', action: 'changed', subject, severity: 'docs-only', reason: `${changed.join(', ')} changed; no type change`, pointers: ptr });
  }
  if (Boolean(a.deprecated) !== Boolean(b.deprecated)) {
    emit(ctx, {
      element: 'deprecation',
      action: 'changed',
      subject,
      severity: 'docs-only',
      reason: b.deprecated ? 'marked deprecated (a JSDoc/help notice; still works)' : 'no longer deprecated',
      pointers: ptr,
    });
  }
  if (JSON.stringify(a.default) !== JSON.stringify(b.default)) {
    emit(ctx, {
      element: 'default',
      action: 'changed',
      subject,
      severity: 'non-breaking',
      reason: `default ${JSON.stringify(a.default) ?? 'none'} → ${JSON.stringify(b.default) ?? 'none'}: same types, the server may behave differently when the value is omitted`,
      pointers: ptr,
    });
  }
}

/** True when every value of `from` is also a value of `to` (a widening). */
function widens(ctx: ShapeDiffContext, from: Shape, to: Shape): boolean {
  if (to.kind === 'unknown') return true;
  if (from.nullable && !to.nullable) return false;
  if (to.kind === 'union') return to.members.some((m) => widens(ctx, from, resolveShape(ctx.newSpec, m)));
  if (from.kind === 'literal') {
    if (to.kind === 'literal') return to.value === from.value;
    if (to.kind === 'string' || to.kind === 'number' || to.kind === 'integer' || to.kind === 'boolean') {
      return typeof from.value === (to.kind === 'integer' ? 'number' : to.kind) && (!to.enum || to.enum.includes(from.value));
    }
  }
  if (from.kind === 'integer' && to.kind === 'number') return true;
  return false;
}

/** Compare two shapes found at the same position; push what changed into `ctx.out`. */
export function diffShape(a: Shape, b: Shape, subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  const here: Pointers = { old: a.pointer ?? ptr.old, new: b.pointer ?? ptr.new };
  diffDocs(a, b, subject, here, ctx);
  diffNullable(a, b, subject, here, ctx);

  if (a.kind === 'ref' && b.kind === 'ref') {
    if (a.name === b.name && !ctx.followSameRefs) return;
    if (a.name !== b.name) {
      const same = sameStructure(ctx.oldSpec, a, ctx.newSpec, b);
      emit(ctx, {
        element: 'type-ref',
        action: 'changed',
        subject,
        severity: 'non-breaking',
        reason: same
          ? `now uses type ${b.name} instead of ${a.name}; both have the identical shape, so values are unchanged`
          : `now uses type ${b.name} instead of ${a.name}; the differences are listed for ${subject}`,
        pointers: here,
      });
      if (same) return;
    }
  }
  if (diffIntoUnion(a, b, subject, here, ctx)) return;
  if (a.kind === 'ref' || b.kind === 'ref') {
    const key = `${a.kind === 'ref' ? a.name : '~'}|${b.kind === 'ref' ? b.name : '~'}`;
    const seen = ctx.seen ?? new Set<string>();
    if (seen.has(key)) return;
    const inner: ShapeDiffContext = { ...ctx, seen: new Set([...seen, key]) };
    // The ref node carries nullability and docs, already compared above.
    const ra = stripDocs(resolveShape(ctx.oldSpec, a), a);
    const rb = stripDocs(resolveShape(ctx.newSpec, b), b);
    return diffResolved(ra, rb, subject, here, inner);
  }
  diffResolved(a, b, subject, here, ctx);
}

/**
 * One type that became a union with it as a member (a `oneOf` that grew from one schema, say): the
 * old type is compared with that member, and the other members are new union members (widening
 * in requests, additive in responses), not a retype of the whole position.
 */
function diffIntoUnion(a: Shape, b: Shape, subject: string, ptr: Pointers, ctx: ShapeDiffContext): boolean {
  const union = resolveShape(ctx.newSpec, b);
  const before = resolveShape(ctx.oldSpec, a);
  if (union.kind !== 'union' || before.kind === 'union' || before.kind === 'unknown') return false;
  const index = union.members.findIndex((m) => (a.kind === 'ref' && m.kind === 'ref' && m.name === a.name) || sameStructure(ctx.oldSpec, a, ctx.newSpec, m));
  if (index < 0) return false;
  const keys = memberKeys(union);
  union.members.forEach((member, i) => {
    if (i === index) return;
    emit(ctx, {
      element: 'union',
      action: 'added',
      subject: `${subject}<${keys[i]}>`,
      severity: 'non-breaking',
      reason: `new union member ${describeShape(member)} beside ${describeShape(a)}, the only type before${ctx.direction === 'request' ? ' (widening)' : '; readers must tolerate variants they do not know'}`,
      pointers: { old: ptr.old, new: member.pointer ?? ptr.new },
    });
  });
  // Docs and nullability were compared with the union's; the member is compared for its values only.
  const member = union.members[index]!;
  const { description, title, example, deprecated, nullable } = member;
  diffShape({ ...a, description, title, example, deprecated, nullable } as Shape, member, `${subject}<${keys[index]}>`, ptr, ctx);
  return true;
}

/** Docs and nullability of a resolved ref target were compared on the ref node, or belong to the named type. */
function stripDocs(resolved: Shape, original: Shape): Shape {
  if (original.kind !== 'ref') return resolved;
  const { description: _d, title: _t, example: _e, deprecated: _p, default: _f, ...rest } = resolved;
  return { ...rest, nullable: original.nullable } as Shape;
}

function diffNullable(a: Shape, b: Shape, subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  if (Boolean(a.nullable) === Boolean(b.nullable)) return;
  const added = Boolean(b.nullable);
  emit(ctx, {
    element: 'nullable',
    action: 'changed',
    subject,
    severity: added ? bySide(ctx, 'non-breaking', 'breaking') : bySide(ctx, 'breaking', 'non-breaking'),
    reason: added
      ? `now nullable: ${ctx.direction === 'request' ? 'callers may also send null' : 'readers must now handle null'}`
      : `no longer nullable: ${ctx.direction === 'response' ? 'readers get a narrower type' : 'callers sending null are rejected'}`,
    pointers: ptr,
  });
}

function diffResolved(a: Shape, b: Shape, subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  if (a.kind === 'ref' || b.kind === 'ref') return; // dangling ref: nothing more to compare
  if (a.kind !== b.kind) {
    const widening = widens(ctx, a, b);
    const narrowing = widens(ctx, b, a);
    const sameTs = (a.kind === 'integer' && b.kind === 'number') || (a.kind === 'number' && b.kind === 'integer');
    // Responses follow the additive policy of enums and unions: new values are fine, a new kind (or `unknown`) is not.
    const additive = widening && b.kind !== 'unknown' && (a.kind === 'literal' || b.kind === 'union');
    const severity = sameTs
      ? bySide(ctx, widening ? 'non-breaking' : 'breaking', 'non-breaking')
      : bySide(ctx, widening ? 'non-breaking' : 'breaking', narrowing || additive ? 'non-breaking' : 'breaking');
    emit(ctx, {
      element: 'type',
      action: 'changed',
      subject,
      severity,
      reason: `retyped ${describeShape(a)} → ${describeShape(b)}${
        severity === 'breaking' ? '' : sameTs ? ' (both are number in TypeScript)' : widening ? (ctx.direction === 'request' ? ' (accepts every old value)' : ' (new values added; readers must tolerate values they do not know)') : ' (every new value fits the old type)'
      }`,
      pointers: ptr,
    });
    return;
  }
  switch (a.kind) {
    case 'literal':
      if (b.kind === 'literal' && a.value !== b.value) {
        emit(ctx, { element: 'type', action: 'changed', subject, severity: 'breaking', reason: `constant ${JSON.stringify(a.value)} → ${JSON.stringify(b.value)}`, pointers: ptr });
      }
      return;
    case 'array':
      if (b.kind !== 'array') return;
      diffConstraints(a, b, subject, ptr, ctx);
      return diffShape(a.items, b.items, `${subject}[]`, ptr, ctx);
    case 'object':
      if (b.kind !== 'object') return;
      diffProperties(a.properties, b.properties, subject, ptr, ctx);
      return diffAdditional(a.additionalProperties, b.additionalProperties, subject, ptr, ctx);
    case 'union':
      if (b.kind !== 'union') return;
      return diffUnion(a, b, subject, ptr, ctx);
    case 'unknown':
      return;
    default:
      diffConstraints(a, b, subject, ptr, ctx);
      return diffEnum(a as PrimitiveShape, b as PrimitiveShape, subject, ptr, ctx);
  }
}

function diffEnum(a: PrimitiveShape, b: PrimitiveShape, subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  if (a.enum && b.enum) {
    const before = new Set(a.enum);
    const after = new Set(b.enum);
    for (const value of b.enum) {
      if (before.has(value)) continue;
      emit(ctx, {
        element: 'enum',
        action: 'added',
        subject: `${subject} = ${JSON.stringify(value)}`,
        severity: 'non-breaking',
        reason:
          ctx.direction === 'request'
            ? 'new accepted value (widening)'
            : 'new value; readers must tolerate values they do not know (documented policy: additive)',
        pointers: ptr,
      });
    }
    for (const value of a.enum) {
      if (after.has(value)) continue;
      emit(ctx, {
        element: 'enum',
        action: 'removed',
        subject: `${subject} = ${JSON.stringify(value)}`,
        severity: 'breaking',
        reason: `value removed (narrowed enum): code that ${ctx.direction === 'response' ? 'compares against' : 'sends'} it no longer compiles`,
        pointers: ptr,
      });
    }
  } else if (a.enum && !b.enum) {
    emit(ctx, { element: 'enum', action: 'removed', subject, severity: 'non-breaking', reason: `enum lifted: any ${b.kind} is now allowed (widening)`, pointers: ptr });
  } else if (!a.enum && b.enum) {
    emit(ctx, {
      element: 'enum',
      action: 'added',
      subject,
      severity: bySide(ctx, 'breaking', 'non-breaking'),
      reason: `restricted to ${describeShape(b)} (narrowed enum)${ctx.direction === 'response' ? '; readers still get a string' : ''}`,
      pointers: ptr,
    });
  }
}

type Constrained = Partial<Record<'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems', number>> & {
  pattern?: string;
  format?: string;
};

/**
 * Lower bounds tighten when they rise or appear, upper bounds when they fall or appear.
 * A bound stated only in prose on both sides (or absent) is documentation: no surface enforces it.
 */
function diffConstraints(a: Shape, b: Shape, subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  // Bounds stated only in prose are compared as documentation, the declared ones as constraints.
  const enforced = (shape: Shape): Constrained => {
    const out = { ...(shape as Constrained) };
    for (const key of shape.proseFacets ?? []) if (key !== 'default') delete out[key];
    return out;
  };
  const ca = enforced(a);
  const cb = enforced(b);
  const tightened: string[] = [];
  const loosened: string[] = [];
  const documented: string[] = [];
  for (const key of ['minimum', 'maximum'] as const) {
    const [da, db] = [(a as Constrained)[key], (b as Constrained)[key]];
    if (ca[key] === undefined && cb[key] === undefined && da !== db) documented.push(`${key} ${da ?? '-'} → ${db ?? '-'}`);
  }
  for (const key of ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const) {
    if (ca[key] === cb[key]) continue;
    if (cb[key] !== undefined && (ca[key] === undefined || cb[key]! > ca[key]!)) tightened.push(`${key} ${ca[key] ?? '-'} → ${cb[key]}`);
    else loosened.push(`${key} ${ca[key]} → ${cb[key] ?? '-'}`);
  }
  for (const key of ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const) {
    if (ca[key] === cb[key]) continue;
    if (cb[key] !== undefined && (ca[key] === undefined || cb[key]! < ca[key]!)) tightened.push(`${key} ${ca[key] ?? '-'} → ${cb[key]}`);
    else loosened.push(`${key} ${ca[key]} → ${cb[key] ?? '-'}`);
  }
  if (ca.pattern !== cb.pattern) (cb.pattern === undefined ? loosened : tightened).push(`pattern ${ca.pattern ?? '-'} → ${cb.pattern ?? '-'}`);
  if (tightened.length > 0) {
    emit(ctx, {
      element: 'constraint',
      action: 'changed',
      subject,
      severity: bySide(ctx, 'breaking', 'non-breaking'),
      reason: `tightened ${tightened.join(', ')}${ctx.direction === 'response' ? ' (responses only get narrower)' : ': values valid before may be rejected'}`,
      pointers: ptr,
    });
  }
  if (loosened.length > 0) {
    emit(ctx, { element: 'constraint', action: 'changed', subject, severity: 'non-breaking', reason: `loosened ${loosened.join(', ')}`, pointers: ptr });
  }
  if (documented.length > 0) {
    emit(ctx, { element: 'constraint', action: 'changed', subject, severity: 'docs-only', reason: `documented bound ${documented.join(', ')} (stated in the description only; not enforced)`, pointers: ptr });
  }
  if (ca.format !== cb.format) {
    emit(ctx, { element: 'format', action: 'changed', subject, severity: 'non-breaking', reason: `format ${ca.format ?? '-'} → ${cb.format ?? '-'}; the TypeScript type is unchanged`, pointers: ptr });
  }
}

function diffProperties(before: Property[], after: Property[], subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  const oldByName = new Map(before.map((p) => [p.name, p]));
  const newByName = new Map(after.map((p) => [p.name, p]));
  for (const prop of after) {
    const path = `${subject}.${memberName(prop.name)}`;
    const previous = oldByName.get(prop.name);
    const pointers = { old: ptr.old, new: prop.shape.pointer ?? ptr.new };
    if (!previous) {
      emit(ctx, {
        element: 'field',
        action: 'added',
        subject: path,
        severity: prop.required ? bySide(ctx, 'breaking', 'non-breaking') : 'non-breaking',
        reason: prop.required
          ? ctx.direction === 'response'
            ? `new ${describeShape(prop.shape)} field (response: additive)`
            : `new required ${describeShape(prop.shape)} field: existing calls lack it`
          : `new optional ${describeShape(prop.shape)} field`,
        pointers,
      });
      continue;
    }
    if (previous.required !== prop.required) {
      emit(ctx, {
        element: 'field',
        action: 'changed',
        subject: path,
        severity: prop.required ? bySide(ctx, 'breaking', 'non-breaking') : bySide(ctx, 'non-breaking', 'breaking'),
        reason: prop.required
          ? `now required (${sideWord(ctx)})${ctx.direction === 'response' ? ': always present' : ': existing calls may lack it'}`
          : `now optional (${sideWord(ctx)})${ctx.direction === 'request' ? '' : ': readers must handle its absence'}`,
        pointers: { old: previous.shape.pointer ?? ptr.old, new: pointers.new },
      });
    }
    diffShape(previous.shape, prop.shape, path, { old: previous.shape.pointer ?? ptr.old, new: pointers.new }, ctx);
  }
  for (const prop of before) {
    if (newByName.has(prop.name)) continue;
    emit(ctx, {
      element: 'field',
      action: 'removed',
      subject: `${subject}.${memberName(prop.name)}`,
      severity: 'breaking',
      reason:
        ctx.direction === 'response'
          ? 'field removed from the response: code reading it breaks'
          : `field removed from the ${sideWord(ctx)}: code ${ctx.direction === 'request' ? 'passing' : 'using'} it breaks`,
      pointers: { old: prop.shape.pointer ?? ptr.old, new: ptr.new },
    });
  }
}

function diffAdditional(a: Shape | false | undefined, b: Shape | false | undefined, subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  if (a && b) return diffShape(a, b, `${subject}[key]`, ptr, ctx);
  if (a === b || (a === undefined && b === undefined)) return;
  const closing = b === false || (b === undefined && a !== false);
  emit(ctx, {
    element: 'additional-properties',
    action: 'changed',
    subject,
    severity: closing ? bySide(ctx, 'breaking', 'non-breaking') : 'non-breaking',
    reason: closing ? 'extra keys are no longer allowed' : 'extra keys are now allowed',
    pointers: ptr,
  });
}

/** A stable key per union member: the discriminator value, the ref name, the constant, or the kind. */
function memberKeys(union: UnionShape): string[] {
  const byIndex = new Map<number, string>();
  if (union.discriminator) {
    for (const [value, index] of Object.entries(union.discriminator.mapping)) {
      if (!byIndex.has(index)) byIndex.set(index, `${union.discriminator.property}=${JSON.stringify(value)}`);
    }
  }
  const counts = new Map<string, number>();
  return union.members.map((member, index) => {
    let key = byIndex.get(index) ?? (member.kind === 'ref' ? member.name : member.kind === 'literal' ? JSON.stringify(member.value) : member.kind);
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    if (n > 0) key += `#${n + 1}`;
    return key;
  });
}

function diffUnion(a: UnionShape, b: UnionShape, subject: string, ptr: Pointers, ctx: ShapeDiffContext): void {
  const oldKeys = memberKeys(a);
  const newKeys = memberKeys(b);
  const oldIndex = new Map(oldKeys.map((k, i) => [k, i]));
  const newIndex = new Map(newKeys.map((k, i) => [k, i]));
  const removed = oldKeys.filter((k) => !newIndex.has(k));
  const added = newKeys.filter((k) => !oldIndex.has(k));
  // One member out, one in, and structurally the same: a rename, not a swap.
  if (removed.length === 1 && added.length === 1) {
    const ma = a.members[oldIndex.get(removed[0]!)!]!;
    const mb = b.members[newIndex.get(added[0]!)!]!;
    diffShape(ma, mb, `${subject}<${removed[0]}>`, ptr, ctx);
    removed.length = 0;
    added.length = 0;
  }
  for (const key of newKeys) {
    if (oldIndex.has(key)) diffShape(a.members[oldIndex.get(key)!]!, b.members[newIndex.get(key)!]!, `${subject}<${key}>`, ptr, ctx);
  }
  for (const key of added) {
    const member = b.members[newIndex.get(key)!]!;
    emit(ctx, {
      element: 'union',
      action: 'added',
      subject: `${subject}<${key}>`,
      severity: 'non-breaking',
      reason: `new union member ${describeShape(member)}${ctx.direction === 'request' ? ' (widening)' : '; readers must tolerate variants they do not know'}`,
      pointers: { old: ptr.old, new: member.pointer ?? ptr.new },
    });
  }
  for (const key of removed) {
    const member = a.members[oldIndex.get(key)!]!;
    emit(ctx, {
      element: 'union',
      action: 'removed',
      subject: `${subject}<${key}>`,
      severity: 'breaking',
      reason: `union member ${describeShape(member)} removed: code that ${ctx.direction === 'response' ? 'handles' : 'sends'} it breaks`,
      pointers: { old: member.pointer ?? ptr.old, new: ptr.new },
    });
  }
  if (a.discriminator && b.discriminator && a.discriminator.property !== b.discriminator.property) {
    emit(ctx, {
      element: 'discriminator',
      action: 'changed',
      subject,
      severity: 'breaking',
      reason: `discriminator ${a.discriminator.property} → ${b.discriminator.property}: code narrowing on it breaks`,
      pointers: ptr,
    });
  }
}
