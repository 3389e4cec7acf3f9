/**
 * End to end against the real OpenAPI mock server (steady, serving the newest
 * OpenAI document): every operation of the generated client is called once
 * with only the required params and once with every param. The server
 * validates each request against the spec, so a wrong path, query encoding or
 * body shows up as a non-2xx status here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import type { Shape } from '../../generator/ir/types.js';
import { callArgs, invoke, loadRealSpec, realClientEntry } from './support.js';

const spec = loadRealSpec();

function resolveShape(shape: Shape): Shape {
  let s = shape;
  for (let i = 0; s.kind === 'ref' && i < 20; i++) s = spec.types[s.name]!.shape;
  return s;
}
let server: MockServer;
let client: Record<string, unknown>;

beforeAll(async () => {
  server = await startMockServer();
  const mod = (await import(pathToFileURL(realClientEntry()).href)) as { default: new (o: object) => Record<string, unknown> };
  client = new mod.default({ adminAPIKey: 'sk-admin-test', baseURL: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
});

interface WithResponse {
  withResponse(): Promise<{ data: unknown; response: Response }>;
}

describe('every operation against the mock server', () => {
  it('covers all operations of the spec', () => {
    expect(spec.operations.length).toBe(119);
  });

  for (const mode of ['required', 'all'] as const) {
    it.each(spec.operations.map((op) => [op.key, op] as const))(`%s with ${mode} params`, async (_key, op) => {
      const args = callArgs(op, spec, mode);
      let result: { data: unknown; response: Response };
      try {
        result = await (invoke(client, op, args) as WithResponse).withResponse();
      } catch (error) {
        throw new Error(`${op.httpMethod.toUpperCase()} ${op.path} failed: ${String(error)}\nargs: ${JSON.stringify(args)}\n${server.log().slice(-1500)}`);
      }
      expect(result.response.status).toBeGreaterThanOrEqual(200);
      expect(result.response.status).toBeLessThan(300);
      if (op.response) expect(typeof result.data).toBe('object');
      if (op.pagination) expect(Array.isArray((result.data as { data: unknown }).data)).toBe(true);
      // The mock answers with schema-valid data: every required top-level field must have been parsed.
      const shape = op.response ? resolveShape(op.response.schema) : undefined;
      if (shape?.kind === 'object') {
        for (const prop of shape.properties.filter((p) => p.required)) expect(result.data, `${op.key} response field ${prop.name}`).toHaveProperty([prop.name]);
      }
    });
  }
});
