/**
 * Text emission for the client goes through ts-morph's code-block writer
 * (`CodeBlockWriter`, the printer ts-morph itself uses). It is imported from
 * its own package because `import 'ts-morph'` alone costs ~0.5 s (it loads the
 * whole TypeScript compiler), and we never need an AST: every file is printed
 * once, front to back, with no manipulation afterwards.
 *
 * Anything that can outgrow a line is built as a prettier document and
 * written with `writeLayout` (see ../layout/doc.ts), so the output is
 * already what prettier prints.
 */
import CodeBlockWriter from 'code-block-writer';
import { layout, type Layoutable } from '../layout/doc.js';

export { propertyKey, tsLiteral, tsString } from '../layout/literals.js';

export type Writer = CodeBlockWriter;

export function createWriter(): Writer {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
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
