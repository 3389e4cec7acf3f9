/**
 * `clientHeaders` in a target config: client options sent as a header on
 * every request (openai-node's `organization` → `OpenAI-Organization`, env
 * `OPENAI_ORG_ID`). Kept in the spec, typed in the generated `ClientOptions`,
 * listed in the client's meta (the core sends them: test/client-runtime/
 * request.test.ts), and checked where the config is wrong, at its line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitAll } from '../../generator/commands/generate.js';
import { importDocument } from '../../generator/commands/import.js';
import { GeneratorError } from '../../generator/errors.js';
import { newestOpenaiSpecJson, repoRoot } from '../support/shared.js';

const organization = { header: 'OpenAI-Organization', clientOption: 'organization', envVar: 'OPENAI_ORG_ID', description: 'The organization.' };

function configDirWith(clientHeaders: unknown): string {
  const config = parse(readFileSync(join(repoRoot, 'spec/openai-admin/config.yaml'), 'utf8'));
  config.clientHeaders = clientHeaders;
  const dir = mkdtempSync(join(tmpdir(), 'import-client-headers-'));
  writeFileSync(join(dir, 'config.yaml'), stringify(config));
  return dir;
}

const importWith = (clientHeaders: unknown) => importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', configDir: configDirWith(clientHeaders), relock: true });

describe('clientHeaders', () => {
  it('become typed client options, listed in the client meta', async () => {
    const { spec } = await importWith([organization]);
    expect(spec.clientHeaders).toEqual([organization]);
    const client = emitAll(spec).get('client/src/client.ts')!;
    expect(client).toContain('  /** The organization. Sent as the `OpenAI-Organization` header on every request. Defaults to `process.env[\'OPENAI_ORG_ID\']`; `null` sends none. */\n  organization?: string | null | undefined;');
    expect(client).toContain("headerOptions: [{ option: 'organization', header: 'OpenAI-Organization', env: 'OPENAI_ORG_ID' }]");
  });

  it('become global CLI flags, which a command flag of the same name gives way to', async () => {
    const project = { header: 'OpenAI-Project', clientOption: 'project', envVar: 'OPENAI_PROJECT_ID' };
    const { spec } = await importWith([organization, project]);
    const table = JSON.parse(emitAll(spec).get('cli/src/commands.json')!) as { headerOptions: unknown; commands: Array<{ key: string; flags: Array<{ flag: string; name: string; aliases?: string[] }> }> };
    expect(table.headerOptions).toEqual([
      { flag: 'organization', clientOption: 'organization', header: 'OpenAI-Organization', env: 'OPENAI_ORG_ID' },
      { flag: 'project', clientOption: 'project', header: 'OpenAI-Project', env: 'OPENAI_PROJECT_ID' },
    ]);
    const projects = table.commands.find((c) => c.key === 'admin.organization.invites.create')!.flags.find((f) => f.name === 'projects')!;
    expect([projects.flag, projects.aliases]).toEqual(['projects', undefined]);
    const flags = table.commands.flatMap((c) => c.flags.flatMap((f) => [f.flag, ...(f.aliases ?? [])]));
    expect(flags).not.toContain('project');
    expect(flags).not.toContain('organization');
  });

  it.each([
    [[{ ...organization, clientOption: 'timeout' }], /`clientHeaders\[0\]\.clientOption` `timeout` is already a client option/],
    [[{ ...organization, clientOption: 'adminAPIKey' }], /`adminAPIKey` is already a client option/],
    [[organization, { ...organization, clientOption: 'org' }], /`clientHeaders\[1\]\.header` `OpenAI-Organization` is listed twice/],
    [[{ ...organization, header: 'Bad Header' }], /`clientHeaders\[0\]\.header` must be a header name/],
    [[{ ...organization, extra: 1 }], /unknown key `extra`/],
    [{ organization }, /`clientHeaders` must be a list/],
    [[{ ...organization, clientOption: 'dryRun' }], /`dryRun` would be the flag `--dry-run`, which the CLI or the MCP server already has/],
    [[{ ...organization, clientOption: 'port' }], /`port` would be the flag `--port`/],
  ])('refuses %j at its line', async (clientHeaders, message) => {
    const error = await importWith(clientHeaders).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).message).toMatch(message);
    expect((error as GeneratorError).format()).toMatch(/config\.yaml:\d+:\d+: /);
  });
});

describe('idempotencyHeader', () => {
  const importWithHeader = (value: unknown) => {
    const config = parse(readFileSync(join(repoRoot, 'spec/openai-admin/config.yaml'), 'utf8'));
    config.idempotencyHeader = value;
    const dir = mkdtempSync(join(tmpdir(), 'import-idempotency-'));
    writeFileSync(join(dir, 'config.yaml'), stringify(config));
    return importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', configDir: dir, relock: true });
  };

  it('names the header of the client meta; null sends none', async () => {
    const named = await importWithHeader('X-Request-Key');
    expect(named.spec.idempotencyHeader).toBe('X-Request-Key');
    expect(emitAll(named.spec).get('client/src/client.ts')).toContain("idempotencyHeader: 'X-Request-Key'");
    const none = await importWithHeader(null);
    expect(none.spec.idempotencyHeader).toBeUndefined();
    expect(emitAll(none.spec).get('client/src/client.ts')).toContain('idempotencyHeader: null');
  });

  it('refuses a value that is no header name, at its line', async () => {
    const error = await importWithHeader('Bad Header').then(() => undefined, (e: unknown) => e);
    expect((error as GeneratorError).message).toMatch(/`idempotencyHeader` must be a header name, or null for none/);
    expect((error as GeneratorError).format()).toMatch(/config\.yaml:\d+:\d+: /);
  });
});
