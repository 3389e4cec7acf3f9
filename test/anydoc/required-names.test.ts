/**
 * `required` names with no property schema, usually stale or misspelt
 * (OpenAI's `MCPApprovalResponse` requires `request_id` beside
 * `approval_request_id`): left out of the types and arguments, as
 * openapi-typescript does, and now reported where they are instead of
 * dropped silently.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { importTree, op, tempDir } from './support.js';

describe('required names with no property', () => {
  it('are reported at their schema and left out of params, types and the MCP schema', async () => {
    const { spec, report } = await importTree(join(tempDir('required-names'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Req', version: '1' },
        paths: {
          '/things': {
            post: {
              operationId: 'createThing',
              requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['name', 'ghost'], properties: { name: { type: 'string' } } } } } },
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
            },
          },
        },
        components: {
          schemas: {
            Thing: { type: 'object', required: ['id', 'phantom'], properties: { id: { type: 'string' }, labels: { $ref: '#/components/schemas/Labels' } } },
            // A map may require keys its value schema types: no fault.
            Labels: { type: 'object', required: ['env'], additionalProperties: { type: 'string' } },
          },
        },
      },
    });
    expect(report.filter((e) => e.code === 'required-without-property').map((e) => [e.level, e.pointer, e.message.match(/names (`\w+`)/)?.[1]])).toEqual([
      ['warning', '/components/schemas/Thing', '`phantom`'],
      ['warning', '/paths/~1things/post/requestBody/content/application~1json/schema', '`ghost`'],
    ]);
    const create = op(spec, 'post', '/things');
    expect(create.params.map((p) => [p.name, p.required])).toEqual([['name', true]]);
    const tool = buildToolTable(spec).table.tools.find((t) => t.name === create.names.mcpTool)!;
    expect(tool.inputSchema.required).toEqual(['name']);
  });
});
