/**
 * Incremental YAML parsing for re-imports. A large document is cut, by its
 * indentation alone, into the entries of its block mappings (each path, each
 * schema…), and each entry's value is kept in a cache by the hash of its
 * text, so re-importing a document where one schema changed parses that one
 * entry again (alone, with js-yaml) and reads the rest from the cache.
 *
 * A first import (or one where under half the text is cached) costs about
 * what a plain parse does: the text is parsed in one pass (js-yaml's set-up
 * per call makes entry-by-entry parsing some 1.5× slower) and each entry's
 * value is taken from that result, found by the key its first line writes
 * (not by position: integer-like keys come first in a JS object). Only when
 * the text may hold an anchor, whose aliases could sit in other entries, are
 * entries parsed one by one, so that a cached entry is always what its text
 * parses to alone.
 *
 * The result is the one `yaml.load` gives, or nothing: whenever the cut is not
 * certainly right — document markers, tabs in indentation, an entry that does
 * not parse alone (an alias to an anchor in another entry, a flow collection
 * across lines), a key seen twice, values JSON cannot carry (`.inf`, `.nan`,
 * -0) — the caller parses the whole text as before, which also gives the error
 * its file:line. The cache (one file per target, in
 * node_modules/.cache/openapi-tri-gen/yaml/) keeps only the entries of the
 * last import. A parse that placed every leaf also lists them (`entries`:
 * span, indentation, keys), which the daemon keeps with the text so that the
 * next import can re-parse an edited entry alone (yaml-splice.ts).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { afterReply, deepFreeze, isLongLived, whenQuiet } from '../long-lived.js';
import { startWorker, workerEntry } from '../commands/workers.js';
import { spliceParse, type LastParse } from './yaml-splice.js';
import { noteSplicedFacts } from './text-facts.js';
import { entryId, isMapping, jsonSafe, MAY_HAVE_ANCHOR, type ChunkCache, type ParsedEntry } from './yaml-entries.js';

/** Document markers and directives: a document that has them is parsed whole. */
const DOCUMENT_MARKERS = /^(---|\.\.\.)(\s|$)|^%/m;

/** Entries smaller than this are parsed whole, not cut further. */
const SPLIT_AT = 16 * 1024;

interface Entry {
  from: number;
  to: number;
}

/** A line's indentation in `LineIndex.indents` when it has no content to cut at. */
const BLANK = -1;
/** …and when a tab follows its leading spaces (the cut is then unsure). */
const TAB = -2;

/**
 * Where each line starts, and its indentation, from one pass over the text
 * (no line strings: a large document has a hundred thousand lines, and the
 * cut visits each once per nesting level).
 */
interface LineIndex {
  text: string;
  /** Start of each line in `text`; the entry after the last line is one past the end. */
  starts: Float64Array;
  /** Leading spaces of each line, or BLANK (blank or comment) or TAB. */
  indents: Int32Array;
  count: number;
}

function indexLines(text: string): LineIndex {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Float64Array(count + 1);
  const indents = new Int32Array(count);
  let pos = 0;
  for (let line = 0; line < count; line++) {
    starts[line] = pos;
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    let j = pos;
    while (j < end && text.charCodeAt(j) === 32) j++;
    const first = j < end ? text.charCodeAt(j) : -1;
    indents[line] = first === 9 ? TAB : first === -1 || first === 35 ? BLANK : j - pos;
    pos = end + 1;
  }
  starts[count] = pos;
  return { text, starts, indents, count };
}

/** The text of line `i`, without its newline. */
function lineText(lines: LineIndex, i: number): string {
  return lines.text.slice(lines.starts[i], lines.starts[i + 1]! - 1);
}

/** The entries of the block mapping at `indent` in lines [from, to), or undefined when unsure. */
function entriesOf(lines: LineIndex, from: number, to: number, indent: number): Entry[] | undefined {
  const { text, starts, indents } = lines;
  const out: Entry[] = [];
  for (let i = from; i < to; i++) {
    const ind = indents[i]!;
    if (ind === TAB) return undefined;
    if (ind === BLANK) continue;
    if (ind < indent) return undefined;
    if (ind > indent) {
      if (out.length === 0) return undefined;
      continue;
    }
    // A compact sequence (`key:` then `- item` at the key's indentation) belongs to the entry before.
    const at = starts[i]! + ind;
    if (text.charCodeAt(at) === 45 && (at + 1 === starts[i + 1]! - 1 || text.charCodeAt(at + 1) === 32)) {
      if (out.length === 0) return undefined;
      continue;
    }
    if (out.length) out[out.length - 1]!.to = i;
    out.push({ from: i, to });
  }
  return out;
}

