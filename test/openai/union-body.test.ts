/**
 * A request body that is a union of objects (`vectorStores.fileBatches.create`:
 * an object whose `anyOf` members each require one field) takes its fields as
 * params, as openai-node spreads them: `create(id, { file_ids })` or
 * `create(id, { files })`, typed as the union of one params type per member
 * (type-checks/usage.ts), with CLI flags and MCP properties per field. Each
 * surface sends the same JSON body to a node:http recorder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { runCli } from '../cli/support/cli.js';
import { connectStdio } from '../mcp/helpers.js';
import { loadOpenaiSpec, loadOpenaiTable, openaiCliBin, openaiClientEntry, openaiMcpBin, TEST_KEYS } from './support.js';

const spec = loadOpenaiSpec();
const op = spec.operations.find((o) => o.key === 'vector_stores.file_batches.create')!;
const BATCH = { id: 'vsfb_1', object: 'vector_store.files_batch', created_at: 1, vector_store_id: 'vs_1', status: 'in_progress', file_counts: { in_progress: 1, completed: 0, failed: 0, cancelled: 0, total: 1 } };
const PER_FILE = { files: [{ file_id: 'file_1', attributes: { team: 'a' } }], chunking_strategy: { type: 'auto' } };

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder({ fallback: () => ({ body: BATCH }) });
});
afterAll(async () => {
  await rec?.close();
});

describe('a union body in the IR', () => {
  it('is flattened into the members’ fields, none required by all, with one variant per member', () => {
    expect(op.body).toMatchObject({ flattened: true, required: true });
    expect(op.params.filter((p) => p.in === 'body').map((p) => [p.name, p.required])).toEqual([
      ['file_ids', false],
      ['files', false],
      ['chunking_strategy', false],
      ['attributes', false],
    ]);
    expect(op.body!.variants!.map((v) => [v.name, v.required, v.pointer])).toEqual([
      ['FileIDs', ['file_ids'], '/components/schemas/CreateVectorStoreFileBatchRequest/anyOf/0'],
      ['Files', ['files'], '/components/schemas/CreateVectorStoreFileBatchRequest/anyOf/1'],
    ]);
  });
});

describe('each surface sends the fields as the body', () => {
  it('the client takes them as params (no `body` wrapper)', async () => {
    const mod = (await import(pathToFileURL(openaiClientEntry()).href)) as { default: new (o: object) => any };
    const client = new mod.default({ apiKey: TEST_KEYS.OPENAI_API_KEY, baseURL: rec.url, maxRetries: 0 });
    const before = rec.requests.length;
    expect(await client.vectorStores.fileBatches.create('vs_1', { file_ids: ['file_1', 'file_2'] })).toEqual(BATCH);
    expect(await client.vectorStores.fileBatches.create('vs_1', PER_FILE)).toEqual(BATCH);
    const [a, b] = rec.requests.slice(before);
    expect([a!.method, a!.path, a!.headers['content-type']]).toEqual(['POST', '/vector_stores/vs_1/file_batches', 'application/json']);
    expect(a!.body).toBe('{"file_ids":["file_1","file_2"]}');
    expect(b!.json()).toEqual(PER_FILE);
  });

  it('the CLI takes one flag per field', async () => {
    const cmd = loadOpenaiTable().commands.find((c) => c.key === op.key)!;
    expect(cmd.flags.map((f) => f.flag)).toEqual(['vector-store-id', 'file-id', 'file', 'chunking-strategy', 'attributes']);
    const env = { ...TEST_KEYS, OPENAI_BASE_URL: rec.url };
    const before = rec.requests.length;
    const ids = await runCli(['vector-stores:file-batches', 'create', '--vector-store-id', 'vs_1', '--file-id', 'file_1', '--file-id', 'file_2'], { env, bin: openaiCliBin });
    expect([ids.code, ids.stderr]).toEqual([0, '']);
    expect(JSON.parse(ids.stdout)).toEqual(BATCH);
    const files = await runCli(['vector-stores:file-batches', 'create', '--vector-store-id', 'vs_1', '--file', JSON.stringify(PER_FILE.files[0]), '--chunking-strategy', '{"type":"auto"}'], { env, bin: openaiCliBin });
    expect([files.code, files.stderr]).toEqual([0, '']);
    const [a, b] = rec.requests.slice(before);
    expect(a!.body).toBe('{"file_ids":["file_1","file_2"]}');
    expect(b!.json()).toEqual(PER_FILE);
  });

  it('the MCP tool takes one property per field', async () => {
    const conn = await connectStdio(['--tools', 'all'], { ...TEST_KEYS, OPENAI_BASE_URL: rec.url }, openaiMcpBin);
    try {
      const tool = (await conn.client.listTools()).tools.find((t) => t.name === op.names.mcpTool)!;
      expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(['vector_store_id', 'file_ids', 'files', 'chunking_strategy', 'attributes']);
      expect(tool.inputSchema.required).toEqual(['vector_store_id']);
      const before = rec.requests.length;
      const result = (await conn.client.callTool({ name: op.names.mcpTool, arguments: { vector_store_id: 'vs_1', ...PER_FILE } })) as { isError?: boolean; content: unknown };
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(rec.requests[before]!.json()).toEqual(PER_FILE);
    } finally {
      await conn.close();
    }
  });
});
