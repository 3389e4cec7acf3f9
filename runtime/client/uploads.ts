/**
 * What a file field accepts, and `toFile()` to make a `File` from bytes. All
 * checks are duck-typed (no `instanceof` on Node classes, no `node:` import),
 * so the module runs unchanged in Node, Deno, Bun, workers and browsers, and
 * touching it loads none of the lazily created web globals.
 *
 *   file: fs.createReadStream('train.jsonl')          // streamed, never buffered
 *   file: await fetch('https://…/a.mp3')              // a Response, streamed
 *   file: new File([bytes], 'a.png', { type: 'image/png' })
 *   file: await toFile(Buffer.from('…'), 'input.jsonl')
 *   file: toStreamingFile(process.stdin, 'stdin.jsonl') // any byte stream, with a name
 */

/** Any part a Blob can be built from. */
export type BlobPart = string | ArrayBuffer | ArrayBufferView | Blob;

/** Matches DOM, undici and node:buffer Blobs. */
export interface BlobLike {
  readonly size: number;
  readonly type: string;
  text(): Promise<string>;
  slice(start?: number, end?: number): BlobLike;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Matches DOM, undici and node:buffer Files. */
export interface FileLike extends BlobLike {
  readonly name: string;
  readonly lastModified: number;
}

/** Matches a fetch Response from any implementation. */
export interface ResponseLike {
  readonly url: string;
  blob(): Promise<BlobLike>;
}

/** `fs.createReadStream(path)`: an async iterable of bytes that knows its path. */
export interface FsReadStreamLike extends AsyncIterable<unknown> {
  readonly path: string | { toString(): string };
}

export type StreamingFileData = AsyncIterable<unknown> | ReadableStream<Uint8Array>;

const STREAMING_FILE: unique symbol = Symbol.for('openapi-tri-gen.streaming-file');

/** A named byte stream that is read only while the request is sent (see toStreamingFile). */
export interface StreamingFile {
  readonly [STREAMING_FILE]: true;
  readonly data: StreamingFileData;
  readonly name: string;
  readonly type?: string | undefined;
}

/**
 * A value a file field accepts directly. Streams (ReadStream, Response,
 * AsyncIterable, ReadableStream, StreamingFile) are read once, while sending,
 * so a request carrying one is not retried.
 */
export type Uploadable =
  | FileLike
  | BlobLike
  | ResponseLike
  | FsReadStreamLike
  | StreamingFile
  | AsyncIterable<Uint8Array>
  | ReadableStream<Uint8Array>;

/** What toFile() accepts: bytes, a Blob or File, a Response, or an async iterable of parts. */
export type ToFileInput =
  FileLike | ResponseLike | BlobLike | ArrayBuffer | ArrayBufferView | AsyncIterable<BlobPart | BlobLike>;

export interface ToFileOptions {
  /** MIME type, e.g. `audio/mpeg`; default: the input's own type, else none. */
  type?: string | undefined;
  lastModified?: number | undefined;
}

const isObject = (v: unknown): v is Record<PropertyKey, unknown> => typeof v === 'object' && v !== null;

export const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  isObject(v) && typeof v[Symbol.asyncIterator] === 'function';

export const isReadableStream = (v: unknown): v is ReadableStream<Uint8Array> =>
  isObject(v) && typeof v['getReader'] === 'function';

export const isBlobLike = (v: unknown): v is BlobLike =>
  isObject(v) &&
  typeof v['size'] === 'number' &&
  typeof v['type'] === 'string' &&
  typeof v['slice'] === 'function' &&
  typeof v['arrayBuffer'] === 'function';

export const isFileLike = (v: unknown): v is FileLike =>
  isBlobLike(v) &&
  typeof (v as unknown as Record<string, unknown>)['name'] === 'string' &&
  typeof (v as unknown as Record<string, unknown>)['lastModified'] === 'number';

export const isResponseLike = (
  v: unknown,
): v is ResponseLike & { body?: unknown; headers?: { get(name: string): string | null } } =>
  isObject(v) && typeof v['url'] === 'string' && typeof v['blob'] === 'function';

export const isStreamingFile = (v: unknown): v is StreamingFile => isObject(v) && v[STREAMING_FILE] === true;

/** Raw bytes: a multipart body sends them as a file part (JSON cannot carry them). */
export const isBytes = (v: unknown): v is ArrayBuffer | ArrayBufferView =>
  ArrayBuffer.isView(v) || v instanceof ArrayBuffer;

/** A value that goes into a multipart body as a file part. */
export function isUploadable(v: unknown): v is Uploadable | ArrayBuffer | ArrayBufferView {
  return (
    isBlobLike(v) || isBytes(v) || isResponseLike(v) || isStreamingFile(v) || isAsyncIterable(v) || isReadableStream(v)
  );
}

/** Whether a file part can be sent again on a retry (Blobs and bytes can; a stream is read once). */
export function isReplayable(v: unknown): boolean {
  return isBlobLike(v) || isBytes(v);
}

/** Whether `value` holds an upload anywhere inside (json-or-multipart decides on this). */
export function hasUploadable(value: unknown, depth = 0): boolean {
  if (isUploadable(value)) return true;
  if (depth > 32 || !isObject(value)) return false;
  if (Array.isArray(value)) return value.some((v) => hasUploadable(v, depth + 1));
  for (const k of Object.keys(value)) if (hasUploadable(value[k], depth + 1)) return true;
  return false;
}

/**
 * The file name of an upload: `name`, else the last segment of `url`,
 * `filename` or `path` (a ReadStream's), as openai-node reads it.
 */
export function uploadName(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  for (const key of ['name', 'url', 'filename', 'path'] as const) {
    const raw = value[key];
    if (raw === undefined || raw === null || raw === '') continue;
    const text = String(raw);
    const base = key === 'url' ? urlPathname(text) : text;
    const last = base.split(/[\\/]/).pop();
    if (last) return last;
  }
  return undefined;
}

function urlPathname(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The MIME type of a file part: the Blob's or the Response's, else octet-stream. */
export function uploadType(value: unknown): string {
  if (isStreamingFile(value)) return value.type || 'application/octet-stream';
  if (isBlobLike(value) && value.type) return value.type;
  if (isResponseLike(value)) return value.headers?.get('content-type') || 'application/octet-stream';
  return 'application/octet-stream';
}

/**
 * Wraps a byte stream as a named upload without reading it: it is encoded
 * into the multipart body while the request is sent (openai-node's helper of
 * the same name). Use it for stdin or any stream that has no `path`.
 */
export function toStreamingFile(
  data: StreamingFileData,
  name: string,
  options?: { type?: string | undefined },
): StreamingFile {
  if (!name) throw new TypeError('toStreamingFile() needs a non-empty file name');
  if (!isAsyncIterable(data) && !isReadableStream(data)) {
    throw new TypeError('toStreamingFile() needs an async iterable of bytes or a ReadableStream');
  }
  return { [STREAMING_FILE]: true, data, name, ...(options?.type ? { type: options.type } : {}) };
}

/**
 * Makes a `File` from bytes, a Blob, a Response or an async iterable of parts
 * (openai-node's `toFile`). The content is read once, into the File; a File
 * passed in is returned as it is. To send a large file without holding it in
 * memory, pass `fs.createReadStream(path)` to the file field instead.
 */
export async function toFile(
  value: ToFileInput | PromiseLike<ToFileInput>,
  name?: string | null,
  options?: ToFileOptions,
): Promise<File> {
  const input = await value;
  if (isFileLike(input)) {
    if (isRealFile(input) && !name && !options?.type) return input;
    const part = isRealBlob(input) ? input : await input.arrayBuffer();
    return makeFile([part], name || input.name, {
      type: options?.type || input.type,
      lastModified: options?.lastModified ?? input.lastModified,
    });
  }
  const onDisk = await fileBackedBlob(input, options?.type);
  if (onDisk) return makeFile([onDisk], name || uploadName(input), { ...options, type: options?.type || undefined });
  if (isResponseLike(input)) {
    const blob = await input.blob();
    const type = options?.type || blob.type || undefined;
    return makeFile([isRealBlob(blob) ? blob : await blob.arrayBuffer()], name || uploadName(input), {
      ...options,
      type,
    });
  }
  const parts = await collectParts(input);
  let type = options?.type;
  if (!type) type = parts.find((p): p is Blob => isBlobLike(p) && p.type !== '')?.type;
  return makeFile(parts, name || uploadName(input), { ...options, type });
}

/**
 * An unread `fs.createReadStream(path)` on a Node with `fs.openAsBlob` (20.16+):
 * a Blob backed by the file, so nothing is read into memory and the File can
 * be sent again on a retry. The stream is closed unread. Elsewhere: undefined.
 */
async function fileBackedBlob(value: unknown, type: string | undefined): Promise<Blob | undefined> {
  if (!isAsyncIterable(value)) return undefined;
  const stream = value as unknown as {
    path?: unknown;
    bytesRead?: unknown;
    start?: unknown;
    end?: unknown;
    destroyed?: unknown;
    destroy?: () => void;
  };
  const fresh =
    typeof stream.path === 'string' &&
    stream.bytesRead === 0 &&
    stream.start === undefined &&
    (stream.end === undefined || stream.end === Infinity) &&
    stream.destroyed === false;
  if (!fresh) return undefined;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as
    { openAsBlob?: (path: string, options?: { type?: string }) => Promise<Blob> } | undefined;
  if (typeof fs?.openAsBlob !== 'function') return undefined;
  const blob = await fs.openAsBlob(stream.path as string, type ? { type } : undefined);
  stream.destroy?.();
  return blob;
}

async function collectParts(value: unknown): Promise<BlobPart[]> {
  if (typeof value === 'string' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return [value];
  if (isBlobLike(value)) return [isRealBlob(value) ? value : await value.arrayBuffer()];
  if (isAsyncIterable(value)) {
    const parts: BlobPart[] = [];
    for await (const chunk of value) parts.push(...(await collectParts(chunk)));
    return parts;
  }
  const ctor = isObject(value) ? (value.constructor as { name?: string } | undefined)?.name : undefined;
  throw new TypeError(
    `toFile() cannot read a ${value === null ? 'null' : typeof value}${ctor ? ` (${ctor})` : ''}: pass bytes (Uint8Array, Buffer, ArrayBuffer), a Blob or File, a fetch Response or an async iterable of bytes`,
  );
}

const hasGlobal = (name: 'File' | 'Blob'): boolean =>
  typeof (globalThis as Record<string, unknown>)[name] === 'function';
const isRealFile = (v: unknown): v is File => hasGlobal('File') && v instanceof File;
const isRealBlob = (v: unknown): v is Blob => hasGlobal('Blob') && v instanceof Blob;

/** A File; where the runtime has no global File (Node 18), a Blob that carries the same fields. */
function makeFile(parts: BlobPart[], name: string | undefined, options: ToFileOptions): File {
  const fileName = name || 'unknown_file';
  const bag = {
    ...(options.type ? { type: options.type } : {}),
    ...(options.lastModified !== undefined ? { lastModified: options.lastModified } : {}),
  };
  // Buffers may sit on any ArrayBufferLike; File and Blob copy or reference them alike.
  const native = parts as unknown as globalThis.BlobPart[];
  if (hasGlobal('File')) return new File(native, fileName, bag);
  const blob = new Blob(native, bag);
  Object.defineProperties(blob, {
    name: { value: fileName },
    lastModified: { value: options.lastModified ?? Date.now() },
    webkitRelativePath: { value: '' },
  });
  return blob as File;
}
