/**
 * File flags. A file field takes `@PATH`, a plain path, or `-` for stdin,
 * optionally followed by curl-style `;type=MIME` and `;filename=NAME`:
 *
 *   --file @train.jsonl   --file ./a.mp3   --file '-;filename=audio.mp3'   --image @a.png --image @b.png
 *
 * The same values work inside `--data` for those fields. Every path is
 * checked before any request: a missing or unreadable file is a usage error
 * (exit 2) that names the flag and the path. The files are opened only when
 * the request is built, as file-backed Blobs (`fs.openAsBlob`): nothing is
 * read into memory, and fetch streams them from disk. Stdin and other
 * non-regular files (pipes, `<(…)`) are streamed as they are read.
 */
import { accessSync, constants, createReadStream, openSync, statSync } from 'node:fs';
import * as fs from 'node:fs';
import type { CommandSpec, FlagSpec } from './table.js';
import { UsageError } from './globals.js';
import { knownTypeForName } from '../shared/media-types.js';

type Obj = Record<string, unknown>;

/** A file named by a flag value, checked but not opened. */
export class UploadRef {
  constructor(
    /** The flag as users type it, for messages. */
    readonly flag: string,
    /** A path, or undefined for stdin. */
    readonly path: string | undefined,
    /** Whether the path is a regular file (else it is streamed). */
    readonly regular: boolean,
    readonly size: number | undefined,
    readonly type: string | undefined,
    readonly filename: string,
    /** A non-regular file (a pipe, `<(…)`) opened while checking, so an unreadable one fails there. */
    readonly fd?: number,
  ) {}
}

/** What a value of an upload-or-value flag (`file | {file_id}`) must look like to be a file. */
export function looksLikeUpload(value: string): boolean {
  return value === '-' || value.startsWith('@');
}

function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** `@a.mp3;type=audio/mpeg;filename=b.mp3` → path and options; `;k=v` suffixes are read from the end. */
export function parseUploadValue(raw: string): { source: string; type?: string; filename?: string } {
  let source = raw;
  const opts: { type?: string; filename?: string } = {};
  for (;;) {
    const m = /;(type|filename)=([^;]*)$/.exec(source);
    if (!m) break;
    if (opts[m[1] as 'type' | 'filename'] === undefined) opts[m[1] as 'type' | 'filename'] = m[2]!;
    source = source.slice(0, m.index);
  }
  if (source.startsWith('@')) source = source.slice(1);
  return { source, ...opts };
}

const HINT = 'a file flag takes @PATH, a path, or - for stdin';

/** Checks one file value and makes its reference; every problem is a usage error naming flag and path. */
export function checkUpload(raw: string, where: string): UploadRef {
  const { source, type, filename } = parseUploadValue(raw);
  if (source === '') throw new UsageError(`${where}: no file given in '${raw}'`, `${HINT}, e.g. ${where} @data.jsonl`);
  if (source === '-')
    return new UploadRef(
      where,
      undefined,
      false,
      undefined,
      type ?? (filename ? knownTypeForName(filename) : undefined),
      filename ?? 'stdin',
    );
  let st;
  let fd: number | undefined;
  try {
    st = statSync(source);
    accessSync(source, constants.R_OK);
    if (!st.isFile() && !st.isDirectory()) fd = openSync(source, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot read the file (${code ?? (e as Error).message})`;
    throw new UsageError(`${where}: ${what}: ${source}`, `check the path; ${HINT}`);
  }
  if (st.isDirectory()) throw new UsageError(`${where}: ${source} is a directory, not a file`, HINT);
  const name = filename ?? baseName(source);
  return new UploadRef(
    where,
    source,
    st.isFile(),
    st.isFile() ? st.size : undefined,
    type ?? knownTypeForName(name),
    name,
    fd,
  );
}

/** The flags of a command that take uploads (a file, files, or a file instead of a value). */
function uploadFlags(cmd: CommandSpec): FlagSpec[] {
  return cmd.flags.filter((f) => f.in === 'body' && (f.type === 'file' || f.items === 'file' || f.upload));
}

/**
 * Replaces the file values of `params` (from flags or `--data`) with checked
 * references. Strings of a file field are paths; for an upload-or-value
 * field only `@PATH` and `-` are. Stdin can feed only one of them.
 */
export function resolveUploads(cmd: CommandSpec, params: Obj, stdinTakenBy?: string): UploadRef[] {
  const refs: UploadRef[] = [];
  const one = (v: unknown, f: FlagSpec): unknown => {
    if (typeof v !== 'string' || (f.upload && !looksLikeUpload(v))) return v;
    const ref = checkUpload(v, `--${f.flag}`);
    if (ref.path === undefined) {
      const other = stdinTakenBy ?? refs.find((r) => r.path === undefined)?.flag;
      if (other)
        throw new UsageError(
          `stdin can feed only one input, but ${other} and --${f.flag} both ask for it`,
          'give one of them a file: @PATH',
        );
    }
    refs.push(ref);
    return ref;
  };
  for (const f of uploadFlags(cmd)) {
    const v = params[f.name];
    if (v === undefined) continue;
    params[f.name] = Array.isArray(v) ? v.map((x) => one(x, f)) : one(v, f);
  }
  return refs;
}

/** What the client module offers for uploads (its core exports). */
export interface UploadHelpers {
  toStreamingFile?: (data: AsyncIterable<unknown>, name: string, options?: { type?: string }) => unknown;
}

/** Opens one reference as an upload the client accepts, reading nothing yet. */
export async function openUpload(ref: UploadRef, helpers: UploadHelpers): Promise<unknown> {
  const type = ref.type;
  if (ref.path !== undefined && ref.regular && typeof fs.openAsBlob === 'function') {
    // A File whose bytes stay on disk until fetch streams them (and can send them again on a retry).
    const blob = await fs.openAsBlob(ref.path, type ? { type } : {});
    return new File([blob], ref.filename, type ? { type } : {});
  }
  const stream =
    ref.path === undefined ? process.stdin : createReadStream(ref.path, ref.fd === undefined ? {} : { fd: ref.fd });
  if (!helpers.toStreamingFile)
    throw new Error('the bundled client cannot stream uploads; regenerate the client and CLI together');
  return helpers.toStreamingFile(stream, ref.filename, type ? { type } : {});
}

/** Replaces every reference in `params` (top level and arrays) with its opened upload. */
export async function openUploads(params: Obj, helpers: UploadHelpers): Promise<void> {
  for (const [k, v] of Object.entries(params)) {
    if (v instanceof UploadRef) params[k] = await openUpload(v, helpers);
    else if (Array.isArray(v) && v.some((x) => x instanceof UploadRef))
      params[k] = await Promise.all(v.map((x) => (x instanceof UploadRef ? openUpload(x, helpers) : x)));
  }
}
