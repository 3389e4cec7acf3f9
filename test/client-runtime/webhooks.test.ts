import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APIClient, ClientError, InvalidWebhookSignatureError, unwrapWebhook, verifyWebhookSignature } from '../../runtime/client/index.js';
import { Webhooks } from '../../runtime/client/webhooks.js';
import { KEY, META } from './support/fixtures.js';

/** Standard Webhooks' published example: the signature is known, not computed here. */
const KNOWN = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const knownHeaders = { 'webhook-id': KNOWN.id, 'webhook-timestamp': KNOWN.timestamp, 'webhook-signature': KNOWN.signature };
const atKnownTime = { now: Number(KNOWN.timestamp) * 1000 };

/** Signs independently of the runtime, with node:crypto. */
function sign(secretBytes: Buffer, id: string, timestamp: string, payload: string | Buffer): string {
  return createHmac('sha256', secretBytes).update(`${id}.${timestamp}.`).update(payload).digest('base64');
}

const rawSecret = randomBytes(32);
const SECRET = `whsec_${rawSecret.toString('base64')}`;
const PAYLOAD = JSON.stringify({ id: 'evt_1', object: 'event', type: 'response.completed', created_at: 1, data: { id: 'resp_1' }, note: 'é😀' });

function headersFor(payload: string | Buffer, options: { ts?: number; id?: string; secret?: Buffer } = {}) {
  const ts = String(options.ts ?? Math.floor(Date.now() / 1000));
  const id = options.id ?? 'wh_123';
  return { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': `v1,${sign(options.secret ?? rawSecret, id, ts, payload)}` };
}

async function reasonOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidWebhookSignatureError);
  return (err as InvalidWebhookSignatureError).reason;
}

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env['TEST_WEBHOOK_SECRET'];
});

describe('signature verification (Standard Webhooks)', () => {
  it('accepts the published test vector', async () => {
    await expect(verifyWebhookSignature(KNOWN.payload, knownHeaders, KNOWN.secret, atKnownTime)).resolves.toBeUndefined();
    expect(await unwrapWebhook(KNOWN.payload, knownHeaders, KNOWN.secret, atKnownTime)).toEqual({ test: 2432232314 });
  });

  it('rejects the vector with one payload byte changed, or a signature for another id', async () => {
    expect(await reasonOf(verifyWebhookSignature('{"test": 2432232315}', knownHeaders, KNOWN.secret, atKnownTime))).toBe('signature_mismatch');
    expect(await reasonOf(verifyWebhookSignature(KNOWN.payload, { ...knownHeaders, 'webhook-id': 'msg_other' }, KNOWN.secret, atKnownTime))).toBe('signature_mismatch');
  });

  it('verifies signatures computed by node:crypto, for string and byte payloads', async () => {
    await verifyWebhookSignature(PAYLOAD, headersFor(PAYLOAD), SECRET);
    await verifyWebhookSignature(Buffer.from(PAYLOAD), headersFor(PAYLOAD), SECRET);
    expect(await unwrapWebhook(new TextEncoder().encode(PAYLOAD), headersFor(PAYLOAD), SECRET)).toEqual(JSON.parse(PAYLOAD));
  });

  it('accepts any matching entry of several space-separated signatures, and skips other versions', async () => {
    const h = headersFor(PAYLOAD);
    const wrong = sign(randomBytes(32), 'wh_123', h['webhook-timestamp'], PAYLOAD);
    await verifyWebhookSignature(PAYLOAD, { ...h, 'webhook-signature': `v1,${wrong} v1a,xyz v2,${wrong} ${h['webhook-signature']}` }, SECRET);
    expect(await reasonOf(verifyWebhookSignature(PAYLOAD, { ...h, 'webhook-signature': `v1,${wrong} v1,not-base64!` }, SECRET))).toBe('signature_mismatch');
    // The right signature under another version tag does not count.
    expect(await reasonOf(verifyWebhookSignature(PAYLOAD, { ...h, 'webhook-signature': h['webhook-signature'].replace('v1,', 'v2,') }, SECRET))).toBe('signature_mismatch');
  });

  it('a secret without whsec_ is used as its UTF-8 bytes', async () => {
    const plain = 'my-plain-secret';
    await verifyWebhookSignature(PAYLOAD, headersFor(PAYLOAD, { secret: Buffer.from(plain) }), plain);
  });

  it('gives a distinct error for each missing header', async () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const h: Record<string, string> = { ...headersFor(PAYLOAD) };
      delete h[name];
      const err = await verifyWebhookSignature(PAYLOAD, h, SECRET).catch((e: InvalidWebhookSignatureError) => e);
      expect(err).toBeInstanceOf(InvalidWebhookSignatureError);
      expect((err as InvalidWebhookSignatureError).reason).toBe('missing_header');
      expect((err as InvalidWebhookSignatureError).header).toBe(name);
      expect((err as Error).message).toBe(`Missing required header: ${name}`);
    }
  });

  it('a malformed timestamp is invalid_timestamp', async () => {
    for (const ts of ['abc', '1614265330.5', '-1', '12e3', '']) {
      const h = { ...headersFor(PAYLOAD), 'webhook-timestamp': ts };
      expect(await reasonOf(verifyWebhookSignature(PAYLOAD, h, SECRET)), ts).toBe(ts === '' ? 'missing_header' : 'invalid_timestamp');
    }
  });

  it('an old or future timestamp is rejected outside the tolerance (300 s by default, configurable)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await reasonOf(verifyWebhookSignature(PAYLOAD, headersFor(PAYLOAD, { ts: now - 301 }), SECRET))).toBe('timestamp_too_old');
    expect(await reasonOf(verifyWebhookSignature(PAYLOAD, headersFor(PAYLOAD, { ts: now + 301 }), SECRET))).toBe('timestamp_too_new');
    await verifyWebhookSignature(PAYLOAD, headersFor(PAYLOAD, { ts: now - 290 }), SECRET);
    await verifyWebhookSignature(PAYLOAD, headersFor(PAYLOAD, { ts: now - 3000 }), SECRET, { tolerance: 3600 });
    expect(await reasonOf(verifyWebhookSignature(PAYLOAD, headersFor(PAYLOAD, { ts: now - 20 }), SECRET, { tolerance: 10 }))).toBe('timestamp_too_old');
  });

  it('reads headers from Headers, Node-style records in any case, and pairs', async () => {
    const h = headersFor(PAYLOAD);
    await verifyWebhookSignature(PAYLOAD, new Headers(h), SECRET);
    await verifyWebhookSignature(PAYLOAD, { 'Webhook-Id': h['webhook-id'], 'WEBHOOK-TIMESTAMP': h['webhook-timestamp'], 'webhook-signature': [h['webhook-signature']] }, SECRET);
    await verifyWebhookSignature(PAYLOAD, Object.entries(h), SECRET);
  });

  it('compares with Web Crypto subtle.verify (constant time), never by string equality', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'verify');
    await verifyWebhookSignature(PAYLOAD, headersFor(PAYLOAD), SECRET);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toBe('HMAC');
  });
});

