/**
 * Measure 4 (issue 6): CLI cold start. Each command is a fresh child process,
 * timed from spawn to exit, round-robin against bare `node -e ''`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Measure } from '../child.js';
import { generatedDir, repoRoot, requireFile } from '../lib/paths.js';
import { interleaveSpawns, timeSpawn } from '../lib/time.js';
import { compare, median, skippedRow, type Row } from '../lib/types.js';

const RUNS = 21;
// The dry run never sends; the base URL points at a closed local port anyway.
const ENV = { OPENAI_ADMIN_KEY: 'x', OPENAI_API_KEY: 'x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };

/** The whole-API `openai` target's bin (built by `npm run generate`), or why it cannot be timed. */
function openaiBin(): { bin?: string; reason?: string } {
  const pkg = join(repoRoot, 'generated/openai/cli/package.json');
  if (!existsSync(pkg)) return { reason: 'no generated/openai target' };
  const bin = Object.values((JSON.parse(readFileSync(pkg, 'utf8')) as { bin?: Record<string, string> }).bin ?? {})[0];
  const path = bin ? join(repoRoot, 'generated/openai/cli', bin) : undefined;
  return path && existsSync(path) ? { bin: path } : { reason: 'generated/openai/cli is not built (npm run generate)' };
}

const measure: Measure = {
  title: 'CLI cold start vs bare node',
  async run() {
    const bin = requireFile(join(generatedDir, 'cli/bin/openai-admin.js'), 'CLI bin');
    const node = process.execPath;
    const commands: Record<string, { label: string; args: string[] }> = {
      help: { label: 'openai-admin --help', args: [bin, '--help'] },
      dry: { label: 'openai-admin admin:organization:projects list --dry-run', args: [bin, 'admin:organization:projects', 'list', '--dry-run'] },
    };
    // The whole OpenAI API (288 commands in one table): help, and a streaming call's dry run.
    const openai = openaiBin();
    const openaiRows = {
      openaiHelp: { label: 'openai-tri --help (whole API)', args: [openai.bin ?? '', '--help'] },
      openaiDry: {
        label: 'openai-tri chat:completions create … --stream --dry-run',
        args: [openai.bin ?? '', 'chat:completions', 'create', '--model', 'gpt-4o', '--message', '{"role":"user","content":"hi"}', '--stream', '--dry-run'],
      },
    };
    if (openai.bin) Object.assign(commands, openaiRows);
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
    if (!openai.bin) for (const [key, c] of Object.entries(openaiRows)) rows.push(skippedRow(`cli.${key}`, c.label, openai.reason!));
    const closed = { label: '… projects update --dry-run, stdin /dev/null', value: median(samples['update']!) };
    rows.push(compare('cli.update', closed.label, 'ms', samples['update']!, bare));
    rows.push(compare('cli.updateIdleStdin', '… projects update --dry-run, stdin an open idle pipe', 'ms', samples['updateIdleStdin']!, closed, { op: '<=', limit: 1.2 }));
    return rows;
  },
};
export default measure;
