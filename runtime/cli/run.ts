/**
 * One CLI invocation: parse, validate, call the generated client through its
 * accessor path, paginate, and print. Exit codes: 0 ok, 1 API or network
 * error, 2 usage error (always raised before any request). Every byte written
 * passes through the redactor, so the key cannot leak through output.
 */
import type { CommandSpec, CommandTable } from './table.js';
import type { RawFlag } from './argv.js';
import { indexTable, parseArgv, type TableIndex } from './argv.js';
import { DEFAULT_MAX_ITEMS, pagesByLink, UsageError, type GlobalOptions } from './globals.js';
import { buildCall, parseStructured } from './values.js';
import { makeRedactor } from './http.js';
import { compilePath } from './transform.js';
// Static on purpose: one bundle file loads faster than several small chunks; only
// the client, the YAML parser and completion (rarely needed, or big) stay lazy.
import { commandHelp, groupHelp, rootHelp } from './help.js';
import { runRequest } from './request.js';
import { checkUpload, resolveUploads } from './uploads.js';
import { streamsNow } from './events.js';
import { checkBinaryUsage } from './download.js';

export interface Host {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: {
    write(s: string): unknown;
    writeBytes?(chunk: Uint8Array): Promise<void> | void;
    isTTY?: boolean;
    columns?: number;
  };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /**
   * Stdin text (see stdin.ts): `poll` reads a non-empty file, or a pipe or socket
   * only when data arrives within ~10 ms; `wait` (`--data -`) reads to the end.
   */
  readStdin(mode: 'poll' | 'wait'): Promise<string | undefined>;
  /** Stdin as bytes, polled as readStdin does (an implicit raw body). */
  readStdinBytes(mode: 'poll'): Promise<Uint8Array | undefined>;
  readFile(path: string): string;
  fetch?: typeof fetch;
}

/** What the generated entry file provides: the table and the client, both loaded on demand. */
export interface CliDeps {
  loadTable(): CommandTable;
  loadClient(): Promise<{ default: new (options: Record<string, unknown>) => unknown }>;
}

type Obj = Record<string, unknown>;

/** Credentials given with `--header` (`Authorization: Bearer …`, `X-Api-Key: …`): the value, and the token after a scheme word. */
function headerSecrets(argv: string[]): string[] {
  const values = argv.flatMap((a, i) =>
    a === '--header' ? [argv[i + 1] ?? ''] : a.startsWith('--header=') ? [a.slice(9)] : [],
  );
  return values.flatMap((v) => {
    const colon = v.indexOf(':');
    if (colon <= 0 || !/auth|cookie|key|token|secret|session|signature|password/i.test(v.slice(0, colon))) return [];
    const value = v.slice(colon + 1).trim();
    const token = /^\S+\s+(\S+)$/.exec(value)?.[1];
    return token ? [value, token] : [value];
  });
}

/** The key a dry run given none sends each scheme; printed redacted, as a real key. */
const DRY_RUN_KEY = 'dry-run-placeholder-key';

