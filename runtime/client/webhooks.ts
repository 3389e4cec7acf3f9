/**
 * Webhook verification per Standard Webhooks (https://www.standardwebhooks.com),
 * with openai-node's names: `unwrap()` verifies and parses, `verifySignature()`
 * only verifies.
 *
 * - Headers `webhook-id`, `webhook-timestamp` (Unix seconds), `webhook-signature`.
 * - The signature is base64 HMAC-SHA256, keyed by the secret, over
 *   `${id}.${timestamp}.${payload}`; the header holds one or more
 *   space-separated `v1,<base64>` entries, and any one matching is enough.
 * - A `whsec_` secret is base64 after the prefix; any other secret is used as
 *   its UTF-8 bytes (as openai-node does).
 * - The timestamp must be within `tolerance` seconds (default 300) of now,
 *   either way, against replays.
 *
 * Comparison is Web Crypto's `subtle.verify`, which is constant-time, so this
 * runs in Node, Deno, Bun, workers and browsers alike.
 */
import { APIResource } from './resource.js';
import { ClientError } from './errors.js';
import type { HeadersInput } from './request.js';

export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookErrorReason =
  'missing_header' | 'invalid_timestamp' | 'timestamp_too_old' | 'timestamp_too_new' | 'signature_mismatch';

/** The webhook is not proven to come from the API. `reason` says which check failed. */
export class InvalidWebhookSignatureError extends ClientError {
  readonly reason: WebhookErrorReason;
  /** The missing header, for `missing_header`. */
  readonly header: string | undefined;

  constructor(reason: WebhookErrorReason, message: string, header?: string) {
    super(message);
    this.reason = reason;
    this.header = header;
  }
}

/** Headers as web frameworks give them: Headers, a Node IncomingHttpHeaders record (any case), or pairs. */
export type WebhookHeaders = HeadersInput | Record<string, string | string[] | null | undefined>;

export interface VerifyOptions {
  /** Seconds the timestamp may differ from now; default 300. */
  tolerance?: number;
  /** Current time in ms, for tests; default Date.now(). */
  now?: number;
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const entries: Array<[string, unknown]> = Array.isArray(headers)
    ? headers
    : Object.entries(headers as Record<string, unknown>);
  for (const [k, v] of entries) {
    if (k.toLowerCase() !== name) continue;
    if (Array.isArray(v)) return v.join(' ');
    if (v !== undefined && v !== null) return String(v);
  }
  return undefined;
}

function requireHeader(headers: WebhookHeaders, name: string): string {
  const v = headerValue(headers, name);
  if (v === undefined || v === '')
    throw new InvalidWebhookSignatureError('missing_header', `Missing required header: ${name}`, name);
  return v;
}

function subtle(): SubtleCrypto {
  const s = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!s || typeof s.importKey !== 'function' || typeof s.verify !== 'function') {
    throw new ClientError(
      'Webhook verification needs Web Crypto (globalThis.crypto.subtle): Node 20+, Deno, Bun, workers or a browser.',
    );
  }
  return s;
}

