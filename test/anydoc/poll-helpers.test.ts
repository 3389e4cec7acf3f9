/**
 * Poll helpers (normalize/polling.ts): a retrieve whose JSON response has a
 * string-enum `status` with pending words (`queued`, `running`…) and other
 * values gets `poll`, and `<method>AndPoll` for the creates and actions of
 * its resource that answer with the same type; a resource that has a member
 * named as a helper keeps it (the helper is left out, reported). The config's
 * `operations.<route>.poll` sets the pending values, adds a wait method,
 * makes `poll` take every path param, or turns the helpers off; a bad entry
 * fails at its line. The built client polls the id a create answered with,
 * at the path params the create had.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { emitAll } from '../../generator/commands/generate.js';
import { GeneratorError } from '../../generator/errors.js';
import type { Recorder } from '../support/http-recorder.js';
import { writeTree, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const object = (status: object, extra: object = {}) => ({ type: 'object', required: ['id', 'status'], properties: { id: { type: 'string' }, status, ...extra } });
const json = (ref: string) => ({ '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } } });
const pathId = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
const body = { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } };

const doc = (url: string) => ({
  openapi: '3.0.3',
  info: { title: 'Polls', version: '1' },
  servers: [{ url }],
  paths: {
    '/jobs': { post: { operationId: 'createJob', requestBody: body, responses: json('Job') } },
    '/jobs/{job_id}': { get: { operationId: 'getJob', parameters: pathId('job_id'), responses: json('Job') } },
    '/jobs/{job_id}/cancel': { post: { operationId: 'cancelJob', parameters: pathId('job_id'), responses: json('Job') } },
    // Another type: no helper after it.
    '/jobs/{job_id}/archive': { post: { operationId: 'archiveJob', parameters: pathId('job_id'), responses: json('Task') } },
    '/projects/{project_id}/builds': { post: { operationId: 'createBuild', parameters: pathId('project_id'), requestBody: body, responses: json('Build') } },
    '/projects/{project_id}/builds/{build_id}': { get: { operationId: 'getBuild', parameters: pathId('project_id', 'build_id'), responses: json('Build') } },
    // No pending word: no helper unless the config says which values are pending.
    '/tasks/{task_id}': { get: { operationId: 'getTask', parameters: pathId('task_id'), responses: json('Task') } },
    // Every value pending: nothing to wait for.
    '/queues/{queue_id}': { get: { operationId: 'getQueue', parameters: pathId('queue_id'), responses: json('Queue') } },
    // A free-text status: nothing to infer.
    '/notes/{note_id}': { get: { operationId: 'getNote', parameters: pathId('note_id'), responses: json('Note') } },
    // The resource has a member named `poll`: it keeps it, and the helper is left out.
    '/widgets': { post: { operationId: 'createWidget', requestBody: body, responses: json('Widget') } },
    '/widgets/{widget_id}': { get: { operationId: 'getWidget', parameters: pathId('widget_id'), responses: json('Widget') } },
    '/widgets/{widget_id}/poll': { post: { operationId: 'pollWidget', parameters: pathId('widget_id'), responses: json('Widget') } },
  },
  components: {
    schemas: {
      Job: object({ type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }),
      Build: object({ $ref: '#/components/schemas/BuildStatus' }),
      BuildStatus: { type: 'string', enum: ['PENDING', 'IN_PROGRESS', 'SUCCESS', 'FAILURE'] },
      Task: object({ type: 'string', enum: ['open', 'closed'] }),
      Queue: object({ type: 'string', enum: ['queued', 'running'] }),
      Note: object({ type: 'string' }),
      Widget: object({ type: 'string', enum: ['processing', 'ready'] }),
    },
  },
});

describe('poll helpers inferred from a retrieve’s status', () => {
  const dir = join(tempDir('poll-helpers'), 'doc');
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('poll-helpers', dir, doc));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('finds the pending values, and the creates and actions whose result it polls', () => {
    const job = op(imported.spec, 'get', '/jobs/{job_id}');
    expect(job.poll).toEqual({
      pending: ['queued', 'running'],
      method: true,
      after: [
        { operation: 'jobs.cancel', method: 'cancelAndPoll', params: {} },
        { operation: 'jobs.create', method: 'createAndPoll', params: {} },
      ],
      pointer: '/components/schemas/Job/properties/status',
    });
    // Compared in snake case; the path param the create has goes to the retrieve.
    const build = op(imported.spec, 'get', '/projects/{project_id}/builds/{build_id}').poll!;
    expect(build.pending).toEqual(['PENDING', 'IN_PROGRESS']);
    expect(build.after).toEqual([{ operation: 'projects.builds.create', method: 'createAndPoll', params: { project_id: 'project_id' } }]);
    for (const path of ['/tasks/{task_id}', '/queues/{queue_id}', '/notes/{note_id}']) expect(op(imported.spec, 'get', path).poll).toBeUndefined();
  });

  it('leaves out a helper whose name the resource has, and says so', () => {
    // `poll` is a sub-resource of `widgets` here (not an action verb): a member all the same.
    expect(op(imported.spec, 'post', '/widgets/{widget_id}/poll').names.clientPath).toEqual(['widgets', 'poll', 'create']);
    expect(op(imported.spec, 'get', '/widgets/{widget_id}').poll).toMatchObject({ method: false, after: [{ method: 'createAndPoll' }] });
    expect(entries(imported.report, 'poll-helper-clash')).toEqual([
      '/paths/~1widgets~1{widget_id}/get: The poll helper `poll` is not generated: the resource already has a member of that name.',
    ]);
    const widgets = emitAll(imported.spec).get('client/src/resources/widgets/widgets.ts')!;
    expect(widgets).not.toMatch(/^ {2}poll\(/m);
    expect(widgets).toContain('poll: PollAPI.Poll');
    expect(widgets).toContain('createAndPoll(');
  });

  it('lists the helpers in api.md, without a route', () => {
    const api = emitAll(imported.spec).get('client/api.md')!;
    expect(api).toContain('- <code>client.projects.builds.<a href="./src/resources/projects/builds.ts">createAndPoll</a>(projectID: string, params?: ProjectBuildCreateParams, options?: RequestOptions &amp; { pollIntervalMs?: number }) -> Promise&lt;Build&gt;</code>');
    expect(api).toContain('- <code>client.jobs.<a href="./src/resources/jobs.ts">poll</a>(jobID: string, options?: RequestOptions &amp; { pollIntervalMs?: number }) -> Promise&lt;Job&gt;</code>');
  });

  it('polls the id the create answered with, at the path params the create had', async () => {
    rec.reset();
    rec.route('POST', '/projects/p1/builds', { body: { id: 'b_7', status: 'PENDING' } });
    let n = 0;
    rec.route('GET', '/projects/p1/builds/b_7', () => ({ body: { id: 'b_7', status: ++n < 2 ? 'IN_PROGRESS' : 'FAILURE' } }));
    const { default: Client } = (await import(join(built.dir, 'client/dist/index.js'))) as { default: new (o?: object) => any };
    const client = new Client({ baseURL: rec.url });
    const done = await client.projects.builds.createAndPoll('p1', { name: 'x' }, { pollIntervalMs: 1 });
    expect(done).toEqual({ id: 'b_7', status: 'FAILURE' });
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /projects/p1/builds', 'GET /projects/p1/builds/b_7', 'GET /projects/p1/builds/b_7']);
    // A document that names no poll headers gets none.
    expect(rec.requests.flatMap((r) => Object.keys(r.headers).filter((h) => h.includes('poll')))).toEqual([]);
  });
});

describe('poll helpers set by the target config', () => {
  const root = tempDir('poll-helpers-config');
  const from = join(writeTree(join(root, 'doc'), { 'openapi.yaml': doc('https://api.example.com') }), 'openapi.yaml');
  const config = (extra: object) => {
    const dir = join(root, `config-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    const base = {
      target: 'polls',
      scope: { include: ['/**'] },
      packages: { client: 'polls', cli: 'polls-cli', mcp: 'polls-mcp', clientClass: 'Polls', cliBin: 'polls', mcpBin: 'polls-mcp', toolPrefix: 'polls_', baseURLEnv: 'POLLS_BASE_URL' },
      auth: [],
    };
    writeFileSync(join(dir, 'config.yaml'), stringify({ ...base, ...extra }));
    return dir;
  };
  const importWith = (extra: object) => importDocument({ from, target: 'polls', configDir: config(extra), root, relock: true });

  it('takes pending values, a wait method, positional ids, no helpers, and the poll headers', async () => {
    const { spec, report } = await importWith({
      polling: { intervalHeader: 'poll-after-ms', markerHeader: 'X-Poll' },
      operations: {
        'GET /tasks/{task_id}': { poll: { pending: ['open', 'reopened'], wait: 'wait_for_close' } },
        'GET /jobs/{job_id}': { poll: false },
        'POST /projects/{project_id}/builds': { poll: false },
        'GET /projects/{project_id}/builds/{build_id}': { poll: { positional: true } },
      },
    });
    expect(op(spec, 'get', '/tasks/{task_id}').poll).toMatchObject({ pending: ['open', 'reopened'], method: true, wait: 'waitForClose' });
    expect(op(spec, 'get', '/jobs/{job_id}').poll).toBeUndefined();
    expect(op(spec, 'get', '/projects/{project_id}/builds/{build_id}').poll).toEqual({
      pending: ['PENDING', 'IN_PROGRESS'],
      method: true,
      positional: true,
      pointer: '/components/schemas/Build/properties/status',
    });
    expect(spec.polling).toEqual({ intervalHeader: 'poll-after-ms', markerHeader: 'X-Poll' });
    expect(entries(report, 'poll-unknown-status')).toEqual([
      "/x-config/operations/GET ~1tasks~1{task_id}/poll: Config `GET /tasks/{task_id}` lists pending `reopened`, which `status` never takes (`open`, `closed`).",
    ]);
    const files = emitAll(spec);
    expect(files.get('client/src/operations.ts')).toContain("poll: { pending: ['open', 'reopened'], intervalHeader: 'poll-after-ms', markerHeader: 'X-Poll' },");
    const builds = files.get('client/src/resources/projects/builds.ts')!;
    expect(builds).toContain('poll(projectID: string, buildID: string, options?: RequestOptions & { pollIntervalMs?: number }): Promise<Build> {');
    expect(builds).not.toContain('createAndPoll');
    expect(files.get('client/src/resources/tasks.ts')).toContain('waitForClose(');
  }, 60_000);

  it.each([
    [{ operations: { 'GET /jobs/{job_id}': { poll: 3 } } }, /`poll` must be false or a mapping/],
    [{ operations: { 'GET /jobs/{job_id}': { poll: { pending: [] } } } }, /`poll.pending` must be a non-empty list/],
    [{ operations: { 'GET /jobs/{job_id}': { poll: { wait: 'wait for it' } } } }, /`poll.wait` must be a method name/],
    [{ operations: { 'GET /jobs/{job_id}': { poll: { every: 5 } } } }, /`poll` has an unknown key `every`/],
    [{ polling: { intervalHeader: 'not a header' } }, /`polling.intervalHeader` must be a header name/],
    [{ polling: { retryHeader: 'x' } }, /`polling` has an unknown key `retryHeader`/],
  ])('refuses %j at its line', async (extra, message) => {
    const err = await importWith(extra).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GeneratorError);
    expect((err as GeneratorError).message).toMatch(message);
    expect((err as GeneratorError).location?.line).toBeGreaterThan(0);
  });
});
