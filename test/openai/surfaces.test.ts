/**
 * The `openai` target as a user meets it: openai-node's construction and
 * exports (default `OpenAI` class, `apiKey`/`OPENAI_API_KEY` for project keys,
 * `adminAPIKey`/`OPENAI_ADMIN_KEY` for /organization, error classes and toFile as
 * statics, client.webhooks), package names that are not the official ones, the same sample of
 * resources named alike on all three surfaces, and a strict type-check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { typecheckClient } from '../../generator/build/client.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { repoRoot } from '../support/shared.js';
import { runCli } from '../cli/support/cli.js';
import { connectStdio, type Connected } from '../mcp/helpers.js';
import { loadOpenaiSpec, loadOpenaiTable, openaiCliBin, openaiClientEntry, openaiDir, openaiMcpBin } from './support.js';

const spec = loadOpenaiSpec();

/** One resource per area of the API: method path, CLI group and command, MCP tool. */
const SAMPLE: Array<[client: string, cli: string, tool: string]> = [
  ['chat.completions.create', 'chat:completions create', 'openai_create_chat_completion'],
  ['responses.inputItems.list', 'responses:input-items list', 'openai_list_input_items'],
  ['beta.responses.inputItems.list', 'beta:responses:input-items list', 'openai_beta_list_input_items'],
  ['vectorStores.fileBatches.create', 'vector-stores:file-batches create', 'openai_create_vector_store_file_batch'],
  ['audio.speech.create', 'audio:speech create', 'openai_create_speech'],
  ['beta.threads.runs.submitToolOutputs', 'beta:threads:runs submit-tool-outputs', 'openai_submit_tool_ouputs_to_run'],
  ['fineTuning.jobs.listEvents', 'fine-tuning:jobs list-events', 'openai_list_fine_tuning_events'],
  ['images.generate', 'images generate', 'openai_create_image'],
  ['admin.organization.projects.serviceAccounts.apiKeys.create', 'admin:organization:projects:service-accounts:api-keys create', 'openai_admin_create_project_service_account_api_key'],
  ['admin.organization.usage.costs', 'admin:organization:usage costs', 'openai_admin_usage_costs'],
];

type AnyClient = Record<string, any>;
let OpenAI: (new (options?: Record<string, unknown>) => AnyClient) & Record<string, unknown>;
let mod: Record<string, unknown>;

beforeAll(async () => {
  mod = (await import(pathToFileURL(openaiClientEntry()).href)) as Record<string, unknown>;
  OpenAI = mod.default as typeof OpenAI;
});

describe('packages', () => {
  it('are named apart from the official ones', () => {
    const names = ['client', 'cli', 'mcp'].map((p) => (JSON.parse(readFileSync(join(openaiDir, p, 'package.json'), 'utf8')) as { name: string }).name);
    expect(names).toEqual(['openai-tri', 'openai-tri-cli', 'openai-tri-mcp']);
    for (const name of names) expect(name === 'openai' || name.startsWith('@openai/')).toBe(false);
    const cliBins = Object.keys((JSON.parse(readFileSync(join(openaiDir, 'cli/package.json'), 'utf8')) as { bin: object }).bin);
    expect(cliBins).toEqual(['openai-tri']);
  });
});

