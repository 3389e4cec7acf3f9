/**
 * Where the committed `openai` target lives, and what its end-to-end tests
 * leave out for now (each with the reason), shared by the three surfaces.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedSpec, Operation, Shape } from '../../generator/ir/types.js';
import type { CommandSpec, CommandTable } from '../../runtime/cli/table.js';
import { callArgs, sampleFor, type CallArgs } from '../client/support.js';
import { repoRoot } from '../support/shared.js';
import { walkedPagination } from '../../generator/emit/paging.js';

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
 * The calls each surface makes: `required` and `all` params (the client), `required` (the CLI
 * and MCP); each with an upload in every upload field of the body (optional ones too, so an
 * upload operation is exercised as one). `json-form`: every param of a body that is JSON or
 * multipart, without uploads and with minimal values (see minimalSample), so the JSON form goes
 * out (the client).
 */
export type CallMode = 'required' | 'all' | 'json-form';

/**
 * Calls that fail against steady for a reason in the mock, not in the generated code, with the
 * modes that fail. Each entry must still fail (a stale one fails the test), so the list shrinks as
 * the mock improves.
 */
export const PENDING: Record<string, { modes: CallMode[]; why: string }> = {
  'realtime.calls.create': {
    modes: ['all'],
    why: "steady 0.22 reads every multipart part as text: it ignores the part's Content-Type and the document's `encoding.session.contentType: application/json`, so the `session` part (JSON, as the document says) fails as a string (curl -F 'session={...};type=application/json' fails alike)",
  },
};

export function pendingReason(key: string, mode: CallMode): string | undefined {
  const entry = PENDING[key];
  return entry?.modes.includes(mode) ? entry.why : undefined;
}

/** The bytes of every upload the tests send (a PNG signature), as a `File` named after its field. */
export const UPLOAD_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

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

/** Whether a shape takes several uploads (an array of files, or a union of arrays). */
function takesMany(shape: Shape): boolean {
  if (shape.kind === 'array') return true;
  return shape.kind === 'union' && shape.members.every((m) => m.kind === 'array');
}

/** A small upload for a file field (a `File`, which every upload path accepts), one per array item. */
function uploadFor(shape: Shape, name: string): unknown {
  const file = () => new File([UPLOAD_BYTES], `${name}.png`, { type: 'image/png' });
  return takesMany(shape) ? [file()] : file();
}

/**
 * Arguments for a client call; a body that is a union (not flattened) goes whole in `body`.
 * Every upload field (`body.files`) of the body gets a real `File`, optional ones too, except in
 * `json-form`, where an upload-or-object field gets an object so the body goes as JSON.
 */
export function openaiCallArgs(op: Operation, spec: NormalizedSpec, mode: CallMode): CallArgs {
  const args = callArgs(op, spec, mode === 'required' ? 'required' : 'all');
  const first = op.body?.variants?.[0];
  if (first && mode === 'required') {
    // A union body: the fields its first member requires (none is required by every member).
    const params: Record<string, unknown> = { ...(args.params ?? {}) };
    for (const p of op.params.filter((x) => x.in === 'body' && first.required.includes(x.name))) params[p.name] ??= sampleFor(p.schema, spec, false);
    args.params = params;
  }
  const files = op.body?.files ?? [];
  const bodyParams = op.params.filter((x) => x.in === 'body');
  if (mode !== 'json-form' && files.length) {
    const params: Record<string, unknown> = { ...(args.params ?? {}) };
    for (const p of bodyParams.filter((x) => files.includes(x.name))) params[p.name] = uploadFor(p.schema, p.name);
    args.params = params;
  } else if (mode === 'json-form' && op.body?.encoding === 'json-or-multipart') {
    const params: Record<string, unknown> = { ...(args.params ?? {}) };
    for (const p of bodyParams.filter((x) => x.name in params)) {
      const shape = withoutUploads(p.schema);
      if (!shape) delete params[p.name];
      // A field typed differently in the two forms is the union multipart | JSON (mergeFields): take the JSON one.
      else params[p.name] = minimalSample(shape.kind === 'union' && shape.members.length ? shape.members.at(-1)! : shape, spec);
    }
    args.params = params;
  }
  if (op.body && !op.body.flattened && (op.body.required || mode !== 'required')) {
    args.params = { ...(args.params ?? {}), body: sampleFor(op.body.schema, spec, mode !== 'required') };
  }
  return args;
}

