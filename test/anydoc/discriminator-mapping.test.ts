/**
 * A declared discriminator whose members carry no literal for it (`petType:
 * {type: string}` in each): the values come from its `mapping`, and a member
 * the mapping does not name is selected by its schema name (OpenAPI's
 * implicit mapping), as GitHub's `user_view_type` and Java-generated
 * documents write it. The client adds each member's value to its type
 * (`Cat & { petType: 'cat' }`), so the union narrows; a union body's params
 * and the MCP tool's schema list the values. The union used to stay
 * undiscriminated, with `petType: string` everywhere.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnionShape } from '../../generator/ir/types.js';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, typecheckClients, type Built, type Imported } from '../support/pipeline.js';
import { importTree, op, recordedApi, tempDir } from './support.js';

const pet = { $ref: '#/components/schemas/Pet' };

describe('discriminators selected by their mapping', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('discriminator-mapping', join(tempDir('discriminator-mapping'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Pets', version: '1' },
      servers: [{ url }],
      paths: {
        '/pets': {
          post: {
            operationId: 'createPet',
            requestBody: { required: true, content: { 'application/json': { schema: pet } } },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: pet } } } },
          },
        },
      },
      components: {
        schemas: {
          Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'petType', mapping: { cat: '#/components/schemas/Cat' } } },
          Cat: { type: 'object', required: ['petType'], properties: { petType: { type: 'string' }, meows: { type: 'boolean' } } },
          Dog: { type: 'object', required: ['petType'], properties: { petType: { type: 'string' }, barks: { type: 'integer' } } },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('takes the values from the mapping and the schema names, reported', () => {
    expect((imported.spec.types.Pet!.shape as UnionShape).discriminator).toEqual({ property: 'petType', mapping: { cat: 0, Dog: 1 }, implied: true });
    expect(imported.report.filter((e) => e.code === 'union-discriminated-mapping').map((e) => e.pointer)).toContain('/components/schemas/Pet');
    expect(imported.report.filter((e) => e.code === 'discriminator-unresolved')).toEqual([]);
    // The union body's params: the field lists both values, each member's params type its own.
    const create = op(imported.spec, 'post', '/pets');
    expect(create.body!.variants!.map((v) => [v.name, v.types?.pet_type ?? v.types?.petType])).toEqual([
      ['Cat', expect.objectContaining({ kind: 'literal', value: 'cat' })],
      ['Dog', expect.objectContaining({ kind: 'literal', value: 'Dog' })],
    ]);
  });

  it('the client narrows on the value, and refuses a value no member has', () => {
    const client = join(built.dir, 'client');
    writeFileSync(
      join(client, 'src/usage.ts'),
      [
        `import type { Pet, PetCreateParams } from './index.js';`,
        `export const sound = (p: Pet) => (p.petType === 'cat' ? p.meows : p.barks);`,
        `export const cat: Pet = { petType: 'cat', meows: true };`,
        `// @ts-expect-error: no member is selected by 'bird'`,
        `export const bird: Pet = { petType: 'bird' };`,
        `export const params: PetCreateParams = { petType: 'Dog', barks: 2 };`,
        `// @ts-expect-error: the Cat form has no barks`,
        `export const wrong: PetCreateParams = { petType: 'cat', barks: 2 };`,
        '',
      ].join('\n'),
    );
    expect(typecheckClients([client]).get(client)).toEqual([]);
  }, 120_000);

  it('the MCP tool lists the values and sends the body', async () => {
    const mcp = await connectMcp(built.mcpBin, [], { PETS_BASE_URL: rec.url });
    try {
      const name = op(imported.spec, 'post', '/pets').names.mcpTool;
      const { tools } = await mcp.client.listTools();
      const schema = tools.find((t) => t.name === name)!.inputSchema as { properties: Record<string, { enum?: string[] }> };
      expect(Object.values(schema.properties).find((p) => p.enum)?.enum?.sort()).toEqual(['Dog', 'cat']);
      const result = await mcp.client.callTool({ name, arguments: { petType: 'cat', meows: true } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(rec.requests.at(-1)!.json()).toEqual({ petType: 'cat', meows: true });
    } finally {
      await mcp.close();
    }
  });
});

describe('a declared discriminator whose members carry their own literals', () => {
  it('never takes schema names as values: a shared literal leaves the union undiscriminated, as OpenAI\u2019s InputItem', async () => {
    const { spec, report } = await importTree(join(tempDir('discriminator-literals'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Items', version: '1' },
        paths: { '/items': { post: { operationId: 'createItem', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } }, responses: { '204': { description: 'ok' } } } } },
        components: {
          schemas: {
            Item: { oneOf: [{ $ref: '#/components/schemas/EasyMessage' }, { $ref: '#/components/schemas/Message' }, { $ref: '#/components/schemas/Reference' }], discriminator: { propertyName: 'type' } },
            EasyMessage: { type: 'object', properties: { type: { type: 'string', enum: ['message'] }, content: { type: 'string' } } },
            Message: { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['message'] }, content: { type: 'array', items: { type: 'string' } } } },
            Reference: { type: 'object', properties: { type: { type: 'string' }, id: { type: 'string' } } },
          },
        },
      },
    });
    expect((spec.types.Item!.shape as UnionShape).discriminator).toBeUndefined();
    expect(report.filter((e) => e.code === 'union-discriminated-mapping')).toEqual([]);
    expect(report.find((e) => e.code === 'discriminator-unresolved')?.message).toContain('share the value');
    // The union body's params keep the members' own `type` (no schema name as a value).
    const types = op(spec, 'post', '/items').body!.variants!.map((v) => v.types?.type);
    expect(types.map((t) => [t?.kind, t?.kind === 'literal' ? t.value : undefined])).toEqual([['literal', 'message'], ['literal', 'message'], ['string', undefined]]);
  });
});

describe('a member that is itself a union listing a value twice', () => {
  it('is one member: the union is discriminated (Figma\u2019s Effect, whose blur members both list LAYER_BLUR)', async () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const typed = (...values: string[]) => ({ type: 'object', required: ['type'], properties: { type: { type: 'string', enum: values }, radius: { type: 'number' } } });
    const { spec, report } = await importTree(join(tempDir('discriminator-nested'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Effects', version: '1' },
        paths: { '/effects': { get: { operationId: 'getEffect', responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref('Effect') } } } } } } },
        components: {
          schemas: {
            Effect: { oneOf: [ref('Shadow'), ref('Blur')], discriminator: { propertyName: 'type' } },
            Shadow: typed('DROP_SHADOW'),
            Blur: { oneOf: [ref('NormalBlur'), ref('ProgressiveBlur')] },
            NormalBlur: typed('LAYER_BLUR', 'BACKGROUND_BLUR'),
            ProgressiveBlur: typed('LAYER_BLUR', 'BACKGROUND_BLUR'),
          },
        },
      },
    });
    expect((spec.types.Effect!.shape as UnionShape).discriminator).toEqual({ property: 'type', mapping: { DROP_SHADOW: 0, LAYER_BLUR: 1, BACKGROUND_BLUR: 1 } });
    expect(report.filter((e) => e.code === 'discriminator-unresolved' && e.pointer === '/components/schemas/Effect')).toEqual([]);
  });
});

describe('members that list the same values, told apart by a mapping that names each one', () => {
  it('take their values from the mapping (a grant type both token forms list in one shared enum)', async () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const grant = { type: 'string', enum: ['code', 'refresh'] };
    const grants = { oneOf: [ref('CodeGrant'), ref('RefreshGrant')], discriminator: { propertyName: 'grant', mapping: { code: '#/components/schemas/CodeGrant', refresh: '#/components/schemas/RefreshGrant' } } };
    const { spec, report } = await importTree(join(tempDir('discriminator-shared-enum'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Grants', version: '1' },
        paths: {
          '/token': { post: { operationId: 'token', requestBody: { content: { 'application/x-www-form-urlencoded': { schema: grants } } }, responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref('Grant') } } } } } },
          '/last': { get: { operationId: 'lastGrant', responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref('Unmapped') } } } } } },
        },
        components: {
          schemas: {
            Grant: grants,
            CodeGrant: { type: 'object', required: ['grant', 'code'], properties: { grant, code: { type: 'string' } } },
            RefreshGrant: { type: 'object', required: ['grant', 'token'], properties: { grant, token: { type: 'string' } } },
            // A mapping that leaves a member out says nothing of it: the union stays undiscriminated.
            Unmapped: { oneOf: [ref('CodeGrant'), ref('RefreshGrant')], discriminator: { propertyName: 'grant', mapping: { code: '#/components/schemas/CodeGrant' } } },
          },
        },
      },
    });
    expect((spec.types.Grant!.shape as UnionShape).discriminator).toEqual({ property: 'grant', mapping: { code: 0, refresh: 1 }, implied: true });
    expect((spec.types.Unmapped!.shape as UnionShape).discriminator).toBeUndefined();
    expect(report.filter((e) => e.code === 'discriminator-unresolved').map((e) => e.pointer)).toEqual(['/components/schemas/Unmapped']);
    // The form body's params: each form takes its own value.
    const types = op(spec, 'post', '/token').body!.variants!.map((v) => v.types?.grant);
    expect(types.map((t) => (t?.kind === 'literal' ? t.value : t?.kind))).toEqual(['code', 'refresh']);
  });
});
