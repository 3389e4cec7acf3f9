/**
 * The idempotency header: a client sends a generated key on every write only
 * when the API asks for one, by its target config (`idempotencyHeader`, as
 * the OpenAI targets set `Idempotency-Key`) or by a header its operations
 * declare. Any other API gets no such header: one it does not ask for may be
 * refused, and in a browser it makes every write need a CORS preflight. It
 * used to go to every API. A README says so, and has no Pagination section
 * for an API without lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { entries, recordedApi, tempDir } from './support.js';

const created = { '201': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };
const body = { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } };

describe('the idempotency header', () => {
  const recorders: Recorder[] = [];
  afterAll(async () => Promise.all(recorders.map((r) => r.close())));

  it('is not sent to an API that does not ask for it; the README offers no idempotencyKey and no pagination', async () => {
    const { built, rec } = await recordedApi('idempotency-none', join(tempDir('idempotency-none'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Plain', version: '1' },
      servers: [{ url }],
      paths: { '/things': { post: { operationId: 'createThing', requestBody: body, responses: created } } },
    }));
    recorders.push(rec);
    const { default: Plain } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Plain().things.create({ name: 'a' });
    expect(Object.keys(rec.requests.at(-1)!.headers).filter((h) => /idempotency/i.test(h))).toEqual([]);
    const readme = readFileSync(join(built.dir, 'client/README.md'), 'utf8');
    expect(readme).not.toMatch(/idempotencyKey|Idempotency-Key/);
    expect(readme).not.toMatch(/## Pagination|page promise|someResource/);
  });

  it('is sent, the same across retries, to an API whose operations declare it', async () => {
    const { imported, built, rec } = await recordedApi('idempotency-declared', join(tempDir('idempotency-declared'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Payments', version: '1' },
      servers: [{ url }],
      paths: {
        '/payments': {
          post: { operationId: 'createPayment', parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }], requestBody: body, responses: created },
        },
      },
    }));
    recorders.push(rec);
    expect(imported.spec.idempotencyHeader).toBe('Idempotency-Key');
    expect(entries(imported.report, 'idempotency-header')).toHaveLength(1);
    rec.reset();
    rec.enqueue({ status: 500, body: { error: 'try again' } });
    const { default: Payments } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Payments({ maxRetries: 1 }).payments.create({ name: 'a' }, { timeout: 5_000 });
    const keys = rec.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^payments-retry-/);
    expect(keys[1]).toBe(keys[0]);
    expect(readFileSync(join(built.dir, 'client/README.md'), 'utf8')).toContain('replaces the generated `Idempotency-Key` of a write');
  });
});
