/**
 * Usage errors (exit 2, one line of message and a hint, no request made),
 * help at every level, "did you mean", --version, and the completion scripts
 * (syntax-checked by the real shells that are installed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { assertBuilt, loadTable, runCli } from './support/cli.js';

const KEY = 'sk-admin-USAGE-secret-77';
let rec: Recorder;
let env: Record<string, string>;

beforeAll(async () => {
  assertBuilt();
  rec = await startRecorder();
  env = { OPENAI_ADMIN_KEY: KEY, OPENAI_BASE_URL: rec.url };
});
afterAll(async () => {
  await rec?.close();
});

describe('usage errors exit 2 before any request', () => {
  it.each([
    [['admin:organization:projects', 'list', '--limt', '5'], /unknown flag --limt/, /did you mean --limit/],
    [['admin:organization:admin-api-keys', 'create', '--nmae', 'x'], /unknown flag --nmae/, /did you mean --name/],
    [['admin:organization:admin-api-keys', 'create'], /missing required flag --name/, /--name/],
    // A flag where a value belongs is not taken as the value (`--dry-run` must not become a name and send the request).
    [['admin:organization:admin-api-keys', 'create', '--name', '--dry-run'], /flag --name needs a value, not the flag --dry-run/, /--name=VALUE \(the = form for a value that starts with -\)/],
    [['admin:organization:admin-api-keys', 'create', '--name'], /flag --name needs a value$/, /--name VALUE/],
    [['admin:organization:projects', 'list', '--limit', 'ten'], /--limit expects an integer, got 'ten'/, /for example --limit/],
    [['admin:organization:projects', 'list', '--include-archived=maybe'], /--include-archived expects true or false/, /example/],
    // Ranges the schema declares are checked before any request (prose-only ranges are not: see below).
    [['admin:organization:admin-api-keys', 'create', '--name', 'k', '--expires-in-seconds', '0'], /--expires-in-seconds: 0 is out of range; the API accepts between 1 and 31536000/, /for example --expires-in-seconds 10/],
    [['admin:organization:groups', 'list', '--limit', '5000'], /--limit: 5000 is out of range; the API accepts between 0 and 1000/, /example/],
    [['admin:organization:admin-api-keys', 'list', '--order', 'up'], /--order: 'up' is not one of asc, desc/, /hint/],
    [['admin:organization:audit-logs', 'list', '--event-type', 'project.craeted'], /not one of/, /did you mean project\.created\?/],
    [['admin:organization:audit-logs', 'list', '--effective-at.gtt', '1'], /unknown field 'gtt'/, /did you mean --effective-at\.gt/],
    // Inner fields: did-you-mean finds typos of the kebab and the snake spelling, and names the kebab one.
    [['admin:organization:spend-alerts', 'update', 'a', '--notification-channel.subject-prefx', 'x'], /unknown field 'subject-prefx' in --notification-channel/, /fields: type, recipients, subject-prefix; did you mean --notification-channel\.subject-prefix\?/],
    [['admin:organization:spend-alerts', 'update', 'a', '--notification-channel.subject_prefx', 'x'], /unknown field 'subject_prefx'/, /did you mean --notification-channel\.subject-prefix\?/],
    [['admin:organization:spend-alerts', 'update', 'a', '--notification_channel.subject-prefix', 'x'], /unknown flag --notification_channel\.subject-prefix/, /did you mean --notification-channel\.subject-prefix\?/],
    [['admin:organization:invites', 'create', '--email', 'a@b.co', '--role', 'reader', '--project', '{id: p1, role: boss}'], /--project\.role: 'boss' is not one of/, /hint/],
    [['admin:organization:projcts', 'list'], /unknown command group 'admin:organization:projcts'/, /did you mean admin:organization:projects/],
    [['admin:organization:projects', 'lst'], /unknown command 'lst'/, /did you mean 'admin:organization:projects list'/],
    [['admin:organization:projects', 'retrieve', 'a', 'b'], /unexpected argument 'b'/, /hint/],
    [['admin:organization:projects', 'list', '--format', 'xml'], /--format must be one of auto, json, jsonl, yaml, pretty, table/, /hint/],
    [['admin:organization:projects', 'list', '--max-items', 'many'], /--max-items expects an integer/, /hint/],
    [['admin:organization:projects', 'list', '--timeout', 'soon'], /--timeout expects a duration/, /hint/],
    [['--nmae', 'x', 'admin:organization:projects', 'list'], /unknown flag --nmae before the command/, /hint/],
    [['admin:organization:admin-api-keys', 'create', '--data', '@/nonexistent/body.json'], /cannot read --data file/, /hint/],
    [['admin:organization:admin-api-keys', 'create', '--data', '{name: [unclosed'], /cannot parse the request body/, /hint/],
    [['completion', 'powershell'], /completion needs a shell/, /hint/],
  ])('%j', async (args, message, hint) => {
    rec.reset();
    const res = await runCli(args, { env });
    expect(res.code, res.stderr).toBe(2);
    const lines = res.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
    expect(res.stderr).toMatch(hint);
    expect(lines[1] ?? '').toMatch(/^hint: /);
    expect(res.stdout).toBe('');
    expect(rec.requests).toHaveLength(0);
  });

  it('takes a value that starts with a single dash (a descending sort, a number) as the value', async () => {
    const res = await runCli(['admin:organization:admin-api-keys', 'create', '--name', '-created_at', '--dry-run'], { env });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/"name": ?"-created_at"/);
  });

  it('a missing key is a usage error with a hint, and nothing is sent', async () => {
    rec.reset();
    const res = await runCli(['admin:organization:projects', 'list'], { env: { OPENAI_BASE_URL: rec.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/missing API key/);
    expect(res.stderr).toMatch(/--admin-api-key or set OPENAI_ADMIN_KEY/);
    expect(rec.requests).toHaveLength(0);
  });

  it('never echoes the key, even in a usage error about that very value', async () => {
    const secret = 'sk-admin-typed-by-mistake-1234';
    const res = await runCli(['admin:organization:projects', 'list', `--admin-api-key=${secret}`, '--limit', secret], { env });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--limit expects an integer');
    expect(res.stderr).toContain('[REDACTED]');
    expect(res.stderr).not.toContain(secret);
  });

  it('a range stated only in the description warns on stderr and sends the value; the server decides', async () => {
    for (const limit of ['0', '500']) {
      rec.reset();
      rec.route('GET', '/organization/projects', { body: { object: 'list', data: [], has_more: false } });
      const res = await runCli(['admin:organization:projects', 'list', '--limit', limit], { env });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stderr).toBe(`warning: --limit: ${limit} is outside the range the API's description states (between 1 and 100); sending it anyway\n`);
      expect(rec.requests.map((r) => r.url)).toEqual([`/organization/projects?limit=${limit}`]);
    }
    // Inside the range: no warning.
    rec.reset();
    const quiet = await runCli(['admin:organization:projects', 'list', '--limit', '5', '--max-items', '1'], { env });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('a group without a command exits 2 and names its commands', async () => {
    const res = await runCli(['admin:organization:projects'], { env });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      "error: missing command for group admin:organization:projects\nhint: commands: list, create, retrieve, update, archive; run 'openai-admin admin:organization:projects --help'\n",
    );
  });
});

describe('help', () => {
  it('root help lists every group and the global flags', async () => {
    const res = await runCli(['--help'], { env });
    expect(res.code).toBe(0);
    const groups = new Set(loadTable().commands.map((c) => c.group));
    for (const g of groups) expect(res.stdout).toContain(g);
    for (const f of ['--admin-api-key', '--base-url', '--format', '--transform', '--max-items', '--dry-run', '--debug', '--timeout', '--max-retries', '--data']) {
      expect(res.stdout).toContain(f);
    }
    expect((await runCli([], { env })).stdout).toBe(res.stdout);
  });

  it('group help lists its commands with summaries; a prefix lists its groups', async () => {
    const res = await runCli(['admin:organization:admin-api-keys', '--help'], { env });
    expect(res.code).toBe(0);
    for (const c of ['list', 'create', 'retrieve', 'delete']) expect(res.stdout).toMatch(new RegExp(`\\n  ${c}\\s+\\S`));
    const prefix = await runCli(['admin:organization', '--help'], { env });
    expect(prefix.code).toBe(0);
    expect(prefix.stdout).toContain('admin:organization:projects:users');
  });

  it('command help shows types, required marks, defaults, choices and descriptions', async () => {
    const res = await runCli(['admin:organization:audit-logs', 'list', '--help'], { env });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('GET /organization/audit_logs');
    expect(res.stdout).toMatch(/--event-type string\s+\(repeatable\)/);
    expect(res.stdout).toContain('project.created');
    expect(res.stdout).toMatch(/--effective-at object/);
    expect(res.stdout).toMatch(/--effective-at\.FIELD/);
    expect(res.stdout).toMatch(/--limit integer/);
    // This range is read from the description: help shows it and says it is not enforced.
    expect(res.stdout.replace(/\s+/g, ' ')).toMatch(/--limit integer .*?Range: 1\.\.100 \(per the description; not enforced\)\./);
    const declared = await runCli(['admin:organization:admin-api-keys', 'create', '--help'], { env });
    expect(declared.stdout.replace(/\s+/g, ' ')).toMatch(/--expires-in-seconds integer .*?Range: 1\.\.31536000\./);
    // Object fields are listed in kebab case, as the official CLI names them.
    const alert = await runCli(['admin:organization:spend-alerts', 'update', '--help'], { env });
    expect(alert.stdout.replace(/\s+/g, ' ')).toContain('Fields: type* email, recipients* string[], subject-prefix string');
    const create = await runCli(['admin:organization:admin-api-keys', 'create', '-h'], { env });
    expect(create.stdout).toMatch(/--name string\s+\(required\)/);
    const order = await runCli(['admin:organization:admin-api-keys', 'list', '--help'], { env });
    expect(order.stdout).toMatch(/--order asc\|desc\s+.*\(default: asc\)/);
  });

  it('`help <group> <command>` is the same as --help', async () => {
    const a = await runCli(['help', 'admin:organization:projects', 'list'], { env });
    const b = await runCli(['admin:organization:projects', 'list', '--help'], { env });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('--help wins over missing flags; --version prints the version', async () => {
    expect((await runCli(['admin:organization:admin-api-keys', 'create', '--help'], { env })).code).toBe(0);
    const v = await runCli(['--version'], { env });
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^openai-admin \d+\.\d+\.\d+ \(API \S+\)\n$/);
  });
});

describe('completion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-completion-'));
  const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

  it.each(['bash', 'zsh', 'fish'])('%s script is generated from the table and parses', async (shell) => {
    const res = await runCli(['completion', shell], { env });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('admin:organization:projects:users');
    expect(res.stdout).toContain(shell === 'fish' ? '-l event-type' : '--event-type');
    const file = join(dir, `openai-admin.${shell}`);
    writeFileSync(file, res.stdout);
    if (!has(shell)) return; // zsh/fish are optional on the test machine.
    execFileSync(shell, ['-n', file], { stdio: 'pipe' });
  });

  it('bash completes groups across ":" word breaks, commands and enum values', async () => {
    const script = (await runCli(['completion', 'bash'], { env })).stdout;
    const file = join(dir, 'complete.bash');
    writeFileSync(file, script);
    const complete = (line: string) =>
      execFileSync('bash', ['-c', `source ${file}; COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; COMP_WORDBREAKS=$' \\t\\n"\\'><=;|&(:'; _openai_admin; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' })
        .trim()
        .split('\n');
    // bash replaces only the part after the last ':', so the candidates are cut there too.
    expect(complete('openai-admin admin:organization:projects:us')).toEqual(['users', 'users:roles']);
    expect(complete('openai-admin admin:organization:admin-')).toEqual(['admin-api-keys']);
    expect(complete('openai-admin admin:organization:admin-api-keys ')).toEqual(['list', 'create', 'retrieve', 'delete']);
    expect(complete('openai-admin admin:organization:admin-api-keys list --order ')).toEqual(['asc', 'desc']);
    expect(complete('openai-admin admin:organization:admin-api-keys list --ord')).toEqual(['--order']);
    expect(complete('openai-admin --format j')).toEqual(['json', 'jsonl']);
    // Object fields complete in kebab case, with their enum values.
    expect(complete('openai-admin admin:organization:spend-alerts update --notification-channel.s')).toEqual(['--notification-channel.subject-prefix']);
    expect(complete('openai-admin admin:organization:spend-alerts update --notification-channel.type ')).toEqual(['email']);
  });

  it('zsh and fish complete commands and enum values (when installed)', async () => {
    if (has('zsh')) {
      const file = join(dir, 'complete.zsh');
      writeFileSync(file, (await runCli(['completion', 'zsh'], { env })).stdout);
      // compadd only exists inside the completion system: stand in for it to see the candidates.
      const zsh = (words: string[]) =>
        execFileSync('zsh', ['-c', `compdef(){}; source ${file}; compadd(){ shift; print -l -- "$@" }; words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _openai_admin`], { encoding: 'utf8' })
          .trim()
          .split('\n');
      expect(zsh(['openai-admin', 'admin:organization:admin-api-keys', ''])).toEqual(['list', 'create', 'retrieve', 'delete']);
      expect(zsh(['openai-admin', 'admin:organization:admin-api-keys', 'list', '--order', ''])).toEqual(['asc', 'desc']);
    }
    if (has('fish')) {
      const file = join(dir, 'complete.fish');
      writeFileSync(file, (await runCli(['completion', 'fish'], { env })).stdout);
      const fish = (line: string) => execFileSync('fish', ['-c', `source ${file}; complete -C '${line}'`], { encoding: 'utf8' }).trim().split('\n');
      expect(fish('openai-admin admin:organization:admin-api-keys ')).toEqual(['create', 'delete', 'list', 'retrieve']);
      expect(fish('openai-admin admin:organization:admin-api-keys list --order ')).toEqual(['asc', 'desc']);
    }
  });
});
