/**
 * JSON Schema (OpenAPI 3.0/3.1) → IR `Shape`. Component schemas become named
 * types referenced by `RefShape`, which also makes cyclic schemas finite.
 * Nullability of all three styles folds into `nullable`; single-value enums and
 * `x-stainless-const` become literals; `allOf` is merged; unions are detected
 * by unions.ts.
 */
import { escapePointerSegment, GeneratorError } from '../errors.js';
import type { NamedType, ObjectShape, Property, Shape, ShapeBase } from '../ir/types.js';
import { pascalCase } from '../names.js';
import type { RefResolver } from '../load/refs.js';
import type { Reporter } from './report.js';
import { Diverged, noteEffect, registeredType, unrecorded, type Effect, type StepMemo } from './replay.js';
import { resolveInlineNames, resolveTypeRenames } from './type-renames.js';
import { detectDiscriminator, detectTaggedPayloads } from './unions.js';

const COMPONENT_PREFIX = '#/components/schemas/';
const SCALARS = new Set(['string', 'integer', 'number', 'boolean', 'null']);

type Raw = Record<string, any>;

export class ShapeBuilder {
  readonly types = new Map<string, NamedType>();
  /** Component ref → type name, resolved lazily but from the full key set, so names never depend on visit order. */
  private readonly refNames = new Map<string, string>();
  /** Cheap collision key (lower-case alphanumerics) → component keys; identifiers can only collide within a group. */
  private readonly groups = new Map<string, string[]>();
  private readonly componentKeys: Set<string>;
  private readonly usedNames = new Set<string>();
  private readonly pending: string[] = [];
  private readonly queued = new Set<string>();
  private readonly inlineStack: string[] = [];
  /** The run's replayed steps (in the daemon): each component schema's conversion is one. */
  private steps?: StepMemo;

  /** Config renames (schema key → type name), and the names they and the config's inline names take. */
  private readonly renames: Map<string, string>;
  private readonly renamedTo: Set<string>;
  /** Config names of inline schemas (pointer → type name), and the pointers being named now. */
  private readonly inlineNames: Map<string, string>;
  private readonly namingInline = new Set<string>();

  constructor(
    private readonly resolver: RefResolver,
    private readonly report: Reporter,
    typeRenames?: Record<string, string>,
    /** Names no type may take (the client package's exports, globals); such a schema gets `Model` appended. */
    private readonly reserved: Set<string> = new Set(),
  ) {
    const schemas: Raw = resolver.doc.components?.schemas ?? {};
    this.componentKeys = new Set(Object.keys(schemas));
    for (const key of this.componentKeys) {
      const g = collisionKey(key);
      const list = this.groups.get(g);
      if (list) list.push(key);
      else this.groups.set(g, [key]);
    }
    this.renames = resolveTypeRenames(typeRenames, this.componentKeys, (key) => typeIdentifier(key), report);
    const finalName = (key: string) => this.renames.get(key) ?? typeIdentifier(key);
    this.inlineNames = resolveInlineNames(typeRenames, (ptr) => nodeAt(resolver.doc, ptr) !== undefined, (name) => [...this.componentKeys].find((key) => finalName(key) === name), report);
    this.renamedTo = new Set([...this.renames.values(), ...this.inlineNames.values()]);
  }

  /** Convert component schemas as steps of `steps` (normalize/replay.ts). */
  useSteps(steps: StepMemo): void {
    this.steps = steps;
  }

  /** Replay one recorded effect of a step (normalize/replay.ts); a name that comes out otherwise diverges. */
  replay(effect: Effect): void {
    switch (effect.kind) {
      case 'name':
        // A ref to a schema the document no longer has is an error the run without replay reports.
        if (!this.componentKeys.has(effect.key) || this.componentName(effect.key) !== effect.name) throw new Diverged(`type name of ${effect.key}`);
        return;
      case 'reserve':
        if (this.reserveName(effect.wanted, effect.pointer) !== effect.name) throw new Diverged(`name reserved at ${effect.pointer}`);
        return;
      case 'queue':
        this.enqueue(effect.ref);
        return;
      case 'type':
        this.types.set(effect.name, registeredType(effect));
        return;
      case 'report':
        this.report.add(effect.level, effect.code, effect.message, effect.pointer);
    }
  }

  /** Type name of a component schema key; suffixes `2`, `3`… only among keys that case-fold to one identifier. */
  private componentName(key: string): string {
    const name = this.componentNameOnce(key);
    noteEffect({ kind: 'name', key, name });
    return name;
  }

