/**
 * Statements and expressions that generated code uses, as the documents
 * prettier's printer builds for them: imports and exports, assignments (with
 * prettier's choice of where `=` or `:` may break), calls, methods, objects
 * and arrays. Values are tagged with the few node kinds that choice depends
 * on, and carry their one-line text: documents are built only for what does
 * not fit on its line.
 */
import {
  block,
  breakable,
  breakParent,
  conditionalGroup,
  Deferred,
  fill,
  fits,
  flatText,
  group,
  ifBreak,
  indent,
  indentIfBreak,
  join,
  layoutIndented,
  line,
  lineSuffixBoundary,
  opening,
  softline,
  textWidth,
  type BlockMember,
  type Breakable,
  type Doc,
} from './doc.js';
import { tsLiteral, tsString, propertyKey } from './literals.js';
import { flatType, typeArgsDoc, type TypeNode } from './types.js';

/**
 * An expression and what prettier's layout looks at: `kind` (`string`: a
 * string literal and `member`: a member chain such as `a.b` break after
 * `=`/`:` first; `literal`: a number or a boolean never breaks after it;
 * objects and arrays may be hugged), and its one-line text (`flat`,
 * undefined when it cannot be one line). `doc` is built on first use.
 */
export interface Expr {
  readonly doc: Doc;
  readonly flat: string | undefined;
  kind: 'string' | 'member' | 'literal' | 'object' | 'array' | 'other';
  /** Number of elements or properties, for the array-breaking rule. */
  size?: number;
  /** An object's properties, each as printed on its own line once the object breaks (with its comma). */
  properties?: BlockMember[];
  /** An object written one property per line whatever its width (prettier keeps that). */
  expanded?: boolean;
  /** An array of numbers, which prettier packs several per line. */
  concise?: boolean;
  /** A number (signed or not). */
  numeric?: boolean;
}

/** An expression whose document is built the first time it is needed. */
class LazyExpr implements Expr {
  private built: Doc | undefined;
  size?: number;
  properties?: BlockMember[];
  expanded?: boolean;
  concise?: boolean;
  constructor(
    readonly kind: Expr['kind'],
    readonly flat: string | undefined,
    private readonly make: () => Doc,
  ) {}

  get doc(): Doc {
    return (this.built ??= this.make());
  }
}

/** Any document as an expression. */
export function expr(doc: Doc, kind: Expr['kind'] = 'other'): Expr {
  return { doc, flat: flatText(doc), kind };
}

/** An identifier, or `a.b.c` (a member chain prettier cannot break). */
export function name(text: string): Expr {
  return { doc: text, flat: text, kind: text.includes('.') ? 'member' : 'other' };
}

export function literal(value: string | number | boolean | null): Expr {
  if (typeof value === 'string') {
    const text = tsString(value);
    return { doc: text, flat: text, kind: 'string' };
  }
  const text = tsLiteral(value);
  // `-5` is a unary expression to prettier: no longer a literal for the assignment layout, still a number in arrays.
  if (typeof value === 'number') return { doc: text, flat: text, kind: text.startsWith('-') ? 'other' : 'literal', numeric: true };
  return { doc: text, flat: text, kind: value === null ? 'other' : 'literal' };
}

type Layout = 'break-after-operator' | 'never-break-after-operator' | 'fluid';

function chooseLayout(right: Expr, shortKey: boolean): Layout {
  if (!shortKey && (right.kind === 'string' || right.kind === 'member')) return 'break-after-operator';
  if (shortKey || right.kind === 'literal') return 'never-break-after-operator';
  return 'fluid';
}

/**
 * `left <op> right` as prettier lays out assignments, class fields and object
 * properties (`left` never breaks). `shortKey`: an object property whose key
 * is narrower than 5 columns (prettier never breaks after such a key).
 */
export function assignment(left: string, op: string, right: Expr, opts: { shortKey?: boolean } = {}): Doc {
  switch (chooseLayout(right, opts.shortKey ?? false)) {
    case 'break-after-operator':
      return group([left, op, group(indent([line, right.doc]))]);
    case 'never-break-after-operator': {
      const full = group([left, op, ' ', right.doc]);
      if (!right.properties) return full;
      return opening({ head: `${left}${op} `, open: '{', members: right.properties, close: '}', tail: '', always: right.expanded ?? false }, full);
    }
    case 'fluid': {
      const id = Symbol('assignment');
      const full = group([left, op, group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(right.doc, { groupId: id })]);
      if (!right.properties) return full;
      // An object that does not fit opens after the operator while `left op {` fits.
      return opening({ head: `${left}${op} `, open: '{', members: right.properties, close: '}', tail: '', always: right.expanded ?? false }, full);
    }
  }
}

