/**
 * The packed CLI is self-contained: `npm pack` gives a tarball with only the
 * bundled bin (client and YAML parser inside), which installs offline into a
 * fresh project and runs from node_modules/.bin.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, cliDir } from './support/cli.js';

describe('npm pack', () => {
  it('installs offline into a fresh project and runs', () => {
    assertBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'cli-pack-'));
    const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    npm(['pack', cliDir, '--pack-destination', dir], dir);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const files = execFileSync('tar', ['tzf', join(dir, tarball)], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(files).toEqual(['package/CHANGELOG.md', 'package/README.md', 'package/bin/commands.json', 'package/bin/lib/client.js', 'package/bin/lib/yaml.js', 'package/bin/openai-admin.js', 'package/package.json']);
    const pkg = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});

    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, tarball)], app);
    const bin = join(app, 'node_modules/.bin/openai-admin');
    const env = { PATH: process.env['PATH']!, OPENAI_ADMIN_KEY: 'sk-admin-pack-test-1234', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    const out = execFileSync(bin, ['admin:organization:audit-logs', 'list', '--effective-at', '{gt: 1}', '--dry-run'], { env, encoding: 'utf8' });
    expect(out.split('\n')[0]).toBe('GET http://127.0.0.1:9/v1/organization/audit_logs?effective_at[gt]=1');
    expect(out).not.toContain('sk-admin-pack-test-1234');
  });
});