/**
 * The smallest plausible value: objects with their required properties, or their first
 * property when none is required (an object of optional fields often wants exactly one of
 * them, as `ImageRefParam`: `image_url` or `file_id`, never both), one array item, the first
 * union member.
 */
function minimalSample(shape: Shape, spec: NormalizedSpec, depth = 0): unknown {
  let s = shape;
  for (let i = 0; s.kind === 'ref' && i < 20; i++) s = spec.types[s.name]!.shape;
  if (depth > 5) return sampleFor(s, spec, false, depth);
  if (s.kind === 'array') return [minimalSample(s.items, spec, depth + 1)];
  if (s.kind === 'union' && s.members[0]) return minimalSample(s.members[0], spec, depth + 1);
  if (s.kind !== 'object') return sampleFor(s, spec, false, depth);
  const props = s.properties.some((p) => p.required) ? s.properties.filter((p) => p.required) : s.properties.slice(0, 1);
  return Object.fromEntries(props.map((p) => [p.name, minimalSample(p.shape, spec, depth + 1)]));
}

/** Writes each upload of `params` under `dir` (once per file name) and returns `value` with `File`s replaced by `map(path, file)`. */
export function replaceUploads(value: unknown, dir: string, map: (path: string, file: File) => unknown): unknown {
  if (value instanceof File) {
    const path = join(dir, value.name);
    if (!existsSync(path)) writeFileSync(path, UPLOAD_BYTES);
    return map(path, value);
  }
  if (Array.isArray(value)) return value.map((v) => replaceUploads(v, dir, map));
  return value;
}

/**
 * CLI argv for one command with its required flags and its upload flags (the params of
 * openaiCallArgs' `required` call), valued from the IR's
 * param shapes (the same values the client test sends, which steady accepts; union members
 * included): arrays repeat the flag, objects go as JSON, uploads as `@PATH` of a file written
 * under `dir`, and a body that is one union goes whole in `--data`.
 */
export function openaiCliArgs(op: Operation, cmd: CommandSpec, spec: NormalizedSpec, dir: string): string[] {
  const { positional, params = {} } = openaiCallArgs(op, spec, 'required');
  const lastPath = op.params.filter((p) => p.in === 'path').at(-1);
  const argv = [cmd.group, cmd.command];
  for (const f of cmd.flags) {
    const raw = lastPath && f.name === lastPath.name ? positional : params[f.name];
    if (raw === undefined) continue;
    const value = replaceUploads(raw, dir, (path) => `@${path}`);
    const text = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    if (Array.isArray(value) && (f.type === 'array' || f.type === 'file')) for (const item of value) argv.push(`--${f.flag}`, text(item));
    else if (f.type === 'boolean') argv.push(value === false ? `--${f.flag}=false` : `--${f.flag}`);
    else argv.push(`--${f.flag}`, text(value));
  }
  if (op.body && !op.body.flattened && params.body !== undefined) argv.push('--data', JSON.stringify(params.body));
  return argv;
}

/**
 * MCP arguments for one tool: the required arguments and the uploads, each upload as base64
 * content or, with `viaPath`, as a path under `dir` (the server's `--allow-file-dir`).
 */
export function openaiMcpArgs(op: Operation, spec: NormalizedSpec, dir: string, viaPath: boolean): Record<string, unknown> {
  const { positional, params = {} } = openaiCallArgs(op, spec, 'required');
  const last = op.params.filter((p) => p.in === 'path').at(-1);
  const args: Record<string, unknown> = { ...(last ? { [last.name]: positional } : {}) };
  for (const [name, value] of Object.entries(params)) {
    args[name] = replaceUploads(value, dir, (path, file) =>
      viaPath ? { path } : { base64: Buffer.from(UPLOAD_BYTES).toString('base64'), filename: file.name, mime_type: file.type },
    );
  }
  // A single page (models.list) is nothing the tool walks: it takes no max_items.
  if (walkedPagination(op)) args.max_items = 1;
  return args;
}

/** A body that is JSON or multipart, and whose required fields can all go as JSON (not uploads only). */
export function hasJsonForm(op: Operation): boolean {
  if (op.body?.encoding !== 'json-or-multipart') return false;
  return op.params.every((p) => p.in !== 'body' || !p.required || withoutUploads(p.schema) !== undefined);
}

/** Whether a call sends an upload. */
export function sendsUpload(op: Operation): boolean {
  return (op.body?.files ?? []).length > 0;
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