  private componentNameOnce(key: string): string {
    const ref = COMPONENT_PREFIX + escapePointerSegment(key);
    const known = this.refNames.get(ref);
    if (known) return known;
    const renamed = this.renames.get(key);
    if (renamed) {
      this.refNames.set(ref, renamed);
      this.usedNames.add(renamed);
      return renamed;
    }
    const group = this.groups.get(collisionKey(key)) ?? [key];
    const same = group.filter((k) => typeIdentifier(k) === typeIdentifier(key)).sort();
    let name = same.indexOf(key) <= 0 ? typeIdentifier(key) : `${typeIdentifier(key)}${same.indexOf(key) + 1}`;
    if (same.indexOf(key) > 0) {
      this.report.warn('type-name-collision', `Schema \`${key}\` is named \`${name}\` because \`${same[0]}\` is already \`${typeIdentifier(key)}\`.`, `/components/schemas/${escapePointerSegment(key)}`);
    }
    if (this.reserved.has(name)) {
      const wanted = name;
      // Never another component's name: `ErrorModel` may exist too.
      name = `${wanted}Model`;
      for (let i = 2; this.groups.has(collisionKey(name)) || this.usedNames.has(name); i++) name = `${wanted}Model${i}`;
      this.report.info('type-name-reserved', `Schema \`${key}\` would be the type \`${wanted}\`, a name the client package or TypeScript already uses; it is \`${name}\`.`, `/components/schemas/${escapePointerSegment(key)}`);
    }
    this.refNames.set(ref, name);
    this.usedNames.add(name);
    return name;
  }

  /** Whether `name` is (or would be) the identifier of some component schema. */
  private isComponentName(name: string): boolean {
    if (this.renamedTo.has(name)) return true;
    const group = this.groups.get(collisionKey(name.replace(/\d+$/, ''))) ?? [];
    return group.some((k) => this.componentName(k) === name) || (this.groups.get(collisionKey(name)) ?? []).some((k) => this.componentName(k) === name);
  }

  /** Reserve a derived name for an inline schema; suffixes `2`, `3`… when taken. */
  reserveName(wanted: string, ptr: string): string {
    // Recorded as one effect: replaying it asks again, which is what the names it looked at decide.
    const name = unrecorded(() => this.reserveNameOnce(wanted, ptr));
    noteEffect({ kind: 'reserve', wanted, pointer: ptr, name });
    return name;
  }

  private reserveNameOnce(wanted: string, ptr: string): string {
    let name = typeIdentifier(wanted);
    const taken = (n: string) => this.usedNames.has(n) || this.reserved.has(n) || this.isComponentName(n);
    if (taken(name)) {
      let i = 2;
      while (taken(`${name}${i}`)) i++;
      this.report.warn('type-name-collision', `Derived type name \`${name}\` is taken; using \`${name}${i}\`.`, ptr);
      name = `${name}${i}`;
    }
    this.usedNames.add(name);
    return name;
  }

  /**
   * Keep a name free for a type the emitters derive (an operation's
   * `XxxParams`): a schema that would take it is renamed instead. Call before
   * any schema is converted.
   */
  keepFree(name: string): void {
    this.reserved.add(name);
  }

  /** Register an inline schema as a named type and return a ref to it. */
  named(name: string, schema: Raw, ptr: string): Shape {
    // The config's name for this schema wins over the one derived for it (shape() registers it).
    const configured = this.inlineNames.get(ptr);
    if (configured !== undefined && configured !== name && !this.namingInline.has(ptr)) return this.shape(schema, ptr);
    const shape = this.shape(schema, ptr);
    const registered: Effect = { kind: 'type', name, shape, description: shape.description, pointer: ptr };
    noteEffect(registered);
    this.types.set(name, registeredType(registered));
    this.report.info('inline-named', `Inline schema named \`${name}\`.`, ptr);
    return { kind: 'ref', name, pointer: ptr };
  }

  /** Convert every queued component schema (breadth-first until none are left). */
  drain(): void {
    while (this.pending.length) {
      const ref = this.pending.shift()!;
      const name = this.refNames.get(ref)!;
      const ptr = ref.slice(1);
      const raw = this.resolver.resolve(ref, ptr);
      const convert = () => this.shape(raw, ptr);
      const shape = this.steps ? this.steps.step(`type ${ref}`, [raw], convert) : convert();
      this.types.set(name, { name, shape, description: shape.description, usage: 'response', pointer: ptr });
    }
  }

  /** Queue a component schema (its canonical ref) for `drain`; recorded even when already queued, so a replay queues it too. */
  private enqueue(canonical: string): void {
    noteEffect({ kind: 'queue', ref: canonical });
    if (this.queued.has(canonical)) return;
    this.queued.add(canonical);
    this.pending.push(canonical);
  }

  /** Whether a raw schema (after following refs) is an object or union that deserves a name. */
  isComplexInline(schema: Raw): boolean {
    if (!schema || typeof schema !== 'object' || schema.$ref) return false;
    return Boolean(schema.properties || schema.allOf || schema.oneOf || schema.anyOf || schema.additionalProperties);
  }

