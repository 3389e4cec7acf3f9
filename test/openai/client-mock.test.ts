/**
 * Every operation of the generated `openai` client against the steady mock
 * server serving the same document, with required params and with every param:
 * the server validates each request, so a wrong path (including the fixed
 * `?beta=true` query), query, header or body fails here. Each operation must
 * send the key of its own scheme (project key, or admin key for /organization).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import { invoke } from '../client/support.js';
import { hasJsonForm, loadOpenaiSpec, openaiCallArgs, openaiClientEntry, pendingReason, TEST_KEYS } from './support.js';

const spec = loadOpenaiSpec();
let server: MockServer;
let client: Record<string, unknown>;

interface WithResponse {
  withResponse(): Promise<{ data: unknown; response: Response }>;
}

beforeAll(async () => {
  server = await startMockServer();
  const mod = (await import(pathToFileURL(openaiClientEntry()).href)) as { default: new (o: object) => Record<string, unknown> };
  client = new mod.default({ apiKey: TEST_KEYS.OPENAI_API_KEY, adminAPIKey: TEST_KEYS.OPENAI_ADMIN_KEY, baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe('the openai client against the mock server', () => {
  it('has every operation of the document', () => {
    expect(spec.operations).toHaveLength(288);
  });

  for (const mode of ['required', 'all', 'json-form'] as const) {
    const what = mode === 'json-form' ? 'every JSON-or-multipart operation in its JSON form (no upload)' : `every operation with ${mode} params and uploads`;
    it(`runs ${what}`, async () => {
      const failures: string[] = [];
      const pendingFailed: string[] = [];
      let passed = 0;
      const ops = mode === 'json-form' ? spec.operations.filter(hasJsonForm) : spec.operations;
      for (const op of ops) {
        const args = openaiCallArgs(op, spec, mode);
        const pending = pendingReason(op.key, mode);
        try {
          const { response } = await (invoke(client, op, args) as WithResponse).withResponse();
          if (response.status < 200 || response.status >= 300) throw new Error(`status ${response.status}`);
          passed++;
          if (pending) failures.push(`${op.key}: listed as pending (${pending}) but passes; remove it from PENDING in test/openai/support.ts`);
        } catch (error) {
          if (pending) pendingFailed.push(op.key);
          else failures.push(`${op.httpMethod.toUpperCase()} ${op.path} (${op.key}): ${String(error).slice(0, 400)}\n  args: ${JSON.stringify(args).slice(0, 300)}`);
        }
      }
      console.log(`openai client, ${mode}: ${passed}/${ops.length} operations pass against the mock, ${pendingFailed.length} pending`);
      expect(ops.length).toBeGreaterThan(0);
      expect(failures, failures.join('\n')).toEqual([]);
    }, 120_000);
  }
});
