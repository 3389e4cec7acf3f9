/**
 * Statements and expressions that generated code uses, as the documents
 * prettier's printer builds for them: imports and exports, assignments (with
 * prettier's choice of where `=` or `:` may break), calls, methods, objects
 * and arrays. Values are tagged with the few node kinds that choice depends on.
 */
import { block, breakable, breakParent, conditionalGroup, fill, fits, flatText, group, ifBreak, indent, indentIfBreak, join, layout, layoutIndented, line, lineSuffixBoundary, opening, printAt, softline, textWidth, type Doc } from './doc.js';
import { tsLiteral, tsString, propertyKey } from './literals.js';
import { objectTypeContent, typeArgsDoc, typeDoc, type TypeNode } from './types.js';

/**
 * An expression and what prettier's assignment layout looks at:
 * `string`: a string literal; `member`: a member chain such as `a.b`
 * (both break after `=`/`:` first); `literal`: a number or a boolean (never
 * break after it); `other`: anything else (break inside first).
 */
export interface Expr {
  doc: Doc;
  kind: 'string' | 'member' | 'literal' | 'object' | 'array' | 'other';
  /** Number of elements or properties, for the array-breaking rule. */
  size?: number;
  /** An object's properties, each as printed on its own line once the object breaks. */
  properties?: Doc[];
  /** An object written one property per line whatever its width (prettier keeps that). */
  expanded?: boolean;
  /** An array of numbers, which prettier packs several per line. */
  concise?: boolean;
  /** A number (signed or not). */
  numeric?: boolean;
}

export const expr = (doc: Doc, kind: Expr['kind'] = 'other'): Expr => ({ doc, kind });

/** An identifier, or `a.b.c` (a member chain prettier cannot break). */
export function name(text: string): Expr {
  return { doc: text, kind: text.includes('.') ? 'member' : 'other' };
}

export function literal(value: string | number | boolean | null): Expr {
  if (typeof value === 'string') return { doc: tsString(value), kind: 'string' };
  const doc = tsLiteral(value);
  // `-5` is a unary expression to prettier: no longer a literal for the assignment layout, still a number in arrays.
  if (typeof value === 'number') return { doc, kind: doc.startsWith('-') ? 'other' : 'literal', numeric: true };
  return { doc, kind: value === null ? 'other' : 'literal' };
}

type Layout = 'break-after-operator' | 'never-break-after-operator' | 'fluid';

function chooseLayout(right: Expr, leftCanBreak: boolean, shortKey: boolean): Layout {
  if (!shortKey && (right.kind === 'string' || right.kind === 'member')) return 'break-after-operator';
  if (!leftCanBreak && (shortKey || right.kind === 'literal')) return 'never-break-after-operator';
  return 'fluid';
}

/**
 * `left <op> right` as prettier lays out assignments, class fields and object
 * properties. `shortKey`: an object property whose key is narrower than 5
 * columns (prettier never breaks after such a key).
 */
export function assignment(left: Doc, op: string, right: Expr, opts: { leftCanBreak?: boolean; shortKey?: boolean } = {}): Doc {
  switch (chooseLayout(right, opts.leftCanBreak ?? false, opts.shortKey ?? false)) {
    case 'break-after-operator':
      return group([group(left), op, group(indent([line, right.doc]))]);
    case 'never-break-after-operator':
      return group([group(left), op, ' ', right.doc]);
    case 'fluid': {
      const id = Symbol('assignment');
      const full = group([group(left), op, group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(right.doc, { groupId: id })]);
      if (!right.properties) return full;
      // An object that does not fit opens after the operator while `left op {` fits.
      const members = right.properties.map((p) => ({ doc: [p, ','] }));
      return opening({ head: [left, op, ' '], open: '{', members, close: '}', tail: '', always: right.expanded ?? false }, full);
    }
  }
}

