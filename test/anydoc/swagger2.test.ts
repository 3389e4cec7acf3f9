/**
 * Swagger 2.0 documents are converted to OpenAPI 3.0 by
 * @scalar/openapi-upgrader and then imported like any other; the report says
 * so. Host, basePath and schemes become the base URL, body and formData
 * parameters a request body, securityDefinitions the auth scheme.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAndBuild, runBin, scratchDir, type Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const doc = {
  swagger: '2.0',
  info: { title: 'Legacy Pets API', version: '1.0.0' },
  host: 'pets.example.com',
  basePath: '/v1',
  schemes: ['https'],
  consumes: ['application/json'],
  produces: ['application/json'],
  securityDefinitions: { api_key: { type: 'apiKey', name: 'X-API-Key', in: 'header' } },
  security: [{ api_key: [] }],
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        parameters: [{ name: 'tags', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'multi' }, { $ref: '#/parameters/limit' }],
        responses: { '200': { description: 'ok', schema: { type: 'array', items: { $ref: '#/definitions/Pet' } } } },
      },
      post: {
        operationId: 'createPet',
        parameters: [{ name: 'pet', in: 'body', required: true, schema: { $ref: '#/definitions/NewPet' } }],
        responses: { '201': { description: 'created', schema: { $ref: '#/definitions/Pet' } } },
      },
    },
    // DocuSign's form: an operation's empty lists, which clear the document's (and used to drop the body).
    '/pets/{petId}': {
      put: {
        operationId: 'updatePet',
        consumes: [],
        produces: [],
        parameters: [{ name: 'petId', in: 'path', required: true, type: 'integer' }, { name: 'pet', in: 'body', required: true, schema: { $ref: '#/definitions/NewPet' } }],
        responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Pet' } } },
      },
    },
    '/pets/{petId}/photo': {
      post: {
        operationId: 'uploadPhoto',
        consumes: ['multipart/form-data'],
        parameters: [
          { name: 'petId', in: 'path', required: true, type: 'integer' },
          { name: 'caption', in: 'formData', type: 'string' },
          { name: 'file', in: 'formData', type: 'file', required: true },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  parameters: { limit: { name: 'limit', in: 'query', type: 'integer', maximum: 100 } },
  definitions: {
    NewPet: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tag: { type: 'string' } } },
    Pet: { allOf: [{ $ref: '#/definitions/NewPet' }, { type: 'object', required: ['id'], properties: { id: { type: 'integer', format: 'int64' } } }] },
  },
};

let imported: Imported;
const dir = tempDir('swagger2');

beforeAll(async () => {
  imported = await importTree(dir, { 'swagger.json': doc });
});

describe('Swagger 2.0', () => {
  it('is converted and reported', () => {
    expect(imported.spec.info).toMatchObject({ openapiVersion: '3.0.4', baseURL: 'https://pets.example.com/v1', title: 'Legacy Pets API', sourceFile: 'swagger.json' });
    expect(entries(imported.report, 'swagger-2-converted')).toEqual([expect.stringMatching(/^\/swagger: Swagger 2\.0 document converted to OpenAPI 3\.0\.4 with @scalar\/openapi-upgrader/)]);
    expect(imported.report.find((r) => r.code === 'swagger-2-converted')!.level).toBe('warning');
  });

  it('keeps the body and response of an operation whose consumes and produces are empty, reported', () => {
    const update = op(imported.spec, 'put', '/pets/{petId}');
    expect([update.body?.contentType, update.params.map((p) => p.name), update.response ? 'response' : 'none']).toEqual(['application/json', ['petId', 'name', 'tag'], 'response']);
    expect(entries(imported.report, 'swagger-empty-media-list')).toEqual([
      expect.stringMatching(/^\/paths\/~1pets~1\{petId\}\/put\/consumes: `consumes: \[\]` would drop the body of the operations it applies to/),
      expect.stringMatching(/^\/paths\/~1pets~1\{petId\}\/put\/produces: `produces: \[\]` would drop the response schemas of the operations it applies to/),
    ]);
  });

  it('keeps the bodies under a root `consumes: []`, through a referenced body param', async () => {
    const { spec, report } = await importTree(join(dir, 'root-lists'), {
      'swagger.json': {
        swagger: '2.0',
        info: { title: 'Root Lists', version: '1' },
        consumes: [],
        parameters: { note: { name: 'note', in: 'body', schema: { type: 'object', properties: { text: { type: 'string' } } } } },
        paths: { '/notes': { post: { operationId: 'addNote', parameters: [{ $ref: '#/parameters/note' }], responses: { '204': { description: 'ok' } } } } },
      },
    });
    expect([op(spec, 'post', '/notes').body?.contentType, op(spec, 'post', '/notes').params.map((p) => p.name)]).toEqual(['application/json', ['text']]);
    expect(entries(report, 'swagger-empty-media-list')).toEqual([expect.stringMatching(/^\/consumes: /)]);
  });

  it('keeps parameters, bodies, multipart uploads, definitions and the key scheme', () => {
    const { spec } = imported;
    expect(spec.auth).toEqual([expect.objectContaining({ name: 'api_key', kind: 'apiKeyHeader', paramName: 'X-API-Key', envVar: 'LEGACY_PETS_API_KEY' })]);
    expect(op(spec, 'get', '/pets').params.map((p) => `${p.in}:${p.name}:${p.style}:${p.explode}`)).toEqual(['query:tags:form:true', 'query:limit:form:true']);
    const create = op(spec, 'post', '/pets');
    expect(create.body).toMatchObject({ contentType: 'application/json', required: true, flattened: true });
    expect(create.params.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual(['body:name:true', 'body:tag:false']);
    const upload = op(spec, 'post', '/pets/{petId}/photo');
    expect(upload.body?.contentType).toBe('multipart/form-data');
    expect(upload.params.map((p) => `${p.in}:${p.name}`)).toEqual(['path:petId', 'body:caption', 'body:file']);
    expect(Object.keys(spec.types).sort()).toEqual(['NewPet', 'Pet', 'PetPhotoCreateBody']);
  });

  it('builds, and the CLI sends the request the document describes', async () => {
    const built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-swagger2'));
    const r = await runBin(built.cliBin, ['pets', 'list', '--tag', 'a', '--tag', 'b', '--limit', '3', '--dry-run', '--format', 'json'], { LEGACY_PETS_API_KEY: 'k' });
    expect(r.code, r.stderr).toBe(0);
    const request = JSON.parse(r.stdout);
    expect(request.url).toBe('https://pets.example.com/v1/pets?tags=a&tags=b&limit=3');
    expect(request.headers['x-api-key']).toBe('[REDACTED]');
  }, 120_000);
});
