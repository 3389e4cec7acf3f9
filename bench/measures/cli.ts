/**
 * Measure 4 (issue 6): CLI cold start. Each command is a fresh child process,
 * timed from spawn to exit, round-robin against bare `node -e ''`.
 */
import { join } from 'node:path';
import type { Measure } from '../child.js';
import { generatedDir, requireFile } from '../lib/paths.js';
import { interleaveSpawns, timeSpawn } from '../lib/time.js';
import { compare, median, skippedRow, type Row } from '../lib/types.js';

const RUNS = 21;
// The dry run never sends; the base URL points at a closed local port anyway.
const ENV = { OPENAI_ADMIN_KEY: 'x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };

const measure: Measure = {
  title: 'CLI cold start vs bare node',
  async run() {
    const bin = requireFile(join(generatedDir, 'cli/bin/openai-admin.js'), 'CLI bin');
    const node = process.execPath;
    const commands = {
      help: { label: 'openai-admin --help', args: [bin, '--help'] },
      dry: { label: 'openai-admin admin:organization:projects list --dry-run', args: [bin, 'admin:organization:projects', 'list', '--dry-run'] },
    };
    // A body command with no body flags polls stdin: an open, idle pipe must cost only the ~10 ms poll.
    const update = [bin, 'admin:organization:projects', 'update', '--project-id', 'p', '--dry-run'];
    const rows: Row[] = [];
    // Check each command works before timing it, so a broken one is reported, not timed.
    const working: Record<string, { command: string; args: string[]; env: Record<string, string>; openStdin?: boolean }> = {
      bare: { command: node, args: ['-e', ''], env: ENV },
    };
    const broken: Record<string, string> = {};
    for (const [key, c] of Object.entries(commands)) {
      const r = await timeSpawn(node, c.args, ENV);
      if (r.code === 0) working[key] = { command: node, args: c.args, env: ENV };
      else broken[key] = `exit ${r.code}: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0] ?? ''}`.slice(0, 160);
    }
    working['update'] = { command: node, args: update, env: ENV };
    working['updateIdleStdin'] = { command: node, args: update, env: ENV, openStdin: true };
    const samples = await interleaveSpawns(working, RUNS);
    const bare = { label: "node -e ''", value: median(samples.bare!) };
    rows.push(compare('cli.bare', "bare node -e ''", 'ms', samples.bare!, undefined));
    for (const [key, c] of Object.entries(commands)) {
      if (samples[key]) rows.push(compare(`cli.${key}`, c.label, 'ms', samples[key]!, bare, { op: '<=', limit: 1.3 }));
      else rows.push(skippedRow(`cli.${key}`, c.label, broken[key]!));
    }
    const closed = { label: '… projects update --dry-run, stdin /dev/null', value: median(samples['update']!) };
    rows.push(compare('cli.update', closed.label, 'ms', samples['update']!, bare));
    rows.push(compare('cli.updateIdleStdin', '… projects update --dry-run, stdin an open idle pipe', 'ms', samples['updateIdleStdin']!, closed, { op: '<=', limit: 1.2 }));
    return rows;
  },
};
export default measure;
