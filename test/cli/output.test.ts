/**
 * Output formats, --transform, and auto-pagination with --max-items for each
 * pagination style, from the real bin against scripted pages.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startRecorder, type Recorder, type RecordedRequest } from '../support/http-recorder.js';
import { assertBuilt, cliBin, runCli } from './support/cli.js';

const KEY = 'sk-admin-OUTPUT-secret-99';
let rec: Recorder;
let env: Record<string, string>;

const projects = Array.from({ length: 7 }, (_, i) => ({ id: `proj_${i + 1}`, object: 'organization.project', name: `Project ${i + 1}`, created_at: 1711471533 + i, status: 'active' }));

/** Cursor pages of 3: `after` = last id of the previous page. */
function cursorPages(req: RecordedRequest) {
  const after = new URLSearchParams(req.query).get('after');
  const start = after ? projects.findIndex((p) => p.id === after) + 1 : 0;
  const data = projects.slice(start, start + 3);
  return { body: { object: 'list', data, first_id: data[0]?.id, last_id: data[data.length - 1]?.id, has_more: start + 3 < projects.length } };
}

beforeAll(async () => {
  assertBuilt();
  rec = await startRecorder();
  env = { OPENAI_ADMIN_KEY: KEY, OPENAI_BASE_URL: rec.url };
});
afterAll(async () => {
  await rec?.close();
});
beforeEach(() => {
  rec.reset();
  rec.route('GET', '/organization/projects', cursorPages);
  rec.route('GET', '/organization/projects/proj_1', { body: projects[0]! });
});

async function cli(...args: string[]) {
  const res = await runCli(args, { env });
  expect(res.code, res.stderr).toBe(0);
  return res;
}

describe('formats', () => {
  it('auto is JSON when piped; json is the list envelope', async () => {
    const auto = await cli('admin:organization:projects', 'list', '--max-items', '2');
    const json = await cli('admin:organization:projects', 'list', '--max-items', '2', '--format', 'json');
    expect(auto.stdout).toBe(json.stdout);
    expect(JSON.parse(json.stdout)).toEqual({ object: 'list', data: projects.slice(0, 2), has_more: true });
  });

  it("keeps stdout the response when the environment asks the client for debug lines (OPENAI_LOG): they go to stderr", async () => {
    const res = await runCli(['admin:organization:projects', 'retrieve', 'proj_1'], { env: { ...env, OPENAI_LOG: 'debug' } });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(projects[0]);
    expect(res.stderr).toMatch(/request attempt 1/);
    expect(res.stderr).not.toContain(KEY);
  });

  it('a list stopped by --max-items says how to go on: an id cursor from the last item printed, mid-page too', async () => {
    const mid = await cli('admin:organization:projects', 'list', '--max-items', '2', '--format', 'jsonl');
    expect(mid.stderr).toContain('more are available. Go on from here with --after proj_2, or use --max-items -1 for all.');
    const rest = await cli('admin:organization:projects', 'list', '--after', 'proj_2', '--max-items', '-1', '--format', 'jsonl');
    expect(rest.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual(projects.slice(2).map((p) => p.id));
  });

  it('jsonl prints one item per line', async () => {
    const res = await cli('admin:organization:projects', 'list', '--format', 'jsonl', '--max-items', '-1');
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(projects);
  });

  it('yaml round-trips', async () => {
    const res = await cli('admin:organization:projects', 'retrieve', 'proj_1', '--format', 'yaml');
    expect(parseYaml(res.stdout)).toEqual(projects[0]);
    expect(res.stdout).toContain('name: Project 1');
  });

  it('pretty prints indented JSON (no colour when piped)', async () => {
    const res = await cli('admin:organization:projects', 'retrieve', 'proj_1', '--format', 'pretty');
    expect(JSON.parse(res.stdout)).toEqual(projects[0]);
    expect(res.stdout).not.toContain('\x1b[');
    expect(res.stdout).toContain('\n  "id": "proj_1"');
  });

  it('table picks id/name/status/created_at columns and formats times', async () => {
    const res = await cli('admin:organization:projects', 'list', '--format', 'table', '--max-items', '3');
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['ID', 'NAME', 'STATUS', 'CREATED_AT']);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^proj_1\s+Project 1\s+active\s+2024-03-26 16:45:33Z$/);
  });

  it('table shows a single object as field/value rows', async () => {
    const res = await cli('admin:organization:projects', 'retrieve', 'proj_1', '--format', 'table');
    expect(res.stdout).toMatch(/^FIELD\s+VALUE\n/);
    expect(res.stdout).toMatch(/\nname\s+Project 1\n/);
  });
});

