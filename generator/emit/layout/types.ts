/**
 * TypeScript type expressions as a small tree, printed to the documents
 * prettier's TypeScript printer builds for them (prettier 3.10: unions that
 * first try the next line, `Array<{` hugging, parentheses for a union or an
 * intersection inside another one, `;`-separated type literals).
 */
import { align, block, breakable, fits, flatText, group, hardline, ifBreak, indent, indentIfBreak, join, layoutIndented, line, lineSuffixBoundary, opening, shiftLines, softline, Deferred, type BlockMember, type Breakable, type Doc } from './doc.js';

export type TypeNode =
  /** A keyword, a literal, or a reference without type arguments (prettier's "simple" types). */
  | { kind: 'simple'; text: string }
  | { kind: 'ref'; name: string; args: TypeNode[]; flat?: string | null }
  | { kind: 'union'; members: TypeNode[]; flat?: string | null }
  | { kind: 'intersection'; members: TypeNode[]; flat?: string | null }
  /** An indexed access, `T['key']` or `T[number]`: `index` is written as given. */
  | { kind: 'indexed'; object: TypeNode; index: string; flat?: string | null }
  /** A type literal. `expanded`: one member per line whatever the width (prettier keeps that). */
  | { kind: 'object'; members: TypeMember[]; expanded: boolean; flat?: string | null };

export interface TypeMember {
  /** Comment lines written above the member (already escaped), e.g. a JSDoc block. */
  comment?: string[];
  /** The key as written: an identifier, a string literal or an index signature (`INDEX_KEY`). */
  key: string;
  optional?: boolean;
  type: TypeNode;
}

export const simple = (text: string): TypeNode => ({ kind: 'simple', text });
export const ref = (name: string, args: TypeNode[] = []): TypeNode => (args.length === 0 ? simple(name) : { kind: 'ref', name, args });
export const union = (members: TypeNode[]): TypeNode => (members.length === 1 ? members[0]! : { kind: 'union', members });
export const intersection = (members: TypeNode[]): TypeNode => (members.length === 1 ? members[0]! : { kind: 'intersection', members });
export const objectType = (members: TypeMember[], expanded = true): TypeNode => ({ kind: 'object', members, expanded });
export const indexed = (object: TypeNode, index: string): TypeNode => ({ kind: 'indexed', object, index });

/**
 * Where a type is printed, which decides how a union breaks:
 * - `annotation`: after `key:` or `param:` (the union may move to the next line, indented);
 * - `alias`: right of `type X =` (the assignment breaks after `=` itself);
 * - `typeArg`: inside `<…>`;
 * - `nested`: a member of a union or intersection (parenthesized when it is one too).
 */
export type TypeContext = 'annotation' | 'alias' | 'typeArg' | 'nested';

const isVoid = (t: TypeNode) => t.kind === 'simple' && (t.text === 'null' || t.text === 'void');
const isObjectLike = (t: TypeNode) => t.kind === 'object' || t.kind === 'ref' || (t.kind === 'simple' && /^[A-Za-z_$][\w$.]*$/.test(t.text) && !KEYWORDS.has(t.text));
const KEYWORDS = new Set(['string', 'number', 'boolean', 'unknown', 'any', 'never', 'null', 'void', 'undefined', 'object', 'bigint', 'symbol', 'true', 'false', 'this']);

/** `{…} | null` or `Foo | null`: printed inline, never as a broken union. */
function isHuggedUnion(t: TypeNode): boolean {
  if (t.kind !== 'union') return false;
  const object = t.members.find(isObjectLike);
  return object !== undefined && t.members.every((m) => m === object || isVoid(m));
}

/** Types that `<…>` hugs without a line break (prettier's shouldHugType). */
function hugsInTypeArgs(t: TypeNode): boolean {
  return t.kind === 'simple' || t.kind === 'object' || isHuggedUnion(t);
}

