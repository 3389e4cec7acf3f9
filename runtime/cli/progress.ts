/**
 * Progress of a long list walk on a terminal: one stderr line ("listing: 5
 * pages, 500 items so far…"), rewritten after each page once the walk passes a few pages, and
 * erased when the walk ends, so it never mixes with the output or with a
 * later message. Nothing is written when stderr is not a terminal (pipes,
 * files, CI logs).
 */

export interface ProgressStream {
  write(text: string): unknown;
  /** Read only once the walk is long enough to show anything. */
  readonly isTTY?: boolean;
}

/** Pages fetched before the line appears: short walks finish before anyone would look. */
export const PROGRESS_AFTER_PAGES = 3;

/** Carriage return and "erase the whole line" (ECMA-48 EL 2). */
const CLEAR = '\r\x1b[2K';

export class PageProgress {
  private shown = false;
  private tty: boolean | undefined;

  constructor(
    private readonly stream: ProgressStream,
    private readonly afterPages: number = PROGRESS_AFTER_PAGES,
  ) {}

  /** Called after each page with the totals so far. */
  update(pages: number, items: number): void {
    if (pages <= this.afterPages) return;
    this.tty ??= !!this.stream.isTTY;
    if (!this.tty) return;
    // Short, so it fits one line of any terminal (a wrapped line would not be fully erased).
    this.stream.write(`${CLEAR}listing: ${pages} pages, ${items} item${items === 1 ? '' : 's'} so far…`);
    this.shown = true;
  }

  /** Erases the line (before the result, a warning or an error is printed). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write(CLEAR);
    this.shown = false;
  }
}
