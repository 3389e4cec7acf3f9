/**
 * The generator is not tied to OpenAI: another real API (the OAI "petstore
 * expanded" example, no auth, an array response, a whole-object body) goes
 * through import → emit → build, and its generated CLI binary and MCP server
 * (spoken to by the SDK client) send the right requests to a node:http
 * recorder. (Every shared document through the whole pipeline, with the MCP
 * lint and a strict type-check, is test/anydoc/walk.test.ts.)
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { importDocument } from '../../generator/commands/import.js';
import { emitAll } from '../../generator/commands/generate.js';
import { replaceDirectory } from '../../generator/write.js';
import { buildClient } from '../../generator/build/client.js';
import { buildCli } from '../../generator/build/cli.js';
import { buildMcp } from '../../generator/build/mcp.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { otherSpecsDir, repoRoot } from '../support/shared.js';

const run = promisify(execFile);
// Inside the repo, so the builds resolve the repo's node_modules (the MCP SDK is bundled).
const scratch = join(repoRoot, '.tmp/test-other-api');
const pkgs = join(scratch, 'generated/petstore');
const BASE_ENV = 'SWAGGER_PETSTORE_BASE_URL';
const PET = { id: 7, name: 'Rex', tag: 'dog' };

let rec: Recorder;
let mcp: Client | undefined;

beforeAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  const { spec } = await importDocument({ from: join(otherSpecsDir, 'oai-petstore-expanded.yaml'), target: 'petstore', root: join(scratch, 'root'), relock: true });
  replaceDirectory(pkgs, emitAll(spec));
  await buildClient(join(pkgs, 'client'));
  await Promise.all([buildCli(join(pkgs, 'cli')), buildMcp(join(pkgs, 'mcp'))]);
  rec = await startRecorder();
  rec.route('GET', '/pets', () => ({ body: [PET] }));
  rec.route('GET', '/pets/7', () => ({ body: PET }));
  rec.route('POST', '/pets', () => ({ body: PET }));
}, 120_000);

afterAll(async () => {
  await mcp?.close();
  await rec?.close();
});

describe('petstore: generated CLI and MCP server', () => {
  it('the CLI sends query arrays, path params and a body built from flags', async () => {
    const bin = join(pkgs, 'cli/bin/swagger-petstore.js');
    const env = { PATH: process.env.PATH ?? '', [BASE_ENV]: rec.url };
    rec.requests.length = 0;
    const list = await run(process.execPath, [bin, 'pets', 'list', '--tag', 'dog', '--tag', 'cat', '--limit', '5'], { env });
    expect(JSON.parse(list.stdout)).toEqual([PET]);
    await run(process.execPath, [bin, 'pets', 'retrieve', '--id', '7'], { env });
    await run(process.execPath, [bin, 'pets', 'create', '--name', 'Rex', '--tag', 'dog'], { env });
    expect(rec.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /pets?tags=dog&tags=cat&limit=5', 'GET /pets/7', 'POST /pets']);
    expect(rec.requests[2]!.json()).toEqual({ name: 'Rex', tag: 'dog' });
  });

  it('the MCP server lists lint-clean tools and calls them through the client', async () => {
    mcp = new Client({ name: 'other-api-test', version: '0' });
    await mcp.connect(new StdioClientTransport({
      command: process.execPath,
      args: [join(pkgs, 'mcp/bin/swagger-petstore-mcp.js')],
      env: { PATH: process.env.PATH ?? '', [BASE_ENV]: rec.url },
      stderr: 'pipe',
    }));
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['swagger_petstore_add_pet', 'swagger_petstore_delete_pet', 'swagger_petstore_find_pet_by_id', 'swagger_petstore_find_pets']);
    expect(tools.find((t) => t.name === 'swagger_petstore_delete_pet')!.annotations).toMatchObject({ idempotentHint: true });
    rec.requests.length = 0;
    const one = (await mcp.callTool({ name: 'swagger_petstore_find_pet_by_id', arguments: { id: 7 } })) as { structuredContent?: unknown; isError?: boolean };
    expect(one.isError, JSON.stringify(one)).toBeFalsy();
    expect(one.structuredContent).toEqual(PET);
    // An array response comes back as JSON text (structuredContent must be an object).
    const many = (await mcp.callTool({ name: 'swagger_petstore_find_pets', arguments: { tags: ['dog'], limit: 5 } })) as { content: Array<{ text: string }> };
    expect(JSON.parse(many.content[0]!.text)).toEqual([PET]);
    const bad = (await mcp.callTool({ name: 'swagger_petstore_add_pet', arguments: { tag: 'dog' } })) as { isError?: boolean; content: Array<{ text: string }> };
    expect(bad.isError).toBe(true);
    expect(bad.content[0]!.text).toMatch(/missing required argument "name"/);
    expect(rec.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /pets/7', 'GET /pets?tags=dog&limit=5']);
  });

  it('documents a server without credentials as such', () => {
    const readme = readFileSync(join(pkgs, 'mcp/README.md'), 'utf8');
    expect(readme).toContain('The API takes no credentials.');
    expect(readme).not.toMatch(/"env": \{ "":|sk-admin/);
  });
});
