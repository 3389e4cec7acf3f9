/**
 * Method signatures as prettier prints them: parameters broken one per line
 * when the head does not fit, a lone object-typed parameter hugged, a lone
 * parameter kept on its line when the return type breaks anyway.
 */
import { breakable, Deferred, flatText, group, ifBreak, indent, join, layout, layoutIndented, line, printAt, softline, type Breakable, type Doc } from './doc.js';
import { willBreak } from './code.js';
import { flatType, objectTypeContent, typeDoc, type TypeNode } from './types.js';

/** A function parameter: `name: Type`, `name?: Type` or `name: Type = init`. */
export class ParamDoc {
  private readonly head: string;
  private readonly init: string;
  private built: Doc | undefined;
  constructor(
    paramName: string,
    private readonly type: TypeNode,
    opts: { optional?: boolean; init?: string },
  ) {
    this.head = `${paramName}${opts.optional ? '?' : ''}: `;
    this.init = opts.init ? ` = ${opts.init}` : '';
  }

  get doc(): Doc {
    return (this.built ??= [this.head, typeDoc(this.type, 'annotation'), this.init]);
  }

  get flat(): string | undefined {
    const type = flatType(this.type);
    return type === undefined ? undefined : `${this.head}${type}${this.init}`;
  }

  /** Whether prettier hugs it when it is the only one (`f(x: {` … `})`). */
  get huggable(): boolean {
    return this.type.kind === 'object' && !this.init;
  }

  /** The parameter as printed when hugged: the type literal shares the signature's group, so not even an expanded one stays broken. */
  get hugged(): Doc {
    return this.type.kind === 'object' && this.type.members.length > 0 ? [this.head, objectTypeContent(this.type.members)] : this.doc;
  }

  get huggedFlat(): string | undefined {
    return flatText(this.hugged);
  }
}

export function param(paramName: string, type: TypeNode, opts: { optional?: boolean; init?: string } = {}): ParamDoc {
  return new ParamDoc(paramName, type, opts);
}

/**
 * `name(params): ReturnType {`, the line that opens a method body, or with
 * `end` `;` an overload's signature.
 */
export function methodHead(methodName: string, params: ParamDoc[], returns: TypeNode, end = ' {'): Deferred {
  const returnFlat = flatType(returns);
  const flats = params.length === 1 && params[0]!.huggable ? [params[0]!.huggedFlat] : params.map((p) => p.flat);
  const flat = returnFlat === undefined || flats.some((f) => f === undefined) ? undefined : `${methodName}(${flats.join(', ')}): ${returnFlat}${end}`;
  return new Deferred(flat, () => methodHeadDoc(methodName, params, returns, end));
}

function methodHeadDoc(methodName: string, params: ParamDoc[], returns: TypeNode, end: string): Doc {
  const returnType = typeDoc(returns, 'annotation');
  if (params.length === 0) return [methodName, group(['()', ': ', returnType]), end];
  const docs = params.map((p) => p.doc);
  // A lone object-typed parameter is hugged: `f(x: {` … `})`.
  const list = params.length === 1 && params[0]!.huggable ? ['(', params[0]!.hugged, ')'] : ['(', indent([softline, join([',', line], docs)]), ifBreak(','), softline, ')'];
  // A lone parameter keeps its line when the return type breaks anyway (prettier's shouldGroupFunctionParameters).
  const grouped = [methodName, group([group(list), ': ', returnType]), end];
  if (params.length === 1 && (returns.kind === 'object' || willBreak(returnType))) return grouped;
  const full = [methodName, group([list, ': ', returnType]), end];
  if (params.length === 1) return breakable(new LoneParameterHead(full, grouped), full);
  return breakable(new BrokenParameters(methodName, params, returnType, end), full);
}

/** A method head whose parameters break one per line, then `): ReturnType {` (whose type arguments may break in turn). */
class BrokenParameters implements Breakable {
  readonly always = false;
  constructor(
    private readonly methodName: string,
    private readonly params: ParamDoc[],
    private readonly returnType: Doc,
    private readonly end: string,
  ) {}

  render(column: number, lead: string, tail: string): string {
    const lines = this.params.map((p) => {
      const flat = p.flat;
      return layoutIndented(new Deferred(flat === undefined ? undefined : `${flat},`, () => [p.doc, ',']), column, 2);
    });
    return `${lead}${this.methodName}(\n${lines.join('\n')}\n${layout(['): ', this.returnType, `${this.end}${tail}`], column)}`;
  }
}

/**
 * A method head with one parameter. An object type that breaks in its return
 * type is one prettier keeps broken when it reads the file again, and then
 * the return type "will break" (the parameter keeps its line): lay it out as
 * on that second reading.
 */
class LoneParameterHead implements Breakable {
  readonly always = false;
  constructor(
    private readonly full: Doc,
    private readonly grouped: Doc,
  ) {}

  print(column: number, lead: string, tail: string): string {
    const text = printAt([lead, this.full, tail], column);
    return /\{\n/.test(text.slice(text.indexOf('\n):'))) ? printAt([lead, this.grouped, tail], column) : text;
  }
}