/** One property of an object literal (`key: value`), a spread (`...value`) or a shorthand (`value`). */
export type Property = { key: string; value: Expr } | { spread: string } | { shorthand: string };

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
  if (properties.length === 0) return { doc: '{}', kind: 'object', size: 0 };
  const docs = properties.map(propertyDoc);
  const doc = opts.expanded
    ? block(docs.map((d) => ({ doc: [d, ','] })))
    : group(['{', indent([line, join([',', line], docs)]), ifBreak(','), line, '}']);
  return { doc, kind: 'object', size: properties.length, properties: docs, expanded: opts.expanded };
}

/** `[a, b]`, broken one element per line when it does not fit (or when it holds several objects or arrays). */
export function array(items: Expr[]): Expr {
  if (items.length === 0) return { doc: '[]', kind: 'array', size: 0 };
  const shouldBreak =
    items.length > 1 && items.every((item) => (item.kind === 'object' || item.kind === 'array') && (item.size ?? 0) > 1 && item.kind === items[0]!.kind);
  const docs = items.map((i) => i.doc);
  const id = Symbol('array');
  // Numbers are packed several per line (prettier's concise arrays).
  const concise = items.length > 1 && items.every((i) => i.numeric);
  const body = concise
    ? fill(docs.flatMap((d, i) => (i === docs.length - 1 ? [[d, ifBreak(',', '', { groupId: id })]] : [[d, ','], line])))
    : join([',', line], docs);
  const doc = group(['[', indent([softline, body]), concise ? '' : ifBreak(','), softline, ']'], { shouldBreak, id });
  return { doc, kind: 'array', size: items.length, concise };
}

/** A plain JS value (JSON-like data) as a TS expression; `Expr` values are kept as they are. */
export function value(v: unknown): Expr {
  if (v !== null && typeof v === 'object' && 'doc' in v && 'kind' in v) return v as Expr;
  if (v === null || typeof v !== 'object') return literal(v as string | number | boolean | null);
  if (Array.isArray(v)) return array(v.map(value));
  return object(
    Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(([key, x]) => ({ key, value: value(x) })),
  );
}

/**
 * `callee<T>(args)`. A last argument that is an object is hugged as prettier
 * does (`f(a, {` … `})`) unless the one before it is an object too.
 */
