/**
 * Turns an OperationSpec plus a params object into a concrete HTTP request:
 * URL (path + query), headers and body. Pure apart from the idempotency key.
 */
import { checkFileFields, encodeBody, type RequestBody } from './body.js';
import { ClientError } from './errors.js';
import { randomBoundary } from './multipart.js';
import type { FormStyle, OperationSpec } from './operation.js';
import { buildQuery, scalarText } from './query.js';
import { styledValue } from './styled.js';
import { isReadableStream } from './uploads.js';

/** Headers as callers may give them; a null value removes a header. */
export type HeadersInput = Headers | Record<string, string | null | undefined> | Array<[string, string]>;

/** Extra `fetch` init fields (an undici `dispatcher`, `keepalive`, …), as openai-node's `fetchOptions`. */
export type FetchOptions = RequestInit & Record<string, unknown>;

/**
 * Per-request options, the same names as openai-node's. Every method takes
 * them as its last argument; a list method's later pages reuse them.
 */
export interface RequestOptions {
  /**
   * Sends to this path instead of the operation's (relative to the base URL, or
   * an absolute URL); path params are not substituted into it. Later pages keep it.
   */
  path?: string | undefined;
  /** Milliseconds per attempt before APIConnectionTimeoutError (and a retry). */
  timeout?: number | undefined;
  /** Aborting it rejects with APIUserAbortError; never retried. */
  signal?: AbortSignal | null | undefined;
  maxRetries?: number | undefined;
  /** Merged over the client's headers; a null value removes a header. */
  headers?: HeadersInput | undefined;
  /** Extra raw query params (wire names), merged over the client's defaultQuery. */
  query?: Record<string, unknown> | undefined;
  /** Overrides the generated Idempotency-Key of a non-GET request. */
  idempotencyKey?: string | undefined;
  /**
   * Extra body: an object's fields are merged over the method's JSON body;
   * anything else (a string, Blob, FormData, bytes, URLSearchParams) is sent as the whole body.
   */
  body?: unknown;
  /** Merged over the client's `fetchOptions`; method, headers, body and signal come from the request. */
  fetchOptions?: FetchOptions | undefined;
  /**
   * A list method that pages by links only (a next link in the body or the
   * `Link` header): resumes the walk at this page URL (a `nextPageURL()` an
   * earlier page gave) instead of the first page. It is
   * requested as it is, without the params' query, and only on the base URL's origin.
   */
  pageURL?: string | undefined;
}

export interface BuiltRequest {
  method: string;
  url: string;
  headers: Headers;
  body: RequestBody | undefined;
  /** False when the body is a one-shot stream (an upload being read): the request is then not retried. */
  replayable: boolean;
}

export interface BuildInput {
  baseURL: string;
  /** Lowest precedence: user agent, auth, accept. */
  baseHeaders: Record<string, string>;
  /** The environment's custom headers (`OPENAI_CUSTOM_HEADERS`), beneath the client's default headers. */
  envHeaders?: HeadersInput | undefined;
  defaultHeaders?: HeadersInput | undefined;
  defaultQuery?: Record<string, unknown> | undefined;
  /** Highest precedence: per-request headers. */
  headers?: HeadersInput | undefined;
  query?: Record<string, unknown> | undefined;
  /** Set on non-GET requests; reused by every retry of this request. */
  idempotencyKey?: string | undefined;
  idempotencyHeader?: string | undefined;
  /** Per-request `path` and `body` options (see RequestOptions). */
  path?: string | undefined;
  body?: unknown;
  /** Multipart boundary maker; default random (tests inject a fixed one). */
  boundary?: (() => string) | undefined;
  /** How multipart and form bodies spell arrays and objects (default `openapi`). */
  formStyle?: FormStyle | undefined;
  /**
   * `path` is a next link whose own query says what to list: no query param of
   * the operation goes in again (nor an undeclared one), only a fixed one
   * (`api-version`) the link lacks, and `defaultQuery` and `query`.
   */
  linked?: boolean | undefined;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Headers written one per line, `Name: value` (an environment variable's
 * form, as openai-node reads `OPENAI_CUSTOM_HEADERS`); a line without a
 * colon or a name is skipped.
 */
export function parseHeaderLines(text: string | undefined): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const line of text?.split(/\r?\n/) ?? []) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (name) pairs.push([name, line.slice(colon + 1).trim()]);
  }
  return pairs;
}

/** The name-value pairs of a headers input, in order (a null or undefined value deletes the header). */
export function headerEntries(src: HeadersInput): Array<[string, string | null | undefined]> {
  return src instanceof Headers ? Array.from(src.entries()) : Array.isArray(src) ? src : Object.entries(src);
}

