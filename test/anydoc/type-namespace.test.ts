/**
 * The namespace of type aliases merged with the client class (`Client.Thing`,
 * `Client.Types.TypeInfo`, as openai-node's `OpenAI.Chat.ChatCompletion…`): a
 * root resource's namespace has its types and those its methods use; a
 * resource named `types` gets a namespace of that name, which must not shadow
 * what the aliases point at; a schema renamed because an operation's params
 * type took its name is not aliased under that name; the client type-checks
 * under strict.
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
    // Import aliases of the declaring file (`$types`: the resource file resources/types.ts), which carry namespaces too.
    expect(source).toContain("import * as $types from './resources/types.js';");
    expect(source).toContain('export import TypeInfo = $types.TypeInfo;');
    expect(source).toMatch(/export namespace Types \{\n\s+export import TypeInfo = \$types\.TypeInfo;/);
    // A root's namespace also has the types its methods use where another resource declares them (`Catalog.Things.TypeInfo`).
    expect(source).toMatch(/export namespace Things \{\n\s+export import Thing = \$things\.Thing;\n\s+export import TypeInfo = \$types\.TypeInfo;\n\s+\}/);
    // And so does its file, the deep import path `<pkg>/resources/things`.
    expect(readFileSync(join(client, 'src/resources/things.ts'), 'utf8')).toContain("export type { TypeInfo } from './types.js';");
    expect(typecheckClients([client]).get(client)).toEqual([]);
  }, 120_000);

  it('aliases a renamed schema under its own name only when no other exported type has it', async () => {
    // `POST /podcasts/search` (searchPodcasts) takes a body `PodcastSearchParams`: the operation's params type takes the
    // name, the schema becomes `PodcastSearchParamsModel`, and only `ErrorModel` (renamed from a global) gets an alias.
    const imported = await importTree(join(tempDir('type-namespace-params'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.1',
        info: { title: 'Radio', version: '1' },
        paths: {
          '/podcasts/search': {
            post: {
              operationId: 'searchPodcasts',
              requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PodcastSearchParams' } } } },
              responses: json('Error'),
            },
          },
        },
        components: {
          schemas: {
            PodcastSearchParams: { type: 'object', properties: { query: { type: 'string' } } },
            Error: { type: 'object', properties: { message: { type: 'string' } } },
          },
        },
      },
    });
    expect(Object.keys(imported.spec.types).sort()).toEqual(['ErrorModel', 'PodcastSearchParamsModel']);
    const built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-type-namespace-params'));
    const client = join(built.dir, 'client');
    const source = readFileSync(join(client, 'src/client.ts'), 'utf8');
    expect(source.match(/export import PodcastSearchParams = .*/g)).toEqual(['export import PodcastSearchParams = $podcasts.PodcastSearchParams;', 'export import PodcastSearchParams = $podcasts.PodcastSearchParams;']);
    expect(source).toMatch(/export import Error = \$\w+\.ErrorModel;/);
    expect(typecheckClients([client]).get(client)).toEqual([]);
  }, 120_000);
});
