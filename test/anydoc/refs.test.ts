/**
 * JSON References wherever real multi-file documents put them, bundled by
 * @apidevtools/json-schema-ref-parser: path items, parameters and responses
 * in other files, relative refs across folders, `#/` fragments into YAML
 * files, chains of refs, a `$ref` standing for a whole `properties` map
 * (DigitalOcean's `properties: {$ref: 'attributes.yml#/…'}`, used twice), and
 * a ref from a sub-file back into the root document.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectShape } from '../../generator/ir/types.js';
import { GeneratorError } from '../../generator/errors.js';
import { connectMcp, generateAndBuild, importAll, typecheckClients, writeTree, scratchDir, type Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const files = {
  'openapi.yaml': `openapi: 3.0.0
info: { title: DigitalOcean API, version: '2.0' }
servers: [{ url: 'https://api.digitalocean.com' }]
paths:
  /v2/droplets:
    $ref: 'resources/droplets/droplets.yaml'
  /v2/load_balancers/{lb_id}:
    $ref: 'resources/load_balancers/paths.yaml#/lb_item'
components:
  schemas:
    load_balancer:
      $ref: 'resources/load_balancers/models/load_balancer.yml'
    load_balancer_create:
      allOf:
        - $ref: 'resources/load_balancers/models/load_balancer_base.yml'
        - type: object
          properties:
            region: { type: string }
`,
  'resources/droplets/droplets.yaml': `get:
  operationId: droplets_list
  parameters:
    - $ref: '../../shared/parameters.yml#/per_page'
  responses:
    '200':
      $ref: 'responses.yml#/all_droplets'
`,
  'resources/droplets/responses.yml': `all_droplets:
  description: A list of droplets.
  content:
    application/json:
      schema:
        type: object
        properties:
          droplets:
            type: array
            items:
              $ref: 'models/droplet.yml'
`,
  'resources/droplets/models/droplet.yml': `type: object
properties:
  id: { type: integer }
  name:
    $ref: '../../../shared/attributes.yml#/name_chain'
`,
  'resources/load_balancers/paths.yaml': `lb_item:
  parameters:
    - $ref: '../../shared/parameters.yml#/lb_id'
  get:
    operationId: loadBalancers_get
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema:
              type: object
              properties:
                load_balancer:
                  $ref: 'models/load_balancer.yml'
  put:
    operationId: loadBalancers_update
    requestBody:
      required: true
      content:
        application/json:
          schema:
            $ref: '../../openapi.yaml#/components/schemas/load_balancer_create'
    responses:
      '204': { description: updated }
`,
  'resources/load_balancers/models/load_balancer.yml': `type: object
properties:
  $ref: 'attributes.yml#/load_balancer_droplet_ids'
`,
  'resources/load_balancers/models/load_balancer_base.yml': `type: object
properties:
  $ref: 'attributes.yml#/load_balancer_droplet_ids'
`,
  'resources/load_balancers/models/attributes.yml': `load_balancer_droplet_ids:
  droplet_ids:
    type: array
    items: { type: integer }
  name:
    $ref: '../../../shared/attributes.yml#/name_chain'
`,
  'shared/parameters.yml': `per_page:
  name: per_page
  in: query
  schema: { type: integer, minimum: 1, maximum: 200, default: 20 }
lb_id:
  name: lb_id
  in: path
  required: true
  schema: { type: string }
`,
  // A chain: name_chain → name_link → name.
  'shared/attributes.yml': `name_chain:
  $ref: '#/name_link'
name_link:
  $ref: 'names.yml#/name'
`,
  'shared/names.yml': `name:
  type: string
  description: A human-readable name.
`,
};

let imported: Imported;
const dir = tempDir('refs');

beforeAll(async () => {
  imported = await importTree(dir, files);
});

const props = (type: string) => (imported.spec.types[type]!.shape as ObjectShape).properties.map((p) => p.name);

describe('multi-file documents', () => {
  it('path items, parameters and responses come from other files and folders', () => {
    const list = op(imported.spec, 'get', '/v2/droplets');
    expect(list.key).toBe('droplets.list'); // The shared `/v2/` names nothing (path-prefix.ts).
    expect(list.params.map((p) => [p.name, p.schema])).toEqual([['per_page', expect.objectContaining({ kind: 'integer', minimum: 1, maximum: 200, default: 20 })]]);
    expect(list.response?.description).toBe('A list of droplets.');
    const get = op(imported.spec, 'get', '/v2/load_balancers/{lb_id}');
    expect(get.params.map((p) => `${p.in}:${p.name}`)).toEqual(['path:lb_id']);
  });

  it('a `properties` map given as a $ref (twice), a chain of refs, and a ref back into the root document', () => {
    expect(props('LoadBalancer')).toEqual(['droplet_ids', 'name']);
    expect(props('LoadBalancerCreate')).toEqual(['droplet_ids', 'name', 'region']);
    const name = (imported.spec.types.LoadBalancer!.shape as ObjectShape).properties.find((p) => p.name === 'name')!;
    expect(name.shape).toMatchObject({ kind: 'string', description: 'A human-readable name.' });
    const update = op(imported.spec, 'put', '/v2/load_balancers/{lb_id}');
    expect(update.params.map((p) => `${p.in}:${p.name}`)).toEqual(['path:lb_id', 'body:droplet_ids', 'body:name', 'body:region']);
  });

  it('the report lists the bundled files and the map given as a $ref', () => {
    expect(entries(imported.report, 'external-refs-bundled')).toEqual([expect.stringContaining('`resources/load_balancers/models/attributes.yml`')]);
    expect(entries(imported.report, 'external-refs-bundled')[0]).toContain('from 10 files');
    expect(entries(imported.report, 'map-ref-inlined')).toEqual([expect.stringMatching(/^\/components\/schemas\/load_balancer_create\/allOf\/0\/properties: `properties` is given as a \$ref to `#\/components\/schemas\/load_balancer\/properties`/)]);
  });

  it('builds: the client type-checks and the MCP server lists one tool per operation', async () => {
    const built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-refs'));
    const client = join(built.dir, 'client');
    expect(typecheckClients([client]).get(client)).toEqual([]);
    const mcp = await connectMcp(built.mcpBin);
    try {
      expect((await mcp.client.listTools()).tools.map((t) => t.name).sort()).toEqual(['digitalocean_droplets_list', 'digitalocean_load_balancers_get', 'digitalocean_load_balancers_update']);
    } finally {
      await mcp.close();
    }
  }, 120_000);

  it('a missing file is one error naming it, at the $ref that wants it', async () => {
    const bad = writeTree(join(dir, 'bad'), { 'openapi.yaml': "openapi: 3.0.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    $ref: 'nowhere/a.yaml'\n" });
    const err = await importAll(join(bad, 'openapi.yaml')).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(GeneratorError);
    expect((err as GeneratorError).message).toMatch(/nowhere\/a\.yaml/);
    expect((err as GeneratorError).hint).toMatch(/exists relative to the file/);
    expect((err as GeneratorError).location).toMatchObject({ pointer: '/paths/~1a/$ref', line: 5 });
  });

  it('a pointer missing from a file that exists is found at its own $ref, among refs to that file', async () => {
    const schema = (fragment: string) => ({ description: 'ok', content: { 'application/json': { schema: { $ref: `models.yaml#/${fragment}` } } } });
    const bad = writeTree(join(dir, 'bad-pointer'), {
      'openapi.yaml': { openapi: '3.0.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: { '200': schema('Here') } } }, '/b': { get: { responses: { '200': schema('Gone') } } } } },
      'models.yaml': 'Here: { type: string }\n',
    });
    const err = await importAll(join(bad, 'openapi.yaml')).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(GeneratorError);
    expect((err as GeneratorError).message).toContain('"#/Gone"');
    expect((err as GeneratorError).location.pointer).toBe('/paths/~1b/get/responses/200/content/application~1json/schema/$ref');
  });

  it('a `file#/` fragment names the whole file, as Redocly reads it', async () => {
    const tree = writeTree(join(dir, 'root-fragment'), {
      'openapi.yaml': { openapi: '3.0.1', info: { title: 'x', version: '1' }, paths: { '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: './schemas/a.yaml#/' } } } } } } } } },
      'schemas/a.yaml': 'type: object\nproperties:\n  id: { type: string }\n',
    });
    const { spec } = await importAll(join(tree, 'openapi.yaml'));
    const response = op(spec, 'get', '/a').response?.schema;
    const shape = response?.kind === 'ref' ? spec.types[response.name]!.shape : response;
    expect((shape as ObjectShape).properties.map((p) => p.name)).toEqual(['id']);
  });
});