export async function run(host: Host, deps: CliDeps): Promise<number> {
  const loaded = deps.loadTable();
  // Know the key before parsing, so even a usage error that echoes argv cannot print it.
  const keyFlags = [`--${loaded.auth?.flag ?? 'api-key'}`, ...(loaded.moreAuth ?? []).map((a) => `--${a.flag}`)];
  const argvKeys = host.argv.flatMap((a, i) =>
    keyFlags.flatMap((f) => (a === f ? [host.argv[i + 1]] : a.startsWith(f + '=') ? [a.slice(f.length + 1)] : [])),
  );
  const redact = makeRedactor([
    host.env[loaded.auth?.env ?? ''],
    ...(loaded.moreAuth ?? []).map((a) => host.env[a.env]),
    ...argvKeys,
    ...headerSecrets(host.argv),
    DRY_RUN_KEY,
  ]);
  const out = (s: string) => host.stdout.write(redact(s));
  const err = (s: string) => host.stderr.write(redact(s));
  const width = Math.min(Math.max(host.stdout.columns ?? 100, 60), 160);
  try {
    const ix = indexTable(loaded);
    const table = ix.table;
    const parsed = parseArgv(host.argv, ix);
    const g = parsed.globals;
    if (g.version) {
      out(`${table.bin} ${table.version} (API ${table.apiVersion})\n`);
      return 0;
    }
    if (parsed.completion !== undefined) {
      const { completionScript } = await import('./completion.js');
      const script = parsed.completion ? completionScript(parsed.completion, ix) : undefined;
      if (!script)
        throw new UsageError(
          `completion needs a shell: bash, zsh or fish${parsed.completion ? ` (got '${parsed.completion}')` : ''}`,
          `for example: source <(${table.bin} completion bash)`,
        );
      out(script);
      return 0;
    }
    if (g.help || !parsed.command) {
      if (parsed.command) out(commandHelp(ix, parsed.command, width));
      else if (parsed.group) {
        if (g.help) out(groupHelp(ix, parsed.group, width));
        else {
          const cmds = ix.commands.get(parsed.group);
          const sub = [...ix.groups].filter((x) => x.startsWith(parsed.group + ':'));
          throw new UsageError(
            `missing command for ${cmds ? 'group' : 'group prefix'} ${parsed.group}`,
            `${cmds ? `commands: ${[...cmds.keys()].join(', ')}` : `groups: ${sub.slice(0, 6).join(', ')}${sub.length > 6 ? ', …' : ''}`}; run '${table.bin} ${parsed.group} --help'`,
          );
        }
      } else out(rootHelp(ix, width));
      return 0;
    }
    return await execute(host, ix, parsed.command, parsed, deps, { out, err, redact, width });
  } catch (e) {
    if (e instanceof UsageError) {
      err(`error: ${e.message}\n`);
      if (e.hint) err(`hint: ${e.hint}\n`);
      return 2;
    }
    err(`error: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }
}

interface Writers {
  out(s: string): void;
  err(s: string): void;
  redact(s: string): string;
  width: number;
}

/**
 * The body from --data, or from a piped stdin. Stdin is read implicitly only
 * when no body field came as a flag, and then only if data is actually there
 * (stdin.ts): a script that spawns `… update --project-id p` and leaves its
 * stdin pipe open must not hang waiting for a body it never sends.
 */
async function readBody(host: Host, cmd: CommandSpec, g: GlobalOptions, flags: RawFlag[]): Promise<unknown> {
  if (cmd.body?.encoding === 'raw') return readRawBody(host, g);
  const hasBody = !!cmd.body || cmd.flags.some((f) => f.in === 'body');
  let text: string | undefined;
  let source = '';
  if (g.data !== undefined) {
    if (!hasBody) throw new UsageError(`'${cmd.group} ${cmd.command}' takes no request body`, 'drop --data');
    if (g.data === '-') {
      text = (await host.readStdin('wait')) ?? '';
      source = 'stdin';
    } else if (g.data.startsWith('@')) {
      source = g.data.slice(1);
      try {
        text = host.readFile(source);
      } catch (e) {
        throw new UsageError(
          `cannot read --data file '${source}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          'check the path after @',
        );
      }
    } else {
      text = g.data;
      source = '--data';
    }
  } else if (hasBody && !flags.some((f) => f.spec.in === 'body')) {
    text = await host.readStdin('poll');
    source = 'stdin';
  }
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return await parseStructured(text);
  } catch (e) {
    throw new UsageError(
      `cannot parse the request body from ${source} as JSON or YAML: ${(e as Error).message.split('\n')[0]}`,
      'pass a JSON or YAML object',
    );
  }
}

/**
 * A body sent as-is (`application/sdp`, bytes): `--data @file` and `--data -`
 * are streamed (uploads.ts), inline `--data` text is sent as typed, and a
 * piped stdin is sent byte for byte. Nothing is parsed.
 */
