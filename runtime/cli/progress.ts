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

/** A download shows its progress once it has taken this long (most finish before anyone would look). */
export const BYTES_PROGRESS_AFTER_MS = 500;
/** …and rewrites the line at most this often. */
const BYTES_PROGRESS_EVERY_MS = 100;

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Progress of a long download on a terminal: "downloading: 12.3 MiB of 50.0 MiB
 * (24%)" on stderr, rewritten as bytes arrive and erased at the end, as for
 * list walks. Nothing when stderr is not a terminal.
 */
export class ByteProgress {
  private shown = false;
  private tty: boolean | undefined;
  private readonly started = Date.now();
  private last = 0;
  private bytes = 0;

  constructor(
    private readonly stream: ProgressStream,
    /** From Content-Length, when the server sent one. */
    private readonly total: number | undefined,
    private readonly afterMs: number = BYTES_PROGRESS_AFTER_MS,
  ) {}

  add(n: number): void {
    this.bytes += n;
    const now = Date.now();
    if (now - this.started < this.afterMs || now - this.last < BYTES_PROGRESS_EVERY_MS) return;
    this.tty ??= !!this.stream.isTTY;
    if (!this.tty) return;
    this.last = now;
    const of = this.total ? ` of ${mib(this.total)} (${Math.floor((100 * this.bytes) / this.total)}%)` : '';
    this.stream.write(`${CLEAR}downloading: ${mib(this.bytes)}${of}…`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write(CLEAR);
    this.shown = false;
  }
}
