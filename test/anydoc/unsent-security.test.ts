/**
 * An operation whose only security scheme is one the packages cannot send
 * (Conjur's Kubernetes login over mutual TLS) asked for one of the API's
 * other keys that the client never sends it: with two keys, every call
 * failed before a request ("needs a key this client does not have"). It is
 * called without a key now (a client certificate goes with `fetchOptions`),
 * reported; the operations of the other schemes keep them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import type { Built, Imported } from '../support/pipeline.js';
import { clientMethod, entries, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('an operation whose schemes the packages cannot send', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('unsent-security', join(tempDir('unsent-security'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Vault', version: '1' },
      servers: [{ url }],
      components: { securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' }, tokenAuth: { type: 'apiKey', in: 'header', name: 'X-Token' }, kubeTls: { type: 'mutualTLS' } } },
      security: [{ basicAuth: [] }, { tokenAuth: [] }],
      paths: {
        '/secrets': { get: { operationId: 'listSecrets', responses: ok } },
        '/kube/login': { get: { operationId: 'kubeLogin', security: [{ kubeTls: [] }], responses: ok } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('needs no key, reported; the others keep theirs', () => {
    expect(op(imported.spec, 'get', '/kube/login').security).toEqual([]);
    expect(op(imported.spec, 'get', '/secrets').security).toEqual(['basicAuth', 'tokenAuth']);
    expect(entries(imported.report, 'security-unsent')).toEqual(['/paths/~1kube~1login/get: Its security schemes (`kubeTls`) are not represented: it is called without a key.']);
  });

  it('is called with the keys the client has, none sent', async () => {
    process.env['VAULT_TOKEN_AUTH'] = 'tok';
    try {
      await (await clientMethod(built, op(imported.spec, 'get', '/kube/login')))();
    } finally {
      delete process.env['VAULT_TOKEN_AUTH'];
    }
    const sent = rec.requests.at(-1)!;
    expect([sent.path, sent.headers['x-token'], sent.headers.authorization]).toEqual(['/kube/login', undefined, undefined]);
  });
});
