/**
 * A `data` list that the request cannot ask past (`GET /models`: no cursor,
 * page or offset param, no `has_more`) is one page in the client, iterable
 * as openai-node's `Page` is (`for await (const model of client.models.list())`),
 * while the CLI command and the MCP tool return the body as it comes. A list
 * with a page param is not one page: an integer `page` (`page[number]`) is a
 * page-number list (number-pages.test.ts); a list that pages some way the IR
 * does not model (`$skip` with no page size, or `has_more` with no cursor to
 * follow) stays a plain response.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCommandTable } from '../../generator/emit/cli/table.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import type { Imported } from '../support/pipeline.js';
import { importTree, op, tempDir } from './support.js';

const listOf = (extra: object = {}) => ({
  '200': {
    description: 'ok',
    content: { 'application/json': { schema: { type: 'object', properties: { object: { type: 'string' }, data: { type: 'array', items: { $ref: '#/components/schemas/Model' } }, ...extra } } } },
  },
});

describe('a list with one page', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('single-page'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Models', version: '1' },
        paths: {
          '/models': { get: { operationId: 'listModels', responses: listOf() } },
          '/paged': { get: { operationId: 'listPaged', parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }], responses: listOf() } },
          '/more': { get: { operationId: 'listMore', responses: listOf({ has_more: { type: 'boolean' } }) } },
          // JSON:API's bracketed page params (Telnyx) and OData's: they page, so the list is not one page.
          '/bracketed': { get: { operationId: 'listBracketed', parameters: [{ name: 'page[number]', in: 'query', schema: { type: 'integer' } }, { name: 'page[size]', in: 'query', schema: { type: 'integer' } }], responses: listOf() } },
          '/odata': { get: { operationId: 'listOdata', parameters: [{ name: '$skip', in: 'query', schema: { type: 'integer' } }], responses: listOf() } },
          // A filter whose bracketed parts look like cursors does not page: the list is still one page.
          '/filtered': { get: { operationId: 'listFiltered', parameters: [{ name: 'filter[created][from]', in: 'query', schema: { type: 'string' } }, { name: 'created.before', in: 'query', schema: { type: 'string' } }], responses: listOf() } },
        },
        components: { schemas: { Model: { type: 'object', properties: { id: { type: 'string' } } } } },
      },
    });
  });

  it('is a single page in the client, and nothing to walk for the CLI and MCP', () => {
    const models = op(imported.spec, 'get', '/models');
    expect(models.pagination).toMatchObject({ style: 'single', itemsField: 'data', item: { kind: 'ref', name: 'Model' } });
    expect(buildCommandTable(imported.spec).commands.find((c) => c.key === models.key)?.pagination).toBeUndefined();
    const { table } = buildToolTable(imported.spec);
    expect(table.calls[models.names.mcpTool]?.page).toBeUndefined();
  });

  it('walks a page number, and leaves a list that pages some other way as a plain response', () => {
    expect(op(imported.spec, 'get', '/paged').pagination).toMatchObject({ style: 'page_number', requestParam: 'page', firstPage: 1 });
    expect(op(imported.spec, 'get', '/more').pagination).toBeUndefined();
    expect(op(imported.spec, 'get', '/bracketed').pagination).toMatchObject({ style: 'page_number', requestParam: 'page[number]', sizeParam: 'page[size]' });
    expect(op(imported.spec, 'get', '/odata').pagination).toBeUndefined();
    expect(op(imported.spec, 'get', '/filtered').pagination).toMatchObject({ style: 'single' });
  });
});
