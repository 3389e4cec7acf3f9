/**
 * The layout engine for generated code: the documents prettier's printer
 * builds, printed the way prettier prints them, without parsing anything.
 *
 * Emitters describe a construct that can overflow (a signature, a union, an
 * import, a call) as a prettier `Doc` (the builders of `prettier/doc`), or as
 * a `Deferred` that knows its one-line text and builds the document only when
 * that text does not fit. `layout` keeps the one-line text when it fits;
 * constructs whose broken form is known (`Breakable`: a body opened after a
 * head, a union moved to the next line, arguments one per line) are written
 * directly; the rest goes through prettier's own doc printer. Expanded bodies
 * (`block`) are laid out one member at a time: a hard line break separates
 * each member from the layout around it, so members never change that layout.
 */
import { builders, printer } from 'prettier/doc';

export type Doc = builders.Doc;

export const { align, breakParent, conditionalGroup, fill, group, hardline, ifBreak, indent, indentIfBreak, join, label, line, lineSuffixBoundary, softline } =
  builders;

/** The `printWidth` of the committed `.prettierrc`. */
export const PRINT_WIDTH = 120;

/**
 * A construct whose one-line text is known without a document (`flat`, or
 * undefined when it cannot be one line); the document is built only when
 * that text does not fit. Most statements and members fit on their line.
 * Used for statements and block members, never inside another document.
 */
export class Deferred {
  private built: Doc | undefined;
  constructor(
    readonly flat: string | undefined,
    private readonly make: () => Doc,
  ) {}

  get doc(): Doc {
    return (this.built ??= this.make());
  }
}

/** What `layout` takes: a document, or a deferred one. */
export type Layoutable = Doc | Deferred;

/** One member of an expanded `{ … }` body: its own comment lines (already escaped) and its code. */
export interface BlockMember {
  comment?: string[];
  doc: Layoutable;
}

interface BlockLabel {
  block: BlockMember[];
  id: number;
}

/**
 * A block prints as `{<marker>` + hard line + `}`; its members are written in
 * after printing. The marker is made of control characters: zero columns in
 * prettier's measure and never trimmed as whitespace. `\u0001`, the id in
 * base 16 (`\u0010`–`\u001f`), `\u0002`.
 */
const MARKER = /\u0001([\u0010-\u001f]+)\u0002\n( *)/g;
let nextBlockId = 0;

function marker(id: number): string {
  let digits = '';
  for (let n = id; ; n = Math.floor(n / 16)) {
    digits = String.fromCharCode(0x10 + (n % 16)) + digits;
    if (n < 16) break;
  }
  return `\u0001${digits}\u0002`;
}

function markerId(encoded: string): number {
  return parseInt([...encoded].map((c) => (c.charCodeAt(0) - 0x10).toString(16)).join(''), 16);
}

/**
 * `{ members }` always broken, one member per line (interface bodies, object
 * types written expanded). An empty body is `{}`.
 */
export function block(members: BlockMember[], open = '{', close = '}'): Doc {
  if (members.length === 0) return open + close;
  const body: BlockLabel = { block: members, id: nextBlockId++ };
  return label(body, [open, marker(body.id), hardline, close]);
}

const NON_ASCII = /[^\x20-\x7e]/;
const ZERO_WIDTH = /[\p{Cc}\p{Mn}\p{Me}]/u;
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/**
 * Columns `text` takes in prettier's measure: one per printable ASCII
 * character; for other text an approximation (wide East Asian characters and
 * emoji 2, marks 0), used only where prettier compares a width to a small
 * constant (short object keys). Fitting in the line is decided by `fits`.
 */
export function textWidth(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let width = 0;
  for (const c of text) width += ZERO_WIDTH.test(c) ? 0 : WIDE.test(c) ? 2 : 1;
  return width;
}

/**
 * Whether `text` fits between `column` and the print width: exact for
 * printable ASCII; for other text true when it fits even at two columns a
 * character, otherwise undefined (unknown: prettier's printer decides).
 */
export function fits(text: string, column: number): boolean | undefined {
  if (!NON_ASCII.test(text)) return column + text.length <= PRINT_WIDTH;
  return column + 2 * text.length <= PRINT_WIDTH ? true : undefined;
}