describe('auto on a terminal', () => {
  // util-linux `script` gives the bin a pseudo-terminal as stdout.
  const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
  const onTTY = (args: string[]) => {
    const cmd = [process.execPath, cliBin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_') && k !== 'NO_COLOR'));
    // Async: the recorder answering the bin lives in this process.
    return new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...childEnv, ...env, COLUMNS: '120' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.once('close', (status) => resolve({ status, stdout }));
    });
  };

  it.skipIf(!hasScript)('prints a table for lists and coloured JSON for objects', async () => {
    const list = await onTTY(['admin:organization:projects', 'list', '--max-items', '2']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/ID\s+NAME\s+STATUS\s+CREATED_AT/);
    expect(list.stdout).toMatch(/proj_1\s+Project 1/);
    const one = await onTTY(['admin:organization:projects', 'retrieve', 'proj_1']);
    expect(one.stdout).toContain('\x1b[');
    expect(one.stdout.replace(/\x1b\[\d+m/g, '')).toContain('"name": "Project 1"');
  });

  it.skipIf(!hasScript)('shows the progress of a long walk on stderr, erased at the end; nothing when stderr is not a terminal', async () => {
    // Six pages of one user each.
    rec.route('GET', '/organization/users', (req) => {
      const n = Number(new URLSearchParams(req.query).get('after')?.slice(2) ?? 0) + 1;
      return { body: { object: 'list', data: [{ id: `u_${n}`, object: 'organization.user', name: `User ${n}` }], last_id: `u_${n}`, has_more: n < 6 } };
    });
    const args = ['admin:organization:users', 'list', '--max-items', '-1', '--format', 'jsonl'];
    const tty = await onTTY(args);
    expect(tty.status).toBe(0);
    // The terminal shows stdout and stderr together: progress lines from page 4 on, then the erase, then the items.
    const erase = '\r\x1b[2K';
    expect(tty.stdout).toContain(`${erase}listing: 4 pages, 4 items so far…${erase}listing: 5 pages, 5 items so far…${erase}listing: 6 pages, 6 items so far…${erase}{"id":"u_1"`);
    expect(tty.stdout).not.toContain('listing: 3 pages');
    const piped = await cli(...args);
    expect(piped.stdout.trimEnd().split('\n')).toHaveLength(6);
    expect(piped.stderr).toBe('');
  });
});

describe('--transform', () => {
  it.each([
    ['data.#.id', ['proj_1', 'proj_2', 'proj_3']],
    ['.data[].id', ['proj_1', 'proj_2', 'proj_3']],
    ['data.1.name', 'Project 2'],
    ['.data[-1].name', 'Project 3'],
    ['data.#', 3],
    ['has_more', true],
    ['.', { object: 'list', data: projects.slice(0, 3), has_more: true }],
    ['data.0.missing', null],
  ])('%s', async (expr, expected) => {
    const res = await cli('admin:organization:projects', 'list', '--max-items', '3', '--transform', expr);
    expect(JSON.parse(res.stdout)).toEqual(expected);
  });

  it('jsonl of a transformed list prints one value per line', async () => {
    const res = await cli('admin:organization:projects', 'list', '--max-items', '3', '--transform', 'data.#.id', '--format', 'jsonl');
    expect(res.stdout).toBe('"proj_1"\n"proj_2"\n"proj_3"\n');
  });

  it('keys with dots via \\. or ["…"]', async () => {
    rec.route('GET', '/organization/audit_logs', {
      body: { object: 'list', data: [{ id: 'e1', type: 'project.created', 'project.created': { id: 'proj_9' } }], has_more: false },
    });
    const a = await cli('admin:organization:audit-logs', 'list', '--transform', 'data.0.project\\.created.id');
    const b = await cli('admin:organization:audit-logs', 'list', '--transform', '.data[0]["project.created"].id');
    expect(JSON.parse(a.stdout)).toBe('proj_9');
    expect(JSON.parse(b.stdout)).toBe('proj_9');
  });

  it('rejects a malformed expression with exit 2', async () => {
    const res = await runCli(['admin:organization:projects', 'list', '--transform', '.data[x'], { env });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--transform/);
    expect(rec.requests).toHaveLength(0);
  });
});

