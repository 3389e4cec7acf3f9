/**
 * Request body encoding, one function per `body.encoding` of the operation
 * table: JSON, multipart (streamed), JSON-or-multipart (multipart only when an
 * upload is present), form-urlencoded, and raw bodies sent as-is.
 */
import { ClientError } from './errors.js';
import { byteStream, encodeMultipart } from './multipart.js';
import { nestedPairs, styledPairs, type Pair } from './form-pairs.js';
import type { BodyEncoding, BodySpec, FormStyle } from './operation.js';
import { hasUploadable, isBlobLike, isBytes, isReadableStream, isUploadable } from './uploads.js';

/** What fetch is given as a body. */
export type RequestBody =
  string | Blob | ReadableStream<Uint8Array> | ArrayBuffer | ArrayBufferView | URLSearchParams | FormData;

export interface EncodedBody {
  body: RequestBody;
  /** Unset when fetch must choose it (a FormData). */
  contentType?: string;
  /** False when the body is a one-shot stream: the request is then not retried. */
  replayable: boolean;
}

export interface EncodeContext {
  /** Operation key, for error messages. */
  key: string;
  /** A fresh multipart boundary (injectable, so tests can compare exact bytes). */
  boundary: () => string;
  /** How multipart and form bodies spell arrays and objects (default `openapi`). */
  formStyle?: FormStyle | undefined;
}

/** A per-field map re-keyed from clean param names to the body object's wire keys. */
function byWireKey<T>(spec: BodySpec, byName: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!byName) return undefined;
  const out: Record<string, T> = {};
  for (const [name, v] of Object.entries(byName)) out[spec.fields?.[name] ?? name] = v;
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Absent means JSON; tables generated before `encoding` existed said multipart and form through the content type. */
export function bodyEncoding(spec: BodySpec): BodyEncoding {
  if (spec.encoding) return spec.encoding;
  const type = spec.contentType.toLowerCase();
  if (type.includes('multipart/form-data')) return 'multipart';
  if (type.includes('x-www-form-urlencoded')) return 'form';
  return 'json';
}

export function encodeBody(spec: BodySpec, value: unknown, ctx: EncodeContext): EncodedBody {
  switch (bodyEncoding(spec)) {
    case 'multipart':
      return multipart(spec, value, ctx);
    case 'json-or-multipart':
      return hasUploadable(value) ? multipart(spec, value, ctx) : json(spec, value);
    case 'form':
      return form(spec, value, ctx);
    case 'raw':
      return raw(spec, value, ctx);
    case 'json':
    default:
      return json(spec, value);
  }
}

function json(spec: BodySpec, value: unknown): EncodedBody {
  const contentType = /json/i.test(spec.contentType) ? spec.contentType : 'application/json';
  return { body: JSON.stringify(value), contentType, replayable: true };
}

function multipart(spec: BodySpec, value: unknown, ctx: EncodeContext): EncodedBody {
  if (!isPlainObject(value)) {
    throw new ClientError(
      `The body of ${ctx.key} is multipart/form-data and must be an object of fields, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
    );
  }
  const { body, contentType, replayable } = encodeMultipart(value, ctx.boundary(), {
    partTypes: byWireKey(spec, spec.partTypes),
    styles: byWireKey(spec, spec.styles),
    formStyle: ctx.formStyle,
  });
  return { body, contentType, replayable };
}

/**
 * application/x-www-form-urlencoded, null and undefined left out. OpenAPI's
 * rules: each field per its `encoding` style, by default `form` exploded
 * (arrays repeat the key, an object's properties become fields; see
 * form-pairs.ts). `brackets` (openai-node's targets): a field without a
 * style nests objects as `key[prop]`, repeats the key for arrays of scalars
 * and indexes arrays of objects.
 */
function form(spec: BodySpec, value: unknown, ctx: EncodeContext): EncodedBody {
  if (!isPlainObject(value)) {
    throw new ClientError(
      `The body of ${ctx.key} is form-urlencoded and must be an object of fields, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
    );
  }
  const styles = byWireKey(spec, spec.styles);
  const pairs: Pair[] = [];
  for (const [k, v] of Object.entries(value)) {
    // A field's own `encoding` style holds in both; the form style says what the others do.
    if (ctx.formStyle === 'brackets' && !styles?.[k]) nestedPairs(k, v, false, pairs);
    else styledPairs(k, v, styles?.[k], pairs);
  }
  return {
    body: new URLSearchParams(pairs).toString(),
    contentType: 'application/x-www-form-urlencoded',
    replayable: true,
  };
}

/** A string or bytes with the operation's content type, as given; a stream is streamed. */
function raw(spec: BodySpec, value: unknown, ctx: EncodeContext): EncodedBody {
  const contentType = spec.contentType;
  if (typeof value === 'string' || isBytes(value)) return { body: value, contentType, replayable: true };
  if (isBlobLike(value)) return { body: value as Blob, contentType, replayable: true };
  if (isUploadable(value)) return { body: byteStream(value), contentType, replayable: false };
  if (/json/i.test(contentType)) return { body: JSON.stringify(value), contentType, replayable: true };
  if (typeof value === 'number' || typeof value === 'boolean')
    return { body: String(value), contentType, replayable: true };
  throw new ClientError(
    `The body of ${ctx.key} is sent as-is (${contentType}): pass a string, bytes, a Blob or a stream, not ${value === null ? 'null' : typeof value}.`,
  );
}

/**
 * A multipart file field given a string is almost always a file path or an
 * ID passed by mistake: say what the field takes instead of letting the
 * server reject an opaque text part.
 */
export function checkFileFields(spec: BodySpec, params: Record<string, unknown>, key: string): void {
  if (!spec.files || bodyEncoding(spec) !== 'multipart') return;
  for (const name of spec.files) {
    const v = params[name];
    const values = Array.isArray(v) ? v : [v];
    if (values.some((x) => typeof x === 'string')) {
      throw new ClientError(
        `"${name}" of ${key} is a file upload, not a string: pass fs.createReadStream(path), a File or Blob, a fetch Response, or await toFile(bytes, 'name.ext').`,
      );
    }
  }
}

/** Node's fetch (undici): not Bun or Deno, which also set `process.versions.node`. */
function isUndiciRuntime(): boolean {
  const g = globalThis as { process?: { versions?: Record<string, string | undefined> }; Deno?: unknown };
  const versions = g.process?.versions;
  return typeof versions?.['node'] === 'string' && versions['bun'] === undefined && g.Deno === undefined;
}

/**
 * Extra fetch options for a body that is an upload (a Blob, bytes or a
 * stream). `duplex: 'half'` lets fetch send a stream. On Node, undici's fetch
 * tees the body of every request it may follow a redirect for, to replay it,
 * and nothing reads the spare branch: it ends up holding the whole upload in
 * memory. `redirect: 'error'` with `window: null` is the one mode that skips
 * that copy, so uploads are not redirected there (a 3xx fails the request).
 */
export function uploadFetchInit(body: RequestBody | undefined): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || body instanceof URLSearchParams) return {};
  const init: Record<string, unknown> = isReadableStream(body) ? { duplex: 'half' } : {};
  if (isUndiciRuntime()) {
    init['redirect'] = 'error';
    init['window'] = null;
  }
  return init;
}
