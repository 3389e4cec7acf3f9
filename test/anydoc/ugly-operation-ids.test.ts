/**
 * An operationId with no word separators and a long run of letters
 * (`updatereservation`, `Createorupdatepartialdocument`, the hex ids some
 * converters write) made an MCP tool name nobody can read
 * (`ugly_5476362a281d830c946a3d6e`). The client and CLI names never used it
 * (they follow the path); the MCP tool is now named the same way, by method and
 * resource, as a tool without an operationId is, unless that name is another
 * tool's: then the id stays, with the warning as before.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { a: { type: 'string' } } } } } } };
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

describe('an operationId without word separators', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('ugly-ids'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Transit', version: '1' },
        paths: {
          '/BusPositions': { get: { operationId: '5476362a281d830c946a3d6e', responses: ok } },
          '/v1/reservations/{id}': { patch: { operationId: 'updatereservation', parameters: [pathParam('id')], responses: ok } },
          '/indexes/{index}/docs': { patch: { operationId: 'Createorupdatepartialdocument', parameters: [pathParam('index')], responses: ok } },
          // Its method and resource would name it `retrieve_stop`, which the next operation's id already is.
          '/stops/{stop}': { get: { operationId: 'retrievestopbyidentifier', parameters: [pathParam('stop')], responses: ok } },
          '/stops-lookup': { post: { operationId: 'retrieve_stop', responses: ok } },
        },
      },
    });
  });

  const tool = (method: string, path: string) => op(imported.spec, method, path).names.mcpTool;

  it('names the MCP tool by method and resource, as the client method is named', () => {
    expect(op(imported.spec, 'get', '/BusPositions').names.clientPath).toEqual(['busPositions', 'retrieve']);
    expect(tool('get', '/BusPositions')).toBe('transit_retrieve_bus_position');
    expect(tool('patch', '/v1/reservations/{id}')).toBe('transit_update_reservation');
    expect(tool('patch', '/indexes/{index}/docs')).toBe('transit_update_indexes_doc');
    expect(entries(imported.report, 'ugly-operation-id')).toContain(
      '/paths/~1v1~1reservations~1{id}/patch: operationId `updatereservation` has no word separators: the MCP tool is named by its method and resource (`transit_update_reservation`); an `mcpNames` entry names it otherwise.',
    );
  });

  it('keeps the id, with the warning, when that name is another tool\'s', () => {
    expect(tool('post', '/stops-lookup')).toBe('transit_retrieve_stop');
    expect(tool('get', '/stops/{stop}')).toBe('transit_retrievestopbyidentifier');
    const warning = imported.report.find((e) => e.code === 'ugly-operation-id' && e.pointer === '/paths/~1stops~1{stop}/get');
    expect(warning).toMatchObject({ level: 'warning' });
  });
});
