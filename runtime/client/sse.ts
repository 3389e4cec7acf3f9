/**
 * Incremental server-sent-event decoding (the WHATWG "event stream"
 * interpretation): bytes in any chunking → events. UTF-8 is decoded with a
 * streaming TextDecoder, so a character split across chunks comes out whole,
 * and a leading BOM is dropped. Lines end in CRLF, LF or CR, and a CR at the
 * end of one chunk followed by an LF at the start of the next is one line end.
 *
 * Differences from openai-node's decoder, both per the spec: an event with no
 * `data:` line (e.g. only `event: ping`) is not dispatched, and `id:`/`retry:`
 * are parsed. A last event that is not followed by a blank line is still
 * dispatched when the body ends cleanly.
 */

export interface ServerSentEvent {
  /** The `event:` field, or null when the event had none (the spec's "message"). */
  event: string | null;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last event ID seen so far in the stream (`id:` persists), or null. */
  id: string | null;
  /** The `retry:` reconnection time in ms given with this event, or null. */
  retry: number | null;
}

const LINE_END = /\r\n|\r|\n/g;

export class SSEDecoder {
  #text = new TextDecoder('utf-8');
  /** The unterminated tail of the text so far. */
  #partial = '';
  /** The previous chunk ended in CR: an LF starting the next one belongs to it. */
  #skipLF = false;
  #event: string | null = null;
  #data = '';
  #hasData = false;
  #retry: number | null = null;
  #lastId: string | null = null;

  /** Decodes one chunk of the body; returns the events it completed. */
  decode(chunk: Uint8Array | ArrayBuffer | string): ServerSentEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.#text.decode(chunk, { stream: true });
    return this.#lines(text, []);
  }

  /** Ends the stream: flushes a partial character and line, and a pending event. */
  flush(): ServerSentEvent[] {
    const out = this.#lines(this.#text.decode(), []);
    if (this.#partial !== '') {
      const line = this.#partial;
      this.#partial = '';
      this.#line(line, out);
    }
    this.#dispatch(out);
    return out;
  }

  #lines(text: string, out: ServerSentEvent[]): ServerSentEvent[] {
    let start = 0;
    if (this.#skipLF && text.length > 0) {
      if (text.charCodeAt(0) === 10) start = 1;
      this.#skipLF = false;
    }
    LINE_END.lastIndex = start;
    let m: RegExpExecArray | null;
    while ((m = LINE_END.exec(text)) !== null) {
      const piece = text.slice(start, m.index);
      const line = this.#partial === '' ? piece : this.#partial + piece;
      this.#partial = '';
      start = m.index + m[0].length;
      // A CR that ends the chunk may be the first half of a CRLF.
      if (m[0] === '\r' && start === text.length) this.#skipLF = true;
      this.#line(line, out);
    }
    // Only the new text is scanned next time: a long line in tiny chunks stays linear.
    if (start < text.length) this.#partial += start === 0 ? text : text.slice(start);
    return out;
  }

  #line(line: string, out: ServerSentEvent[]): void {
    if (line === '') {
      this.#dispatch(out);
      return;
    }
    // Fast path for the line nearly every event is made of.
    if (line.startsWith('data:')) {
      const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
      this.#data = this.#hasData ? `${this.#data}\n${value}` : value;
      this.#hasData = true;
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) return; // a comment
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
    }
    switch (field) {
      case 'data':
        this.#data = this.#hasData ? `${this.#data}\n${value}` : value;
        this.#hasData = true;
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.#retry = Number(value);
        break;
      default:
      // Unknown fields are ignored, as the spec says.
    }
  }

  #dispatch(out: ServerSentEvent[]): void {
    if (this.#hasData) out.push({ event: this.#event, data: this.#data, id: this.#lastId, retry: this.#retry });
    this.#event = null;
    this.#data = '';
    this.#hasData = false;
    this.#retry = null;
  }
}

/** Splits text into lines (LF or CRLF) across chunks: the NDJSON of `Stream.toReadableStream()`. */
export class LineDecoder {
  #text = new TextDecoder('utf-8');
  #partial = '';

  decode(chunk: Uint8Array | ArrayBuffer | string): string[] {
    const text = this.#partial + (typeof chunk === 'string' ? chunk : this.#text.decode(chunk, { stream: true }));
    const lines = text.split('\n');
    this.#partial = lines.pop() ?? '';
    return lines.map(stripCR);
  }

  flush(): string[] {
    const rest = this.#partial + this.#text.decode();
    this.#partial = '';
    return rest === '' ? [] : [stripCR(rest)];
  }
}

function stripCR(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
