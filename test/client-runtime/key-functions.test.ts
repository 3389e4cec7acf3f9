/**
 * A key given as a function (`apiKey: async () => token`, as openai-node
 * takes it): called before each request (and each retry) that sends that
 * scheme's key and never for one that does not, its keys redacted like any other, and a
 * function that fails or gives no string is a clear error before anything is
 * sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APIClient, ClientError, MissingKeyError } from '../../runtime/client/index.js';
import type { OperationSpec } from '../../runtime/client/operation.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { META, createProject, memoryLogger, retrieveProjectUser } from './support/fixtures.js';

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

const params = { project_id: 'proj_1', user_id: 'user_1' };

/** An API with a project key for most operations and an admin key for /organization (the OpenAI API's two schemes). */
const TWO_SCHEMES = {
  packageName: 'two-keys',
  version: '0.0.1',
  defaultBaseURL: 'http://127.0.0.1:9',
  schemes: [
    { name: 'ApiKeyAuth', option: 'apiKey', env: 'KEY_FN_TEST_API_KEY_UNSET', kind: 'bearer' as const },
    { name: 'AdminApiKeyAuth', option: 'adminAPIKey', env: 'KEY_FN_TEST_ADMIN_KEY_UNSET', kind: 'bearer' as const },
  ],
};
const adminOnly: OperationSpec = { ...retrieveProjectUser, schemes: ['AdminApiKeyAuth'] };
const projectOnly: OperationSpec = { key: 'responses.retrieve', method: 'get', path: '/responses/{id}', pathParams: ['id'], auth: true, schemes: ['ApiKeyAuth'] };

