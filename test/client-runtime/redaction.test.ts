import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APIError } from '../../runtime/client/index.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { KEY, createProject, listAuditLogs, makeClient, memoryLogger } from './support/fixtures.js';

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

describe('the API key never leaks', () => {
  it('an echoed key is removed from error message and parsed body', async () => {
    rec.enqueue({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}.`, code: 'invalid_api_key', param: KEY } } });
    const e = (await makeClient(rec.url).request(listAuditLogs).catch((x: unknown) => x)) as APIError;
    expect(e.status).toBe(401);
    expect(e.message).toBe('401 Incorrect API key provided: ***.');
    expect(JSON.stringify(e.error)).not.toContain(KEY);
    expect(e.param).toBe('***');
    expect(String(e.stack)).not.toContain(KEY);
    // The server really got the key: the redaction is ours, not a missing header.
    expect(rec.requests[0]!.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  it('debug logs show requests, retries and errors without the key', async () => {
    rec.enqueue({ status: 500, headers: { 'retry-after-ms': '1' } }, { status: 400, body: { error: { message: `bad key ${KEY}` } } });
    const logger = memoryLogger();
    await makeClient(rec.url, { logger, logLevel: 'debug', defaultHeaders: { 'x-copy': KEY } })
      .request(createProject, { name: `named ${KEY}` })
      .catch(() => undefined);
    const all = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThanOrEqual(5);
    expect(all).toContain('"authorization":"***"');
    expect(all).toContain('/organization/projects');
    expect(all).toContain('retrying');
    expect(all).toContain('400 bad key ***');
    expect(all).not.toContain(KEY);
  });

  it('log levels filter: warn drops debug and info; off drops everything', async () => {
    rec.enqueue({ status: 500, headers: { 'retry-after-ms': '1' } }, { body: {} }, { status: 500, headers: { 'retry-after-ms': '1' } }, { body: {} });
    const warn = memoryLogger();
    await makeClient(rec.url, { logger: warn }).request(listAuditLogs);
    expect(warn.lines).toEqual([]);
    const off = memoryLogger();
    await makeClient(rec.url, { logger: off, logLevel: 'off' }).request(listAuditLogs);
    expect(off.lines).toEqual([]);
  });

  it('inspecting or serialising the client does not show the key', () => {
    const client = makeClient(rec.url);
    expect(inspect(client, { depth: 5 })).not.toContain(KEY);
    expect(JSON.stringify(client)).not.toContain(KEY);
    expect(client.redact(`x ${KEY} y`)).toBe('x *** y');
  });
});