export function typeDoc(t: TypeNode, context: TypeContext): Doc {
  switch (t.kind) {
    case 'simple':
      return t.text;
    case 'ref':
      return [t.name, typeArgsDoc(t.args)];
    case 'union':
      return unionDoc(t, context);
    case 'intersection': {
      const doc = intersectionDoc(t);
      return context === 'nested' ? ['(', doc, ')'] : doc;
    }
    case 'object':
      return objectTypeDoc(t.members, t.expanded);
    case 'indexed':
      return [typeDoc(t.object, 'nested'), '[', t.index, ']'];
  }
}

export function typeArgsDoc(args: TypeNode[]): Doc {
  const printed = args.map((a) => typeDoc(a, 'typeArg'));
  if (args.length === 1 && hugsInTypeArgs(args[0]!)) return ['<', printed[0]!, '>'];
  return group(['<', indent([softline, join([',', line], printed)]), softline, '>']);
}

function unionDoc(t: Extract<TypeNode, { kind: 'union' }>, context: TypeContext): Doc {
  if (isHuggedUnion(t)) {
    const hugged = join(' | ', t.members.map((m) => typeDoc(m, 'nested')));
    return context === 'nested' ? ['(', hugged, ')'] : hugged;
  }
  const parts = unionParts(t.members.map((m) => typeDoc(m, 'nested')));
  if (context === 'nested') return ['(', group([indent([softline, parts]), softline]), ')'];
  if (context === 'alias' || context === 'typeArg') return parts;
  return group(indent([softline, parts]));
}

/** `A | B`, or one `| member` per line (each member aligned under its bar). */
function unionParts(members: Doc[]): Doc {
  return group(members.map((m, i) => [i === 0 ? ifBreak('| ') : [line, '| '], align(2, m)]));
}

/**
 * A union that starts its own line at `column` and ends with `tail`: flat
 * when it fits, else one `| member` per line (text relative to `column`).
 */
function brokenUnion(members: Doc[], column: number, tail: string): string | undefined {
  const flat = flatText(join(' | ', members));
  if (flat !== undefined) {
    const fit = fits(flat + tail, column);
    if (fit) return flat + tail;
    if (fit === undefined) return undefined;
  }
  return members.map((m, i) => '| ' + layoutIndented([m, i === members.length - 1 ? tail : ''], column, 2).slice(2)).join('\n');
}

/**
 * A breakable `<lead><head> <union><tail>` where prettier moves the union to
 * the next line, indented, before breaking it one member per line.
 */
function unionAfter(head: string, t: Extract<TypeNode, { kind: 'union' }>, ownTail: string, full: Doc): Doc {
  return breakable(new UnionAfter(head, t.members.map((m) => typeDoc(m, 'nested')), ownTail), full);
}

class UnionAfter implements Breakable {
  readonly always = false;
  constructor(
    private readonly head: string,
    private readonly members: Doc[],
    private readonly ownTail: string,
  ) {}

  render(column: number, lead: string, tail: string): string | undefined {
    const union = fits(lead + this.head, column) ? brokenUnion(this.members, column + 2, this.ownTail + tail) : undefined;
    return union === undefined ? undefined : `${lead}${this.head}\n  ${shiftLines(union, 2)}`;
  }
}

function intersectionDoc(t: Extract<TypeNode, { kind: 'intersection' }>): Doc {
  let indented = false;
  const parts: Doc[] = [];
  t.members.forEach((m, i) => {
    const doc = typeDoc(m, 'nested');
    if (i === 0) {
      parts.push(doc);
      return;
    }
    const isObject = m.kind === 'object';
    const previousIsObject = t.members[i - 1]!.kind === 'object';
    if (isObject && previousIsObject) parts.push([' & ', indented ? indent(doc) : doc]);
    else if (!isObject && !previousIsObject) parts.push(indent([' &', line, doc]));
    else {
      if (i > 1) indented = true;
      parts.push([' & ', i > 1 ? indent(doc) : doc]);
    }
  });
  return group(parts);
}

