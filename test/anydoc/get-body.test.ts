/**
 * A request body on GET or HEAD (a search API's JSON query; Stripe's GETs
 * declare empty form bodies): fetch cannot send one, so a call used to fail
 * after its retries as a connection error. The body is left out and
 * reported, a warning when it had fields.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('a GET request body', () => {
  it('is left out of every surface, and reported', async () => {
    const { spec, report } = await importTree(join(tempDir('get-body'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Search', version: '1' },
        paths: {
          '/search': {
            get: {
              operationId: 'search',
              parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
              requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } },
              responses: ok,
            },
          },
          '/charges': { get: { operationId: 'listCharges', requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: {} } } } }, responses: ok } },
          // Fields only after allOf: a warning too.
          '/find': { get: { operationId: 'find', requestBody: { content: { 'application/json': { schema: { allOf: [{ type: 'object', properties: { q: { type: 'string' } } }] } } } }, responses: ok } },
        },
      },
    });
    const search = op(spec, 'get', '/search');
    expect([search.body, search.params.map((p) => p.name)]).toEqual([undefined, ['limit']]);
    expect(op(spec, 'get', '/charges').body).toBeUndefined();
    expect(report.filter((e) => e.code === 'body-on-get').map((e) => [e.level, e.pointer])).toEqual([
      ['warning', '/paths/~1find/get/requestBody'],
      ['warning', '/paths/~1search/get/requestBody'],
      ['info', '/paths/~1charges/get/requestBody'],
    ]);
    const tool = buildToolTable(spec).table.tools.find((t) => t.name === search.names.mcpTool)!;
    expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(['limit']);
  });
});