describe('auto-pagination', () => {
  it('cursor style: walks pages and stops at --max-items with a note', async () => {
    const res = await cli('admin:organization:projects', 'list', '--max-items', '5');
    const out = JSON.parse(res.stdout);
    expect(out.data.map((p: { id: string }) => p.id)).toEqual(['proj_1', 'proj_2', 'proj_3', 'proj_4', 'proj_5']);
    expect(out.has_more).toBe(true);
    expect(res.stderr).toMatch(/stopped after 5 items/);
    expect(rec.requests.map((r) => r.query)).toEqual(['', 'after=proj_3']);
  });

  it('--max-items -1 lists everything, with no truncation note', async () => {
    const res = await cli('admin:organization:projects', 'list', '--max-items', '-1');
    const out = JSON.parse(res.stdout);
    expect(out.data).toHaveLength(7);
    expect(out.has_more).toBe(false);
    expect(res.stderr).toBe('');
    expect(rec.requests.map((r) => r.query)).toEqual(['', 'after=proj_3', 'after=proj_6']);
  });

  it('a cap on a page boundary does not fetch the next page but reports more', async () => {
    const res = await cli('admin:organization:projects', 'list', '--max-items', '3');
    expect(JSON.parse(res.stdout).has_more).toBe(true);
    expect(rec.requests).toHaveLength(1);
  });

  it('next-cursor style follows `next`', async () => {
    rec.route('GET', '/organization/groups', (req) => {
      const after = new URLSearchParams(req.query).get('after');
      return after === 'n2'
        ? { body: { object: 'list', data: [{ id: 'g3' }], has_more: false, next: null } }
        : { body: { object: 'list', data: [{ id: 'g1' }, { id: 'g2' }], has_more: true, next: 'n2' } };
    });
    const res = await cli('admin:organization:groups', 'list', '--transform', 'data.#.id');
    expect(JSON.parse(res.stdout)).toEqual(['g1', 'g2', 'g3']);
    expect(rec.requests.map((r) => r.query)).toEqual(['', 'after=n2']);
  });

  it('usage page-token style follows next_page into `page`', async () => {
    rec.route('GET', '/organization/costs', (req) => {
      const page = new URLSearchParams(req.query).get('page');
      const bucket = (n: number) => ({ object: 'bucket', start_time: 1730419200 + n * 86400, end_time: 1730505600 + n * 86400, results: [] });
      return page === 'page_2'
        ? { body: { object: 'page', data: [bucket(2)], has_more: false, next_page: null } }
        : { body: { object: 'page', data: [bucket(0), bucket(1)], has_more: true, next_page: 'page_2' } };
    });
    const res = await cli('admin:organization:usage', 'costs', '--start-time', '1730419200', '--max-items', '-1');
    const out = JSON.parse(res.stdout);
    expect(out.object).toBe('page');
    expect(out.data).toHaveLength(3);
    expect(rec.requests.map((r) => r.query)).toEqual(['start_time=1730419200', 'start_time=1730419200&page=page_2']);
  });
});

describe('a server that repeats a cursor', () => {
  it('prints every item received once, warns once naming the cursor, and exits 0', async () => {
    // A mock's behaviour: the same page, with the same cursor, whatever is asked.
    rec.route('GET', '/organization/invites', { body: { object: 'list', data: [{ id: 'inv_1' }, { id: 'inv_2' }], last_id: 'inv_2', has_more: true } });
    const res = await cli('admin:organization:invites', 'list', '--max-items', '10');
    expect(JSON.parse(res.stdout)).toEqual({ object: 'list', data: [{ id: 'inv_1' }, { id: 'inv_2' }], has_more: false });
    expect(res.stderr).toBe('warning: the server sent the cursor "inv_2" again; stopped after 2 pages with the 2 items received (duplicates dropped).\n');
    expect(rec.requests.map((r) => r.query)).toEqual(['', 'after=inv_2']);
  });

  it('keeps new items of the page that repeats the cursor (next-cursor style)', async () => {
    rec.route('GET', '/organization/groups', (req) => {
      const after = new URLSearchParams(req.query).get('after');
      if (!after) return { body: { object: 'list', data: [{ id: 'g1' }, { id: 'g2' }], has_more: true, next: 'n2' } };
      if (after === 'n2') return { body: { object: 'list', data: [{ id: 'g2' }, { id: 'g3' }], has_more: true, next: 'n3' } };
      return { body: { object: 'list', data: [{ id: 'g3' }, { id: 'g4' }], has_more: true, next: 'n2' } };
    });
    const res = await cli('admin:organization:groups', 'list', '--max-items', '-1', '--transform', 'data.#.id');
    expect(JSON.parse(res.stdout)).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(res.stderr).toMatch(/^warning: the server sent the cursor "n2" again; stopped after 3 pages with the 4 items received/);
    expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('treats the cursor the user passed as already seen', async () => {
    rec.route('GET', '/organization/invites', { body: { object: 'list', data: [{ id: 'inv_9' }], last_id: 'start', has_more: true } });
    const res = await cli('admin:organization:invites', 'list', '--after', 'start');
    expect(JSON.parse(res.stdout).data).toEqual([{ id: 'inv_9' }]);
    expect(res.stderr).toMatch(/cursor "start" again; stopped after 1 page with the 1 item received/);
    expect(rec.requests).toHaveLength(1);
  });
});

describe('stdout on a pipe (written without Node streams)', () => {
  const many = Array.from({ length: 20_000 }, (_, i) => ({ id: `proj_${i}`, object: 'organization.project', name: `Project ${'x'.repeat(100)} ${i}`, created_at: 1, status: 'active' }));

  const serveMany = () => {
    rec.reset();
    rec.route('GET', '/organization/projects', { body: { object: 'list', data: many, has_more: false } });
  };

  it('delivers a multi-megabyte output whole and in order', async () => {
    serveMany();
    const res = await runCli(['admin:organization:projects', 'list', '--format', 'jsonl', '--max-items', '-1'], { env });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.length).toBeGreaterThan(2_500_000);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(20_000);
    expect(JSON.parse(lines[0]!).id).toBe('proj_0');
    expect(JSON.parse(lines[19_999]!).id).toBe('proj_19999');
  });

  it('ends quietly with exit 0 when the reader closes early (`| head`)', async () => {
    serveMany();
    // Async spawn: the recorder answers from this process.
    const child = spawn('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cliBin}" admin:organization:projects list --format jsonl --max-items -1 | head -c 200 > /dev/null`], {
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
  });
});