/** Applies headers in order; null/undefined values delete. */
export function applyHeaders(target: Headers, src: HeadersInput | undefined): void {
  if (!src) return;
  for (const [k, v] of headerEntries(src)) {
    if (v === null || v === undefined) target.delete(k);
    else target.set(k, v);
  }
}

/** Substitutes and percent-encodes path params; a missing one is an error naming it. */
export function buildPath(op: OperationSpec, params: Record<string, unknown>): string {
  let i = 0;
  return op.path.replace(PLACEHOLDER, (_m, placeholder: string) => {
    // Params are given in template order; fall back to the placeholder's own name.
    const name = op.pathParams[i++] ?? placeholder;
    const value = params[name];
    const missing = () =>
      new ClientError(
        `Missing required path parameter "${name}" for ${op.key} (${op.method.toUpperCase()} ${op.path}).`,
      );
    if (value === undefined || value === null || value === '') throw missing();
    const styled = op.pathStyles?.[name];
    if (styled || typeof value === 'object') {
      // An empty array or object would leave an empty segment, as an empty string would.
      const text = styledValue(
        value,
        styled?.style ?? 'simple',
        styled?.explode === true,
        placeholder,
        encodeURIComponent,
      );
      if (text === '') throw missing();
      return text;
    }
    if (
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'bigint' &&
      typeof value !== 'boolean'
    ) {
      throw new ClientError(
        `Path parameter "${name}" for ${op.key} must be a string, number, boolean, array or object, got ${typeof value}.`,
      );
    }
    return encodeURIComponent(String(value));
  });
}

/**
 * Joins base URL and path without doubling or losing the slash; an absolute URL as path replaces the base.
 * A path that carries a fixed query (`/responses?beta=true`) keeps it, before the params' query.
 */
export function joinURL(baseURL: string, path: string, query: string): string {
  const base = baseURL.endsWith('/') ? baseURL.slice(0, -1) : baseURL;
  const target = /^[a-z][a-z\d+.-]*:\/\//i.test(path) ? path : `${base}${path.startsWith('/') ? path : `/${path}`}`;
  return query ? `${target}${target.includes('?') ? '&' : '?'}${query}` : target;
}

/** An object literal (not a Blob, FormData, URLSearchParams, bytes…). */
function isLiteralObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A `body` option that is sent as it is rather than encoded: neither an object literal nor an array. */
function isRawBody(value: unknown): value is BodyInit {
  return value !== undefined && value !== null && !isLiteralObject(value) && !Array.isArray(value);
}

/** Param names the operation itself places: path, query, header and cookie params, and a body's own fields. */
function declaredParams(op: OperationSpec): Set<string> {
  return new Set<string>([
    ...op.pathParams,
    ...Object.keys(op.query ?? {}),
    ...Object.keys(op.headers ?? {}),
    ...Object.keys(op.cookies ?? {}),
    ...Object.keys(op.body?.fields ?? {}),
    ...(op.body?.whole !== undefined ? [op.body.whole] : []),
  ]);
}

/**
 * Params the operation does not declare (passed with `// @ts-expect-error`, as
 * openai-node's README shows for a field newer than the spec), sent as given
 * rather than dropped: in the body of an operation that has one, else (and
 * always for GET and HEAD) in the query, as openai-node sends them.
 */
function undeclaredParams(op: OperationSpec, params: Record<string, unknown>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  const declared = declaredParams(op);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && !declared.has(name)) (out ??= {})[name] = value;
  }
  return out;
}

/** True when undeclared params go in the body: a method other than GET/HEAD whose body is an object of fields. */
function extrasInBody(op: OperationSpec): boolean {
  return op.method !== 'get' && op.method !== 'head' && op.body !== undefined && op.body.whole === undefined;
}

/** The JSON-able body object, or undefined when the op sends none. */
export function buildBodyValue(op: OperationSpec, params: Record<string, unknown>): unknown {
  const spec = op.body;
  if (!spec) return undefined;
  if (spec.whole) return params[spec.whole];
  const out: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(spec.fields ?? {})) if (params[name] !== undefined) out[key] = params[name];
  // Every param the operation places nowhere else: a free-form body's fields, or ones it does not declare (a
  // declared field's wire key wins over an undeclared param of the same name).
  if (extrasInBody(op)) {
    for (const [name, value] of Object.entries(undeclaredParams(op, params) ?? {})) {
      if (!Object.prototype.hasOwnProperty.call(out, name)) out[name] = value;
    }
  }
  return out;
}

/**
 * `params` is typed `object` so generated interfaces (which have no index
 * signature) pass without casts; it is read as a string-keyed record.
 */