function objectTypeDoc(members: TypeMember[], expanded: boolean): Doc {
  if (members.length === 0) return '{}';
  if (expanded) {
    const body = typeMembers(members);
    return opening({ head: '', open: '{', members: body, close: '}', tail: '', always: true }, block(body));
  }
  return group(objectTypeContent(members));
}

/**
 * A type literal's contents without their own group: a lone hugged
 * parameter's type breaks with the signature around it, as in prettier.
 */
export function objectTypeContent(members: TypeMember[]): Doc {
  const docs = members.map((m) => (m.comment ? [join(hardline, m.comment), hardline, memberDoc(m)] : memberDoc(m)));
  return ['{', indent([line, join([';', line], docs)]), ifBreak(';'), line, '}'];
}

/** The key of a map's index signature. */
export const INDEX_KEY = '[key: string]';

/** A key; an index signature's brackets break around its parameter when even that is too long. */
function keyDoc(key: string): Doc {
  if (!key.startsWith('[') || !key.endsWith(']')) return key;
  return ['[', group([indent([softline, key.slice(1, -1)]), softline]), ']'];
}

function memberDoc(m: TypeMember): Doc {
  return [keyDoc(m.key), m.optional ? '?' : '', ': ', typeDoc(m.type, 'annotation')];
}

function memberBlock(m: TypeMember): BlockMember {
  return { comment: m.comment, doc: propertySignature(m.key, m.optional ?? false, m.type) };
}


/**
 * The type on one line as prettier prints it when it fits (what `flatText`
 * of its document gives), or undefined when it cannot be flat (an expanded
 * or commented type literal). Computed from the tree, without documents.
 */
export function flatType(t: TypeNode): string | undefined {
  if (t.kind === 'simple') return t.text;
  // Remembered on the node: enclosing members and signatures ask again.
  if (t.flat === undefined) t.flat = computeFlatType(t) ?? null;
  return t.flat ?? undefined;
}

function flatNested(t: TypeNode): string | undefined {
  const text = flatType(t);
  return text !== undefined && (t.kind === 'union' || t.kind === 'intersection') ? `(${text})` : text;
}

function flatAll(ts: TypeNode[], nested: boolean, separator: string): string | undefined {
  let out = '';
  for (let i = 0; i < ts.length; i++) {
    const text = nested ? flatNested(ts[i]!) : flatType(ts[i]!);
    if (text === undefined) return undefined;
    out += i === 0 ? text : separator + text;
  }
  return out;
}

function computeFlatType(t: TypeNode): string | undefined {
  switch (t.kind) {
    case 'simple':
      return t.text;
    case 'ref': {
      const args = flatAll(t.args, false, ', ');
      return args === undefined ? undefined : `${t.name}<${args}>`;
    }
    case 'union':
      return flatAll(t.members, true, ' | ');
    case 'intersection':
      return flatAll(t.members, true, ' & ');
    case 'object': {
      if (t.members.length === 0) return '{}';
      if (t.expanded || t.members.some((m) => m.comment)) return undefined;
      let out = '';
      for (const m of t.members) {
        const type = flatType(m.type);
        if (type === undefined) return undefined;
        out += `${out ? '; ' : ''}${m.key}${m.optional ? '?' : ''}: ${type}`;
      }
      return `{ ${out} }`;
    }
    case 'indexed': {
      const object = flatNested(t.object);
      return object === undefined ? undefined : `${object}[${t.index}]`;
    }
  }
}

/**
 * A type printed as `before{` members `}after` with nothing breakable outside
 * the braces: an expanded object, `Array<{…}>`, `{…} | null`.
 */
interface TypeOpening {
  before: string;
  members: TypeMember[];
  after: string;
}