class Unsure extends Error {}

/** One node of the cut: a big block mapping cut into its entries, or an entry kept whole (a leaf, with where its text is). */
type Piece = { kind: 'mapping'; key: string; children: Piece[] } | { kind: 'leaf'; text: string; id: string; from: number; to: number; indent: number };

/** A plain or quoted key at the start of a leaf's first line (as written, unresolved). */
const RAW_KEY = /^ *([^\s#'"&*!|>{[?%@`-][^#]*?|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?:[ \t]|$)/;

export class ChunkedParse {
  /** Entries parsed or reused by this parse: the next cache. */
  readonly next: ChunkCache = {};
  /** Entries parsed alone, and entries read from the cache. */
  parsed = 0;
  reused = 0;
  /** True when the text was parsed in one pass (few entries cached) and the cache built from its value. */
  wholePass = false;
  /** Every leaf of the cut with the keys to its value, when the parse placed them all (see ParsedEntry). */
  entries: ParsedEntry[] | undefined;
  private text = '';
  private lines: LineIndex = indexLines('');

  constructor(private readonly previous: ChunkCache = {}) {}

  /** The document's value, or undefined when the caller must parse it whole. */
  parse(text: string): Record<string, unknown> | undefined {
    const pieces = this.pieces(text);
    if (!pieces) return undefined;
    try {
      // Parsing entry by entry costs more than one pass over the whole text (js-yaml's per-call
      // set-up): worth it only when most of the text is cached. A first import, or a document
      // mostly rewritten, is parsed in one pass and the cache is built from the value's subtrees
      // (not when an alias may cross entries: an entry cached from the whole value would then
      // differ from the same text parsed alone).
      this.entries = [];
      if (this.cachedShare(pieces) < 0.5 && !MAY_HAVE_ANCHOR.test(text)) return this.wholeThenRecord(text, pieces);
      return this.mapping(pieces, []);
    } catch (error) {
      if (error instanceof Unsure || error instanceof yaml.YAMLException) return undefined;
      throw error;
    }
  }

  /** The cut of `text`, or undefined when it is unsure. */
  private pieces(text: string): Piece[] | undefined {
    if (DOCUMENT_MARKERS.test(text)) return undefined;
    this.text = text;
    this.lines = indexLines(text);
    const top = entriesOf(this.lines, 0, this.lines.count, 0);
    if (!top || top.length === 0) return undefined;
    try {
      return this.cut(top);
    } catch (error) {
      if (error instanceof Unsure || error instanceof yaml.YAMLException) return undefined;
      throw error;
    }
  }

  /**
   * Cache the entries of `value`, which `yaml.load` gave for all of `text`, as
   * a one-pass parse does (the daemon's first import parses before it cuts,
   * and cuts once idle); nothing when the cut is unsure or an alias may cross
   * entries.
   */
  recordWhole(text: string, value: Record<string, unknown>): void {
    if (MAY_HAVE_ANCHOR.test(text)) return;
    const pieces = this.pieces(text);
    if (!pieces) return;
    this.wholePass = true;
    this.entries = [];
    this.record(pieces, value, []);
  }

  /** The pieces of `entries`: big `key:` blocks cut into their own entries, the rest kept whole. */
  private cut(entries: Entry[]): Piece[] {
    return entries.map(({ from, to }): Piece => {
      const { starts, indents } = this.lines;
      const size = starts[to]! - starts[from]!;
      // `key:` alone on its line over a big block mapping: cut it into its entries.
      const head = size >= SPLIT_AT ? /^( *)([^\s#'"&*!|>{[?%@`-][^#]*?):[ \t]*(#.*)?$/.exec(lineText(this.lines, from)) : null;
      if (head) {
        let next = from + 1;
        while (next < to && indents[next] === BLANK) next++;
        const childIndent = next < to ? indents[next]! : 0;
        if (next < to && childIndent > head[1]!.length && this.text.charCodeAt(starts[next]! + childIndent) !== 45) {
          const children = entriesOf(this.lines, next, to, childIndent);
          if (children?.length) return { kind: 'mapping', key: this.keyOf(head[2]!), children: this.cut(children) };
        }
      }
      const text = this.text.slice(starts[from], starts[to]! - 1);
      return { kind: 'leaf', text, id: entryId(text), from: starts[from]!, to: starts[to]! - 1, indent: indents[from]! };
    });
  }

  /** The share of the leaves' text found in the cache. */
  private cachedShare(pieces: Piece[]): number {
    let cached = 0;
    let total = 0;
    const walk = (list: Piece[]) => {
      for (const piece of list) {
        if (piece.kind === 'mapping') walk(piece.children);
        else {
          total += piece.text.length;
          if (Object.hasOwn(this.previous, piece.id)) cached += piece.text.length;
        }
      }
    };
    walk(pieces);
    return total === 0 ? 0 : cached / total;
  }

  /** yaml.load's value of the whole text; each leaf whose key lines up with the value is cached with its subtree. */
  private wholeThenRecord(text: string, pieces: Piece[]): Record<string, unknown> | undefined {
    const value = yaml.load(text, { schema: yaml.CORE_SCHEMA });
    if (!isMapping(value)) return undefined;
    this.wholePass = true;
    this.record(pieces, value, []);
    return value;
  }

  /**
   * Cache each leaf of `pieces` with the subtree of `value` it wrote, found by
   * the key its text starts with. When the pieces' keys and the value's keys
   * are not one-to-one, the mapping is left uncached.
   */
  private record(pieces: Piece[], value: Record<string, unknown>, path: string[]): void {
    const keys = pieces.map((piece) => (piece.kind === 'mapping' ? piece.key : this.leafKey(piece.text)));
    const lined = keys.length === Object.keys(value).length && new Set(keys).size === keys.length && keys.every((key) => key !== undefined && Object.hasOwn(value, key));
    if (!lined) {
      this.entries = undefined;
      return;
    }
    pieces.forEach((piece, i) => {
      const key = keys[i]!;
      const sub = value[key];
      if (piece.kind === 'mapping') {
        if (isMapping(sub)) this.record(piece.children, sub, [...path, key]);
        else this.entries = undefined;
      } else {
        this.entries?.push({ from: piece.from, to: piece.to, indent: piece.indent, path: [...path, key], id: piece.id });
        if (jsonSafe(sub)) this.next[piece.id] = { [key]: sub };
      }
    });
  }

  /** The key of a leaf's text parsed alone (read off its first line), or undefined. */
  private leafKey(text: string): string | undefined {
    const raw = RAW_KEY.exec(text.slice(0, text.indexOf('\n') >>> 0))?.[1];
    if (raw === undefined) return undefined;
    // A plain key that no YAML rule resolves (not null, a boolean or a number) is its own text.
    if (/^[A-Za-z_/$][\w/.{}$:@+~()=,-]*$/.test(raw) && !/^(null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(raw)) return raw;
    try {
      return this.keyOf(raw);
    } catch {
      return undefined;
    }
  }

  private mapping(pieces: Piece[], path: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const piece of pieces) {
      const [key, value] = piece.kind === 'mapping' ? [piece.key, this.mapping(piece.children, [...path, piece.key])] : this.leaf(piece);
      if (key === '__proto__' || Object.hasOwn(out, key)) throw new Unsure();
      if (piece.kind === 'leaf') this.entries?.push({ from: piece.from, to: piece.to, indent: piece.indent, path: [...path, key], id: piece.id });
      out[key] = value;
    }
    return out;
  }

  private leaf({ text, id }: { text: string; id: string }): [string, unknown] {
    if (Object.hasOwn(this.previous, id)) {
      this.reused++;
      this.next[id] = this.previous[id];
      return this.single(this.previous[id]);
    }
    const value = yaml.load(text, { schema: yaml.CORE_SCHEMA });
    this.parsed++;
    if (jsonSafe(value)) this.next[id] = value;
    return this.single(value);
  }

  private single(value: unknown): [string, unknown] {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Unsure();
    const keys = Object.keys(value);
    if (keys.length !== 1) throw new Unsure();
    return [keys[0]!, (value as Record<string, unknown>)[keys[0]!]];
  }

  private keyOf(raw: string): string {
    const value = yaml.load(`${raw}: 0`, { schema: yaml.CORE_SCHEMA });
    return this.single(value)[0];
  }
}

const toolRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(toolRoot, 'node_modules/.cache/openapi-tri-gen/yaml');

/** The installed js-yaml's version and this module's cut rules: entries made by others are not reused. */
function parserId(): string {
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(join(toolRoot, 'node_modules/js-yaml/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // Not installed where expected: the id still holds for this run.
  }
  return `js-yaml@${version}/cut-2/split-${SPLIT_AT}`;
}
/** Cache files kept (one per target); the least recently written go first. */
const MAX_FILES = 20;

function cacheFile(key: string): string {
  return join(cacheDir, `${entryId(resolve(key))}.json`);
}

/** The entries cached by the last import under `key` (a target's spec folder), or none. */
export function readChunkCache(key: string): ChunkCache {
  try {
    const saved = JSON.parse(readFileSync(cacheFile(key), 'utf8')) as { key: string; yaml: string; entries: ChunkCache };
    // Entries hold js-yaml's values: another js-yaml version starts afresh.
    if (saved.key === resolve(key) && saved.yaml === parserId()) return saved.entries;
  } catch {
    // None yet, or unreadable: every entry is parsed.
  }
  return {};
}

/** Keep this parse's entries for the next import under `key` (before anything can change the values). */
export function writeChunkCache(key: string, entries: ChunkCache): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = cacheFile(key);
    const temp = `${file}.tmp-${process.pid}`;
    writeFileSync(temp, JSON.stringify({ key: resolve(key), yaml: parserId(), entries }));
    renameSync(temp, file);
    const names = readdirSync(cacheDir).filter((n) => n.endsWith('.json'));
    if (names.length <= MAX_FILES) return;
    const byAge = names.map((n) => ({ n, t: statSync(join(cacheDir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
    for (const { n } of byAge.slice(0, names.length - MAX_FILES)) rmSync(join(cacheDir, n), { force: true });
  } catch {
    // A cache that cannot be written only makes the next import slower.
  }
}

/**
 * The daemon's copy of the last import's entries, with their cache key. Their
 * values are parts of the documents built from them, and of the next ones:
 * frozen, so that nothing can change a value another import will reuse
 * (load.ts copies a document before the one step that rewrites it in place).
 */
let kept: { key: string; entries: ChunkCache } | undefined;

/** True when parsed values may be shared with a later import (and so must not be changed). */
export function parsedValuesAreShared(): boolean {
  return isLongLived();
}

/** The daemon's last parse of each target's document (only the last target's: documents are megabytes). */
let lastParse: LastParse | undefined;

/** Freeze the mappings that lead from `value` to the entries (the entries' values are frozen once idle, see below). */
function freezeSpine(value: Record<string, unknown>, entries: ParsedEntry[]): void {
  const seen = new Set<unknown>();
  for (const entry of entries) {
    let node: unknown = value;
    for (const key of entry.path.slice(0, -1)) {
      if (!seen.has(node)) {
        seen.add(node);
        Object.freeze(node);
      }
      node = (node as Record<string, unknown>)[key];
    }
    if (!seen.has(node)) {
      seen.add(node);
      Object.freeze(node);
    }
  }
}

/**
 * Parse YAML `text` through the entry cache under `key`: the document's value
 * (the one `yaml.load` gives), or undefined when it must be parsed whole. In
 * the daemon an edit inside one entry of the last import's text parses that
 * entry alone (yaml-splice.ts).
 */
export function parseYamlIncrementally(text: string, key: string): Record<string, unknown> | undefined {
  const cacheKey = resolve(key);
  recordPending();
  const spliced = isLongLived() && lastParse?.key === cacheKey ? spliceParse(lastParse, text) : undefined;
  if (spliced) {
    if (spliced.entryText !== undefined) noteSplicedFacts(spliced.value, lastParse!.value, lastParse!.text, spliced.entryText);
    lastParse = { key: cacheKey, text, value: spliced.value, entries: spliced.entries, cache: spliced.cache };
    keep(key, spliced.cache);
    return spliced.value;
  }
  const previous = kept?.key === cacheKey ? kept.entries : readChunkCache(key);
  if (isLongLived() && isEmpty(previous)) return parseThenRecordWhenIdle(text, key);
  if (isEmpty(previous) && recordOnWorker(text, key)) return parseWhole(text);
  const parse = new ChunkedParse(previous);
  const value = parse.parse(text);
  if (!value) return undefined;
  remember(text, key, value, parse);
  return value;
}

function isEmpty(cache: ChunkCache): boolean {
  for (const _ in cache) return false;
  return true;
}

/** The daemon's last parse and entries (when `parse` placed every leaf), and the cache to write. */
function remember(text: string, key: string, value: Record<string, unknown>, parse: ChunkedParse): void {
  if (isLongLived()) {
    lastParse = undefined;
    if (parse.entries) {
      freezeSpine(value, parse.entries);
      lastParse = { key: resolve(key), text, value, entries: parse.entries, cache: parse.next };
    }
  }
  keep(key, parse.next);
}

/** Keep `next` as the cache of `key`: written now, or in the daemon frozen once idle and written once quiet. */
function keep(key: string, next: ChunkCache): void {
  if (!isLongLived()) {
    // Written before anything can change the values.
    writeChunkCache(key, next);
    return;
  }
  kept = { key: resolve(key), entries: next };
  // Frozen once idle (a large document's import need not wait for it: nothing but the copied step changes them);
  // the file, which only one-shot processes read, once no command has come for a while.
  afterReply(() => {
    for (const id in next) deepFreeze(next[id]);
  });
  whenQuiet(() => writeChunkCache(key, next));
}

/**
 * Below this size the worker costs more than it saves: on two cores a second
 * allocation-heavy thread slows this one's normalize (measured, one-shot cold
 * imports: +0.08 s at the 3 MB newest OpenAI document, -0.11 s at 4× it).
 */
const WORKER_MIN_TEXT = 8 * 1024 * 1024;

/**
 * A one-shot process's first import of a large document (nothing cached): a
 * worker thread parses it and writes the entry cache for the next import, on
 * the core the import leaves idle, while this thread parses it whole and goes
 * on (the cut and the hash of every entry are ~0.3 s of a 12 MB document).
 * The process ends once the worker has written the file. False when there is
 * no worker to do it (one core, `TRIGEN_THREADS=1`, the generator run from
 * its sources): then the caller does it here.
 */
function recordOnWorker(text: string, key: string): boolean {
  if (text.length < WORKER_MIN_TEXT) return false;
  const file = workerEntry('yaml-cache-worker');
  if (!file) return false;
  startWorker(file, { text, key }, 'writing the YAML entry cache');
  return true;
}

/** The document's value from one `yaml.load`, or undefined when it is not a mapping or not valid YAML (the caller reports it). */
function parseWhole(text: string): Record<string, unknown> | undefined {
  try {
    const value = yaml.load(text, { schema: yaml.CORE_SCHEMA });
    return isMapping(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Parse `text` with no cache (one pass, then the cut: see ChunkedParse) and write the entry cache of `key` (the worker's job). */
export function recordChunkCache(text: string, key: string): void {
  const parse = new ChunkedParse();
  if (parse.parse(text)) writeChunkCache(key, parse.next);
}

/** The cut and cache of the daemon's last first import, still to be made. */
let pendingRecord: (() => void) | undefined;

/** Make the cut and cache left for idle time now (the next import of any target needs them in place). */
function recordPending(): void {
  const record = pendingRecord;
  pendingRecord = undefined;
  record?.();
}

/**
 * The daemon's first import of a target (nothing cached): `yaml.load` of the
 * whole text, as the one-pass parse would do, with the cut and the cache made
 * once the daemon is idle rather than before the reply (the pass over every
 * line and the hash of every entry are some 100 ms of a 12 MB document).
 */
function parseThenRecordWhenIdle(text: string, key: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (!isMapping(value)) return undefined;
  const whole = value;
  pendingRecord = () => {
    const parse = new ChunkedParse();
    parse.recordWhole(text, whole);
    remember(text, key, whole, parse);
  };
  afterReply(recordPending);
  return whole;
}
