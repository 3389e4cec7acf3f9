/**
 * multipart/form-data encoding, streamed: file parts are never copied into
 * one buffer. Arrays and objects follow the OpenAPI rules by default: an
 * array is one part per item, all of the field's name; an object (an item
 * too) is one `application/json` part; a field's `encoding.contentType` sets
 * its parts' type, and its `style` (OpenAPI 3.1) makes each name=value pair
 * a text part. The `brackets` form style flattens as openai-node does, for
 * the servers that read that: arrays as `key[]`, objects as `key[prop]`.
 * Booleans and numbers go as text.
 *
 * When every part can be read twice (strings, bytes, Blobs, Files) the body
 * is one Blob composed of the parts: fetch streams it, knows its length, and
 * a retry sends it again. When a part is a one-shot stream (fs.ReadStream,
 * Response, async iterable) the body is a ReadableStream that pulls each part
 * as the socket drains, so memory stays bounded, and the request is not retried.
 */
import { ClientError } from './errors.js';
import { isComplex, styledPairs, type Pair } from './form-pairs.js';
import type { FieldStyleSpec, FormStyle } from './operation.js';
import { scalarText } from './query.js';
import {
  isBytes,
  isReadableStream,
  isAsyncIterable,
  isBlobLike,
  isReplayable,
  isResponseLike,
  isStreamingFile,
  isUploadable,
  uploadName,
  uploadType,
} from './uploads.js';

export interface MultipartBody {
  body: Blob | ReadableStream<Uint8Array>;
  /** `multipart/form-data; boundary=…` */
  contentType: string;
  /** False when a part is a stream that can be read only once. */
  replayable: boolean;
}

/** One flattened form entry: a text field (with its own Content-Type when the operation gives one) or a file part. */
export type FormEntry =
  { key: string; text: string; type?: string } | { key: string; file: unknown; filename: string; type: string };

/** A boundary that cannot occur by chance in the content (RFC 2046 allows 70 chars). */
export function randomBoundary(): string {
  const bytes = new Uint8Array(16);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.random() * 256) | 0;
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `----form-boundary-${hex}`;
}

/** Per-field encoding of a multipart body, keyed by the body object's (wire) keys. */
export interface MultipartOptions {
  /** Wire key → the Content-Type of its parts (the document's `encoding.<field>.contentType`). */
  partTypes?: Record<string, string> | undefined;
  /** Wire key → its `encoding` style (OpenAPI 3.1+): each pair a text part, in place of a typed part. */
  styles?: Record<string, FieldStyleSpec> | undefined;
  /** Default `openapi`; `brackets` flattens as openai-node. */
  formStyle?: FormStyle | undefined;
}

/** Flattens a body object into form entries, in key order. */
export function formEntries(body: Record<string, unknown>, options: MultipartOptions = {}): FormEntry[] {
  const out: FormEntry[] = [];
  for (const [key, value] of Object.entries(body)) {
    // A field's own `encoding` style holds in both form styles.
    const style = options.styles?.[key];
    if (style && value !== null && !isUploadable(value)) {
      for (const [name, text] of styledPairs(key, value, style, [] as Pair[])) out.push({ key: name, text });
    } else if (options.formStyle === 'brackets') {
      bracketEntries(key, value, options.partTypes?.[key], out);
    } else if (Array.isArray(value)) {
      for (const item of value) addPart(key, item, options.partTypes?.[key], out);
    } else addPart(key, value, options.partTypes?.[key], out);
  }
  return out;
}

/**
 * One part for one value (a field, or an item of an array field), as OpenAPI
 * says: an upload as a file part, an object or array as JSON
 * (`application/json` unless the document gives a type), a primitive as text.
 */
function addPart(key: string, value: unknown, type: string | undefined, out: FormEntry[]): void {
  if (value === undefined) return;
  if (value === null) throw nullField(key);
  if (isUploadable(value)) out.push(filePart(key, value, type));
  else if (type !== undefined && /json/i.test(type)) out.push({ key, text: JSON.stringify(value), type });
  else if (isComplex(value)) out.push({ key, text: JSON.stringify(value), type: type ?? 'application/json' });
  else out.push(type === undefined ? { key, text: scalarText(value) } : { key, text: scalarText(value), type });
}

/** A file part: the upload's own type, else the document's type for the part, else octet-stream. */
function filePart(key: string, value: unknown, type: string | undefined): FormEntry {
  const own = uploadType(value);
  return {
    key,
    file: value,
    filename: uploadName(value) ?? 'unknown_file',
    type: own === 'application/octet-stream' && type !== undefined ? type : own,
  };
}

function nullField(key: string): ClientError {
  return new ClientError(
    `Received null for the form field "${key}"; a multipart body cannot carry null (omit the field, or send the string 'null').`,
  );
}

/**
 * openai-node's flattening of one field. A part type sends it as one typed
 * part: JSON as JSON text, anything else as its text.
 */