function typeOpening(t: TypeNode): TypeOpening | undefined {
  if (t.kind === 'object') return t.expanded && t.members.length > 0 ? { before: '', members: t.members, after: '' } : undefined;
  if (t.kind === 'ref') {
    const inner = t.args.length === 1 && hugsInTypeArgs(t.args[0]!) ? typeOpening(t.args[0]!) : undefined;
    return inner && { before: `${t.name}<${inner.before}`, members: inner.members, after: `${inner.after}>` };
  }
  if (t.kind === 'union' && isHuggedUnion(t)) {
    const i = t.members.findIndex(isObjectLike);
    const inner = typeOpening(t.members[i]!);
    const text = (ms: TypeNode[]) => ms.map((m) => (m as { text: string }).text);
    return inner && { before: [...text(t.members.slice(0, i)), inner.before].join(' | '), members: inner.members, after: [inner.after, ...text(t.members.slice(i + 1))].join(' | ') };
  }
  return undefined;
}

/** `key?: Type;` as one member of an interface or an expanded type literal. */
export function propertySignature(key: string, optional: boolean, type: TypeNode): Deferred {
  const flat = flatType(type);
  return new Deferred(flat === undefined ? undefined : `${key}${optional ? '?' : ''}: ${flat};`, () => propertySignatureDoc(key, optional, type));
}

function propertySignatureDoc(key: string, optional: boolean, type: TypeNode): Doc {
  const full = group([memberDoc({ key, optional, type }), ';']);
  const head = `${key}${optional ? '?' : ''}:`;
  if (type.kind === 'union' && !isHuggedUnion(type)) return unionAfter(head, type, ';', full);
  const o = typeOpening(type);
  if (!o) return full;
  return opening({ head: `${head} ${o.before}`, open: '{', members: typeMembers(o.members), close: '}', tail: `${o.after};`, always: true }, full);
}

const membersCache = new WeakMap<TypeMember[], BlockMember[]>();

/** Members for `block()` (an interface body), built once per member list (the shortcut and the full document share them). */
export function typeMembers(members: TypeMember[]): BlockMember[] {
  let built = membersCache.get(members);
  if (!built) membersCache.set(members, (built = members.map(memberBlock)));
  return built;
}

/** `export interface X {` members `}`. */
export function interfaceDeclaration(head: string, members: TypeMember[]): Doc {
  const body = typeMembers(members);
  return opening({ head: `${head} `, open: '{', members: body, close: '}', tail: '', always: true }, [`${head} `, block(body)]);
}

/**
 * `<head> = <type>;` (`export type X = …`). A union that can break goes to the
 * next line first, then one member per line; anything else stays after `=`
 * while it can break inside, as prettier's assignment layouts do.
 */
export function typeAlias(head: string, t: TypeNode): Deferred {
  const flat = flatType(t);
  return new Deferred(flat === undefined ? undefined : `${head} = ${flat};`, () => typeAliasDoc(head, t));
}

function typeAliasDoc(head: string, t: TypeNode): Doc {
  const right = typeDoc(t, 'alias');
  if (t.kind === 'union' && !isHuggedUnion(t)) return [unionAfter(`${head} =`, t, '', group([head, ' =', group(indent([line, right]))])), ';'];
  const id = Symbol('assignment');
  const full = [group([head, ' =', group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(right, { groupId: id })]), ';'];
  const o = typeOpening(t);
  if (!o) return full;
  return opening({ head: `${head} = ${o.before}`, open: '{', members: typeMembers(o.members), close: '}', tail: `${o.after};`, always: true }, full);
}

/** The type on one line (expanded objects too), for prose such as api.md. */
export function typeText(t: TypeNode): string {
  const flatten = (n: TypeNode): TypeNode => {
    switch (n.kind) {
      case 'simple':
        return n;
      case 'ref':
        return { ...n, args: n.args.map(flatten) };
      case 'union':
      case 'intersection':
        return { ...n, members: n.members.map(flatten) };
      case 'object':
        return { kind: 'object', expanded: false, members: n.members.map((m) => ({ key: m.key, optional: m.optional, type: flatten(m.type) })) };
      case 'indexed':
        return { ...n, object: flatten(n.object) };
    }
  };
  return flatText(typeDoc(flatten(t), 'annotation'))!;
}
