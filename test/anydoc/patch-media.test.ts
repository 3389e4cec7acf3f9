/**
 * A PATCH that offers several JSON media types with one object schema, JSON
 * Patch first (as Kubernetes' documents do: `application/json-patch+json`,
 * `merge-patch+json`, `strategic-merge-patch+json`, `apply-patch+yaml`). A
 * JSON Patch body is a list of operations (RFC 6902), so an object sent under
 * that type is refused by the server: the object goes as a merge patch. JSON
 * Patch alone is still what is sent.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const patchSchema = { type: 'object', description: 'A patch.' };
const name = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };

describe('a PATCH offering JSON Patch beside other JSON types', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('patch-media', join(tempDir('patch-media'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Cluster', version: '1' },
      servers: [{ url }],
      paths: {
        '/configmaps/{name}': {
          patch: {
            operationId: 'patchConfigMap',
            parameters: [name],
            requestBody: {
              required: true,
              content: {
                'application/json-patch+json': { schema: patchSchema },
                'application/merge-patch+json': { schema: patchSchema },
                'application/strategic-merge-patch+json': { schema: patchSchema },
                'application/apply-patch+yaml': { schema: patchSchema },
              },
            },
            responses: ok,
          },
        },
        '/secrets/{name}': {
          patch: {
            operationId: 'patchSecret',
            parameters: [name],
            requestBody: { required: true, content: { 'application/json-patch+json': { schema: { type: 'array', items: { type: 'object' } } } } },
            responses: ok,
          },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('sends the object as a merge patch on every surface, and JSON Patch when it is the only type', async () => {
    const configMap = op(imported.spec, 'patch', '/configmaps/{name}');
    expect([configMap.body?.contentType, op(imported.spec, 'patch', '/secrets/{name}').body?.contentType]).toEqual(['application/merge-patch+json', 'application/json-patch+json']);

    rec.reset();
    rec.setFallback(() => ({ body: { ok: true } }));
    const { default: Cluster } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Cluster().configmaps.update('a', { body: { data: { k: 'v' } } });
    const cli = await runBin(built.cliBin, [configMap.names.cliGroup, configMap.names.cliCommand, 'b', '--data', '{"data":{"k":"w"}}'], { CLUSTER_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    const mcp = await connectMcp(built.mcpBin, [], { CLUSTER_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: configMap.names.mcpTool, arguments: { name: 'c', body: { data: { k: 'x' } } } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    } finally {
      await mcp.close();
    }
    expect(rec.requests.map((r) => `${r.method} ${r.path} ${r.headers['content-type']} ${r.body}`)).toEqual([
      'PATCH /configmaps/a application/merge-patch+json {"data":{"k":"v"}}',
      'PATCH /configmaps/b application/merge-patch+json {"data":{"k":"w"}}',
      'PATCH /configmaps/c application/merge-patch+json {"data":{"k":"x"}}',
    ]);
  });
});