describe('a key given as a function', () => {
  it('is called before every request, so each one carries the key it gives then', async () => {
    let n = 0;
    const client = new APIClient({ apiKey: async () => `sk-rotating-token-${++n}`, baseURL: rec.url, maxRetries: 0 }, META);
    expect(client.apiKey).toBeNull();
    await client.request(retrieveProjectUser, params);
    await client.request(retrieveProjectUser, params);
    expect(rec.requests.map((r) => r.headers['authorization'])).toEqual(['Bearer sk-rotating-token-1', 'Bearer sk-rotating-token-2']);
    // The last key it gave, as openai-node's `client.apiKey` reads.
    expect(client.apiKey).toBe('sk-rotating-token-2');
  });

  it('may give the key synchronously', async () => {
    const client = new APIClient({ apiKey: () => 'sk-sync-token-123', baseURL: rec.url, maxRetries: 0 }, META);
    await client.request(retrieveProjectUser, params);
    expect(rec.requests[0]!.headers['authorization']).toBe('Bearer sk-sync-token-123');
  });

  it('is asked again for each retry (a token may have expired meanwhile), as openai-node does; the write keeps its idempotency key', async () => {
    let n = 0;
    rec.enqueue({ status: 429, headers: { 'retry-after-ms': '1' } }, { status: 500, headers: { 'retry-after-ms': '1' } });
    const client = new APIClient({ apiKey: async () => `sk-per-attempt-token-${n++}`, baseURL: rec.url, maxRetries: 2 }, META);
    await client.request(createProject, { name: 'P' });
    expect(rec.requests.map((r) => r.headers['authorization'])).toEqual([
      'Bearer sk-per-attempt-token-0',
      'Bearer sk-per-attempt-token-1',
      'Bearer sk-per-attempt-token-2',
    ]);
    const keys = new Set(rec.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^openai-admin-retry-/);
    expect(rec.requests.map((r) => r.body)).toEqual(Array(3).fill('{"name":"P"}'));
  });

  it('a string key is not rebuilt for retries: the same request goes again', async () => {
    rec.enqueue({ status: 500, headers: { 'retry-after-ms': '1' } });
    const client = new APIClient({ apiKey: 'sk-fixed-key-123456', baseURL: rec.url, maxRetries: 1 }, META);
    await client.request(createProject, { name: 'P' });
    expect(rec.requests.map((r) => r.headers['idempotency-key'])).toEqual([rec.requests[0]!.headers['idempotency-key'], rec.requests[0]!.headers['idempotency-key']]);
  });

  it('counts as a key: the client is made without a string key and without the env var', () => {
    expect(() => new APIClient({ apiKey: async () => 'sk-x-123456' }, META)).not.toThrow();
    expect(() => new APIClient({ apiKey: null }, META)).toThrow(MissingKeyError);
  });

  it('of one scheme is not called for an operation that sends another (openai-node: admin-only requests)', async () => {
    let apiKeyCalls = 0;
    const client = new APIClient(
      {
        baseURL: rec.url,
        maxRetries: 0,
        credentials: {
          ApiKeyAuth: async () => {
            apiKeyCalls++;
            return 'sk-project-token-123';
          },
          AdminApiKeyAuth: async () => 'sk-admin-token-456',
        },
      },
      TWO_SCHEMES,
    );
    await client.request(adminOnly, params);
    expect(rec.requests[0]!.headers['authorization']).toBe('Bearer sk-admin-token-456');
    expect(apiKeyCalls).toBe(0);
    await client.request(projectOnly, { id: 'resp_1' });
    expect(rec.requests[1]!.headers['authorization']).toBe('Bearer sk-project-token-123');
    expect(apiKeyCalls).toBe(1);
  });

  it('an operation whose scheme has no key still fails with MissingKeyError, and calls nothing', async () => {
    let called = 0;
    const client = new APIClient({ baseURL: rec.url, credentials: { ApiKeyAuth: () => `sk-${++called}-abcdef`, AdminApiKeyAuth: null } }, TWO_SCHEMES);
    await expect(client.request(adminOnly, params)).rejects.toBeInstanceOf(MissingKeyError);
    expect(called).toBe(0);
    expect(rec.requests).toHaveLength(0);
  });

  it('redacts the keys it gives from logs and error messages', async () => {
    const logger = memoryLogger();
    rec.enqueue({ status: 400, body: { error: { message: 'bad key sk-secret-token-789 given' } } });
    const client = new APIClient({ apiKey: async () => 'sk-secret-token-789', baseURL: rec.url, maxRetries: 0, logger, logLevel: 'debug' }, META);
    const error = await client.request(retrieveProjectUser, params).catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain('sk-secret-token-789');
    expect(logger.lines.join('\n')).not.toContain('sk-secret-token-789');
    expect(client.redact('Bearer sk-secret-token-789')).toBe('Bearer ***');
  });

  it('a function that throws is a ClientError naming the option, with the cause, and nothing is sent', async () => {
    const cause = new Error('token endpoint down');
    const client = new APIClient({ apiKey: async () => Promise.reject(cause), baseURL: rec.url }, META);
    const error = (await client.request(retrieveProjectUser, params).catch((e: unknown) => e)) as ClientError;
    expect(error).toBeInstanceOf(ClientError);
    expect(error.message).toBe('The `adminAPIKey` function threw: token endpoint down');
    expect((error as { cause?: unknown }).cause).toBe(cause);
    expect(rec.requests).toHaveLength(0);
  });

  it('a function that gives no string is a ClientError saying what it gave', async () => {
    const client = new APIClient({ apiKey: (async () => undefined) as unknown as () => Promise<string>, baseURL: rec.url }, META);
    await expect(client.request(retrieveProjectUser, params)).rejects.toThrow(
      'The `adminAPIKey` function must return a non-empty string (or a promise of one); it returned undefined.',
    );
    const empty = new APIClient({ apiKey: () => '', baseURL: rec.url }, META);
    await expect(empty.request(retrieveProjectUser, params)).rejects.toThrow(/it returned an empty string/);
    expect(rec.requests).toHaveLength(0);
  });

  it('a dry run (describeRequest) calls no function and shows no key', () => {
    let called = 0;
    const client = new APIClient({ apiKey: () => `sk-${++called}-abcdef`, baseURL: rec.url }, META);
    const described = client.describeRequest(retrieveProjectUser, params);
    expect(called).toBe(0);
    expect(described.headers['authorization']).toBe('***');
  });
});
