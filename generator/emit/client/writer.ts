/**
 * Text emission for the client goes through ts-morph's code-block writer
 * (`CodeBlockWriter`, the printer ts-morph itself uses). It is imported from
 * its own package because `import 'ts-morph'` alone costs ~0.5 s (it loads the
 * whole TypeScript compiler), and we never need an AST: every file is printed
 * once, front to back, with no manipulation afterwards.
 */
import CodeBlockWriter from 'code-block-writer';

export type Writer = CodeBlockWriter;

export function createWriter(): Writer {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
}

/** A TS string literal (single quotes), safe for any spec text. */
export function tsString(value: string): string {
  const json = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/** A TS literal for a JSON scalar. */
export function tsLiteral(value: string | number | boolean | null): string {
  return typeof value === 'string' ? tsString(value) : String(value);
}

/** Text placed inside a `/** … *\/` comment: never closes it, never starts a tag by accident. */
export function escapeComment(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@')
    .trimEnd();
}

/**
 * Write a JSDoc block from paragraphs. Each paragraph must already be passed
 * through `escapeComment` (tags such as `@example` are added by the caller
 * after escaping the text they carry).
 */
export function writeDoc(w: Writer, parts: Array<string | undefined>): void {
  const lines: string[] = [];
  for (const part of parts) {
    if (part === undefined) continue;
    if (lines.length > 0) lines.push('');
    lines.push(...part.split('\n'));
  }
  if (lines.length === 0) return;
  if (lines.length === 1) {
    w.writeLine(`/** ${lines[0]} */`);
    return;
  }
  w.writeLine('/**');
  for (const line of lines) w.writeLine(line ? ` * ${line}` : ' *');
  w.writeLine(' */');
}

/** `import { a, b } from 'x';` (or `export type { … }`), one name per line when long. */
export function namedClause(head: string, names: string[], from: string): string {
  const flat = `${head} { ${names.join(', ')} } from '${from}';`;
  if (flat.length <= 100) return flat;
  return `${head} {\n${names.map((n) => `  ${n},`).join('\n')}\n} from '${from}';`;
}
