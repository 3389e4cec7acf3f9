/**
 * Required params whose schema admits one value only, as documents converted
 * from AWS's models declare `Action=AddTags`, `Version=2016-11-15` and the
 * `X-Amz-Target` header, and Azure's the `api-version` (a single-value enum,
 * or a `const`). Each surface sends the value itself: the client when a call
 * gives none (a given value wins), the CLI and the MCP tool with the flag or
 * argument optional and the value shown as its default. Look-alikes stay as
 * they were: a two-value enum, an optional single-value param, a path param
 * and a body field.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitClient } from '../../generator/emit/client/index.js';
import { operationSpec } from '../../generator/emit/client/operations.js';
import { buildCommandTable } from '../../generator/emit/cli/table.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import type { Operation } from '../../generator/ir/types.js';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } } } };
const one = (value: string) => ({ type: 'string', enum: [value] });
const apiVersion = { name: 'api-version', in: 'query', required: true, schema: { $ref: '#/components/schemas/ApiVersion' } };

describe('required params that take one value', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  let addTags: Operation;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('fixed-params', join(tempDir('fixed-params'), 'doc'), (url) => ({
      openapi: '3.1.0',
      info: { title: 'Tagger', version: '1' },
      servers: [{ url }],
      components: {
        // Azure's api-version, a `const` behind a ref; AWS's Version, a shared parameter.
        schemas: { ApiVersion: { type: 'string', const: '2023-01-01' } },
        parameters: { Version: { name: 'Version', in: 'query', required: true, schema: one('2016-11-15') } },
      },
      paths: {
        '/tags': {
          get: {
            operationId: 'AddTags',
            parameters: [
              { name: 'Action', in: 'query', required: true, schema: one('AddTags') },
              { $ref: '#/components/parameters/Version' },
              { name: 'X-Amz-Target', in: 'header', required: true, schema: one('SageMaker.AddTags') },
              apiVersion,
              // Look-alikes: two values, and one value but optional.
              { name: 'mode', in: 'query', required: true, schema: { type: 'string', enum: ['full', 'brief'] } },
              { name: 'flavor', in: 'query', schema: one('only') },
            ],
            responses: ok,
          },
          // A body field with one value (a discriminator) stays as the body says.
          post: {
            operationId: 'CreateTag',
            parameters: [apiVersion],
            requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['kind'], properties: { kind: one('tag'), name: { type: 'string' } } } } } },
            responses: ok,
          },
        },
        // A path param with one value stays the method's (required) argument.
        '/regions/{region}': { get: { operationId: 'GetRegion', parameters: [{ name: 'region', in: 'path', required: true, schema: one('us') }], responses: ok } },
      },
    })));
    addTags = op(imported.spec, 'get', '/tags');
  }, 120_000);
  afterAll(async () => rec?.close());

  it('the import records the value on each such param, makes it optional and reports it; look-alikes are unchanged', () => {
    const param = (o: Operation, wire: string) => o.params.find((p) => p.wireName === wire)!;
    const fixed = ['Action', 'Version', 'X-Amz-Target', 'api-version'].map((wire) => [wire, param(addTags, wire).required, param(addTags, wire).fixed]);
    expect(fixed).toEqual([['Action', false, 'AddTags'], ['Version', false, '2016-11-15'], ['X-Amz-Target', false, 'SageMaker.AddTags'], ['api-version', false, '2023-01-01']]);
    expect(param(addTags, 'mode')).toMatchObject({ required: true });
    expect(param(addTags, 'flavor')).toMatchObject({ required: false });
    const create = op(imported.spec, 'post', '/tags');
    const region = op(imported.spec, 'get', '/regions/{region}');
    for (const p of [param(addTags, 'mode'), param(addTags, 'flavor'), param(create, 'kind'), param(region, 'region')]) expect(p).not.toHaveProperty('fixed');
    expect([param(create, 'kind').required, param(region, 'region').required]).toEqual([true, true]);
    expect(entries(imported.report, 'param-fixed')).toContain(
      '/paths/~1tags/get/parameters/2: The required header param `X-Amz-Target` takes only "SageMaker.AddTags": the client sends it when a call gives none (the CLI flag and MCP argument are optional).',
    );
  });

  it('the client types them optional, saying what is sent; the table carries the values', () => {
    const text = [...emitClient(imported.spec).values()].join('\n');
    expect(text).toContain("/** Sent as `\"SageMaker.AddTags\"` by default (the only value the API takes). */\n  x_amz_target?: 'SageMaker.AddTags';");
    expect(text).toMatch(/\n {2}Action\?: 'AddTags';/);
    expect(text).toMatch(/\n {2}api_version\?: APIVersion;/);
    expect(text).toMatch(/\n {2}mode: 'full' \| 'brief';/);
    expect(text).toMatch(/\n {2}kind: 'tag';/);
    expect(operationSpec(addTags).fixed).toEqual({ Action: 'AddTags', Version: '2016-11-15', x_amz_target: 'SageMaker.AddTags', api_version: '2023-01-01' });
    expect(operationSpec(op(imported.spec, 'post', '/tags')).fixed).toEqual({ api_version: '2023-01-01' });
  });

  it('the CLI flags are optional with the value as default; the MCP tool does not require them', async () => {
    const command = buildCommandTable(imported.spec).commands.find((c) => c.key === addTags.key)!;
    const flags = Object.fromEntries(command.flags.map((f) => [f.name, [f.required ?? false, f.default]]));
    expect(flags).toMatchObject({ Action: [false, 'AddTags'], x_amz_target: [false, 'SageMaker.AddTags'], api_version: [false, '2023-01-01'], mode: [true, undefined], flavor: [false, undefined] });
    const help = await runBin(built.cliBin, [addTags.names.cliGroup, addTags.names.cliCommand, '--help'], {});
    expect(help.stdout).toMatch(/--x-amz-target SageMaker\.AddTags +\(default: SageMaker\.AddTags\)/);
    expect(help.stdout.split('\n')[0]).toBe(`Usage: ${imported.spec.packages.cliBin} ${addTags.names.cliGroup} ${addTags.names.cliCommand} --mode <full|brief> [flags]`);

    const tool = buildToolTable(imported.spec).table.tools.find((t) => t.name === addTags.names.mcpTool)!;
    expect(tool.inputSchema.required).toEqual(['mode']);
    expect(tool.inputSchema.properties).toMatchObject({ x_amz_target: { default: 'SageMaker.AddTags' }, api_version: { default: '2023-01-01' } });
    expect(tool.inputSchema.properties).not.toHaveProperty('flavor.default');
    const create = buildToolTable(imported.spec).table.tools.find((t) => t.name === op(imported.spec, 'post', '/tags').names.mcpTool)!;
    expect(create.inputSchema.required).toEqual(['kind']);
  });

  it('every surface sends the values when not given; a given value wins', async () => {
    const sent = () => rec.requests.map((r) => `${r.method} ${r.url} ${String(r.headers['x-amz-target'])}`);
    const all = '/tags?Action=AddTags&Version=2016-11-15&api-version=2023-01-01&mode=full SageMaker.AddTags';
    rec.requests.length = 0;
    const { default: Tagger } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const path = addTags.names.clientPath;
    const owner = path.slice(0, -1).reduce((o: Record<string, any>, k) => o[k], new Tagger());
    const method = path[path.length - 1]!;
    await owner[method]({ mode: 'full' });
    await owner[method]({ mode: 'full', api_version: '2024-05-01', x_amz_target: 'SageMaker.Other' });
    // An explicit null leaves it out (a caller's way to send none).
    await owner[method]({ mode: 'full', x_amz_target: null });
    expect(sent()).toEqual([
      `GET ${all}`,
      'GET /tags?Action=AddTags&Version=2016-11-15&api-version=2024-05-01&mode=full SageMaker.Other',
      'GET /tags?Action=AddTags&Version=2016-11-15&api-version=2023-01-01&mode=full undefined',
    ]);

    rec.requests.length = 0;
    const cli = await runBin(built.cliBin, [addTags.names.cliGroup, addTags.names.cliCommand, '--mode', 'full'], {});
    expect(cli.code, cli.stderr).toBe(0);
    const given = await runBin(built.cliBin, [addTags.names.cliGroup, addTags.names.cliCommand, '--mode', 'full', '--action', 'AddTags'], {});
    expect(given.code, given.stderr).toBe(0);
    expect(sent()).toEqual([`GET ${all}`, `GET ${all}`]);

    rec.requests.length = 0;
    const mcp = await connectMcp(built.mcpBin, [], { [imported.spec.packages.baseURLEnv]: rec.url });
    try {
      const result = await mcp.client.callTool({ name: addTags.names.mcpTool, arguments: { mode: 'full' } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      const create = op(imported.spec, 'post', '/tags');
      const created = await mcp.client.callTool({ name: create.names.mcpTool, arguments: { kind: 'tag' } });
      expect(created.isError, JSON.stringify(created.content)).toBeFalsy();
    } finally {
      await mcp.close();
    }
    expect(sent()).toEqual([`GET ${all}`, 'POST /tags?api-version=2023-01-01 undefined']);
    expect(rec.requests[1]!.json()).toEqual({ kind: 'tag' });
  });
});