/**
 * A construct that knows how prettier breaks it. `render(column, lead, tail)`
 * gives its text when it does not fit on one line, or undefined to leave the
 * decision to prettier's printer: `column` is the indentation of its first
 * line, `lead` the flat text before it on that line (`return `), `tail` the
 * flat text after it on its last line (`;`); the text returned includes both.
 * `print`, when given, replaces prettier's printer for the construct.
 * `always`: broken whatever the width (an expanded body). `full` is the same
 * construct as a plain document, for the printer.
 */
export interface Breakable {
  render?(column: number, lead: string, tail: string): string | undefined;
  print?(column: number, lead: string, tail: string): string;
  always: boolean;
}

/** `full` with the knowledge of how it breaks (see `Breakable`). */
export function breakable(layout: Breakable, full: Doc): Doc {
  return label({ breakable: layout }, full);
}

/** The breakable in `doc`, alone or between flat strings (`['return ', call, ';']`). */
function breakableOf(doc: Doc): { b: Breakable; lead: string; tail: string } | undefined {
  if (typeof doc === 'string') return undefined;
  if (Array.isArray(doc)) {
    const i = doc.findIndex((d) => typeof d !== 'string');
    if (i < 0 || doc.slice(i + 1).some((d) => typeof d !== 'string')) return undefined;
    const inner = breakableOf(doc[i]!);
    return inner && { b: inner.b, lead: doc.slice(0, i).join('') + inner.lead, tail: inner.tail + doc.slice(i + 1).join('') };
  }
  if (doc.type !== 'label') return undefined;
  const b = (doc.label as { breakable?: Breakable } | undefined)?.breakable;
  return b && { b, lead: '', tail: '' };
}

/**
 * The text of `doc` printed at `column` (the first line starts there; later
 * lines carry their indentation relative to `column`, as a code writer adds
 * the base indentation itself). `doc` must be one statement or member: its
 * line breaks belong to groups, as in prettier's own documents.
 */
export function layout(doc: Layoutable, column: number): string {
  if (doc instanceof Deferred) {
    if (doc.flat === undefined) return layoutDoc(doc.doc, column, true);
    const fit = fits(doc.flat, column);
    // Known not to fit: the document's own one-line text is this same text.
    return fit ? doc.flat : layoutDoc(doc.doc, column, fit === false);
  }
  return layoutDoc(doc, column, false);
}

function layoutDoc(doc: Doc, column: number, notFlat: boolean): string {
  const special = breakableOf(doc);
  if (!notFlat && !special?.b.always) {
    const flat = flatText(doc);
    if (flat !== undefined) {
      const fit = fits(flat, column);
      if (fit) return flat;
      if (fit === undefined) return special ? printSpecial(special, doc, column) : printAt(doc, column);
    }
  }
  if (!special) return printAt(doc, column);
  return special.b.render?.(column, special.lead, special.tail) ?? printSpecial(special, doc, column);
}

function printSpecial(special: { b: Breakable; lead: string; tail: string }, doc: Doc, column: number): string {
  return special.b.print ? special.b.print(column, special.lead, special.tail) : printAt(doc, column);
}

/** Later lines of `text` moved right by `by` columns (blank lines stay empty). */
export function shiftLines(text: string, by: number): string {
  return by === 0 || !text.includes('\n') ? text : text.replace(/\n(?=.)/g, '\n' + ' '.repeat(by));
}

/** `doc` laid out on a line of its own, indented `by` columns from `column`, as text relative to `column`. */
export function layoutIndented(doc: Layoutable, column: number, by: number): string {
  return ' '.repeat(by) + shiftLines(layout(doc, column + by), by);
}

/**
 * `head open`, one member per line, `close tail` (`export interface X {`,
 * `key: {`, `const x = {`): prettier's broken form of a body, used while
 * `head open` fits (otherwise prettier may break inside the head).
 */
export function opening(parts: OpeningParts, full: Doc): Doc {
  return breakable(new OpeningLayout(parts), full);
}

interface OpeningParts {
  head: Doc;
  open: string;
  members: BlockMember[];
  close: string;
  tail: string;
  always: boolean;
}

class OpeningLayout implements Breakable {
  readonly always: boolean;
  constructor(private readonly parts: OpeningParts) {
    this.always = parts.always;
  }

  render(column: number, lead: string, tail: string): string | undefined {
    const { head: headDoc, open, members, close } = this.parts;
    const head = flatText(headDoc);
    if (head === undefined || !fits(lead + head + open, column)) return undefined;
    return `${lead}${head}${open}\n${renderMembers(members, column + 2, '  ')}\n${close}${this.parts.tail}${tail}`;
  }
}

