/**
 * Helpers of the per-pattern fixtures: a document written to a temp folder
 * and imported as a new user would (no config), and the names one
 * operation's params get on every surface, read from what each emitter
 * produces (the client's params type and operations table, the CLI command
 * table, the MCP tool table).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';
import { emitClient } from '../../generator/emit/client/index.js';
import { operationSpec } from '../../generator/emit/client/operations.js';
import { buildCommandTable } from '../../generator/emit/cli/table.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import type { NormalizedSpec, Operation, ReportEntry } from '../../generator/ir/types.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { generateAndBuild, importAll, scratchDir, writeTree, type Built, type Imported } from '../support/pipeline.js';

/** A temp folder for this test file, removed after it. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `anydoc-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` under `dir` and imports `files`' first entry (the root document). */
export async function importTree(dir: string, files: Record<string, string | object>): Promise<Imported> {
  writeTree(dir, files);
  return importAll(join(dir, Object.keys(files)[0]!), 'fixture');
}

/**
 * A fixture API behind a local recorder (every GET answers `{"ok":true}`):
 * `doc(url)`, given the recorder's URL, is written to `dir` and imported, and
 * its three packages built into the scratch folder `test-anydoc-<name>`. The
 * caller closes the recorder.
 */
export async function recordedApi(name: string, dir: string, doc: (url: string) => object): Promise<{ imported: Imported; built: Built; rec: Recorder }> {
  const rec = await startRecorder();
  rec.route('GET', /./, () => ({ body: { ok: true } }));
  const imported = await importTree(dir, { 'openapi.yaml': doc(rec.url) });
  const built = await generateAndBuild(imported.spec, join(scratchDir, `test-anydoc-${name}`));
  return { imported, built, rec };
}

export function op(spec: NormalizedSpec, method: string, path: string): Operation {
  const found = spec.operations.find((o) => o.httpMethod === method && o.path === path);
  if (!found) throw new Error(`no operation ${method.toUpperCase()} ${path}; have ${spec.operations.map((o) => `${o.httpMethod} ${o.path}`).join(', ')}`);
  return found;
}

export interface ParamNames {
  /** Name on the wire, exactly as the document spells it. */
  wire: string;
  in: string;
  /** Key of the client's params object (and of its OperationSpec maps). */
  client: string;
  /** CLI flag, without dashes. */
  flag: string;
  /** MCP argument (input property). */
  mcp: string;
}

/**
 * The names of every param of `operation` on every surface. The client's
 * name is checked against its emitted params type and the wire name against
 * its operations table, so an emitter that renamed something shows up here.
 */
export function surfaces(spec: NormalizedSpec, operation: Operation): ParamNames[] {
  const command = buildCommandTable(spec).commands.find((c) => c.key === operation.key)!;
  const { table } = buildToolTable(spec);
  const call = table.calls[operation.names.mcpTool]!;
  const argOf = new Map(Object.entries(call.args).map(([arg, param]) => [param, arg]));
  const clientText = [...emitClient(spec).values()].join('\n');
  const sent = operationSpec(operation);
  const wireOf = (name: string, where: string) =>
    where === 'query' ? sent.query?.[name]?.wire : where === 'header' ? sent.headers?.[name] : where === 'body' ? sent.body?.fields?.[name] : name;
  const lastPath = operation.params.filter((x) => x.in === 'path').pop();
  return operation.params.map((p) => {
    const flag = command.flags.find((f) => f.name === p.name)!.flag;
    const mcp = p === lastPath && call.positional ? call.positional : argOf.get(p.name)!;
    if (p !== lastPath && !new RegExp(`\\b${p.name}\\??:`).test(clientText)) throw new Error(`the client declares no param ${p.name}`);
    if (p.in !== 'path' && wireOf(p.name, p.in) !== p.wireName) throw new Error(`the client sends ${p.name} as ${wireOf(p.name, p.in)}, not ${p.wireName}`);
    return { wire: p.wireName, in: p.in, client: p.name, flag, mcp };
  });
}

/** Report entries of one code, as `pointer: message`. */
export function entries(report: ReportEntry[], code: string): string[] {
  return report.filter((r) => r.code === code).map((r) => `${r.pointer}: ${r.message}`);
}

/** The built client's method for `operation`, on a new client, typed as the test calls it (a list: iterable and awaitable). */
export async function clientMethod<R = AsyncIterable<{ id: string }> & PromiseLike<any>>(built: Built, operation: Operation): Promise<(params?: object) => R> {
  const { default: Client } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
  const path = operation.names.clientPath;
  const owner = path.slice(0, -1).reduce((o: Record<string, any>, k) => o[k], new Client());
  return (params) => owner[path[path.length - 1]!](params);
}

/** The `id` of every item `iterable` yields, in order (a list walked to its end). */
export async function collectIds<T>(iterable: AsyncIterable<{ id: T }>): Promise<T[]> {
  const seen: T[] = [];
  for await (const x of iterable) seen.push(x.id);
  return seen;
}
