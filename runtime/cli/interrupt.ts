/**
 * Ctrl-C while a request runs. The first SIGINT aborts the request through
 * the client's signal (so the server sees the connection close, mid-stream
 * too); the command then unwinds, drops a half-written `--output` file and
 * exits 130. A second SIGINT, or an unwinding that takes too long, cleans up
 * and exits at once. SIGTERM does the same with 143.
 */

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof CODES;

/** How long the abort may take to unwind before the process exits anyway. */
const UNWIND_MS = 2000;

export class Interrupt {
  readonly controller = new AbortController();
  #received: Signal | undefined;
  readonly #handlers: Array<[Signal, () => void]> = [];

  constructor(private readonly cleanup: () => void) {
    for (const sig of Object.keys(CODES) as Signal[]) {
      const handler = () => this.#onSignal(sig);
      process.on(sig, handler);
      this.#handlers.push([sig, handler]);
    }
  }

  /** The signal received, if any. */
  get received(): Signal | undefined {
    return this.#received;
  }

  /** The exit code for the signal received (130 for SIGINT). */
  get exitCode(): number {
    return this.#received ? CODES[this.#received] : 0;
  }

  #onSignal(sig: Signal): void {
    if (this.#received) return this.#exitNow();
    this.#received = sig;
    this.controller.abort();
    setTimeout(() => this.#exitNow(), UNWIND_MS).unref();
  }

  #exitNow(): void {
    this.cleanup();
    process.exit(this.exitCode);
  }

  dispose(): void {
    for (const [sig, handler] of this.#handlers) process.removeListener(sig, handler);
  }
}
