/**
 * Each kind of bad input fails with one GeneratorError that says where
 * (file:line or JSON pointer) and how to fix it, and nothing is written.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument, runImport } from '../../generator/commands/import.js';
import { GeneratorError } from '../../generator/errors.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-bad-'));
});
afterAll(() => {
  // Temp dirs are left to the OS; they hold only the tiny documents below.
});

const OK_PATHS = `
paths:
  /pets/{pet_id}:
    get:
      operationId: getPet
      parameters:
        - { name: pet_id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
`;

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function failure(file: string, extra: Partial<Parameters<typeof importDocument>[0]> = {}): Promise<GeneratorError> {
  try {
    await importDocument({ from: file, target: 'bad-input', root: dir, ...extra });
  } catch (e) {
    expect(e).toBeInstanceOf(GeneratorError);
    return e as GeneratorError;
  }
  throw new Error('import unexpectedly succeeded');
}

describe('bad input', () => {
  it('malformed YAML reports file:line:column', async () => {
    const file = write('malformed.yaml', 'openapi: 3.0.3\ninfo:\n  title: x\n  version: "1"\npaths:\n  /a:\n    get: [unclosed\n');
    const err = await failure(file);
    expect(err.location.file).toBe(file);
    expect(err.location.line).toBeGreaterThanOrEqual(7);
    expect(err.format()).toMatch(/malformed\.yaml:\d+:\d+: The document is not valid YAML/);
    expect(err.format().split('\n')).toHaveLength(2); // one paragraph plus the hint
  });

  it('a missing $ref target names the pointer and the line of the $ref', async () => {
    const file = write('missing-ref.yaml', `openapi: 3.0.3\ninfo: { title: x, version: "1" }\n${OK_PATHS}components:\n  schemas: {}\n`);
    const err = await failure(file);
    expect(err.message).toContain('#/components/schemas/Pet');
    expect(err.location.pointer).toBe('/paths/~1pets~1{pet_id}/get/responses/200/content/application~1json/schema/$ref');
    expect(err.location.line).toBe(15); // the `schema: { $ref }` line
  });

  it('a Swagger version other than 2.0 is rejected with a hint', async () => {
    const file = write('swagger.json', JSON.stringify({ swagger: '1.2', info: { title: 'x', version: '1' }, paths: {} }, null, 2));
    const err = await failure(file);
    expect(err.message).toMatch(/Swagger 1\.2/);
    expect(err.location).toMatchObject({ file, pointer: '/swagger', line: 2 });
    expect(err.hint).toMatch(/Swagger 2\.0 or OpenAPI 3/);
  });

  it('an undeclared path template parameter is no failure: a required string, reported at its operation', async () => {
    const file = write('undeclared.yaml', `openapi: 3.1.0\ninfo: { title: x, version: "1" }\npaths:\n  /pets/{pet_id}/toys/{toy_id}:\n    get:\n      operationId: getToy\n      parameters:\n        - { name: pet_id, in: path, required: true, schema: { type: string } }\n      responses: { '204': { description: ok } }\n`);
    const { spec, report } = await importDocument({ from: file, target: 'bad-input', root: dir });
    expect(spec.operations[0]!.params.map((p) => [p.wireName, p.in, p.required])).toEqual([['pet_id', 'path', true], ['toy_id', 'path', true]]);
    const [entry] = report.filter((r) => r.code === 'path-param-undeclared');
    expect(entry).toMatchObject({ level: 'warning', pointer: '/paths/~1pets~1{pet_id}~1toys~1{toy_id}/get' });
    expect(entry!.message).toContain('{toy_id}');
  });

  it('duplicate operationIds point at the second one (configured target; an inferred one renames it)', async () => {
    const file = write('dupes.yaml', `openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths:\n  /a:\n    get: { operationId: same, responses: { '204': { description: ok } } }\n  /b:\n    get: { operationId: same, responses: { '204': { description: ok } } }\n`);
    const configDir = join(dir, 'dupes-config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.yaml'), `target: bad-input\nscope: { include: ['/**'] }\npackages: { client: x, cli: x-cli, mcp: x-mcp, clientClass: X, cliBin: x, mcpBin: x-mcp, toolPrefix: x_, baseURLEnv: X_BASE_URL }\nauth: []\n`);
    const err = await failure(file, { configDir });
    expect(err.message).toMatch(/Duplicate operationId `same`.*\/paths\/~1a\/get/);
    expect(err.location).toMatchObject({ pointer: '/paths/~1b/get/operationId', line: 7 });
  });

  it('a name collision that the config does not resolve fails (configured target)', async () => {
    // PUT and POST on one item both infer `update` (a PATCH beside a PUT is `edit`).
    const file = write('collide.yaml', `openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths:\n  /pets/{id}:\n    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n    put: { operationId: replacePet, responses: { '204': { description: ok } } }\n    post: { operationId: patchPet, responses: { '204': { description: ok } } }\n`);
    const configDir = join(dir, 'collide-config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.yaml'), `target: bad-input\nscope: { include: ['/**'] }\npackages: { client: x, cli: x-cli, mcp: x-mcp, clientClass: X, cliBin: x, mcpBin: x-mcp, toolPrefix: x_, baseURLEnv: X_BASE_URL }\nauth: []\n`);
    const err = await failure(file, { configDir });
    expect(err.message).toMatch(/Name collision: `PUT \/pets\/\{id\}` and `POST \/pets\/\{id\}` both become `pets.update`/);
    expect(err.hint).toMatch(/operations/);
    // The same collision in an inferred target is resolved by operationId and reported.
    const inferred = await importDocument({ from: file, target: 'bad-input', root: dir });
    expect(inferred.spec.operations.map((o) => o.key).sort()).toEqual(['pets.patch_pet', 'pets.replace_pet']);
    expect(inferred.report.some((r) => r.code === 'name-collision-resolved')).toBe(true);
  });

  it('runImport writes nothing when the import fails', async () => {
    const file = write('nothing-written.yaml', 'openapi: 3.0.3\npaths: {\n');
    await expect(runImport(['--from', file, '--target', 'bad-input-never-written'])).rejects.toBeInstanceOf(GeneratorError);
    expect(existsSync(join(process.cwd(), 'spec/bad-input-never-written'))).toBe(false);
  });
});
