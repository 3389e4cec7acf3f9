/**
 * The general naming rules the `openai` target relies on, on a small document:
 * path keys with a fixed query, verb-led action leaves and operationIds,
 * per-path MCP prefixes, type prefixes that skip listed namespaces, config type
 * renames (and their errors), cursor lists without `last_id`, and the fixed query on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDocument } from '../../generator/commands/import.js';
import { emitClient } from '../../generator/emit/client/index.js';
import { GeneratorError } from '../../generator/errors.js';
import { joinURL } from '../../runtime/client/request.js';

const DOC = `
openapi: 3.1.0
info: { title: Rules, version: '1' }
servers: [{ url: 'https://api.example.com/v1' }]
components:
  schemas:
    ThingObject: { type: object, properties: { id: { type: string }, owner: { type: object, properties: { name: { type: string } } } } }
    RunObject: { type: object, properties: { id: { type: string } } }
paths:
  /things:
    post: { operationId: createThing, responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/ThingObject' } } } } } }
  /things?beta=true:
    post: { operationId: beta_createThing, responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/ThingObject' } } } } } }
  /things/{thing_id}?beta=true:
    get:
      operationId: beta_getThing
      parameters: [{ name: thing_id, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/ThingObject' } } } } }
  /things/{thing_id}/runs/{run_id}:
    parameters:
      - { name: thing_id, in: path, required: true, schema: { type: string } }
      - { name: run_id, in: path, required: true, schema: { type: string } }
    get: { operationId: getRun, responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/RunObject' } } } } } }
    post: { operationId: cancelRun, responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/RunObject' } } } } } }
  /things/{thing_id}/runs/{run_id}/submit_tool_outputs:
    parameters:
      - { name: thing_id, in: path, required: true, schema: { type: string } }
      - { name: run_id, in: path, required: true, schema: { type: string } }
    post: { operationId: submitToolOutputs, responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/RunObject' } } } } } }
  /jobs:
    get:
      operationId: listJobs
      parameters: [{ name: after, in: query, schema: { type: string } }, { name: limit, in: query, schema: { type: integer } }]
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object, properties: { has_more: { type: boolean }, data: { type: array, items: { $ref: '#/components/schemas/RunObject' } } } } } }
  /admin/keys:
    get: { operationId: listKeys, responses: { '200': { description: ok, content: { application/json: { schema: { type: object } } } } } }
`;

const CONFIG = (types: string, operations = "{ 'GET /jobs': { aliases: [list_all] } }") => `
target: rules
scope: { include: ['/**'] }
typePrefixSkip: [beta, admin]
packages: { client: rules, cli: rules-cli, mcp: rules-mcp, clientClass: Rules, cliBin: rules, mcpBin: rules-mcp, toolPrefix: rules_, baseURLEnv: RULES_BASE_URL }
auth: []
mcpPrefixes: { '/admin/**': rules_admin_ }
types: ${types}
operations: ${operations}
`;

let dir: string;
let docFile: string;

function configDir(name: string, types: string, operations?: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'config.yaml'), CONFIG(types, operations));
  return d;
}

async function load(types = '{ ThingObject: Thing }', operations?: string) {
  return importDocument({ from: docFile, target: 'rules', root: join(dir, 'root'), configDir: configDir(`cfg-${Math.random().toString(36).slice(2)}`, types, operations), relock: true });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'naming-rules-'));
  docFile = join(dir, 'rules.yaml');
  writeFileSync(docFile, DOC);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('naming rules', () => {
  it('puts a path key’s fixed query in a namespace, and keeps the query on the path', async () => {
    const { spec, report } = await load();
    const by = (path: string, method = 'post') => spec.operations.find((o) => o.path === path && o.httpMethod === method)!;
    expect(by('/things').names.clientPath).toEqual(['things', 'create']);
    expect(by('/things?beta=true').names.clientPath).toEqual(['beta', 'things', 'create']);
    expect(by('/things/{thing_id}?beta=true', 'get').names.clientPath).toEqual(['beta', 'things', 'retrieve']);
    expect(by('/things?beta=true').names.cliGroup).toBe('beta:things');
    expect(report.filter((r) => r.code === 'path-query-namespace').map((r) => r.pointer)).toEqual(['/paths/~1things?beta=true/post', '/paths/~1things~1{thing_id}?beta=true/get']);
    // Type prefixes leave the listed namespace out, and stay unique by taking the full path when they would clash.
    expect(by('/things').names.typePrefix).toBe('ThingCreate');
    expect(by('/things?beta=true').names.typePrefix).toBe('BetaThingCreate');
    expect(by('/things/{thing_id}?beta=true', 'get').names.typePrefix).toBe('ThingRetrieve');
  });

  it('names verb-led leaves and operationIds as actions', async () => {
    const { spec } = await load();
    const keys = spec.operations.map((o) => o.key);
    expect(keys).toContain('things.runs.submit_tool_outputs');
    expect(keys).toContain('things.runs.cancel');
    expect(keys).toContain('things.runs.retrieve');
    expect(spec.operations.find((o) => o.key === 'things.runs.cancel')!.kind).toBe('action');
  });

  it('takes the MCP prefix of the first matching path glob', async () => {
    const { spec } = await load();
    expect(spec.operations.find((o) => o.path === '/admin/keys')!.names.mcpTool).toBe('rules_admin_list_keys');
    expect(spec.operations.find((o) => o.path === '/things')!.names.mcpTool).toBe('rules_create_thing');
  });

  it('renames a schema’s type and reports it', async () => {
    const { spec, report } = await load();
    expect(spec.types.Thing?.pointer).toBe('/components/schemas/ThingObject');
    expect(spec.types.ThingObject).toBeUndefined();
    expect(spec.operations.find((o) => o.path === '/things')!.response?.schema).toMatchObject({ kind: 'ref', name: 'Thing' });
    expect(report.some((r) => r.code === 'type-renamed' && r.pointer === '/components/schemas/ThingObject')).toBe(true);
  });

  it('warns about a rename of a schema the document lacks', async () => {
    const { report } = await load('{ ThingObject: Thing, GoneObject: Gone }');
    expect(report.find((r) => r.code === 'type-rename-unused')?.pointer).toBe('/components/schemas/GoneObject');
  });

  it('names an inline schema by its pointer, the importer\'s own name for it or not', async () => {
    const { spec, report } = await load("{ ThingObject: Thing, '/components/schemas/ThingObject/properties/owner': Owner, '/paths/~1jobs/get/responses/200/content/application~1json/schema': JobPage, '/components/schemas/Gone': Gone }");
    expect(spec.types.Owner?.pointer).toBe('/components/schemas/ThingObject/properties/owner');
    expect(spec.types.Thing!.shape).toMatchObject({ kind: 'object', properties: expect.arrayContaining([expect.objectContaining({ name: 'owner', shape: expect.objectContaining({ kind: 'ref', name: 'Owner' }) })]) });
    // A list envelope the importer would name `JobListResponse` takes the config's name, with no alias left between.
    expect(spec.operations.find((o) => o.path === '/jobs')!.response?.schema).toMatchObject({ kind: 'ref', name: 'JobPage' });
    expect(Object.keys(spec.types).filter((n) => n.startsWith('Job'))).toEqual(['JobPage']);
    expect(report.find((r) => r.code === 'type-rename-unused')?.message).toContain('`/components/schemas/Gone`');
  });

  it('refuses an inline name that a schema has, or a non-identifier', async () => {
    await expect(load("{ '/components/schemas/ThingObject/properties/owner': RunObject }")).rejects.toThrow(/Type name `RunObject` would name both schema `RunObject` and the schema at `\/components\/schemas\/ThingObject\/properties\/owner`/);
    await expect(load("{ '/components/schemas/ThingObject/properties/owner': 'an owner' }")).rejects.toThrow(/with a TypeScript identifier/);
  });

  it('refuses a rename onto another schema’s name, or a non-identifier', async () => {
    await expect(load('{ ThingObject: RunObject }')).rejects.toThrow(/Type name `RunObject` would name both schema `RunObject` and schema `ThingObject`/);
    await expect(load('{ ThingObject: Thing, RunObject: Thing }')).rejects.toThrow(GeneratorError);
    await expect(load("{ ThingObject: 'not a name' }")).rejects.toThrow(/must be a TypeScript identifier/);
  });
});

describe('pagination without last_id', () => {
  it('pages an `after` list whose items have an id by the last item’s id', async () => {
    const { spec } = await load();
    const op = spec.operations.find((o) => o.path === '/jobs')!;
    expect(op.names.clientPath).toEqual(['jobs', 'list']);
    expect(op.pagination).toMatchObject({ style: 'cursor', requestParam: 'after', item: { kind: 'ref', name: 'RunObject' } });
  });
});

describe('method aliases (config `aliases`)', () => {
  it('gives the client method a second, deprecated name that makes the same call', async () => {
    const { spec } = await load();
    const op = spec.operations.find((o) => o.path === '/jobs')!;
    expect(op.clientAliases).toEqual(['listAll']);
    const jobs = emitClient(spec).get('client/src/resources/jobs.ts')!;
    expect(jobs).toMatch(/@deprecated Use `list\(\)` instead\.\n\s+\*\/\n\s+listAll\(params: JobListParams = \{\}, options\?: RequestOptions\): PagePromise<RunObject> \{\n\s+return this\._client\.requestPage<RunObject>\(jobsList,/);
  });

  it('refuses an alias that another member has, and one that is no name', async () => {
    const { spec } = await load(undefined, "{ 'GET /jobs': { aliases: [list] } }");
    expect(() => emitClient(spec)).toThrow("two `jobs` members are both named list");
    await expect(load(undefined, "{ 'GET /jobs': { aliases: 'list_all' } }")).rejects.toThrow(/`aliases` must be a list of method names/);
  });
});

describe('config errors', () => {
  it('names the file and line of a `types:` that is not a mapping', async () => {
    const error = await load('[ThingObject]').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).format()).toMatch(/config\.yaml:\d+.*`types` must be a mapping/s);
  });
});

describe('a fixed query on the wire', () => {
  it('joins the params’ query after the path’s own', () => {
    expect(joinURL('https://x.test/v1/', '/things?beta=true', 'limit=2')).toBe('https://x.test/v1/things?beta=true&limit=2');
    expect(joinURL('https://x.test/v1', '/things?beta=true', '')).toBe('https://x.test/v1/things?beta=true');
    expect(joinURL('https://x.test/v1', '/things', 'limit=2')).toBe('https://x.test/v1/things?limit=2');
  });
});
