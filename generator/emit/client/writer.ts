/**
 * Text emission for the client: a small line writer that keeps the current
 * indentation (two spaces a level) and puts it before each line's first text,
 * with the calls and the exact output of the code-block writer that ts-morph
 * prints with (`code-block-writer`) for what the emitters write. That writer
 * also follows every character to know whether a line starts inside a string
 * or a comment (to leave it unindented); the emitters never break a line inside
 * a string (string literals are escaped onto one line, spec text goes only into
 * comments), so that scan, a tenth of the client's emission time, bought
 * nothing. test/client/writer.test.ts holds the two writers to the same bytes
 * on real documents.
 *
 * Anything that can outgrow a line is built as a prettier document and
 * written with `writeLayout` (see ../layout/doc.ts), so the output is
 * already what prettier prints.
 */
import { layout, type Layoutable } from '../layout/doc.js';

export { propertyKey, tsLiteral, tsString } from '../layout/literals.js';

const INDENT = '  ';

export class Writer {
  private readonly texts: string[] = [];
  private indentation = 0;
  /** After a block's closing brace: the next write starts a new line. */
  private newLineOnNextWrite = false;
  private last = '';

  getIndentationLevel(): number {
    return this.indentation;
  }

  /** `text` at the writer's position; each of its lines is indented when it starts one. */
  write(text: string): this {
    this.newLineIfPending();
    this.writeIndentingNewLines(text);
    return this;
  }

  /** `text` on a line of its own. */
  writeLine(text: string): this {
    this.newLineIfPending();
    if (this.last) this.newLineIfLastNot();
    this.writeIndentingNewLines(text);
    return this.newLine();
  }

  newLine(): this {
    this.newLineOnNextWrite = false;
    this.push('\n');
    return this;
  }

  blankLine(): this {
    return this.newLineIfLastNot().newLine();
  }

  /** ` {`, the lines `body` writes one level deeper, `}`; what follows starts a new line. */
  block(body: () => void): this {
    this.newLineIfPending();
    if (this.last && !this.isLastNewLine() && this.last !== ' ') this.writeIndentingNewLines(' ');
    this.write('{');
    this.indented(body);
    this.newLineIfLastNot().write('}');
    this.newLineOnNextWrite = true;
    return this;
  }

  /** The lines `body` writes, one level deeper. */
  indent(body: () => void): this {
    this.indented(body);
    if (!this.isLastNewLine()) this.newLineOnNextWrite = true;
    return this;
  }

  toString(): string {
    return this.texts.join('');
  }

  private indented(body: () => void): void {
    if (this.last) this.newLineIfLastNot();
    this.indentation++;
    body();
    this.indentation = Math.max(0, this.indentation - 1);
  }

  private newLineIfPending(): void {
    if (this.newLineOnNextWrite) this.newLine();
  }

  private newLineIfLastNot(): this {
    this.newLineIfPending();
    if (!this.isLastNewLine()) this.newLine();
    return this;
  }

  private isLastNewLine(): boolean {
    return this.last === '\n' || this.last === '\r';
  }

  private writeIndentingNewLines(text: string): void {
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) this.push('\n');
      const line = lines[i]!;
      // An empty text still indents an empty line (as the code-block writer does); an empty line of a longer text does not.
      if (line.length === 0 && lines.length > 1) continue;
      if (this.last === '' || this.isLastNewLine()) this.push(INDENT.repeat(this.indentation));
      this.push(line);
    }
  }

  private push(text: string): void {
    if (text.length === 0) return;
    this.texts.push(text);
    this.last = text[text.length - 1]!;
  }
}

let makeWriter: () => Writer = () => new Writer();

export function createWriter(): Writer {
  return makeWriter();
}

/** Another writer with the same calls (test/client/writer.test.ts emits through code-block-writer to compare); none restores ours. */
export function useWriter(factory?: () => Writer): void {
  makeWriter = factory ?? (() => new Writer());
}

/** Write `doc` as one statement or member at the writer's indentation, then end the line. */
export function writeLayout(w: Writer, doc: Layoutable): void {
  w.write(layout(doc, w.getIndentationLevel() * 2)).newLine();
}

const NEEDS_COMMENT_ESCAPE = /\r|\*\/|^\s*@|[ \t]\n/m;

/** Text placed inside a `/** … *\/` comment: never closes it, never starts a tag by accident, no trailing blanks. */
export function escapeComment(text: string): string {
  // Most spec text needs nothing but the trailing trim.
  if (!NEEDS_COMMENT_ESCAPE.test(text)) return text.trimEnd();
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();
}

/**
 * The lines of a JSDoc block from paragraphs (each already passed through
 * `escapeComment`; tags such as `@example` are added by the caller after
 * escaping the text they carry), or undefined when there is nothing to say.
 */
export function docLines(parts: Array<string | undefined>): string[] | undefined {
  const lines: string[] = [];
  for (const part of parts) {
    if (part === undefined) continue;
    if (lines.length > 0) lines.push('');
    lines.push(...part.split('\n'));
  }
  if (lines.length === 0) return undefined;
  if (lines.length === 1) return [`/** ${lines[0]} */`];
  return ['/**', ...lines.map((line) => (line ? ` * ${line}` : ' *')), ' */'];
}

/** Write a JSDoc block from paragraphs (see `docLines`). */
export function writeDoc(w: Writer, parts: Array<string | undefined>): void {
  for (const line of docLines(parts) ?? []) w.writeLine(line);
}
