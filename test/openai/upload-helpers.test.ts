/**
 * The `openai` target's hand-written helpers that chain calls
 * (spec/openai/custom/uploads.ts, threads.ts) against a node:http server:
 * `vectorStores.files.upload`/`uploadAndPoll`, `fileBatches.uploadAndPoll`
 * (uploads at most `maxConcurrency` at a time, ids in order) and
 * `beta.threads.createAndRunPoll`, each request in order.
 */
import { describe, expect, it } from 'vitest';
import { json, openaiClient, openaiModule, scriptedServer } from './scripted-server.js';

const server = scriptedServer();
const POLL_AFTER = { 'openai-poll-after-ms': '1' };

describe('upload helpers', () => {
  it('vectorStores.files.uploadAndPoll uploads for assistants, attaches the file and polls it until processed', async () => {
    let polls = 0;
    server.route = (req, res) => {
      if (req.url === '/files') return json(res, { id: 'file_1', object: 'file', bytes: 5, created_at: 1, filename: 'a.txt', purpose: 'assistants', status: 'uploaded' });
      if (req.method === 'POST') return json(res, { id: 'file_1', object: 'vector_store.file', status: 'in_progress', vector_store_id: 'vs_1' });
      return json(res, { id: 'file_1', object: 'vector_store.file', status: ++polls < 2 ? 'in_progress' : 'completed', vector_store_id: 'vs_1' }, 200, POLL_AFTER);
    };
    const { toFile } = await openaiModule('index.js');
    const start = server.requests.length;
    const file = await (await openaiClient(server.url)).vectorStores.files.uploadAndPoll('vs_1', await toFile(Buffer.from('hello'), 'a.txt'));
    expect(file.status).toBe('completed');
    expect(server.requests.slice(start)).toEqual(['POST /files', 'POST /vector_stores/vs_1/files', 'GET /vector_stores/vs_1/files/file_1', 'GET /vector_stores/vs_1/files/file_1']);
    const upload = server.bodies[start] as string;
    expect(upload).toMatch(/name="purpose"\r\n\r\nassistants\r\n/);
    expect(upload).toMatch(/filename="a\.txt"[\s\S]*\r\n\r\nhello\r\n/);
    expect(server.bodies[start + 1]).toEqual({ file_id: 'file_1' });
  });

  it('fileBatches.uploadAndPoll uploads at most maxConcurrency files at once and batches them after the given ids', async () => {
    let running = 0;
    let most = 0;
    server.route = (req, res) => {
      if (req.url === '/files') {
        // Named after the file it carries: the batch must list them in the order given, whatever order they finish in.
        const id = `file_${/filename="(\d)\.txt"/.exec(server.bodies.at(-1))![1]}`;
        running++;
        most = Math.max(most, running);
        setTimeout(() => {
          running--;
          json(res, { id, object: 'file', bytes: 1, created_at: 1, filename: 'x', purpose: 'assistants', status: 'uploaded' });
        }, id === 'file_1' ? 40 : 10);
        return;
      }
      json(res, { id: 'vsfb_1', object: 'vector_store.files_batch', status: req.method === 'POST' ? 'in_progress' : 'completed', vector_store_id: 'vs_1' }, 200, POLL_AFTER);
    };
    const { toFile } = await openaiModule('index.js');
    const files = await Promise.all(['1', '2', '3', '4'].map((t) => toFile(Buffer.from(t), `${t}.txt`)));
    const start = server.requests.length;
    const batch = await (await openaiClient(server.url)).vectorStores.fileBatches.uploadAndPoll('vs_1', { files, fileIds: ['file_0'] }, { maxConcurrency: 2 });
    expect(batch.status).toBe('completed');
    expect(most).toBe(2);
    expect(server.requests.slice(start)).toEqual(['POST /files', 'POST /files', 'POST /files', 'POST /files', 'POST /vector_stores/vs_1/file_batches', 'GET /vector_stores/vs_1/file_batches/vsfb_1']);
    expect(server.bodies[start + 4].file_ids).toEqual(['file_0', 'file_1', 'file_2', 'file_3', 'file_4']);
  });

  it('beta.threads.createAndRunPoll runs a new thread and polls the run until it stops', async () => {
    let polls = 0;
    server.route = (req, res) => {
      if (req.method === 'POST') return json(res, { id: 'run_1', object: 'thread.run', thread_id: 'thread_1', status: 'queued' });
      return json(res, { id: 'run_1', object: 'thread.run', thread_id: 'thread_1', status: ++polls < 3 ? 'in_progress' : 'requires_action' }, 200, POLL_AFTER);
    };
    const start = server.requests.length;
    const run = await (await openaiClient(server.url)).beta.threads.createAndRunPoll({ assistant_id: 'asst_1' });
    expect(run.status).toBe('requires_action');
    expect(server.requests.slice(start)).toEqual(['POST /threads/runs', ...Array(3).fill('GET /threads/thread_1/runs/run_1')]);
    expect(server.bodies[start]).toEqual({ assistant_id: 'asst_1' });
  });
});