/** `left <op> right<tail>` as a statement (`const x = …;`, `this.#options = …;`). */
export function assignmentStatement(left: string, op: string, right: Expr, tail = ';'): Deferred {
  return new Deferred(right.flat === undefined ? undefined : `${left}${op} ${right.flat}${tail}`, () => [assignment(left, op, right), tail]);
}

/** `const name: Type = value;` (with `export ` or any other prefix in `head`). */
export function constDeclaration(head: string, value: Expr): Deferred {
  return assignmentStatement(head, ' =', value);
}

/** `<lead><expression><tail>` as a statement, e.g. `return f(x);`. */
export function statement(lead: string, expression: Expr, tail = ';'): Deferred {
  return new Deferred(expression.flat === undefined ? undefined : `${lead}${expression.flat}${tail}`, () => [lead, expression.doc, tail]);
}

/** One property of an object literal (`key: value`), a spread (`...value`) or a shorthand (`value`). */
export type Property = { key: string; value: Expr } | { spread: string } | { shorthand: string };

function propertyFlat(p: Property): string | undefined {
  if ('spread' in p) return `...${p.spread}`;
  if ('shorthand' in p) return p.shorthand;
  return p.value.flat === undefined ? undefined : `${propertyKey(p.key)}: ${p.value.flat}`;
}

function propertyDoc(p: Property): Doc {
  if ('spread' in p) return `...${p.spread}`;
  if ('shorthand' in p) return p.shorthand;
  const key = propertyKey(p.key);
  return assignment(key, ':', p.value, { shortKey: textWidth(key) < 5 });
}

/**
 * `{ a: 1, b: 2 }`, broken one property per line when it does not fit.
 * `expanded`: one property per line whatever the width (for long tables).
 */
export function object(properties: Property[], opts: { expanded?: boolean } = {}): Expr {
  if (properties.length === 0) return { doc: '{}', flat: '{}', kind: 'object', size: 0 };
  const flats = properties.map(propertyFlat);
  const members = properties.map((p, i): BlockMember => {
    const flat = flats[i];
    return { doc: new Deferred(flat === undefined ? undefined : `${flat},`, () => [propertyDoc(p), ',']) };
  });
  const flat = opts.expanded || flats.some((f) => f === undefined) ? undefined : `{ ${flats.join(', ')} }`;
  const e = new LazyExpr('object', flat, () => {
    if (opts.expanded) return block(members);
    return group(['{', indent([line, join([',', line], properties.map(propertyDoc))]), ifBreak(','), line, '}']);
  });
  e.size = properties.length;
  e.properties = members;
  e.expanded = opts.expanded;
  return e;
}

/** `[a, b]`, broken one element per line when it does not fit (or when it holds several objects or arrays). */
export function array(items: Expr[]): Expr {
  if (items.length === 0) return { doc: '[]', flat: '[]', kind: 'array', size: 0 };
  const shouldBreak =
    items.length > 1 && items.every((item) => (item.kind === 'object' || item.kind === 'array') && (item.size ?? 0) > 1 && item.kind === items[0]!.kind);
  // Numbers are packed several per line (prettier's concise arrays).
  const concise = items.length > 1 && items.every((i) => i.numeric);
  const flat = shouldBreak || items.some((i) => i.flat === undefined) ? undefined : `[${items.map((i) => i.flat).join(', ')}]`;
  const e = new LazyExpr('array', flat, () => {
    const docs = items.map((i) => i.doc);
    const id = Symbol('array');
    const body = concise
      ? fill(docs.flatMap((d, i): Doc[] => (i === docs.length - 1 ? [[d, ifBreak(',', '', { groupId: id })]] : [[d, ','], line])))
      : join([',', line], docs);
    return group(['[', indent([softline, body]), concise ? '' : ifBreak(','), softline, ']'], { shouldBreak, id });
  });
  e.size = items.length;
  e.concise = concise;
  return e;
}

function isExpr(v: object): v is Expr {
  return v instanceof LazyExpr || ('doc' in v && 'kind' in v && 'flat' in v);
}

/** A plain JS value (JSON-like data) as a TS expression; `Expr` values are kept as they are. */
export function value(v: unknown): Expr {
  if (v === null || typeof v !== 'object') return literal(v as string | number | boolean | null);
  if (isExpr(v)) return v;
  if (Array.isArray(v)) return array(v.map(value));
  return object(
    Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(([key, x]) => ({ key, value: value(x) })),
  );
}