function bracketEntries(key: string, value: unknown, type: string | undefined, out: FormEntry[]): void {
  if (type === undefined || value === undefined || value === null) addEntries(key, value, out);
  else if (isUploadable(value)) out.push(filePart(key, value, type));
  else if (/json/i.test(type)) out.push({ key, text: JSON.stringify(value), type });
  else if (typeof value === 'object' && !(value instanceof Date)) addEntries(key, value, out);
  else out.push({ key, text: value instanceof Date ? value.toISOString() : String(value), type });
}

function addEntries(key: string, value: unknown, out: FormEntry[]): void {
  if (value === undefined) return;
  if (value === null) throw nullField(key);
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  ) {
    out.push({ key, text: String(value) });
  } else if (value instanceof Date) {
    out.push({ key, text: value.toISOString() });
  } else if (isUploadable(value)) {
    out.push({ key, file: value, filename: uploadName(value) ?? 'unknown_file', type: uploadType(value) });
  } else if (Array.isArray(value)) {
    for (const item of value) addEntries(`${key}[]`, item, out);
  } else if (typeof value === 'object') {
    for (const [prop, inner] of Object.entries(value)) addEntries(`${key}[${prop}]`, inner, out);
  } else {
    throw new ClientError(
      `Invalid value for the form field "${key}": ${typeof value}. Expected a string, number, boolean, object, array or an upload (File, Blob, fs.ReadStream, Response, toFile()).`,
    );
  }
}

/** Quotes a name or file name for Content-Disposition (openai-node's escaping). */
function escapeQuoted(value: string): string {
  return value.replace(/["\\\r\n]/g, (ch) => encodeURIComponent(ch));
}

function partHead(boundary: string, entry: FormEntry): string {
  const name = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(entry.key)}"`;
  if ('text' in entry)
    return entry.type ? `${name}\r\nContent-Type: ${entry.type.replace(/[\r\n]/g, '')}\r\n\r\n` : `${name}\r\n\r\n`;
  return `${name}; filename="${escapeQuoted(entry.filename)}"\r\nContent-Type: ${entry.type.replace(/[\r\n]/g, '')}\r\n\r\n`;
}

/** Encodes a body object as multipart/form-data with the given boundary. */
export function encodeMultipart(
  body: Record<string, unknown>,
  boundary: string,
  options?: MultipartOptions,
): MultipartBody {
  const entries = formEntries(body, options);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  const replayable = entries.every((e) => 'text' in e || isReplayable(e.file));
  const pieces: unknown[] = [];
  for (const entry of entries) {
    if ('text' in entry) pieces.push(partHead(boundary, entry) + entry.text + '\r\n');
    else pieces.push(partHead(boundary, entry), entry.file, '\r\n');
  }
  pieces.push(`--${boundary}--\r\n`);
  if (replayable) return { body: new Blob(pieces as BlobPart[]), contentType, replayable };
  return { body: readableFrom(iterateBytes(pieces)), contentType, replayable };
}

let textEncoder: TextEncoder | undefined;
function utf8(text: string): Uint8Array {
  textEncoder ??= new TextEncoder();
  return textEncoder.encode(text);
}

/** Yields the bytes of each piece in turn, reading streams only as they are pulled. */
async function* iterateBytes(pieces: unknown[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield* bytesOf(piece);
}

async function* bytesOf(value: unknown): AsyncGenerator<Uint8Array> {
  if (typeof value === 'string') {
    yield utf8(value);
  } else if (ArrayBuffer.isView(value)) {
    yield new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else if (value instanceof ArrayBuffer) {
    yield new Uint8Array(value);
  } else if (isStreamingFile(value)) {
    yield* bytesOf(value.data);
  } else if (isBlobLike(value)) {
    const stream = (value as { stream?: () => ReadableStream<Uint8Array> }).stream;
    if (typeof stream === 'function') yield* bytesOf(stream.call(value));
    else yield new Uint8Array(await value.arrayBuffer());
  } else if (isResponseLike(value)) {
    const body = (value as { body?: unknown }).body;
    if (body) yield* bytesOf(body);
    else yield* bytesOf(await value.blob());
  } else if (isAsyncIterable(value)) {
    // fs.ReadStream, Node Readable, web ReadableStream (async iterable in Node), generators.
    for await (const chunk of value) yield* bytesOf(chunk);
  } else if (isReadableStream(value)) {
    const reader = value.getReader();
    try {
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        yield* bytesOf(chunk);
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    throw new ClientError(
      `Invalid chunk in an upload stream: expected bytes or a string, got ${value === null ? 'null' : typeof value}.`,
    );
  }
}

/** The bytes of any upload (stream, Response, Blob, bytes) as a ReadableStream read on demand. */
export function byteStream(source: unknown): ReadableStream<Uint8Array> {
  return readableFrom(bytesOf(source));
}

/** A ReadableStream that pulls from an async iterator: one chunk per pull, so backpressure reaches the source. */
export function readableFrom(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (err) {
          controller.error(err);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
