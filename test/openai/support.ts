/**
 * Where the committed `openai` target lives, and what its end-to-end tests
 * leave out for now (each with the reason), shared by the three surfaces.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedSpec, Operation } from '../../generator/ir/types.js';
import type { CommandSpec, CommandTable } from '../../runtime/cli/table.js';
import { callArgs, sampleFor, type CallArgs } from '../client/support.js';
import { repoRoot } from '../support/shared.js';

export const openaiDir = join(repoRoot, 'generated/openai');
export const openaiSpecPath = join(repoRoot, 'spec/openai/spec.json');
export const openaiCliBin = join(openaiDir, 'cli/bin/openai-tri.js');
export const openaiMcpBin = join(openaiDir, 'mcp/bin/openai-tri-mcp.js');

export function loadOpenaiSpec(): NormalizedSpec {
  return JSON.parse(readFileSync(openaiSpecPath, 'utf8')) as NormalizedSpec;
}

export function loadOpenaiTable(): CommandTable {
  return JSON.parse(readFileSync(join(openaiDir, 'cli/src/commands.json'), 'utf8')) as CommandTable;
}

export function openaiClientEntry(): string {
  const entry = join(openaiDir, 'client/dist/index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run generate\` first`);
  return entry;
}

/** Keys the tests use: both schemes set, so every operation has the key it accepts. */
export const TEST_KEYS = { OPENAI_API_KEY: 'sk-proj-mock-0123456789', OPENAI_ADMIN_KEY: 'sk-admin-mock-0123456789' };

/**
 * Operations whose mock calls wait on work in progress elsewhere (issue 13), by
 * operation key: the steady mock rejects what the client sends today.
 * Each entry must still fail (a stale one fails the test), so the list shrinks as that work lands.
 */
export const PENDING_WITH_ALL_PARAMS: Record<string, string> = {
  'audio.transcriptions.create': 'multipart: an array field (`include`) is sent as one JSON text, not as openai-node’s repeated `include[]` parts (runtime-io)',
  'realtime.calls.create': 'multipart: an object field (`session`) is sent as one text part; steady validates it as an object (runtime-io)',
};

/** Arguments for a client call; a body that is a union (not flattened) goes whole in `body`. */
export function openaiCallArgs(op: Operation, spec: NormalizedSpec, mode: 'required' | 'all'): CallArgs {
  const args = callArgs(op, spec, mode);
  if (op.body && !op.body.flattened && (op.body.required || mode === 'all')) {
    args.params = { ...(args.params ?? {}), body: sampleFor(op.body.schema, spec, mode === 'all') };
  }
  return args;
}

/**
 * CLI argv for one command with its required flags, valued from the IR's
 * param shapes (the same values the client test sends, which steady accepts;
 * union members included): arrays repeat the flag, objects go as JSON, and a
 * body that is one union goes whole in `--data`.
 */
export function openaiCliArgs(op: Operation, cmd: CommandSpec, spec: NormalizedSpec): string[] {
  const { positional, params = {} } = openaiCallArgs(op, spec, 'required');
  const lastPath = op.params.filter((p) => p.in === 'path').at(-1);
  const argv = [cmd.group, cmd.command];
  for (const f of cmd.flags.filter((x) => x.required)) {
    const value = lastPath && f.name === lastPath.name ? positional : params[f.name];
    if (value === undefined) continue;
    const text = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    if (f.type === 'array' && Array.isArray(value)) for (const item of value) argv.push(`--${f.flag}`, text(item));
    else if (f.type === 'boolean') argv.push(value === false ? `--${f.flag}=false` : `--${f.flag}`);
    else argv.push(`--${f.flag}`, text(value));
  }
  if (op.body && !op.body.flattened && params.body !== undefined) argv.push('--data', JSON.stringify(params.body));
  return argv;
}

/**
 * The commands the CLI mock test runs (a child process each): every operation outside the Admin
 * API, and the first of each Admin resource. The Admin operations all run on every
 * surface in the openai-admin target's tests (same runtime, same emitters); here a
 * sample checks that they take the admin key beside the project key.
 */
export function surfaceSample(spec: NormalizedSpec): Operation[] {
  const seen = new Set<string>();
  return spec.operations.filter((op) => {
    if (op.resource[0] !== 'admin') return true;
    const group = op.resource.join('.');
    if (seen.has(group)) return false;
    seen.add(group);
    return true;
  });
}
