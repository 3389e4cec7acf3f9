/**
 * A document whose only server URL is relative (`/v1`) or that names none:
 * the packages have no base URL to default to, yet their READMEs said
 * "The base URL defaults to `/v1`" (or to an empty code span), a default no
 * call can use. They now say that a base URL must be given, and how.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitAll } from '../../generator/commands/generate.js';
import { importTree, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

async function readmes(name: string, servers?: object[]): Promise<Record<'client' | 'cli' | 'mcp', string>> {
  const { spec } = await importTree(join(tempDir(name), 'doc'), {
    'openapi.yaml': { openapi: '3.0.3', info: { title: 'Ledger', version: '1' }, ...(servers ? { servers } : {}), paths: { '/entries': { get: { responses: ok } } } },
  });
  const files = emitAll(spec);
  return { client: files.get('client/README.md')!, cli: files.get('cli/README.md')!, mcp: files.get('mcp/README.md')! };
}

describe('READMEs of an API without an absolute server URL', () => {
  it('ask for a base URL when the only server is relative', async () => {
    const docs = await readmes('no-default-base-relative', [{ url: '/v1' }]);
    expect(docs.client).toContain('The document names no absolute server URL (only `/v1`): pass `baseURL` or set `LEDGER_BASE_URL`');
    expect(docs.cli).toContain('The document names no absolute server URL (only `/v1`): pass `--base-url` or set `LEDGER_BASE_URL`.');
    expect(docs.mcp).toContain("The document names no absolute server URL (only `/v1`): set `LEDGER_BASE_URL` to the API's base URL.");
    for (const text of Object.values(docs)) expect(text).not.toMatch(/defaults? to[^.]*`\/v1`|default `\/v1`/);
  });

  it('ask for one when there is no server, with no empty code span', async () => {
    const docs = await readmes('no-default-base-none');
    expect(docs.client).toContain('The document names no absolute server URL: pass `baseURL` or set `LEDGER_BASE_URL`');
    expect(docs.cli).toContain('The document names no absolute server URL: pass `--base-url` or set `LEDGER_BASE_URL`.');
    for (const text of Object.values(docs)) expect(text).not.toMatch(/(^|[^`])``([^`]|$)/m);
  });

  it('keep the default of an absolute server', async () => {
    const docs = await readmes('no-default-base-absolute', [{ url: 'https://api.example.test/v1' }]);
    expect(docs.client).toContain('The base URL defaults to `https://api.example.test/v1`');
    expect(docs.cli).toContain('then `https://api.example.test/v1`');
    expect(docs.mcp).toContain('(default `https://api.example.test/v1`)');
    for (const text of Object.values(docs)) expect(text).not.toContain('no absolute server URL');
  });
});
