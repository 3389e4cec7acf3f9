/**
 * The namespace of type aliases merged with the client class (`Client.Thing`,
 * `Client.Types.TypeInfo`, as openai-node's `OpenAI.Chat.ChatCompletion…`): a
 * resource named `types` gets a namespace of that name, which must not shadow
 * what the aliases point at; the client type-checks under strict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAndBuild, scratchDir, typecheckClients } from '../support/pipeline.js';
import { importTree, tempDir } from './support.js';

const json = (ref: string) => ({ '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } } });

describe('types under the client class name', () => {
  it('gives every type at the top and each resource its own, with a resource called `types`', async () => {
    const imported = await importTree(join(tempDir('type-namespace'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.1.0',
        info: { title: 'Catalog', version: '1' },
        paths: {
          '/types/{id}': { get: { operationId: 'getType', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: json('TypeInfo') } },
          '/things/{id}': { get: { operationId: 'getThing', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: json('Thing') } },
        },
        components: {
          schemas: {
            TypeInfo: { type: 'object', properties: { name: { type: 'string' } } },
            Thing: { type: 'object', properties: { type: { $ref: '#/components/schemas/TypeInfo' } } },
          },
        },
      },
    });
    const built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-type-namespace'));
    const client = join(built.dir, 'client');
    const source = readFileSync(join(client, 'src/client.ts'), 'utf8');
    expect(source).toContain('export declare namespace Catalog {');
    expect(source).toContain('export type TypeInfo = $types.TypeInfo;');
    expect(source).toMatch(/export namespace Types \{\n\s+export type TypeInfo = \$types\.TypeInfo;/);
    expect(typecheckClients([client]).get(client)).toEqual([]);
  }, 120_000);
});
