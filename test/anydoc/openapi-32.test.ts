/**
 * OpenAPI 3.2 documents: read as 3.1 (the same JSON Schema) plus what the
 * surfaces carry. An event stream described by `itemSchema` (3.2's sequential
 * media) has its events typed by the JSON each event's `data` holds
 * (`contentSchema`); the QUERY method, `additionalOperations` and
 * `in: querystring` parameters are reported as not represented, with their
 * pointers, and the rest generates and builds.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAndBuild, scratchDir, typecheckClients, type Imported } from '../support/pipeline.js';
import { importTree, op, tempDir } from './support.js';

describe('OpenAPI 3.2', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('openapi-32'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.2.0',
        info: { title: 'Events', version: '1' },
        servers: [{ url: 'https://events.example.com' }],
        paths: {
          '/events': {
            get: {
              operationId: 'listEvents',
              responses: {
                '200': {
                  description: 'a stream',
                  content: {
                    'text/event-stream': {
                      itemSchema: {
                        type: 'object',
                        properties: {
                          event: { type: 'string' },
                          data: { type: 'string', contentMediaType: 'application/json', contentSchema: { $ref: '#/components/schemas/Event' } },
                        },
                      },
                    },
                  },
                },
              },
            },
            query: { operationId: 'searchEvents', responses: { '200': { description: 'ok' } } },
            additionalOperations: { COPY: { operationId: 'copyEvents', responses: { '200': { description: 'ok' } } } },
          },
          '/search': {
            get: {
              operationId: 'search',
              parameters: [{ name: 'q', in: 'querystring', content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } }],
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } } } } } } },
            },
          },
        },
        components: { schemas: { Event: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, kind: { type: 'string' } } } } },
      },
    });
  });

  const reported = (code: string) => imported.report.filter((r) => r.code === code).map((r) => r.pointer);

  it('is read, and says how', () => {
    expect(reported('openapi-3.2')).toEqual(['/openapi']);
    expect(imported.spec.operations.map((o) => o.operationId).sort()).toEqual(['listEvents', 'search']);
  });

  it('types a stream’s events by the JSON its itemSchema says each event’s data holds', () => {
    const stream = op(imported.spec, 'get', '/events').stream;
    expect(stream?.event).toMatchObject({ kind: 'ref', name: 'Event' });
  });

  it('reports the QUERY method, additionalOperations and a querystring parameter at their pointers', () => {
    expect(reported('query-method')).toEqual(['/paths/~1events/query']);
    expect(reported('additional-operation')).toEqual(['/paths/~1events/additionalOperations/COPY']);
    expect(reported('param-location')).toEqual(['/paths/~1search/get/parameters/0']);
  });

  it('generates and builds, and the client type-checks', async () => {
    const built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-openapi-32'));
    const client = join(built.dir, 'client');
    expect(typecheckClients([client]).get(client)).toEqual([]);
  }, 120_000);
});
