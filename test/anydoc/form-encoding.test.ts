/**
 * A form body whose `encoding` gives a field `style: deepObject` (Stripe's
 * `expand`): its arrays go indexed, `expand[0]=a&expand[1]=b`, which such
 * servers read as a list (repeated keys they read last-wins); other arrays of
 * scalars repeat the key as OpenAPI's `form` style says. Client, CLI and MCP
 * server send the same body.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

const strings = { type: 'array', items: { type: 'string' } };

describe('form fields encoded as deepObject', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('form-encoding', join(tempDir('form-encoding'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Forms', version: '1' },
      servers: [{ url }],
      paths: {
        '/v1/customers': {
          post: {
            operationId: 'PostCustomers',
            requestBody: {
              content: {
                'application/x-www-form-urlencoded': {
                  schema: { type: 'object', properties: { expand: strings, tags: strings, email: { type: 'string' } } },
                  encoding: { expand: { explode: true, style: 'deepObject' } },
                },
              },
            },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
      },
    })));
    rec.route('POST', /./, () => ({ body: { ok: true } }));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('indexes the deepObject field\u2019s array on every surface, and reports it', async () => {
    const create = op(imported.spec, 'post', '/v1/customers');
    expect(create.body?.fieldStyles).toEqual({ expand: { style: 'deepObject', explode: true, pointer: '/paths/~1v1~1customers/post/requestBody/content/application~1x-www-form-urlencoded/encoding/expand' } });
    expect(imported.report.filter((e) => e.code === 'body-field-styles').map((e) => e.pointer)).toEqual(['/paths/~1v1~1customers/post/requestBody/content/application~1x-www-form-urlencoded']);
    const wanted = 'expand[0]=a&expand[1]=b&tags=x&tags=y&email=e';
    const { default: Forms } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Forms().customers.create({ expand: ['a', 'b'], tags: ['x', 'y'], email: 'e' });
    expect(decodeURIComponent(rec.requests.at(-1)!.body)).toBe(wanted);
    const cli = await runBin(built.cliBin, [create.names.cliGroup, create.names.cliCommand, '--expand', 'a', '--expand', 'b', '--tag', 'x', '--tag', 'y', '--email', 'e'], {});
    expect(cli.code, cli.stderr).toBe(0);
    expect(decodeURIComponent(rec.requests.at(-1)!.body)).toBe(wanted);
    const mcp = await connectMcp(built.mcpBin, [], { FORMS_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: create.names.mcpTool, arguments: { expand: ['a', 'b'], tags: ['x', 'y'], email: 'e' } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(decodeURIComponent(rec.requests.at(-1)!.body)).toBe(wanted);
    } finally {
      await mcp.close();
    }
  });
});