  /** Follow refs and merge `allOf` into one raw object schema (properties, required). */
  flatten(schema: Raw, ptr: string, seen = new Set<string>()): { schema: Raw; propPtr: Map<string, string> } {
    const d = this.resolver.deref(schema, ptr);
    const node = d.node as Raw;
    if (!node || typeof node !== 'object') return { schema: {}, propPtr: new Map() };
    if (seen.has(d.ptr)) return { schema: {}, propPtr: new Map() };
    seen.add(d.ptr);
    const propPtr = new Map<string, string>();
    // No prototype: a property named `__proto__` is a property, not the object's prototype.
    const properties: Raw = Object.create(null);
    const required = new Set<string>();
    const parts: Array<{ s: Raw; p: string }> = [];
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((m: Raw, i: number) => {
        const f = this.flatten(m, `${d.ptr}/allOf/${i}`, seen);
        parts.push({ s: f.schema, p: '' });
        for (const [k, v] of f.propPtr) propPtr.set(k, v);
      });
    }
    parts.push({ s: node, p: d.ptr });
    const out: Raw = {};
    for (const { s, p } of parts) {
      for (const [k, v] of Object.entries(s)) {
        if (k === 'properties' || k === 'required' || k === 'allOf') continue;
        if (!(k in out) || p) out[k] = v;
      }
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        properties[k] = v;
        if (p) propPtr.set(k, `${p}/properties/${escapePointerSegment(k)}`);
      }
      for (const r of s.required ?? []) required.add(r);
    }
    if (Object.keys(properties).length) out.properties = properties;
    if (required.size) out.required = [...required];
    return { schema: out, propPtr };
  }

  shape(schema: unknown, ptr: string): Shape {
    if (schema === true || schema === undefined || schema === null) return { kind: 'unknown', pointer: ptr };
    if (schema === false) {
      this.report.unsupported('schema-false', 'Schema `false` (no value allowed) is represented as unknown.', ptr);
      return { kind: 'unknown', pointer: ptr };
    }
    if (typeof schema !== 'object' || Array.isArray(schema)) {
      throw new GeneratorError('A schema must be an object.', this.resolver.where(ptr), 'Fix the schema at this location.');
    }
    const s = schema as Raw;
    if (typeof s.$ref === 'string') return this.refShape(s, ptr);
    // An inline schema the config names (`types:` by pointer) is a named type, as a component is.
    const configured = this.inlineNames.get(ptr);
    if (configured !== undefined && !this.namingInline.has(ptr)) {
      this.namingInline.add(ptr);
      try {
        return this.named(configured, s, ptr);
      } finally {
        this.namingInline.delete(ptr);
      }
    }
    const base = meta(s, ptr);
    let nullable = s.nullable === true;
    if (s.nullable === true) this.report.info('nullable-3.0', '`nullable: true` folded into nullable.', ptr);
    let types: string[] | undefined = Array.isArray(s.type) ? [...s.type] : typeof s.type === 'string' ? [s.type] : undefined;
    if (types?.includes('null') && types.length > 1) {
      nullable = true;
      types = types.filter((t) => t !== 'null');
      this.report.info('nullable-3.1', '`type: [..., "null"]` folded into nullable.', ptr);
    }
    const withNull = <T extends Shape>(sh: T): T => (nullable ? { ...sh, nullable: true } : sh);

    // Constants first: `const`, single-value enums, `x-stainless-const`.
    if ('const' in s && s.const !== null && typeof s.const !== 'object') {
      return withNull({ ...base, kind: 'literal', value: s.const });
    }
    if (Array.isArray(s.enum)) {
      const vals = s.enum.filter((v: unknown) => v !== null);
      if (vals.length < s.enum.length) nullable = true;
      const scalar = vals.every((v: unknown) => ['string', 'number', 'boolean'].includes(typeof v));
      // One value of the schema's own type (`type: string, enum: [true]` is `"true"`).
      const scalarType = types?.length === 1 && SCALARS.has(types[0]!) && types[0] !== 'null' ? types[0]! : undefined;
      const own = vals.length === 1 && scalar && scalarType ? this.enumOfType(vals, scalarType, ptr) : vals;
      if (vals.length === 1 && scalar && own.length === 1) {
        const value = own[0] as string | number | boolean;
        if (s['x-stainless-const']) this.report.info('stainless-const', '`x-stainless-const` enum represented as a literal.', ptr);
        return withNull({ ...base, kind: 'literal', value });
      }
      if (!scalar) this.report.unsupported('enum-non-scalar', 'Enum with object/array values is not represented; values dropped.', ptr);
    }

    if (Array.isArray(s.allOf)) return withNull(this.allOf(s, ptr, base));

    const variants = Array.isArray(s.oneOf) ? 'oneOf' : Array.isArray(s.anyOf) ? 'anyOf' : undefined;
    if (variants) {
      const list: Raw[] = s[variants];
      const structural = list.some((m) => m && typeof m === 'object' && (m.$ref || m.type || m.properties || m.enum || m.const !== undefined || m.items || m.allOf || m.oneOf || m.anyOf));
      if (structural) return withNull(this.union(s, variants, ptr, base, nullable));
      this.report.info('union-constraint-only', `\`${variants}\` of constraint-only members (e.g. required sets) ignored for typing.`, ptr);
    }

    if (types && types.length > 1) {
      const members = types.map((t) => this.shape({ ...s, type: t, description: undefined }, ptr));
      return withNull({ ...base, kind: 'union', members });
    }
    const type = types?.[0] ?? (s.properties || s.additionalProperties !== undefined ? 'object' : s.items || Array.isArray(s.prefixItems) ? 'array' : undefined);
    if (type === 'object') return withNull(this.object(s, ptr, base, new Map()));
    if (type === 'array') {
      const tuple = Array.isArray(s.prefixItems) ? 'prefixItems' : Array.isArray(s.items) ? 'items' : undefined;
      if (tuple) return withNull({ ...base, kind: 'array', items: this.tupleItems(s, tuple, ptr), ...pick(s, ['minItems', 'maxItems']) });
      const items = s.items === undefined ? { kind: 'unknown' as const, pointer: `${ptr}/items` } : this.shape(s.items, `${ptr}/items`);
      return withNull({ ...base, kind: 'array', items, ...pick(s, ['minItems', 'maxItems']) });
    }
    if (type === 'file') {
      this.report.info('type-file', '`type: file` represented as binary content (an upload in requests).', ptr);
      return withNull({ ...base, kind: 'file' });
    }
    if (type === 'string' && isBinaryString(s)) {
      const contentType = typeof s.contentMediaType === 'string' ? { contentType: s.contentMediaType } : {};
      return withNull({ ...base, kind: 'file', ...contentType });
    }
    if (type && SCALARS.has(type)) {
      const out: Shape = { ...base, kind: type as 'string', ...this.scalarFacets(s, type, ptr) };
      if (Array.isArray(s.enum)) {
        const listed = s.enum.filter((v: unknown) => v !== null && typeof v !== 'object');
        const vals = listed.length > 1 ? this.enumOfType(listed, type, ptr) : [];
        if (vals.length > 1) (out as { enum?: unknown[] }).enum = vals;
      }
      return withNull(out);
    }
    if (type) this.report.unsupported('unknown-type', `Unknown schema type \`${String(type)}\` represented as unknown.`, ptr);
    if (Array.isArray(s.enum)) {
      const vals = s.enum.filter((v: unknown) => v !== null && typeof v !== 'object');
      const kind = typeof vals[0] === 'number' ? 'number' : typeof vals[0] === 'boolean' ? 'boolean' : 'string';
      if (vals.length > 1) return withNull({ ...base, kind, enum: vals });
    }
    return withNull({ ...base, kind: 'unknown' });
  }

  private refShape(s: Raw, ptr: string): Shape {
    const ref: string = s.$ref;
    const siblings = meta(s, ptr);
    delete siblings.pointer;
    const nullable = s.nullable === true ? { nullable: true } : {};
    if (ref.startsWith(COMPONENT_PREFIX) && !ref.slice(COMPONENT_PREFIX.length).includes('/')) {
      const key = decodeSegment(ref.slice(COMPONENT_PREFIX.length));
      if (!this.componentKeys.has(key)) this.resolver.resolve(ref, `${ptr}/$ref`); // throws the missing-target error
      const name = this.componentName(key);
      this.enqueue(COMPONENT_PREFIX + escapePointerSegment(key));
      return { ...siblings, ...nullable, kind: 'ref', name, pointer: ptr };
    }
    // Any other internal pointer is inlined; a cycle through such pointers becomes unknown.
    const target = this.resolver.resolve(ref, `${ptr}/$ref`);
    const tptr = ref.slice(1);
    if (this.inlineStack.includes(tptr)) {
      this.report.unsupported('cyclic-inline-ref', `Cyclic reference to \`${ref}\` outside components/schemas represented as unknown.`, ptr);
      return { kind: 'unknown', pointer: ptr };
    }
    this.inlineStack.push(tptr);
    try {
      const inner = this.shape(target, tptr);
      return { ...inner, ...siblings, ...nullable };
    } finally {
      this.inlineStack.pop();
    }
  }

  private allOf(s: Raw, ptr: string, base: ShapeBase): Shape {
    const members: Raw[] = s.allOf;
    const structural = members.map((m, i) => ({ m, i })).filter(({ m }) => !isMetaOnly(m));
    let ownStructure = s.properties || s.type === 'object' || s.additionalProperties !== undefined;
    if (ownStructure && !s.properties && s.type === undefined && structural.length === 1) {
      // `additionalProperties` beside the one part, a scalar (Linqr's `Icon`: `allOf: [$ref: Icons]`, a string enum,
      // with `additionalProperties: false`): it applies to objects only, and the value is the scalar, not an object.
      const part = this.resolver.deref(structural[0]!.m, `${ptr}/allOf/${structural[0]!.i}`).node as Raw | undefined;
      const scalar = typeof part?.type === 'string' && SCALARS.has(part.type) && part.type !== 'null';
      if (scalar && !part!.allOf) {
        this.report.warn('facet-type-mismatch', `\`additionalProperties\` does not apply to ${/^[aeiou]/.test(part!.type) ? 'an' : 'a'} ${part!.type} (JSON Schema ignores it for this type); left out.`, `${ptr}/additionalProperties`);
        ownStructure = false;
      }
    }
    // A named scalar keeps its name (below); an inline one takes the other parts' facets.
    if (!(structural.length === 1 && typeof structural[0]!.m.$ref === 'string')) {
      const scalar = this.scalarAllOf(s, ptr);
      if (scalar) return scalar;
    }
    if (structural.length === 1 && !ownStructure) {
      // `allOf: [$ref]` / `allOf: [$ref, {nullable: true}]` are 3.0 idioms for a ref with siblings: keep the ref (and its name).
      const inner = this.shape(structural[0]!.m, `${ptr}/allOf/${structural[0]!.i}`);
      const metaMembers = members.filter(isMetaOnly);
      const extra: ShapeBase = {};
      for (const m of metaMembers) Object.assign(extra, stripUndefined(meta(m, ptr)));
      const out = { ...inner, ...extra, ...stripUndefined(base) };
      if (metaMembers.some((m) => m.nullable === true)) {
        this.report.info('nullable-3.0', '`allOf` member `nullable: true` folded into nullable.', ptr);
        out.nullable = true;
      }
      return out;
    }
    const nonObject = members.some((m) => {
      const d = this.resolver.deref(m, ptr).node as Raw;
      return d && (d.oneOf || d.anyOf || (d.type && d.type !== 'object' && !d.allOf));
    });
    if (nonObject) {
      const distributed = this.allOfWithUnion(s, ptr, base);
      if (distributed) return distributed;
      this.report.unsupported('allOf-non-object', '`allOf` with a union or non-object member; merged object parts only.', ptr);
    }
    const flat = this.flatten(s, ptr);
    this.report.info('allOf-merged', `\`allOf\` of ${members.length} members merged into one object.`, ptr);
    return this.object(flat.schema, ptr, base, flat.propPtr);
  }

  /**
   * Enum values of another type than the schema's (`type: string, enum: [true, false]`, as YAML reads an unquoted
   * `true`): no value is valid, and a strict validator refuses every call. They become the type's spelling of the
   * same value (`"true"`), the type being what the author wrote on purpose; one that has none is left out.
   */
  private enumOfType(values: unknown[], type: string, ptr: string): unknown[] {
    const fits = (v: unknown) => (type === 'integer' ? Number.isInteger(v) : type === 'number' ? typeof v === 'number' : typeof v === type);
    if (values.every(fits)) return values;
    const cast = (v: unknown): unknown => {
      if (type === 'string') return String(v);
      if ((type === 'integer' || type === 'number') && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      if (type === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
      return v;
    };
    const out = [...new Set(values.map(cast))].filter(fits);
    this.report.warn('enum-type-mismatch', `Enum values ${values.filter((v) => !fits(v)).map((v) => JSON.stringify(v)).join(', ')} are not of the schema's type \`${type}\`: ${out.length ? `the values are ${out.map((v) => JSON.stringify(v)).join(', ')}` : 'no value is left'}.`, `${ptr}/enum`);
    return out;
  }

  /**
   * A scalar's facets, as far as they can apply: a bound of another type's
   * (`maximum` on a string, `maxLength` on an integer) constrains nothing in
   * JSON Schema, and strict validators (Ajv, which MCP clients use) reject the
   * tool; a pattern must compile as an ECMA-262 Unicode regular expression, as
   * they compile it, and match the schema's own default. All are reported and
   * left out.
   */
  private scalarFacets(s: Raw, type: string, ptr: string): Record<string, unknown> {
    const out = scalarFacets(s);
    const applies = FACETS_OF[type] ?? [];
    for (const key of Object.keys(out)) {
      if (applies.includes(key)) continue;
      // A 3.0 `exclusiveMaximum: true` became the bound itself: report the keyword the document wrote.
      const written = key.startsWith('exclusive') && typeof s[key] !== 'number' ? key.replace('exclusiveM', 'm') : key;
      this.report.warn('facet-type-mismatch', `\`${written}\` does not apply to ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} (JSON Schema ignores it for this type); left out.`, `${ptr}/${written}`);
      delete out[key];
    }
    if (out.pattern !== undefined) {
      const problem = typeof out.pattern !== 'string' ? 'is not a string' : regexProblem(out.pattern);
      if (problem) {
        this.report.warn('pattern-invalid', `\`pattern\` ${problem}; left out (strict validators reject the schema).`, `${ptr}/pattern`);
        delete out.pattern;
      } else if (typeof s.default === 'string' && !new RegExp(out.pattern as string, 'u').test(s.default)) {
        // The document contradicts itself (`pattern: date-time`, a format's name, beside a date-time default): the
        // MCP server's validator refused every real value, the document's own default among them.
        this.report.warn('pattern-default-mismatch', `\`pattern\` does not match the schema's own default ${JSON.stringify(s.default)}; left out (validators refused values like it).`, `${ptr}/pattern`);
        delete out.pattern;
      }
    }
    return out;
  }

  /**
   * The items of a tuple (3.1 `prefixItems`, or an `items` list as some 3.0
   * documents write one), which the surfaces have no positional type for: an
   * array of the union of its members (and of `items` after `prefixItems`).
   */
  private tupleItems(s: Raw, key: 'prefixItems' | 'items', ptr: string): Shape {
    const list = s[key] as unknown[];
    const members = list.map((m, i) => this.shape(m, `${ptr}/${key}/${i}`));
    if (key === 'prefixItems' && s.items !== undefined && s.items !== false && !Array.isArray(s.items)) members.push(this.shape(s.items, `${ptr}/items`));
    this.report.info('tuple-items', `A tuple (\`${key}\`) is represented as an array whose items are any of its ${members.length} member types.`, ptr);
    if (members.length === 0) return { kind: 'unknown', pointer: `${ptr}/${key}` };
    return members.length === 1 ? members[0]! : { kind: 'union', members, pointer: `${ptr}/${key}` };
  }

  private object(s: Raw, ptr: string, base: ShapeBase, propPtr: Map<string, string>): ObjectShape {
    const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
    const properties: Property[] = Object.entries(s.properties ?? {}).map(([name, sub]) => ({
      name,
      required: required.has(name),
      shape: this.shape(sub, propPtr.get(name) ?? `${ptr}/properties/${escapePointerSegment(name)}`),
    }));
    const out: ObjectShape = { ...base, kind: 'object', properties };
    // Usually a stale or misspelt name (OpenAI's MCPApprovalResponse requires `request_id` beside `approval_request_id`):
    // typing it would make every caller send a field nobody defined.
    // A map (`additionalProperties: {type: string}`) may require keys its value schema types: no fault then.
    const typedMap = s.additionalProperties !== undefined && s.additionalProperties !== false;
    const unknownRequired = typedMap ? [] : [...required].filter((name) => typeof name === 'string' && !Object.hasOwn(s.properties ?? {}, name));
    if (unknownRequired.length)
      this.report.warn('required-without-property', `\`required\` names ${unknownRequired.map((n) => `\`${n}\``).join(', ')} with no property schema: left out of the types and arguments (as openapi-typescript does).`, ptr);
    const ap = s.additionalProperties;
    if (ap === false) out.additionalProperties = false;
    else if (ap === true || (ap && typeof ap === 'object' && Object.keys(ap).length === 0)) out.additionalProperties = { kind: 'unknown' };
    else if (ap && typeof ap === 'object') out.additionalProperties = this.shape(ap, `${ptr}/additionalProperties`);
    if (s.patternProperties) this.report.unsupported('patternProperties', '`patternProperties` not represented.', ptr);
    const tagged = detectTaggedPayloads(s, ptr, this.resolver);
    if (tagged) {
      out.taggedPayloads = tagged;
      this.report.info('tagged-payloads', `Tag property \`${tagged.tagProperty}\` selects one of ${Object.values(tagged.payloads).filter(Boolean).length} payload properties (${Object.keys(tagged.payloads).length} values).`, ptr);
    }
    return out;
  }

  private union(s: Raw, variants: 'oneOf' | 'anyOf', ptr: string, base: ShapeBase, nullable: boolean): Shape {
    const list: Raw[] = s[variants];
    const kept: Array<{ raw: Raw; ptr: string }> = [];
    let hasNull = nullable;
    list.forEach((m, i) => {
      const mptr = `${ptr}/${variants}/${i}`;
      if (isNullSchema(m)) hasNull = true;
      else kept.push({ raw: m, ptr: mptr });
    });
    if (hasNull && kept.length < list.length) this.report.info('nullable-anyOf', `\`${variants}\` with a null member folded into nullable.`, ptr);
    let shapes: Shape[] | undefined;
    if (s.properties && kept.length > 0) {
      const common = [{ schema: { properties: s.properties, required: s.required }, propPtr: ownPropertyPointers(s, ptr) }];
      const merged = this.mergedMembers(common, s.additionalProperties, kept);
      if (merged) {
        const how = merged.count === kept.length ? `merged into each of its ${kept.length} members` : merged.count ? `merged into ${merged.count} of its ${kept.length} members (the others have them)` : `are every member's own; the members are kept as they are`;
        this.report.info('union-properties-merged', `Properties next to \`${variants}\` ${how}.`, ptr);
        shapes = merged.shapes;
      } else this.report.unsupported('union-with-properties', `Properties next to \`${variants}\` are ignored: a member is not an object.`, ptr);
    }
    if (kept.length === 0) return { ...base, kind: 'null' };
    return this.unionOf(s, shapes ?? kept.map((k) => this.shape(k.raw, k.ptr)), kept, ptr, base, hasNull);
  }

  /**
   * The union of `members` (shapes of `kept`), discriminated when their literals select one; `s` may declare the
   * property. One member (beside a null one) is that member itself.
   */
  private unionOf(s: Raw, members: Shape[], kept: Array<{ raw: Raw; ptr: string }>, ptr: string, base: ShapeBase, nullable: boolean): Shape {
    if (members.length === 1) {
      const only = { ...members[0]!, ...stripUndefined(base) };
      return nullable ? { ...only, nullable: true } : only;
    }
    const out: Shape = { ...base, kind: 'union', members };
    if (nullable) out.nullable = true;
    const disc = detectDiscriminator(s, kept, ptr, this.resolver, this.report);
    if (disc) out.discriminator = disc;
    return out;
  }

  /**
   * `allOf` of schemas of one scalar type (`allOf: [{type: string}, {type:
   * string, minLength: 1}]`, as zod-to-openapi writes a refinement): one
   * schema of that type with every part's facets (a later part's bound wins;
   * enums intersect). Undefined when a part is not that type's.
   */
  private scalarAllOf(s: Raw, ptr: string): Shape | undefined {
    const parts = [...(s.allOf as Raw[]).map((m, i) => this.resolver.deref(m, `${ptr}/allOf/${i}`).node as Raw), s];
    const notScalar = ['properties', 'items', 'prefixItems', 'additionalProperties', 'oneOf', 'anyOf', 'not', '$ref'];
    const types = new Set<string>();
    for (const part of parts) {
      if (!part || typeof part !== 'object' || Array.isArray(part)) return undefined;
      if (part.allOf && part !== s) return undefined;
      if (notScalar.some((k) => k in part)) return undefined;
      if (part.type !== undefined) {
        if (typeof part.type !== 'string' || !SCALARS.has(part.type) || part.type === 'null') return undefined;
        types.add(part.type);
      }
    }
    if (types.size !== 1) return undefined;
    const merged: Raw = {};
    let enumValues: unknown[] | undefined;
    for (const part of parts) {
      // The schema's own `nullable` is its caller's (shape), reported there.
      for (const [k, v] of Object.entries(part)) if (k !== 'allOf' && k !== 'enum' && !(part === s && k === 'nullable')) merged[k] = v;
      if (Array.isArray(part.enum)) enumValues = enumValues ? enumValues.filter((v) => (part.enum as unknown[]).includes(v)) : part.enum;
    }
    if (enumValues) merged.enum = enumValues;
    this.report.info('allOf-scalar-merged', `\`allOf\` of ${s.allOf.length} ${[...types][0]} schemas merged into one.`, ptr);
    return this.shape(merged, ptr);
  }

  /**
   * `allOf` of objects and one union (`allOf: [{$ref: Base}, {oneOf: [A, B]}]`): a
   * value is the objects and one member at once, so the union of each member
   * merged with the objects. Undefined when that is not the shape (two unions,
   * a scalar part, a member that is no object).
   */
  private allOfWithUnion(s: Raw, ptr: string, base: ShapeBase): Shape | undefined {
    const members: Raw[] = s.allOf;
    const common: Array<{ schema: Raw; propPtr: Map<string, string> }> = [];
    let union: { node: Raw; ptr: string; variants: 'oneOf' | 'anyOf' } | undefined;
    for (let i = 0; i < members.length; i++) {
      const mptr = `${ptr}/allOf/${i}`;
      if (isMetaOnly(members[i])) continue;
      const d = this.resolver.deref(members[i], mptr);
      const node = d.node as Raw;
      const variants = Array.isArray(node?.oneOf) ? 'oneOf' : Array.isArray(node?.anyOf) ? 'anyOf' : undefined;
      if (variants) {
        if (union || node.allOf || (node.oneOf && node.anyOf)) return undefined;
        union = { node, ptr: d.ptr, variants };
        if (node.properties) common.push({ schema: { properties: node.properties, required: node.required }, propPtr: ownPropertyPointers(node, d.ptr) });
        continue;
      }
      const flat = this.flatten(members[i]!, mptr);
      if (!isObjectLike(flat.schema)) return undefined;
      common.push(flat);
    }
    if (!union) return undefined;
    if (s.properties) common.push({ schema: { properties: s.properties, required: s.required }, propPtr: ownPropertyPointers(s, ptr) });
    const list: Raw[] = union.node[union.variants];
    const kept = list.map((raw, i) => ({ raw, ptr: `${union.ptr}/${union.variants}/${i}` })).filter((k) => !isNullSchema(k.raw));
    if (kept.length === 0) return undefined;
    const additional = s.additionalProperties ?? common.find((c) => c.schema.additionalProperties !== undefined)?.schema.additionalProperties;
    const merged = this.mergedMembers(common, additional, kept);
    if (!merged) return undefined;
    this.report.info('allOf-union-merged', `\`allOf\` with a \`${union.variants}\` of ${kept.length} members: a union of each member merged with the other parts.`, ptr);
    return this.unionOf(union.node, merged.shapes, kept, ptr, base, kept.length < list.length || union.node.nullable === true);
  }

  /**
   * Each member of a union merged with the object parts it comes with
   * (properties beside `oneOf`, or the other `allOf` parts), as JSON Schema
   * validates a value against both: the member's own property wins, the
   * required sets add up. A member that already has every common property
   * (and requires what they require) stays as it is, keeping its name.
   * Undefined when a member is not an object; else the shapes and how many were merged.
   */
  private mergedMembers(common: Array<{ schema: Raw; propPtr: Map<string, string> }>, additional: unknown, kept: Array<{ raw: Raw; ptr: string }>): { shapes: Shape[]; count: number } | undefined {
    const flats = kept.map((k) => this.flatten(k.raw, k.ptr));
    if (!flats.every((f) => isObjectLike(f.schema))) return undefined;
    const commonRequired = new Set(common.flatMap((c) => (Array.isArray(c.schema.required) ? c.schema.required : [])));
    let count = 0;
    const shapes = kept.map((k, i) => {
      const own = flats[i]!;
      const ownProps: Raw = own.schema.properties ?? {};
      const ownRequired = new Set<string>(Array.isArray(own.schema.required) ? own.schema.required : []);
      const covered =
        common.every((c) => Object.keys(c.schema.properties ?? {}).every((name) => Object.hasOwn(ownProps, name))) && [...commonRequired].every((r) => ownRequired.has(r)) && additional === undefined;
      if (covered) return this.shape(k.raw, k.ptr);
      count++;
      // No prototype: a property named `__proto__` is a property, not the object's prototype.
      const properties: Raw = Object.create(null);
      const propPtr = new Map<string, string>();
      for (const part of [...common, own]) {
        for (const [name, sub] of Object.entries(part.schema.properties ?? {})) {
          properties[name] = sub;
          const at = part.propPtr.get(name);
          if (at) propPtr.set(name, at);
          else propPtr.delete(name);
        }
      }
      const merged: Raw = { type: 'object', properties, required: [...new Set([...commonRequired, ...ownRequired])] };
      const ap = additional ?? own.schema.additionalProperties;
      if (ap !== undefined) merged.additionalProperties = ap;
      return this.object(merged, k.ptr, meta(own.schema, k.ptr), propPtr);
    });
    return { shapes, count };
  }
}

