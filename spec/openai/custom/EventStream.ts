/**
 * What openai-node's streaming helpers share (ChatCompletionStream,
 * ResponseStream): a stream read once, at once, whose items reach both
 * iterators and named-event listeners, with `done()`, `abort()`, `emitted()`
 * and the NDJSON `toReadableStream()`. A subclass turns each item into its own
 * events (`addItem`) and the end into its final values (`finish`).
 */
import { APIUserAbortError } from '../core/errors.js';

/** The events every such stream has. */
export interface BaseStreamEvents {
  connect: () => void;
  error: (error: Error) => void;
  abort: (error: APIUserAbortError) => void;
  end: () => void;
}

type Listener = { fn: (...args: never[]) => void; once: boolean };

/** A stream's events: each a listener type. */
export type StreamEvents<Events> = BaseStreamEvents & { [K in keyof Events]: (...args: never[]) => void };

export abstract class EventStream<Events extends StreamEvents<Events>, Item> implements AsyncIterable<Item> {
  /** Aborting it stops the request (`abort` event, then `end`). */
  readonly controller: AbortController = new AbortController();
  #listeners = new Map<keyof Events, Listener[]>();
  #items: Item[] = [];
  #readers: Array<() => void> = [];
  #ended = false;
  #error: Error | undefined;
  #done: Promise<void>;

  /** `source` starts the request (with this stream's `controller.signal`) and gives its items. */
  protected constructor(source: () => Promise<AsyncIterable<Item>>) {
    this.#done = this.#run(source);
    // Failures reach done(), the final values, iterators and `error` listeners: never an unhandled rejection.
    this.#done.catch(() => undefined);
  }

  /** One item's events (and whatever the subclass keeps of it). */
  protected abstract addItem(item: Item): void;
  /** The stream has ended well: the final values and their events. */
  protected abstract finish(): void;

  /** `options.signal` and this stream's controller, as one signal for the request. */
  protected requestSignal(signal: AbortSignal | null | undefined): AbortSignal {
    return signal ? AbortSignal.any([signal, this.controller.signal]) : this.controller.signal;
  }

  on<E extends keyof Events>(event: E, listener: Events[E]): this {
    this.#listenersOf(event).push({ fn: listener as Listener['fn'], once: false });
    return this;
  }

  once<E extends keyof Events>(event: E, listener: Events[E]): this {
    this.#listenersOf(event).push({ fn: listener as Listener['fn'], once: true });
    return this;
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): this {
    const list = this.#listenersOf(event);
    const at = list.findIndex((l) => l.fn === (listener as Listener['fn']));
    if (at >= 0) list.splice(at, 1);
    return this;
  }

  /** The next `event`'s first argument; rejects if the stream fails first. */
  emitted<E extends keyof Events>(event: E): Promise<Parameters<Events[E]>[0]> {
    return new Promise((resolve, reject) => {
      if (event !== 'error') this.once('error', reject as Events['error']);
      this.once(event, ((first: never) => resolve(first)) as Events[E]);
    });
  }

  /** Stops the request. */
  abort(): void {
    this.controller.abort();
  }

  /** Resolves once the stream has ended; rejects with its error. */
  async done(): Promise<void> {
    await this.#done;
  }

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    let next = 0;
    return {
      next: async (): Promise<IteratorResult<Item>> => {
        while (next >= this.#items.length && !this.#ended) await new Promise<void>((wake) => this.#readers.push(wake));
        if (next < this.#items.length) return { value: this.#items[next++]!, done: false };
        if (this.#error && !(this.#error instanceof APIUserAbortError)) throw this.#error;
        return { value: undefined, done: true };
      },
      return: async (): Promise<IteratorResult<Item>> => {
        // A `break` out of the loop stops the request, as with `create({ stream: true })`.
        if (!this.#ended) this.abort();
        return { value: undefined, done: true };
      },
    };
  }

  /** The items as NDJSON bytes, which the subclass's `fromReadableStream` reads back. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const items = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      pull: async (ctrl) => {
        try {
          const { value, done } = await items.next();
          if (done) return ctrl.close();
          ctrl.enqueue(encoder.encode(JSON.stringify(value) + '\n'));
        } catch (err) {
          ctrl.error(err);
        }
      },
      cancel: async () => {
        await items.return?.();
      },
    });
  }

  /** Calls `event`'s listeners (once-listeners are removed first). */
  protected emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const list = this.#listeners.get(event);
    if (!list?.length) return;
    this.#listeners.set(
      event,
      list.filter((l) => !l.once),
    );
    for (const l of list) (l.fn as (...a: Parameters<Events[E]>) => void)(...args);
  }

  async #run(source: () => Promise<AsyncIterable<Item>>): Promise<void> {
    // Listeners registered right after the call see every event.
    await Promise.resolve();
    try {
      for await (const item of await source()) {
        this.#items.push(item);
        this.#wakeReaders();
        this.addItem(item);
      }
      if (this.controller.signal.aborted) throw new APIUserAbortError();
      this.finish();
    } catch (err) {
      const error =
        this.controller.signal.aborted && !(err instanceof APIUserAbortError)
          ? new APIUserAbortError()
          : (err as Error);
      this.#error = error;
      if (error instanceof APIUserAbortError) this.emit('abort', ...([error] as Parameters<Events['abort']>));
      else this.emit('error', ...([error] as Parameters<Events['error']>));
      throw error;
    } finally {
      this.#ended = true;
      this.#wakeReaders();
      this.emit('end', ...([] as unknown as Parameters<Events['end']>));
    }
  }

  #listenersOf(event: keyof Events): Listener[] {
    let list = this.#listeners.get(event);
    if (!list) this.#listeners.set(event, (list = []));
    return list;
  }

  #wakeReaders(): void {
    const readers = this.#readers;
    this.#readers = [];
    for (const wake of readers) wake();
  }
}
