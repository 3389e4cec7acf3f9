/**
 * An API key scheme in a header (or cookie) whose name is no HTTP token
 * (`Partner API Key`, as a display name where the header name goes): the
 * client set that header, `Headers.set` threw, and every call of an operation
 * that accepted the scheme failed before a request (the CLI's dry run left
 * the key out without a word). The scheme is now one the packages cannot
 * send, reported where it is declared: an operation with another scheme sends
 * that one's key, one with none left is called without a key.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import type { Built, Imported } from '../support/pipeline.js';
import { clientMethod, entries, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('an API key scheme whose header name is no HTTP token', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('unsendable-scheme-name', join(tempDir('unsendable-scheme-name'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Docs', version: '1' },
      servers: [{ url }],
      components: {
        securitySchemes: {
          partnerKey: { type: 'apiKey', in: 'header', name: 'Partner API Key' },
          sessionKey: { type: 'apiKey', in: 'cookie', name: 'session key' },
          tokenKey: { type: 'apiKey', in: 'header', name: 'X-Token' },
        },
      },
      security: [{ partnerKey: [] }, { tokenKey: [] }],
      paths: {
        '/documents': { get: { operationId: 'listDocuments', responses: ok } },
        '/compile': { post: { operationId: 'compile', security: [{ partnerKey: [] }, { sessionKey: [] }], responses: ok } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is not represented, reported where it is declared', () => {
    expect(imported.spec.auth.map((a) => a.name)).toEqual(['tokenKey']);
    expect(op(imported.spec, 'post', '/compile').security).toEqual([]);
    expect(entries(imported.report, 'auth-scheme')).toEqual([
      '/components/securitySchemes/partnerKey: Security scheme `partnerKey` (apiKey in header) is not represented: its header name `Partner API Key` is no HTTP token, so no request can carry it.',
      '/components/securitySchemes/sessionKey: Security scheme `sessionKey` (apiKey in cookie) is not represented: its cookie name `session key` is no HTTP token, so no request can carry it.',
    ]);
  });

  it('no longer stops the calls: the other key is sent, or none', async () => {
    process.env['DOC_TOKEN_KEY'] = 'tok';
    try {
      await (await clientMethod(built, op(imported.spec, 'get', '/documents')))();
      expect(rec.requests.at(-1)!.headers['x-token']).toBe('tok');
      await (await clientMethod(built, op(imported.spec, 'post', '/compile')))();
    } finally {
      delete process.env['DOC_TOKEN_KEY'];
    }
    const sent = rec.requests.at(-1)!;
    expect([sent.method, sent.path, sent.headers['x-token'], sent.headers.cookie]).toEqual(['POST', '/compile', undefined, undefined]);
  });
});