export function call(callee: string, args: Expr[], typeArgs?: TypeNode[]): Expr {
  const typeArgsText = typeArgs ? typeArgsDoc(typeArgs) : '';
  const full = [callee, typeArgsText, argumentsDoc(args)];
  if (args.length === 0 || isHugged(args)) return { doc: full, kind: 'other' };
  // Broken: `callee<T>(` while it fits, then one argument per line.
  const render = (column: number, lead: string, tail: string) => {
    const opener = flatText([lead, callee, typeArgsText, '(']);
    if (opener === undefined || !fits(opener, column)) return undefined;
    const lines = args.map((a) => layoutIndented([a.doc, ','], column, 2));
    return `${opener}\n${lines.join('\n')}\n)${tail}`;
  };
  return { doc: breakable(render, full), kind: 'other' };
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

const willBreak = (doc: Doc) => flatText(doc) === undefined;

function argumentsDoc(args: Expr[]): Doc {
  if (args.length === 0) return '()';
  const printed = args.map((a, i) => (i === args.length - 1 ? a.doc : [a.doc, ',', line]));
  const allBroken = () => group(['(', indent([line, ...printed]), ',', line, ')'], { shouldBreak: true });
  const last = args[args.length - 1]!;
  if (isHugged(args)) {
    const head = printed.slice(0, -1);
    if (head.some(willBreak)) return allBroken();
    const hugged = ['(', ...head, group(last.doc, { shouldBreak: true }), ')'];
    if (willBreak(last.doc)) return [breakParent, conditionalGroup([hugged, allBroken()])];
    return conditionalGroup([['(', ...head, last.doc, ')'], hugged, allBroken()]);
  }
  return group(['(', indent([softline, ...printed]), ifBreak(','), softline, ')'], { shouldBreak: printed.some(willBreak) });
}

/** `() => body`, breaking after the arrow when the body does not fit. */
export function arrow(body: Expr): Expr {
  return { doc: group(['() =>', group(indent([line, body.doc]))]), kind: 'other' };
}

/** A function parameter, and whether prettier hugs it when it is the only one (`f(x: {` … `})`). */
export interface ParamDoc {
  doc: Doc;
  huggable: boolean;
  /** The parameter as printed when hugged (a type literal shares the signature's group). */
  hugged?: Doc;
}

/** A parameter: `name: Type`, `name?: Type` or `name: Type = init`. */
export function param(paramName: string, type: TypeNode, opts: { optional?: boolean; init?: string } = {}): ParamDoc {
  const doc = [paramName, opts.optional ? '?' : '', ': ', typeDoc(type, 'annotation'), opts.init ? ` = ${opts.init}` : ''];
  if (type.kind !== 'object' || opts.init) return { doc, huggable: false };
  // Hugged, the type literal has no group of its own, so not even an expanded one stays broken.
  const hugged = type.members.length === 0 ? doc : [paramName, opts.optional ? '?' : '', ': ', objectTypeContent(type.members)];
  return { doc, huggable: true, hugged };
}

/** `name(params): ReturnType {` — the line that opens a method body. */
export function methodHead(methodName: string, params: ParamDoc[], returns: TypeNode): Doc {
  const returnType = typeDoc(returns, 'annotation');
  if (params.length === 0) return [methodName, group(['()', ': ', returnType]), ' {'];
  const docs = params.map((p) => p.doc);
  // A lone object-typed parameter is hugged: `f(x: {` … `})`.
  const list = params.length === 1 && params[0]!.huggable ? ['(', params[0]!.hugged!, ')'] : ['(', indent([softline, join([',', line], docs)]), ifBreak(','), softline, ')'];
  // A lone parameter keeps its line when the return type breaks anyway (prettier's shouldGroupFunctionParameters).
  const grouped = [methodName, group([group(list), ': ', returnType]), ' {'];
  if (params.length === 1 && (returns.kind === 'object' || willBreak(returnType))) return grouped;
  const full = [methodName, group([list, ': ', returnType]), ' {'];
  if (params.length === 1) {
    // An object type that breaks in the return type is one prettier keeps broken when it reads the
    // file again, and then the return type "will break": lay it out as on that second reading.
    const print = (column: number, lead: string, tail: string) => {
      const text = printAt([lead, full, tail], column);
      return /\{\n/.test(text.slice(text.indexOf('\n):'))) ? printAt([lead, grouped, tail], column) : text;
    };
    return breakable(undefined, full, false, print);
  }
  // Broken: one parameter per line, then `): ReturnType {` (whose type arguments may break in turn).
  const render = (column: number, lead: string, tail: string) => {
    const lines = docs.map((p) => layoutIndented([p, ','], column, 2));
    return `${lead}${methodName}(\n${lines.join('\n')}\n${layout(['): ', returnType, ` {${tail}`], column)}`;
  };
  return breakable(render, full);
}

/**
 * `import { a, b } from 'x';` (or `import type`, `export`, `export type`).
 * A single name never breaks; several go one per line when too long.
 */
export function namedImport(keyword: string, names: string[], from: string): Doc {
  const source = ` from ${tsString(from)};`;
  if (names.length === 1) return `${keyword} { ${names[0]} }${source}`;
  const full = group([keyword, ' ', group(['{', indent([line, join([',', line], names)]), ifBreak(','), line, '}']), source]);
  return breakable((_column, lead, tail) => `${lead}${keyword} {\n${names.map((n) => `  ${n},`).join('\n')}\n}${source}${tail}`, full);
}

/** `const name: Type = value;` (with `export ` or any other prefix in `head`). */
export function constDeclaration(head: string, value: Expr): Doc {
  return [assignment(head, ' =', value), ';'];
}
