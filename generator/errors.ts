/**
 * The one error type of the generator. It carries where the fault is — a
 * file:line:column or a JSON pointer — and a hint. Only the command-line layer
 * (generator/main.ts) prints it and picks the exit code.
 */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** RFC 6901 pointer into the document, e.g. `/paths/~1organization~1users/get`. */
  pointer?: string;
}

export class GeneratorError extends Error {
  readonly location: ErrorLocation;
  readonly hint?: string;

  constructor(message: string, location: ErrorLocation = {}, hint?: string) {
    super(message);
    this.name = 'GeneratorError';
    this.location = location;
    this.hint = hint;
  }

  /** One paragraph: `file:line:col (pointer): message. Hint: …` */
  format(): string {
    const { file, line, column, pointer } = this.location;
    let where = file ?? '';
    if (file && line !== undefined) where += `:${line}${column !== undefined ? `:${column}` : ''}`;
    if (pointer !== undefined) where += where ? ` (at ${pointer || '/'})` : `at ${pointer || '/'}`;
    const head = where ? `${where}: ` : '';
    return `${head}${this.message}${this.hint ? `\nHint: ${this.hint}` : ''}`;
  }
}

/** RFC 6901 escaping of one pointer segment. */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Build a pointer from segments: `pointer('paths', '/a/{b}', 'get')` → `/paths/~1a~1{b}/get`. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + escapePointerSegment(s)).join('');
}
