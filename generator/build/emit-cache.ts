/**
 * Where `generate` keeps its memoized emission units (generator/emit/memo.ts)
 * between runs: one JSON file per generated target folder and emitter group
 * (the groups may emit on separate threads, see generator/emit/groups.ts) in
 * node_modules/.cache/openapi-tri-gen/emit/ (outside the committed tree, wiped
 * by `npm ci`). A file is used only by the same emitter code: it records a
 * fingerprint of generator/, runtime/ and templates/ (path, size and mtime of
 * every file), the lockfile and the Node major version, and any difference
 * makes every unit cold. A missing, unreadable or foreign file is a cold run,
 * never a wrong one. The generator daemon keeps the memo it saved last, and
 * uses it while the file is still the one it wrote (parsing a large target's
 * file is some 30 ms of a warm generate); it makes the memo's records and
 * writes the file once idle, after the command's reply (a record is checked
 * against the spec when used, so a memo kept in memory is never wrong either).
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmitMemo, type UnitRecord } from '../emit/memo.js';
import { fileIdentity, isLongLived, whenQuiet } from '../long-lived.js';
import { buildCacheDir, contentHash, fileStampsUnder } from './cache.js';
import { toolRoot } from './parts.js';

const emitCacheDir = join(buildCacheDir, '../emit');
/** Records kept (one per target folder and group); the least recently written go first (tests generate into many temp folders). */
const MAX_FILES = 80;

let fingerprint: string | undefined;
/** Identifies the emitter code and everything it copies (runtime/, templates/). */
function emitterFingerprint(): string {
  if (fingerprint) return fingerprint;
  const lock = statSync(join(toolRoot, 'package-lock.json'), { throwIfNoEntry: false });
  const parts = [process.version.split('.')[0]!, ...fileStampsUnder(toolRoot, ['generator', 'runtime', 'templates']), `lock:${lock?.size}:${lock?.mtimeMs}`];
  fingerprint = contentHash(parts.join('\n'));
  return fingerprint;
}

function cacheFile(outDir: string, group: string): string {
  return join(emitCacheDir, `${contentHash(`${resolve(outDir)}\0${group}`)}.json`);
}

/**
 * In the daemon: the memo last saved for each file, and the file's identity
 * (inode, size, mtime) once written; undefined until then.
 */
const keptMemos = new Map<string, { memo: EmitMemo; identity: string | undefined }>();

/** The memo of emitter group `group` for the target written to `outDir`, holding the last run's units when they are usable. */
export function loadEmitMemo(outDir: string, group: string): EmitMemo {
  const file = cacheFile(outDir, group);
  const kept = keptMemos.get(file);
  if (kept && (kept.identity === undefined || kept.identity === fileIdentity(file))) return new EmitMemo(kept.memo.next);
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string; dir: string; units: Record<string, UnitRecord> };
    if (saved.fingerprint === emitterFingerprint() && saved.dir === resolve(outDir)) return new EmitMemo(saved.units);
  } catch {
    // None yet, or unreadable: a cold run.
  }
  return new EmitMemo();
}

/**
 * Whether a memo for `group` of `outDir` was written by this emitter code:
 * read from the file's head alone (saveEmitMemo writes the fingerprint first),
 * so the answer costs no parse of the units.
 */
export function hasEmitMemo(outDir: string, group: string): boolean {
  if (keptMemos.has(cacheFile(outDir, group))) return true;
  let head: string;
  try {
    const fd = openSync(cacheFile(outDir, group), 'r');
    try {
      const buffer = Buffer.alloc(128);
      head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return head.startsWith(`{"fingerprint":${JSON.stringify(emitterFingerprint())},`);
}

/**
 * Keep this run's units (only those it used, so the file does not grow) for
 * the next run: written now, or in the daemon kept in memory and written once
 * no command has come for a while (its records made then too).
 */
export function saveEmitMemo(outDir: string, group: string, memo: EmitMemo): void {
  const file = cacheFile(outDir, group);
  if (!isLongLived()) {
    writeEmitMemo(file, outDir, memo);
    return;
  }
  const kept = { memo, identity: undefined as string | undefined };
  keptMemos.set(file, kept);
  whenQuiet(() => {
    // A later save of the same file replaced this one.
    if (keptMemos.get(file) !== kept) return;
    writeEmitMemo(file, outDir, memo);
    kept.identity = fileIdentity(file);
  });
}

function writeEmitMemo(file: string, outDir: string, memo: EmitMemo): void {
  mkdirSync(emitCacheDir, { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, JSON.stringify({ fingerprint: emitterFingerprint(), dir: resolve(outDir), units: memo.next }));
  renameSync(temp, file);
  const names = readdirSync(emitCacheDir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_FILES) return;
  const byAge = names.map((n) => ({ n, t: statSync(join(emitCacheDir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
  for (const { n } of byAge.slice(0, names.length - MAX_FILES)) rmSync(join(emitCacheDir, n), { force: true });
}
