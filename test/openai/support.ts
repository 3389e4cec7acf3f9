/**
 * Where the committed `openai` target lives, and what its end-to-end tests
 * leave out for now (each with the reason), shared by the three surfaces.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedSpec, Operation, Shape } from '../../generator/ir/types.js';
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
 * Operations whose mock calls fail today, each for its stated reason. Key → the call modes that fail.
 * Each entry must still fail (a stale one fails the test), so the list shrinks as that work lands.
 */
export type CallMode = 'required' | 'all' | 'no-upload';

export const PENDING: Record<string, { modes: CallMode[]; why: string }> = {
  'images.edit': { modes: ['required', 'no-upload'], why: 'the JSON form needs `images` (optional in the merged params, since an upload of `image` can take its place); the required arguments alone send neither' },
  'files.create': { modes: ['all'], why: 'multipart: the runtime sends a nested field as openai-node does (`expires_after[anchor]`); steady expects it as one JSON part' },
  'audio.transcriptions.create': { modes: ['all'], why: 'multipart: the runtime sends an array field as openai-node does (repeated `include[]`); steady rejects it' },
  'realtime.calls.create': { modes: ['all'], why: 'multipart: the runtime sends an object field as openai-node does (bracketed parts); steady validates `session` as one object' },
};

/**
 * Whether a CLI or MCP call carries an upload field: those surfaces take no upload yet (issue 13: `--file @path`,
 * MCP base64 or `--allow-file-dir`), so the client refuses the string with an error that names the field.
 */
export function carriesUpload(op: Operation, args: Record<string, unknown>): boolean {
  // A body that is JSON or multipart goes as JSON when it holds no upload, so only multipart-only bodies refuse strings.
  return op.body?.encoding === 'multipart' && (op.body.files ?? []).some((name) => args[name] !== undefined);
}

export const UPLOAD_REFUSED = /is a file upload, not a string/;

/** `required`/`all`: the client test's calls (with uploads); `no-upload`: the CLI's and MCP's required-argument calls. */
export function pendingReason(key: string, mode: CallMode): string | undefined {
  const entry = PENDING[key];
  return entry?.modes.includes(mode) ? entry.why : undefined;
}

/** The shape without its upload members (`file`, arrays of files), or undefined when nothing else is left. */
function withoutUploads(shape: Shape): Shape | undefined {
  if (shape.kind === 'file') return undefined;
  if (shape.kind === 'array') return withoutUploads(shape.items) ? shape : undefined;
  if (shape.kind === 'union') {
    const rest = shape.members.filter((m) => withoutUploads(m) !== undefined);
    return rest.length === 0 ? undefined : rest.length === shape.members.length ? shape : { ...shape, members: rest };
  }
  return shape;
}

/** A small upload for a file field (a `File`, which every upload path accepts), one per array item. */
function uploadFor(shape: Shape, name: string): unknown {
  const file = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], `${name}.png`, { type: 'image/png' });
  if (shape.kind === 'array') return [file()];
  if (shape.kind === 'union' && shape.members.every((m) => m.kind === 'array')) return [file()];
  return file();
}

/**
 * Arguments for a client call; a body that is a union (not flattened) goes whole in `body`.
 * With `uploads`, upload fields (`body.files`) get a real `File`: an upload operation is exercised
 * as one (multipart, or multipart rather than JSON for a body that takes both).
 */
export function openaiCallArgs(op: Operation, spec: NormalizedSpec, mode: 'required' | 'all', uploads = true): CallArgs {
  const args = callArgs(op, spec, mode);
  const files = op.body?.files ?? [];
  if (uploads && files.length && args.params) {
    for (const p of op.params.filter((x) => x.in === 'body' && files.includes(x.name))) {
      if (p.name in args.params) args.params[p.name] = uploadFor(p.schema, p.name);
    }
  } else if (!uploads && op.body?.encoding === 'json-or-multipart') {
    // No upload (the CLI and MCP tests): the JSON form, so an upload-or-object field gets an object.
    const params: Record<string, unknown> = { ...(args.params ?? {}) };
    for (const p of op.params.filter((x) => x.in === 'body' && x.name in params)) {
      const shape = withoutUploads(p.schema);
      if (shape && shape !== p.schema) params[p.name] = sampleFor(shape, spec, mode === 'all');
    }
    args.params = params;
  }
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
  const { positional, params = {} } = openaiCallArgs(op, spec, 'required', false);
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