describe('construction and exports, as in openai-node', () => {
  it('default-exports the OpenAI class, with error classes as statics', () => {
    expect(OpenAI.name).toBe('OpenAI');
    expect(mod.OpenAI).toBe(OpenAI);
    for (const name of ['APIError', 'NotFoundError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'ConflictError', 'UnprocessableEntityError', 'RateLimitError', 'InternalServerError', 'APIConnectionError', 'APIConnectionTimeoutError', 'APIUserAbortError']) {
      expect(OpenAI[name], name).toBe(mod[name]);
      expect(typeof OpenAI[name]).toBe('function');
    }
  });

  it('exports toFile by name, and as a static', async () => {
    expect(typeof mod.toFile).toBe('function');
    expect(OpenAI.toFile).toBe(mod.toFile);
    const file = (await (mod.toFile as (d: unknown, n: string, o: object) => Promise<File>)(new Uint8Array([1, 2, 3]), 'a.bin', { type: 'application/octet-stream' }));
    expect([file.name, file.size, file.type]).toEqual(['a.bin', 3, 'application/octet-stream']);
  });

  it('verifies webhooks with client.webhooks.unwrap and OPENAI_WEBHOOK_SECRET (Standard Webhooks)', async () => {
    const secret = Buffer.from('openai-tri webhook test secret').toString('base64');
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'batch.completed', created_at: 1730419200, data: { id: 'batch_1' } });
    const id = 'msg_1';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${id}.${timestamp}.${payload}`).digest('base64');
    const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,bogus v1,${signature}` };
    const saved = process.env.OPENAI_WEBHOOK_SECRET;
    process.env.OPENAI_WEBHOOK_SECRET = `whsec_${secret}`;
    try {
      const client = new OpenAI({ apiKey: 'sk-x' });
      const event = (await client.webhooks.unwrap(payload, headers)) as { type: string; data: { id: string } };
      expect([event.type, event.data.id]).toEqual(['batch.completed', 'batch_1']);
      const tampered = payload.replace('batch_1', 'batch_2');
      await expect(client.webhooks.unwrap(tampered, headers)).rejects.toBeInstanceOf(OpenAI.InvalidWebhookSignatureError as new () => Error);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_WEBHOOK_SECRET;
      else process.env.OPENAI_WEBHOOK_SECRET = saved;
    }
  });

  describe('keys per scheme', () => {
    let rec: Recorder;
    const saved = { ...process.env };
    beforeAll(async () => {
      rec = await startRecorder();
    });
    afterAll(async () => {
      process.env = saved;
      await rec?.close();
    });

    it('sends OPENAI_API_KEY to the API and OPENAI_ADMIN_KEY to /organization, from the environment', async () => {
      process.env.OPENAI_API_KEY = 'sk-proj-env-1';
      process.env.OPENAI_ADMIN_KEY = 'sk-admin-env-1';
      const client = new OpenAI({ baseURL: rec.url, maxRetries: 0 });
      rec.requests.length = 0;
      await client.models.list();
      await client.admin.organization.projects.retrieve('proj_1');
      expect(rec.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
        ['/models', 'Bearer sk-proj-env-1'],
        ['/organization/projects/proj_1', 'Bearer sk-admin-env-1'],
      ]);
    });

    it('takes apiKey and adminAPIKey as options, and says which one is missing', async () => {
      delete process.env.OPENAI_API_KEY;
      delete process.env.OPENAI_ADMIN_KEY;
      const client = new OpenAI({ apiKey: 'sk-proj-opt', baseURL: rec.url, maxRetries: 0 });
      rec.requests.length = 0;
      await client.beta.responses.retrieve('resp_1');
      expect(rec.requests[0]!.url).toBe('/responses/resp_1?beta=true');
      expect(rec.requests[0]!.headers.authorization).toBe('Bearer sk-proj-opt');
      await expect(client.admin.organization.projects.list()).rejects.toThrow(/OPENAI_ADMIN_KEY|adminAPIKey/);
    });
  });
});

describe('the same names on all three surfaces', () => {
  it('client methods exist where openai-node has them', () => {
    const client = new OpenAI({ apiKey: 'sk-x', adminAPIKey: 'sk-admin-x' });
    for (const [path] of SAMPLE) {
      const parts = path.split('.');
      let target: AnyClient = client;
      for (const p of parts.slice(0, -1)) target = target[p];
      expect(typeof target?.[parts.at(-1)!], path).toBe('function');
      expect(spec.operations.some((o) => o.names.clientPath.join('.') === path), path).toBe(true);
    }
  });

  it('CLI groups and commands follow the official CLI’s rule, and --help lists them', async () => {
    const table = loadOpenaiTable();
    const commands = new Set(table.commands.map((c) => `${c.group} ${c.command}`));
    for (const [, cli] of SAMPLE) expect(commands.has(cli), cli).toBe(true);
    const help = await runCli(['vector-stores:file-batches', '--help'], { bin: openaiCliBin });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/create/);
    expect(help.stdout).toMatch(/list-files/);
  });

  it('MCP tools are openai_ + the operationId, and openai_admin_ + it for the Admin API', async () => {
    let conn: Connected | undefined;
    try {
      conn = await connectStdio(['--tools', 'all'], { OPENAI_API_KEY: 'sk-x', OPENAI_ADMIN_KEY: 'sk-admin-x' }, openaiMcpBin);
      const names = new Set((await conn.client.listTools()).tools.map((t) => t.name));
      for (const [, , tool] of SAMPLE) expect(names.has(tool), tool).toBe(true);
      for (const op of spec.operations) {
        const admin = /^\/(organization|projects)\//.test(op.path);
        expect(op.names.mcpTool.startsWith(admin ? 'openai_admin_' : 'openai_'), op.names.mcpTool).toBe(true);
        if (!admin) expect(op.names.mcpTool.startsWith('openai_admin_')).toBe(false);
      }
    } finally {
      await conn?.close();
    }
  });
});

describe('the generated openai client', () => {
  it('type-checks under strict, with openai-node-style usage (type-checks/usage.ts) in the same program', () => {
    expect(typecheckClient(join(openaiDir, 'client'), undefined, [join(repoRoot, 'test/openai/type-checks/usage.ts')])).toEqual([]);
  }, 120_000);
});