/**
 * `callee<T>(args)`. A last argument that is an object or an array is hugged
 * as prettier does (`f(a, {` … `})`) unless the one before it is of the same kind.
 */
export function call(callee: string, args: Expr[], typeArgs?: TypeNode[]): Expr {
  const typeArgsFlat = typeArgs ? flatTypeArgs(typeArgs) : '';
  const argsFlat = args.some((a) => a.flat === undefined) ? undefined : args.map((a) => a.flat).join(', ');
  const flat = typeArgsFlat === undefined || argsFlat === undefined ? undefined : `${callee}${typeArgsFlat}(${argsFlat})`;
  return new LazyExpr('other', flat, () => {
    const typeArgsDocument = typeArgs ? typeArgsDoc(typeArgs) : '';
    const full = [callee, typeArgsDocument, argumentsDoc(args)];
    if (args.length === 0 || isHugged(args)) return full;
    return breakable(new BrokenCall([callee, typeArgsDocument, '('], args), full);
  });
}

function flatTypeArgs(args: TypeNode[]): string | undefined {
  const flats = args.map(flatType);
  return flats.some((f) => f === undefined) ? undefined : `<${flats.join(', ')}>`;
}

/** A call that does not fit: `callee<T>(` while that fits, then one argument per line. */
class BrokenCall implements Breakable {
  readonly always = false;
  constructor(
    private readonly opener: Doc,
    private readonly args: Expr[],
  ) {}

  render(column: number, lead: string, tail: string): string | undefined {
    const opener = flatText([lead, this.opener]);
    if (opener === undefined || !fits(opener, column)) return undefined;
    const lines = this.args.map((a) => layoutIndented(new Deferred(a.flat === undefined ? undefined : `${a.flat},`, () => [a.doc, ',']), column, 2));
    return `${opener}\n${lines.join('\n')}\n)${tail}`;
  }
}

/**
 * Whether prettier hugs the last argument: a non-empty object or array,
 * unless the one before is of the same kind, or it is an array of numbers
 * after other arguments.
 */
function isHugged(args: Expr[]): boolean {
  const last = args[args.length - 1]!;
  if ((last.kind !== 'object' && last.kind !== 'array') || (last.size ?? 0) === 0) return false;
  if (args[args.length - 2]?.kind === last.kind) return false;
  return !(args.length > 1 && last.concise);
}

export function willBreak(doc: Doc): boolean {
  return flatText(doc) === undefined;
}

function argumentsDoc(args: Expr[]): Doc {
  if (args.length === 0) return '()';
  const printed = args.map((a, i) => (i === args.length - 1 ? a.doc : [a.doc, ',', line]));
  const last = args[args.length - 1]!;
  if (isHugged(args)) {
    const head = printed.slice(0, -1);
    const allBroken = group(['(', indent([line, ...printed]), ',', line, ')'], { shouldBreak: true });
    if (head.some(willBreak)) return allBroken;
    const hugged = ['(', ...head, group(last.doc, { shouldBreak: true }), ')'];
    if (willBreak(last.doc)) return [breakParent, conditionalGroup([hugged, allBroken])];
    return conditionalGroup([['(', ...head, last.doc, ')'], hugged, allBroken]);
  }
  return group(['(', indent([softline, ...printed]), ifBreak(','), softline, ')'], { shouldBreak: printed.some(willBreak) });
}

/** `() => body`, breaking after the arrow when the body does not fit. */
export function arrow(body: Expr): Expr {
  return new LazyExpr('other', body.flat === undefined ? undefined : `() => ${body.flat}`, () => group(['() =>', group(indent([line, body.doc]))]));
}

/**
 * `import { a, b } from 'x';` (or `import type`, `export`, `export type`).
 * A single name never breaks; several go one per line when too long.
 */
export function namedImport(keyword: string, names: string[], from?: string): Deferred {
  // Without `from`: a file's own bindings exported (`export type { A as B };`).
  const source = from === undefined ? ';' : ` from ${tsString(from)};`;
  if (names.length === 1) {
    const text = `${keyword} { ${names[0]} }${source}`;
    return new Deferred(text, () => text);
  }
  return new Deferred(`${keyword} { ${names.join(', ')} }${source}`, () => {
    const full = group([keyword, ' ', group(['{', indent([line, join([',', line], names)]), ifBreak(','), line, '}']), source]);
    const broken = `${keyword} {\n${names.map((n) => `  ${n},`).join('\n')}\n}${source}`;
    return breakable({ always: false, render: (_column, lead, tail) => lead + broken + tail }, full);
  });
}
