/**
 * Union facts read from the members themselves, never from schema names:
 * - a discriminator property whose value is a literal (const, single-value
 *   enum, `x-stainless-const`) in every member, declared or inferred;
 * - the tag-selects-sibling pattern (`type: "project.created"` plus an
 *   optional property named `"project.created"`), as in audit logs.
 */
import type { UnionShape } from '../ir/types.js';
import type { RefResolver } from '../load/refs.js';
import { pointerSegments } from '../load/locate.js';
import type { Reporter } from './report.js';

type Raw = Record<string, any>;
type Lit = string | number | boolean;

/** Find the raw schema of `prop` in an object schema, following refs and allOf. */
function findProperty(schema: Raw, prop: string, ptr: string, resolver: RefResolver, depth = 0): Raw | undefined {
  if (depth > 20) return undefined;
  const { node, ptr: p } = resolver.deref(schema, ptr);
  if (!node || typeof node !== 'object') return undefined;
  if (node.properties && prop in node.properties) return resolver.deref(node.properties[prop], `${p}/properties/${prop}`).node;
  if (Array.isArray(node.allOf)) {
    for (let i = node.allOf.length - 1; i >= 0; i--) {
      const found = findProperty(node.allOf[i], prop, `${p}/allOf/${i}`, resolver, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function propertyNames(schema: Raw, ptr: string, resolver: RefResolver, depth = 0): string[] {
  if (depth > 20) return [];
  const { node, ptr: p } = resolver.deref(schema, ptr);
  if (!node || typeof node !== 'object') return [];
  const names = Object.keys(node.properties ?? {});
  if (Array.isArray(node.allOf)) node.allOf.forEach((m: Raw, i: number) => names.push(...propertyNames(m, `${p}/allOf/${i}`, resolver, depth + 1)));
  return [...new Set(names)];
}

/** The literal value(s) a member fixes for `prop`, or undefined when it is not fixed. */
export function literalValues(schema: Raw, prop: string, ptr: string, resolver: RefResolver, depth = 0): Lit[] | undefined {
  const { node, ptr: at } = resolver.deref(schema, ptr);
  const variants: Raw[] | undefined = node && !node.properties ? node.oneOf ?? node.anyOf : undefined;
  if (Array.isArray(variants) && depth < 5) {
    // A member that is itself a union: it covers the values of all its own members.
    const all: Lit[] = [];
    for (let i = 0; i < variants.length; i++) {
      const v = variants[i];
      if (v && typeof v === 'object' && (v.type === 'null' || (Array.isArray(v.enum) && v.enum.length === 1 && v.enum[0] === null))) continue;
      const vals = literalValues(v, prop, `${at}/${node.oneOf ? 'oneOf' : 'anyOf'}/${i}`, resolver, depth + 1);
      if (!vals) return undefined;
      all.push(...vals);
    }
    // Members of the member may share a value (Figma's blur effects both list LAYER_BLUR): one value each.
    return all.length ? [...new Set(all)] : undefined;
  }
  const p = findProperty(schema, prop, ptr, resolver);
  if (!p) return undefined;
  if ('const' in p && ['string', 'number', 'boolean'].includes(typeof p.const)) return [p.const];
  if (Array.isArray(p.enum)) {
    const vals = p.enum.filter((v: unknown) => ['string', 'number', 'boolean'].includes(typeof v));
    if (vals.length >= 1) return vals;
  }
  return undefined;
}

export function detectDiscriminator(
  s: Raw,
  members: Array<{ raw: Raw; ptr: string }>,
  ptr: string,
  resolver: RefResolver,
  report: Reporter,
): UnionShape['discriminator'] | undefined {
  const declared: string | undefined = s.discriminator?.propertyName;
  let why = '';
  const tryProp = (prop: string): Record<string, number> | undefined => {
    const mapping: Record<string, number> = {};
    for (let i = 0; i < members.length; i++) {
      const vals = literalValues(members[i]!.raw, prop, members[i]!.ptr, resolver);
      if (!vals) {
        why = `member ${i} (${members[i]!.ptr}) has no literal \`${prop}\``;
        return undefined;
      }
      for (const v of vals) {
        const key = String(v);
        if (key in mapping) {
          why = `members ${mapping[key]} and ${i} share the value \`${key}\``;
          return undefined;
        }
        mapping[key] = i;
      }
    }
    return mapping;
  };
  const literal = declared ? tryProp(declared) : undefined;
  // Members that carry no literal for the declared property: the mapping (or their schema names) says which is which.
  const implied = declared && !literal ? impliedMapping(s, members, declared, resolver) : undefined;
  if (declared && implied) {
    report.info('union-discriminated-mapping', `Union of ${members.length} members discriminated by declared \`${declared}\`, its values from the discriminator's mapping and the members' schema names (${Object.keys(implied).map((v) => `\`${v}\``).join(', ')}); each member's type gets its value.`, ptr);
    return { property: declared, mapping: implied, implied: true };
  }
  if (s.discriminator?.mapping) {
    report.info('discriminator-mapping-ignored', 'Declared discriminator `mapping` not used; values come from each member\'s own literal.', ptr);
  }
  if (declared) {
    if (literal) {
      report.info('union-discriminated', `Union of ${members.length} members discriminated by declared \`${declared}\` (member literals).`, ptr);
      return { property: declared, mapping: literal };
    }
    report.warn('discriminator-unresolved', `Declared discriminator \`${declared}\` cannot select a member: ${why}; union left undiscriminated.`, ptr);
    return undefined;
  }
  const objectMembers = members.every((m) => propertyNames(m.raw, m.ptr, resolver).length > 0);
  if (!objectMembers) return undefined;
  const shared = propertyNames(members[0]!.raw, members[0]!.ptr, resolver).filter((name) =>
    members.every((m) => literalValues(m.raw, name, m.ptr, resolver)?.length === 1),
  );
  const order = [...shared].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const prop of order) {
    const mapping = tryProp(prop);
    if (mapping) {
      report.info('union-discriminated', `Union of ${members.length} members discriminated by shared literal \`${prop}\`.`, ptr);
      return { property: prop, mapping };
    }
  }
  report.info('union-undiscriminated', `Union of ${members.length} members has no distinguishing literal property.`, ptr);
  return undefined;
}

/**
 * OpenAPI's discriminator mapping for members that are component refs and
 * carry no literal for `prop`: each `mapping` value names a member (by ref or
 * schema name), and a member no value names is selected by its schema name.
 * Members that fix `prop` themselves keep their own values (OpenAI's
 * `InputItem` members share `message`, and schema names would be wrong
 * values), unless those cannot select a member (two members list the same
 * values, as a shared `enum: [password, refresh_token]` does) and the mapping
 * names every member with a value its member lists: the mapping then says
 * which is which. Undefined too when a member is no component ref, a value
 * names no member, or two members would share a value.
 */
export function impliedMapping(s: Raw, members: Array<{ raw: Raw; ptr: string }>, prop: string, resolver: RefResolver): Record<string, number> | undefined {
  const literals = members.map((m) => literalValues(m.raw, prop, m.ptr, resolver));
  const fixed = literals.some((l) => l !== undefined);
  if (fixed && literalsSelect(literals)) return undefined;
  const prefix = '#/components/schemas/';
  const refs = members.map((m) => (typeof m.raw.$ref === 'string' && m.raw.$ref.startsWith(prefix) ? m.raw.$ref : undefined));
  if (refs.some((r) => r === undefined)) return undefined;
  const mapping: Record<string, number> = {};
  const declared: Raw = s.discriminator?.mapping && typeof s.discriminator.mapping === 'object' ? s.discriminator.mapping : {};
  for (const [value, target] of Object.entries(declared)) {
    if (typeof target !== 'string') return undefined;
    const index = refs.indexOf(target.startsWith('#') ? target : `${prefix}${target}`);
    if (index === -1) return undefined;
    mapping[value] = index;
  }
  const named = new Set(Object.values(mapping));
  if (fixed) {
    const listed = (value: string, i: number) => literals[i] === undefined || literals[i]!.some((l) => String(l) === value);
    if (named.size !== members.length || !Object.entries(mapping).every(([value, i]) => listed(value, i))) return undefined;
    return mapping;
  }
  for (let i = 0; i < refs.length; i++) {
    if (named.has(i)) continue;
    const name = pointerSegments(refs[i]!).at(-1)!;
    if (name in mapping) return undefined;
    mapping[name] = i;
  }
  return mapping;
}

/** Whether every member lists its own values of the property and no two members share one. */
function literalsSelect(literals: Array<Lit[] | undefined>): boolean {
  const seen = new Set<string>();
  for (const vals of literals) {
    if (!vals) return false;
    for (const v of vals) {
      if (seen.has(String(v))) return false;
      seen.add(String(v));
    }
  }
  return true;
}

function rank(prop: string): number {
  return prop === 'object' ? 0 : prop === 'type' ? 1 : 2;
}

/** The audit-log pattern on a flattened object schema. */
export function detectTaggedPayloads(s: Raw, ptr: string, resolver: RefResolver): { tagProperty: string; payloads: Record<string, string | null> } | undefined {
  const props: Raw = s.properties ?? {};
  const names = Object.keys(props);
  if (names.length < 3) return undefined;
  const candidates = [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const tag of candidates) {
    const p = resolver.deref(props[tag], `${ptr}/properties/${tag}`).node as Raw;
    if (!p || !Array.isArray(p.enum)) continue;
    const values = p.enum.filter((v: unknown) => typeof v === 'string') as string[];
    if (values.length < 2) continue;
    const matches = values.filter((v) => v !== tag && v in props);
    if (matches.length < 2) continue;
    const payloads: Record<string, string | null> = {};
    for (const v of values) payloads[v] = v !== tag && v in props ? v : null;
    return { tagProperty: tag, payloads };
  }
  return undefined;
}