describe('client.webhooks', () => {
  const meta = { ...META, webhookSecretEnv: 'TEST_WEBHOOK_SECRET' };
  class TestClient extends APIClient {
    webhooks = new Webhooks<{ id: string; type: string }>(this);
  }

  it('takes the secret from the webhookSecret option', async () => {
    const client = new TestClient({ apiKey: KEY, webhookSecret: SECRET }, meta);
    const event = await client.webhooks.unwrap(PAYLOAD, headersFor(PAYLOAD));
    expect(event.type).toBe('response.completed');
  });

  it('else from the environment variable the metadata names', async () => {
    process.env['TEST_WEBHOOK_SECRET'] = SECRET;
    const client = new TestClient({ apiKey: KEY }, meta);
    await client.webhooks.verifySignature(PAYLOAD, headersFor(PAYLOAD));
    expect(client.webhookSecret).toBe(SECRET);
    expect(inspect(client, { depth: 4 })).not.toContain(SECRET.slice(6));
  });

  it('a secret passed to the method wins; the tolerance argument is honoured', async () => {
    const client = new TestClient({ apiKey: KEY, webhookSecret: 'whsec_AAAA' }, meta);
    await client.webhooks.verifySignature(PAYLOAD, headersFor(PAYLOAD), SECRET);
    const old = headersFor(PAYLOAD, { ts: Math.floor(Date.now() / 1000) - 1000 });
    expect(await reasonOf(client.webhooks.verifySignature(PAYLOAD, old, SECRET))).toBe('timestamp_too_old');
    await client.webhooks.verifySignature(PAYLOAD, old, SECRET, 2000);
  });

  it('with no secret anywhere, the error says where to put one', async () => {
    const client = new TestClient({ apiKey: KEY }, meta);
    const err = await client.webhooks.unwrap(PAYLOAD, headersFor(PAYLOAD)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect(err).not.toBeInstanceOf(InvalidWebhookSignatureError);
    expect((err as Error).message).toBe('No webhook secret: pass `webhookSecret` to the client or set the TEST_WEBHOOK_SECRET environment variable, or pass it to this method.');
  });
});
