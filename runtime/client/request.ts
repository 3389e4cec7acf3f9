/**
 * Turns an OperationSpec plus a params object into a concrete HTTP request:
 * URL (path + query), headers and body. Pure apart from the idempotency key.
 */
import { ClientError } from './errors.js';
import type { OperationSpec } from './operation.js';
import { buildQuery, scalarText } from './query.js';

/** Headers as callers may give them; a null value removes a header. */
export type HeadersInput = Headers | Record<string, string | null | undefined> | Array<[string, string]>;

/** Per-request options, the same names as openai-node's. */
export interface RequestOptions {
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
}

export interface BuiltRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | FormData | undefined;
}

export interface BuildInput {
  baseURL: string;
  /** Lowest precedence: user agent, auth, accept. */
  baseHeaders: Record<string, string>;
  defaultHeaders?: HeadersInput | undefined;
  defaultQuery?: Record<string, unknown> | undefined;
  /** Highest precedence: per-request headers. */
  headers?: HeadersInput | undefined;
  query?: Record<string, unknown> | undefined;
  /** Set on non-GET requests; reused by every retry of this request. */
  idempotencyKey?: string | undefined;
  idempotencyHeader?: string | undefined;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applies headers in order; null/undefined values delete. */
export function applyHeaders(target: Headers, src: HeadersInput | undefined): void {
  if (!src) return;
  const entries: Array<[string, string | null | undefined]> =
    src instanceof Headers ? Array.from(src.entries()) : Array.isArray(src) ? src : Object.entries(src);
  for (const [k, v] of entries) {
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
    if (value === undefined || value === null || value === '') {
      throw new ClientError(
        `Missing required path parameter "${name}" for ${op.key} (${op.method.toUpperCase()} ${op.path}).`,
      );
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
      throw new ClientError(`Path parameter "${name}" for ${op.key} must be a string or number, got ${typeof value}.`);
    }
    return encodeURIComponent(String(value));
  });
}

/** Joins base URL and path without doubling or losing the slash. */
export function joinURL(baseURL: string, path: string, query: string): string {
  const base = baseURL.endsWith('/') ? baseURL.slice(0, -1) : baseURL;
  const rel = path.startsWith('/') ? path : `/${path}`;
  return query ? `${base}${rel}?${query}` : `${base}${rel}`;
}

/** The JSON-able body object, or undefined when the op sends none. */
export function buildBodyValue(op: OperationSpec, params: Record<string, unknown>): unknown {
  const spec = op.body;
  if (!spec) return undefined;
  if (spec.whole) return params[spec.whole];
  const out: Record<string, unknown> = {};
  if (spec.fields) {
    for (const [name, key] of Object.entries(spec.fields)) if (params[name] !== undefined) out[key] = params[name];
    return out;
  }
  // A free-form body: every param that is not path, query or header goes in.
  const taken = new Set<string>([...op.pathParams, ...Object.keys(op.query ?? {}), ...Object.keys(op.headers ?? {})]);
  for (const [name, value] of Object.entries(params)) if (!taken.has(name) && value !== undefined) out[name] = value;
  return out;
}

function encodeBody(contentType: string, value: unknown): { body: string | FormData; contentType?: string } {
  if (/json/i.test(contentType)) return { body: JSON.stringify(value), contentType };
  if (/x-www-form-urlencoded/i.test(contentType) && isPlainObject(value)) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) form.append(k, scalarText(v));
    return { body: form.toString(), contentType };
  }
  if (/multipart\/form-data/i.test(contentType) && isPlainObject(value)) {
    // fetch sets the multipart boundary itself, so no Content-Type here.
    const form = new FormData();
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      if (v instanceof Blob) form.append(k, v);
      else form.append(k, scalarText(v));
    }
    return { body: form };
  }
  return { body: typeof value === 'string' ? value : JSON.stringify(value), contentType };
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
  const p = (params ?? {}) as Record<string, unknown>;
  const path = buildPath(op, p);
  const query = buildQuery(op.query, p, input.defaultQuery, input.query);
  const headers = new Headers();
  applyHeaders(headers, input.baseHeaders);
  let body: string | FormData | undefined;
  const bodyValue = buildBodyValue(op, p);
  if (op.body && bodyValue !== undefined) {
    const enc = encodeBody(op.body.contentType, bodyValue);
    body = enc.body;
    if (enc.contentType) headers.set('content-type', enc.contentType);
  }
  if (input.idempotencyKey && input.idempotencyHeader) headers.set(input.idempotencyHeader, input.idempotencyKey);
  applyHeaders(headers, input.defaultHeaders);
  if (op.headers) {
    for (const [name, header] of Object.entries(op.headers)) {
      const v = p[name];
      if (v !== undefined && v !== null) headers.set(header, scalarText(v));
    }
  }
  applyHeaders(headers, input.headers);
  return { method: op.method.toUpperCase(), url: joinURL(input.baseURL, path, query), headers, body };
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
