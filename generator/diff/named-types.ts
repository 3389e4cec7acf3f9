/**
 * Named-type diff: the types the client exports by name (re-exported flat
 * from its index). Each type's fields are compared once here, with the
 * direction taken from where the type is used, so a change reached from many
 * methods is listed once.
 */
import type { NamedType, NormalizedSpec } from '../ir/types.js';
import type { Change, PackageId } from './model.js';
import { diffShape, type Direction } from './shapes.js';
import { describeShape, sameStructure, withoutDescription } from './shape-utils.js';

function directionOf(a: NamedType | undefined, b: NamedType | undefined): Direction {
  const usages = new Set([a?.usage, b?.usage].filter(Boolean));
  if (usages.has('both') || usages.size > 1) return 'both';
  return usages.has('request') ? 'request' : 'response';
}

/** The text the client's JSDoc shows for a named type (emit/client/ts-types.ts). */
function docOf(type: NamedType): string | undefined {
  return type.shape.description ?? type.description;
}

export function diffNamedTypes(oldSpec: NormalizedSpec, newSpec: NormalizedSpec): Change[] {
  const out: Change[] = [];
  const client: PackageId[] = ['client'];
  const data: PackageId[] = ['client', 'cli', 'mcp'];
  const names = [...new Set([...Object.keys(oldSpec.types), ...Object.keys(newSpec.types)])].sort();
  const removed: NamedType[] = [];
  const added: NamedType[] = [];
  for (const name of names) {
    const a = oldSpec.types[name];
    const b = newSpec.types[name];
    if (!a) added.push(b!);
    else if (!b) removed.push(a);
    else {
      const pointers = { old: a.pointer, new: b.pointer };
      const direction = directionOf(a, b);
      // The type's JSDoc is its shape's description, else the type's own (the importer writes both):
      // compared once here, so the shape walk below leaves the root description out.
      if ((docOf(a) ?? '') !== (docOf(b) ?? '')) {
        out.push({ section: 'client', element: 'docs', action: 'changed', subject: name, severity: 'docs-only', reason: 'type description changed', pointers, affects: data });
      }
      if (a.usage !== b.usage) {
        out.push({ section: 'client', element: 'type', action: 'changed', subject: name, severity: 'non-breaking', reason: `now used in ${b.usage === 'both' ? 'requests and responses' : b.usage + 's'} (was ${a.usage === 'both' ? 'requests and responses' : a.usage + 's'}); judged by the stricter rules`, pointers, affects: client });
      }
      diffShape(withoutDescription(a.shape), withoutDescription(b.shape), name, pointers, { oldSpec, newSpec, direction, section: 'client', affects: data, out, followSameRefs: false });
    }
  }
  // A type that disappeared while a structurally identical one appeared was renamed in the document.
  // Only a one-to-one match says which: when several removed or added types share the shape
  // (list wrappers, `{ id, url }` pairs), any pairing would be a guess, so they stay removed and added.
  const matches = new Map(removed.map((a) => [a, added.filter((b) => sameStructure(oldSpec, a.shape, newSpec, b.shape))]));
  const renamedTo = new Map<string, NamedType>();
  for (const a of removed) {
    const candidates = matches.get(a)!;
    if (candidates.length !== 1) continue;
    const b = candidates[0]!;
    if (removed.filter((other) => matches.get(other)!.includes(b)).length === 1) renamedTo.set(a.name, b);
  }
  for (const a of removed) {
    const b = renamedTo.get(a.name);
    out.push({
      section: 'client',
      element: 'type',
      action: b ? 'renamed' : 'removed',
      subject: a.name,
      severity: 'breaking',
      reason: b
        ? `exported type renamed to ${b.name} (identical shape; the schema was renamed in the document): code importing ${a.name} by name breaks`
        : 'exported type removed: code importing it by name breaks',
      pointers: { old: a.pointer, new: b?.pointer },
      affects: client,
    });
  }
  const renamedTargets = new Set([...renamedTo.values()]);
  for (const b of added) {
    if (renamedTargets.has(b)) continue;
    out.push({ section: 'client', element: 'type', action: 'added', subject: b.name, severity: 'non-breaking', reason: `new exported type (${describeShape(b.shape)})`, pointers: { new: b.pointer }, affects: client });
  }
  return out;
}