/** Where each of a schema's own properties sits (`ptr` is the schema's). */
function ownPropertyPointers(s: Raw, ptr: string): Map<string, string> {
  return new Map(Object.keys(s.properties ?? {}).map((name) => [name, `${ptr}/properties/${escapePointerSegment(name)}`]));
}

/**
 * Whether a schema's declared `type` leaves out `object` (`type: string`, `type: [array, null]`): the shape builder
 * goes by it, so stray `properties` beside it (a body's `type: array`, a query param's `type: string`) make no object.
 */
export function declaresNonObject(s: Raw): boolean {
  const declared: unknown[] | undefined = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : undefined;
  return declared !== undefined && !declared.includes('object');
}

/** A flattened schema that can only be an object: no scalar or array type, no nested union or negation. */
function isObjectLike(s: Raw): boolean {
  if (s.oneOf || s.anyOf || s.not || s.items || s.enum || 'const' in s) return false;
  return s.type === undefined || s.type === 'object';
}

function collisionKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function decodeSegment(seg: string): string {
  return decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Stable identifier for a schema key: PascalCase with acronyms, never starting with a digit. */
export function typeIdentifier(key: string): string {
  const name = pascalCase(key) || 'Type';
  return /^[0-9]/.test(name) ? `T${name}` : name;
}

/**
 * Binary content rather than text: `format: binary` (3.0), or a declared
 * `contentMediaType` with no `contentEncoding` (3.1: raw bytes, not base64).
 */
function isBinaryString(s: Raw): boolean {
  if (s.format === 'binary') return true;
  return typeof s.contentMediaType === 'string' && s.contentEncoding === undefined && !/^text\/|json|xml/i.test(s.contentMediaType);
}

/** An allOf member that only adds annotations (description, nullable…), no structure. */
function isMetaOnly(m: unknown): boolean {
  if (!m || typeof m !== 'object') return true;
  const structuralKeys = ['$ref', 'type', 'properties', 'items', 'allOf', 'oneOf', 'anyOf', 'enum', 'const', 'additionalProperties'];
  return !structuralKeys.some((k) => k in (m as Raw));
}

function isNullSchema(m: unknown): boolean {
  if (!m || typeof m !== 'object') return false;
  const s = m as Raw;
  if (s.type === 'null') return true;
  if (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === 'null') return true;
  return Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null;
}

function meta(s: Raw, ptr: string): ShapeBase {
  const out: ShapeBase = { pointer: ptr };
  if (typeof s.description === 'string') out.description = s.description;
  if (typeof s.title === 'string') out.title = s.title;
  if (s.deprecated === true) out.deprecated = true;
  if (s.readOnly === true) out.readOnly = true;
  if (s.writeOnly === true) out.writeOnly = true;
  if (s.default !== undefined) out.default = s.default;
  if (s.example !== undefined) out.example = s.example;
  else if (Array.isArray(s.examples) && s.examples.length) out.example = s.examples[0];
  return out;
}

/** The facets JSON Schema applies to each scalar type; any other has no effect on a value of that type. */
const FACETS_OF: Record<string, readonly string[]> = {
  string: ['format', 'minLength', 'maxLength', 'pattern'],
  integer: ['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  number: ['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  boolean: ['format'],
  null: ['format'],
};

function scalarFacets(s: Raw): Record<string, unknown> {
  const out: Record<string, unknown> = pick(s, ['format', 'minLength', 'maxLength', 'pattern']);
  if (typeof s.minimum === 'number') out.minimum = s.minimum;
  if (typeof s.maximum === 'number') out.maximum = s.maximum;
  // 3.0 booleans turn the bound exclusive; 3.1 gives the bound itself.
  if (s.exclusiveMinimum === true && typeof s.minimum === 'number') {
    out.exclusiveMinimum = s.minimum;
    delete out.minimum;
  } else if (typeof s.exclusiveMinimum === 'number') out.exclusiveMinimum = s.exclusiveMinimum;
  if (s.exclusiveMaximum === true && typeof s.maximum === 'number') {
    out.exclusiveMaximum = s.maximum;
    delete out.maximum;
  } else if (typeof s.exclusiveMaximum === 'number') out.exclusiveMaximum = s.exclusiveMaximum;
  return out;
}

/** Why `pattern` is not a valid ECMA-262 regular expression with the Unicode flag, or undefined when it is. */
function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    // V8 says "Invalid regular expression: /<pattern>/u: <reason>"; the reason is what helps.
    const reason = /: ([^:]+)$/.exec((error as Error).message)?.[1];
    return `is not a valid ECMA-262 regular expression with the Unicode flag${reason ? ` (${reason.toLowerCase()})` : ''}`;
  }
}

function pick(s: Raw, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== 'pointer') (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The node at a JSON pointer of the document, or undefined. */
function nodeAt(doc: unknown, ptr: string): unknown {
  let node: unknown = doc;
  for (const segment of ptr.split('/').slice(1)) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Raw)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}