async function readRawBody(host: Host, g: GlobalOptions): Promise<unknown> {
  if (g.data !== undefined) return g.data === '-' || g.data.startsWith('@') ? checkUpload(g.data, '--data') : g.data;
  const bytes = await host.readStdinBytes('poll');
  return bytes && bytes.length > 0 ? bytes : undefined;
}

function resolvePath(client: unknown, path: string[]): { target: Obj; fn: (...args: unknown[]) => unknown } {
  let target = client as Obj;
  for (const seg of path.slice(0, -1)) target = target?.[seg] as Obj;
  const fn = target?.[path[path.length - 1]!];
  if (typeof fn !== 'function')
    throw new Error(`the client has no method ${path.join('.')}; regenerate the client and CLI together`);
  return { target, fn: fn as (...args: unknown[]) => unknown };
}

async function execute(
  host: Host,
  ix: TableIndex,
  cmd: CommandSpec,
  parsed: ReturnType<typeof parseArgv>,
  deps: CliDeps,
  w: Writers,
): Promise<number> {
  const { table } = ix;
  const g = parsed.globals;
  // Start loading the client now; its file read overlaps with validation below. A usage
  // error still exits 2 before any request: the client is only constructed later.
  const client = deps.loadClient();
  client.catch(() => undefined);
  // A bad --transform is a usage error: find it before any request.
  if (g.transform !== undefined) compilePath(g.transform);
  const body = await readBody(host, cmd, g, parsed.flags);
  const call = await buildCall(cmd, parsed.flags, parsed.positionals, body, table.bin);
  // Files are checked now (a missing one is exit 2), opened only when the request is built.
  resolveUploads(cmd, call.params, g.data === '-' ? '--data' : undefined);
  const streaming = streamsNow(cmd, call.params);
  if (!streaming && cmd.response === 'binary') checkBinaryUsage(cmd, g, !!host.stdout.isTTY, table.bin);
  if (!streaming && cmd.response === 'text' && g.transform !== undefined) {
    throw new UsageError(`--transform does not apply: '${cmd.group} ${cmd.command}' returns text`, 'drop --transform');
  }
  if (g.pageURL !== undefined && !pagesByLink(cmd.pagination)) {
    throw new UsageError(
      `--page-url does not apply: '${cmd.group} ${cmd.command}' is no list paged by next links`,
      cmd.pagination ? `go on with the list's own cursor flag` : 'drop --page-url',
    );
  }
  for (const warning of call.warnings) w.err(`warning: ${warning}\n`);
  const envKey = table.auth ? host.env[table.auth.env] : undefined;
  let key = g.apiKey ?? (envKey || undefined);
  const otherKeys = (table.moreAuth ?? []).filter((a) => g.moreKeys?.[a.clientOption] || host.env[a.env]);
  if (cmd.auth && table.auth && !key && otherKeys.length === 0) {
    const flags = [table.auth.flag, ...(table.moreAuth ?? []).map((a) => a.flag)].map((f) => `--${f}`).join(' or ');
    const envs = [table.auth.env, ...(table.moreAuth ?? []).map((a) => a.env)].join(' or ');
    if (!g.dryRun) throw new UsageError(`missing API key`, `pass ${flags} or set ${envs}`);
    // A dry run given no key at all shows the request with every scheme's placeholder (redacted as a real key):
    // a command that needs another scheme, or two schemes together, is shown too.
    key = DRY_RUN_KEY;
    g.moreKeys = Object.fromEntries((table.moreAuth ?? []).map((a) => [a.clientOption, DRY_RUN_KEY]));
  }
  const baseURL = g.baseURL ?? (host.env[table.baseURL.env] || undefined);
  return runRequest({
    host,
    table,
    cmd,
    call,
    globals: g,
    key,
    baseURL,
    client,
    out: w.out,
    err: w.err,
    redact: w.redact,
    width: w.width,
    maxItems: g.maxItems ?? DEFAULT_MAX_ITEMS,
    streaming,
    resolvePath,
  });
}
