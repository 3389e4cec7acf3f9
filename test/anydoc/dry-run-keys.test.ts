/**
 * `--dry-run` with no key, on an API with several security schemes: a
 * command whose operation takes another scheme than the CLI's first one,
 * or two schemes together (a key and a client id), used to exit 2 ("needs
 * a key you did not give") although the first scheme's command was shown
 * with a placeholder. Now every scheme gets the placeholder, redacted.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAndBuild, runBin, scratchDir, type Built } from '../support/pipeline.js';
import { importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('a dry run without keys on an API with several schemes', () => {
  let built: Built;
  beforeAll(async () => {
    const imported = await importTree(tempDir('dry-run-keys'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Paired Keys', version: '1' },
        servers: [{ url: 'https://api.example.test' }],
        components: {
          securitySchemes: {
            Token: { type: 'http', scheme: 'bearer' },
            AppKey: { type: 'apiKey', in: 'header', name: 'X-App-Key' },
            AppId: { type: 'apiKey', in: 'header', name: 'X-App-Id' },
          },
        },
        security: [{ Token: [] }],
        paths: {
          '/notes': { get: { operationId: 'listNotes', responses: ok } },
          '/records': { post: { operationId: 'createRecord', security: [{ AppKey: [], AppId: [] }], responses: ok } },
          '/profile': { get: { operationId: 'getProfile', security: [{ AppKey: [] }], responses: ok } },
        },
      },
    });
    built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-dry-run-keys'));
  });

  const dryRun = (method: string, path: string) => {
    const { names } = op(built.spec, method, path);
    return runBin(built.cliBin, [names.cliGroup, names.cliCommand, '--dry-run', '--base-url', 'http://h.test/v1']);
  };

  it('shows a command of the first scheme, as before', async () => {
    const res = await dryRun('get', '/notes');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('GET http://h.test/v1/notes');
    expect(res.stdout).toMatch(/authorization: Bearer \[REDACTED\]/i);
  });

  it('shows a command that needs two other schemes together, each key redacted', async () => {
    const res = await dryRun('post', '/records');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('POST http://h.test/v1/records');
    expect(res.stdout).toMatch(/x-app-key: \[REDACTED\]/i);
    expect(res.stdout).toMatch(/x-app-id: \[REDACTED\]/i);
    expect(res.stdout).not.toContain('placeholder');
  });

  it('shows a command that needs one other scheme', async () => {
    const res = await dryRun('get', '/profile');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/x-app-key: \[REDACTED\]/i);
  });

  it('still refuses to send a request without a key', async () => {
    const { names } = op(built.spec, 'get', '/profile');
    const res = await runBin(built.cliBin, [names.cliGroup, names.cliCommand, '--base-url', 'http://127.0.0.1:9']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('missing API key');
  });
});