export function buildRequest(op: OperationSpec, params: object | null | undefined, input: BuildInput): BuiltRequest {
  if (params !== undefined && params !== null && !isPlainObject(params)) {
    throw new ClientError(
      `Params for ${op.key} must be an object, got ${Array.isArray(params) ? 'an array' : typeof params}.`,
    );
  }
  const p = withFixed(op, (params ?? {}) as Record<string, unknown>);
  const path = input.path ?? buildPath(op, p);
  // Undeclared params of an operation without a body of fields (every GET) go in the query, under their own names.
  const queryExtras = extrasInBody(op) || input.linked ? undefined : undeclaredParams(op, p);
  const specs = input.linked ? fixedQueryMissingFrom(op, path) : op.query;
  const query = buildQuery(specs, p, queryExtras, input.defaultQuery, input.query);
  const headers = new Headers();
  applyHeaders(headers, input.baseHeaders);
  let body: RequestBody | undefined;
  let replayable = true;
  if (isRawBody(input.body)) {
    // The `body` option as it is; a string is taken to be in the operation's media type (headers may say otherwise).
    body = input.body as RequestBody;
    replayable = !isReadableStream(body);
    if (typeof body === 'string' && op.body) headers.set('content-type', op.body.contentType);
  } else {
    // The `body` option's fields merge over the method's body (an array replaces it, null drops it).
    const own = buildBodyValue(op, p);
    const value =
      input.body === undefined
        ? own
        : input.body === null
          ? undefined
          : isLiteralObject(input.body) && isPlainObject(own)
            ? { ...own, ...input.body }
            : input.body;
    if ((op.body || input.body !== undefined) && value !== undefined) {
      if (op.body) checkFileFields(op.body, p, op.key);
      const enc = encodeBody(op.body ?? { contentType: 'application/json' }, value, {
        key: op.key,
        boundary: input.boundary ?? randomBoundary,
        formStyle: input.formStyle,
      });
      body = enc.body;
      replayable = enc.replayable;
      if (enc.contentType) headers.set('content-type', enc.contentType);
    }
  }
  if (input.idempotencyKey && input.idempotencyHeader) headers.set(input.idempotencyHeader, input.idempotencyKey);
  applyHeaders(headers, input.envHeaders);
  applyHeaders(headers, input.defaultHeaders);
  if (op.headers) {
    for (const [name, header] of Object.entries(op.headers)) {
      const v = p[name];
      // OpenAPI's `simple` style: an array comma-joined (`openai-beta: a,b`), an object as `k,v` (exploded `k=v`) pairs.
      if (v !== undefined && v !== null)
        headers.set(
          header,
          styledValue(v, 'simple', op.explodedHeaders?.includes(name) === true, header, (text) => text),
        );
    }
  }
  if (op.cookies) {
    const pairs = cookiePairs(op.cookies, p);
    if (pairs) headers.set('cookie', [headers.get('cookie'), pairs].filter(Boolean).join('; '));
  }
  applyHeaders(headers, input.headers);
  return { method: op.method.toUpperCase(), url: joinURL(input.baseURL, path, query), headers, body, replayable };
}

/**
 * The fixed query params (Azure's `api-version`) a next link does not carry:
 * a server may leave them out of its links, and Azure's own SDKs add the
 * version to a link that lacks it. One the link carries is not sent twice.
 */
function fixedQueryMissingFrom(op: OperationSpec, link: string): OperationSpec['query'] {
  if (!op.fixed || !op.query) return undefined;
  const present = new URLSearchParams(link.includes('?') ? link.slice(link.indexOf('?') + 1).split('#')[0] : '');
  const out: NonNullable<OperationSpec['query']> = {};
  for (const [name, spec] of Object.entries(op.query)) {
    if (op.fixed[name] !== undefined && !present.has(spec.wire)) out[name] = spec;
  }
  return out;
}

/** `params` with the operation's fixed values where a param is not given (undefined); a given one wins, null included. */
function withFixed(op: OperationSpec, params: Record<string, unknown>): Record<string, unknown> {
  if (!op.fixed) return params;
  const out = { ...params };
  for (const [name, value] of Object.entries(op.fixed)) if (out[name] === undefined) out[name] = value;
  return out;
}

/**
 * Cookie params as `name=value` pairs (`; `-separated), values percent-encoded
 * as a cookie value allows no space, comma, semicolon or quote (an array is
 * comma-joined first, OpenAPI's `form` without explode); empty when none is set.
 */
function cookiePairs(cookies: Record<string, string>, params: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [name, cookie] of Object.entries(cookies)) {
    const v = params[name];
    if (v === undefined || v === null) continue;
    const text = Array.isArray(v) ? v.map(scalarText).join(',') : scalarText(v);
    pairs.push(`${cookie}=${encodeURIComponent(text)}`);
  }
  return pairs.join('; ');
}

/** A v4 UUID from Web Crypto when present, else from Math.random (keys only need uniqueness). */
export function uuid4(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => {
    const r = (Math.random() * 16) | 0;
    return (ch === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}