/** `doc` through prettier's printer (blocks filled in afterwards), at `column` as in `layout`. */
export function printAt(doc: Doc, column: number): string {
  const blocks = new Map<number, BlockMember[]>();
  collectBlocks(doc, blocks);
  // Printing at column c with width w is printing at 0 with width w - c, then shifting every line by c.
  const text = printer.printDocToString(doc, { printWidth: PRINT_WIDTH - column, tabWidth: 2, useTabs: false }).formatted;
  if (blocks.size === 0) return text;
  // The shell's closing line is `\n<indent>}`: members go one level deeper than that line.
  return text.replace(MARKER, (_, id: string, indent: string) => {
    const inner = indent.length + 2;
    return `\n${renderMembers(blocks.get(markerId(id))!, column + inner, ' '.repeat(inner))}\n${indent}`;
  });
}

/** Members of a block at absolute `column`, each line prefixed with `pad` (the block's relative indent). */
function renderMembers(members: BlockMember[], column: number, pad: string): string {
  const lines: string[] = [];
  for (const member of members) {
    if (member.comment) for (const c of member.comment) lines.push(c ? pad + c : '');
    const text = layout(member.doc, column);
    if (!text.includes('\n')) lines.push(pad + text);
    else for (const l of text.split('\n')) lines.push(l ? pad + l : '');
  }
  return lines.join('\n');
}

/** The members of every block in `doc` by id (in every alternative the printer may choose). */
function collectBlocks(doc: Doc, out: Map<number, BlockMember[]>): void {
  if (typeof doc === 'string') return;
  if (Array.isArray(doc)) {
    for (const d of doc) collectBlocks(d, out);
    return;
  }
  switch (doc.type) {
    case 'label': {
      const value = doc.label as Partial<BlockLabel> | undefined;
      if (value?.block) out.set(value.id!, value.block);
      else collectBlocks(doc.contents, out);
      return;
    }
    case 'group':
      collectBlocks(doc.contents, out);
      for (const state of doc.expandedStates ?? []) collectBlocks(state, out);
      return;
    case 'indent':
    case 'align':
    case 'indent-if-break':
    case 'line-suffix':
      collectBlocks(contentsOf(doc), out);
      return;
    case 'fill':
      for (const d of doc.parts) collectBlocks(d, out);
      return;
    case 'if-break':
      collectBlocks(doc.breakContents, out);
      collectBlocks(doc.flatContents, out);
      return;
    default:
      return;
  }
}

/** prettier's typings omit `contents` on `indentIfBreak`, which has it. */
function contentsOf(doc: object): Doc {
  return (doc as { contents: Doc }).contents;
}


const flatCache = new WeakMap<object, string | null>();

/** `doc` joined on one line, or undefined when it must break (a hard line, a broken group). */
export function flatText(doc: Doc): string | undefined {
  if (typeof doc === 'string') return doc;
  // Groups and labels are measured again by every enclosing construct that tries to fit: remember them.
  if (!Array.isArray(doc) && (doc.type === 'group' || doc.type === 'label')) {
    const hit = flatCache.get(doc);
    if (hit !== undefined) return hit ?? undefined;
    const text = doc.type === 'group' ? (doc.break ? undefined : flatText(doc.contents)) : flatText(doc.contents);
    flatCache.set(doc, text ?? null);
    return text;
  }
  if (Array.isArray(doc)) {
    let s = '';
    for (const d of doc) {
      const t = flatText(d);
      if (t === undefined) return undefined;
      s += t;
    }
    return s;
  }
  switch (doc.type) {
    case 'indent':
    case 'align':
    case 'indent-if-break':
      return flatText(contentsOf(doc));
    case 'fill': {
      let s = '';
      for (const d of doc.parts) {
        const t = flatText(d);
        if (t === undefined) return undefined;
        s += t;
      }
      return s;
    }
    case 'if-break':
      return flatText(doc.flatContents);
    case 'line':
      return doc.hard ? undefined : doc.soft ? '' : ' ';
    case 'break-parent':
      return undefined;
    case 'line-suffix-boundary':
    case 'trim':
    case 'cursor':
      return '';
    case 'line-suffix':
      return undefined;
  }
}