/** Strict base64 (standard alphabet, optional padding) → bytes; undefined when malformed. */
export function base64Bytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function secretBytes(secret: string): Uint8Array {
  if (!secret.startsWith('whsec_')) return new TextEncoder().encode(secret);
  const bytes = base64Bytes(secret.slice('whsec_'.length));
  if (!bytes || bytes.length === 0)
    throw new ClientError('The webhook secret starts with whsec_ but the rest is not base64.');
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The bytes that were signed: `id.timestamp.` then the payload exactly as received. */
function signedBytes(id: string, timestamp: string, payload: string | Uint8Array | ArrayBuffer): Uint8Array {
  const encoder = new TextEncoder();
  const body =
    typeof payload === 'string'
      ? encoder.encode(payload)
      : payload instanceof ArrayBuffer
        ? new Uint8Array(payload)
        : payload;
  return concat([encoder.encode(`${id}.${timestamp}.`), body]);
}

/**
 * Throws InvalidWebhookSignatureError unless the headers carry a valid,
 * fresh signature of `payload` (the raw body: verify before parsing, since
 * re-serialized JSON would not match).
 */
export async function verifyWebhookSignature(
  payload: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  secret: string | null | undefined,
  options: VerifyOptions = {},
): Promise<void> {
  if (typeof secret !== 'string' || secret === '')
    throw new ClientError('No webhook secret: pass one, or set it on the client.');
  const tolerance = options.tolerance ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new ClientError('The webhook tolerance must be a non-negative number of seconds.');
  const crypto = subtle();
  const signatureHeader = requireHeader(headers, 'webhook-signature');
  const timestamp = requireHeader(headers, 'webhook-timestamp');
  const id = requireHeader(headers, 'webhook-id');

  if (!/^\d{1,15}$/.test(timestamp.trim())) {
    throw new InvalidWebhookSignatureError(
      'invalid_timestamp',
      `Invalid webhook timestamp format: expected Unix seconds, got ${JSON.stringify(timestamp.slice(0, 40))}`,
    );
  }
  const sentAt = Number(timestamp.trim());
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (now - sentAt > tolerance)
    throw new InvalidWebhookSignatureError(
      'timestamp_too_old',
      `Webhook timestamp is too old: ${now - sentAt} s ago, tolerance ${tolerance} s`,
    );
  if (sentAt - now > tolerance)
    throw new InvalidWebhookSignatureError(
      'timestamp_too_new',
      `Webhook timestamp is too new: ${sentAt - now} s in the future, tolerance ${tolerance} s`,
    );

  // The byte arrays are all freshly allocated (never shared memory); the casts only satisfy TS 5.7+'s BufferSource.
  const key = await crypto.importKey(
    'raw',
    secretBytes(secret) as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const data = signedBytes(id, timestamp, payload) as BufferSource;
  for (const entry of signatureHeader.split(' ')) {
    const comma = entry.indexOf(',');
    // Only v1 (HMAC-SHA256) entries count; other versions are skipped, as the spec says.
    if (comma === -1 || entry.slice(0, comma) !== 'v1') continue;
    const signature = base64Bytes(entry.slice(comma + 1));
    if (!signature) continue;
    if (await crypto.verify('HMAC', key, signature as BufferSource, data)) return;
  }
  throw new InvalidWebhookSignatureError(
    'signature_mismatch',
    'The given webhook signature does not match the expected signature',
  );
}

/** Verifies, then parses the payload as JSON. */
export async function unwrapWebhook<T = unknown>(
  payload: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  secret: string | null | undefined,
  options: VerifyOptions = {},
): Promise<T> {
  await verifyWebhookSignature(payload, headers, secret, options);
  return parsePayload<T>(payload);
}

function parsePayload<T>(payload: string | Uint8Array | ArrayBuffer): T {
  const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  return JSON.parse(text) as T;
}

/**
 * Base of the generated `client.webhooks` resource; the generated subclass
 * fixes `Event` to the document's webhook event union.
 */
export class Webhooks<Event = unknown> extends APIResource {
  /** Verifies the webhook came from the API and returns its parsed event. */
  async unwrap(
    payload: string | Uint8Array | ArrayBuffer,
    headers: WebhookHeaders,
    secret?: string | null,
    tolerance?: number,
  ): Promise<Event> {
    await this.verifySignature(payload, headers, secret, tolerance);
    return parsePayload<Event>(payload);
  }

  /** Throws InvalidWebhookSignatureError unless the webhook came from the API. */
  async verifySignature(
    payload: string | Uint8Array | ArrayBuffer,
    headers: WebhookHeaders,
    secret?: string | null,
    tolerance?: number,
  ): Promise<void> {
    const key = secret ?? this._client.webhookSecret;
    if (typeof key !== 'string' || key === '')
      throw new ClientError(`No webhook secret: ${this._client._webhookSecretHint()}, or pass it to this method.`);
    await verifyWebhookSignature(payload, headers, key, tolerance === undefined ? {} : { tolerance });
  }
}
