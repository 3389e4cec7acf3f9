/**
 * Stable JSON for the committed IR: object keys sorted recursively, arrays in
 * their (already deterministic) order, 2-space indent, trailing newline.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_NOTICE_KEY } from '../emit/header.js';
import { GeneratorError } from '../errors.js';
import { IR_VERSION, type NormalizedSpec } from './types.js';
import { readReleaseState } from '../release/state.js';
import { afterReply, deepFreeze, fileIdentity, isLongLived } from '../long-lived.js';

export { repoRoot as REPO_ROOT } from '../paths.js';
import { repoRoot as REPO_ROOT } from '../paths.js';

/**
 * Stable JSON with sorted keys, written directly (no sorted copy of the tree):
 * same output as `JSON.stringify(sorted, null, 2)`, with far less garbage.
 */
function write(value: unknown, indent: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      out.push(i ? ',\n' : '\n', inner);
      const v = value[i];
      write(v === undefined || typeof v === 'function' ? null : v, inner, out);
    }
    out.push('\n', indent, ']');
    return;
  }
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  if (keys.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{');
  keys.forEach((k, i) => {
    out.push(i ? ',\n' : '\n', inner, JSON.stringify(k), ': ');
    write((value as Record<string, unknown>)[k], inner, out);
  });
  out.push('\n', indent, '}');
}

/** Keys that JavaScript objects order numerically, before all others, whatever the insertion order. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

/** A JSON scalar as JSON.parse gives it back: -0 is 0, NaN and ±Infinity are null. */
function jsonScalar(value: unknown): unknown {
  if (typeof value !== 'number') return value;
  return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
}

/**
 * A copy with every object's keys inserted in sorted order (undefined values
 * dropped, undefined array items null, numbers as JSON gives them back): what
 * JSON.parse makes of its JSON text, which is `write`'s. Undefined when
 * JSON.stringify would not write it as `write` does: an index-like key ("10"),
 * which no JavaScript object can hold in sorted order, a `__proto__` key,
 * which assignment would not make an own property, a function, or an object
 * that is not plain (toJSON).
 */
function sortedCopy(value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (value === null || typeof value !== 'object') return jsonScalar(value);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return undefined;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if ((v !== null && typeof v === 'object') || typeof v === 'function') {
        const copy = sortedCopy(v);
        if (copy === undefined) return undefined;
        out[i] = copy;
      } else out[i] = v === undefined ? null : jsonScalar(v);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (INDEX_KEY.test(k) || k === '__proto__') return undefined;
    if ((v !== null && typeof v === 'object') || typeof v === 'function') {
      const copy = sortedCopy(v);
      if (copy === undefined) return undefined;
      out[k] = copy;
    } else out[k] = jsonScalar(v);
  }
  return out;
}

/**
 * Any value as stable JSON. The native JSON.stringify of a sorted copy is
 * several times faster than writing it in JavaScript; the writer above is the
 * fallback for index-like keys (and the definition of the format).
 */
export function stableStringify(value: unknown): string {
  const sorted = sortedCopy(value);
  if (sorted !== undefined) return JSON.stringify(sorted, null, 2) + '\n';
  const out: string[] = [];
  write(value, '', out);
  return out.join('') + '\n';
}

/** The IR as committed in spec/<target>/spec.json (with the generated-file notice key). */
export function serializeSpec(spec: NormalizedSpec): string {
  return serializeSpecWithCopy(spec, false).text;
}

/**
 * spec.json's text, and with `keepCopy` the spec as `parseSpec` reads that
 * text back (same keys in the same order, same values) when the serializer's
 * sorted copy is that, which it is but for index-like or `__proto__` keys.
 * (Only the daemon keeps it: a process that exits after the import would only
 * hold on to a second copy of the spec.)
 */
export function serializeSpecWithCopy(spec: NormalizedSpec, keepCopy = true): { text: string; copy?: NormalizedSpec } {
  // The release state lives in spec/<target>/release/, written by `npm run release`.
  const { release: _release, ...ir } = spec;
  const withNotice = {
    [JSON_NOTICE_KEY]: `Written by \`npm run import\` from ${spec.info.sourceFile}. Do not edit by hand; edit spec/${spec.target}/config.yaml and re-import.`,
    ...ir,
  };
  const sorted = sortedCopy(withNotice) as Record<string, unknown> | undefined;
  if (sorted === undefined) return { text: stableStringify(withNotice) };
  const text = JSON.stringify(sorted, null, 2) + '\n';
  if (!keepCopy) return { text };
  delete sorted[JSON_NOTICE_KEY];
  return { text, copy: sorted as unknown as NormalizedSpec };
}

/**
 * In the generator daemon, the spec each import wrote, as its file reads
 * (serializeSpecWithCopy), while the file is still the one written (same
 * inode, size and modification time): re-reading and parsing the whole
 * document's spec.json is some 50 ms of an import or a generate. Frozen once
 * the daemon is idle; commands only read it.
 */
const keptSpecs = new Map<string, { identity: string; spec: NormalizedSpec }>();

/** After `spec` (a copy as parseSpec would read the file) was written to `file`: keep it, in the daemon. */
export function keepWrittenSpec(file: string, spec: NormalizedSpec | undefined): void {
  keptSpecs.delete(file);
  if (!isLongLived() || !spec) return;
  const identity = fileIdentity(file);
  if (!identity) return;
  keptSpecs.set(file, { identity, spec });
  afterReply(() => deepFreeze(spec));
}

/** The spec in `file` when the daemon kept it and the file is unchanged since. */
export function keptSpec(file: string): NormalizedSpec | undefined {
  const own = keptSpecs.get(file);
  return own && own.identity === fileIdentity(file) ? own.spec : undefined;
}

/** Parse spec.json text back into the IR (drops the notice key, checks the version). */
export function parseSpec(text: string, file = 'spec.json'): NormalizedSpec {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new GeneratorError(`The normalized spec is not valid JSON: ${(e as Error).message}`, { file }, 'Re-create it with `npm run import`.');
  }
  delete raw[JSON_NOTICE_KEY];
  if (raw.irVersion !== IR_VERSION) {
    throw new GeneratorError(`The normalized spec has irVersion ${String(raw.irVersion)}, expected ${IR_VERSION}.`, { file }, 'Re-create it with `npm run import`.');
  }
  return raw as unknown as NormalizedSpec;
}

export function specPath(target: string, root = REPO_ROOT): string {
  return join(root, 'spec', target, 'spec.json');
}

/** Read the committed spec/<target>/spec.json, with its release state (versions, changelogs) when there is one. */
export function loadSpec(target: string, root = REPO_ROOT): NormalizedSpec {
  const spec = loadSpecJson(target, root);
  const release = readReleaseState(target, root);
  return release ? { ...spec, release } : spec;
}

/** spec/<target>/spec.json alone. */
export function loadSpecJson(target: string, root = REPO_ROOT): NormalizedSpec {
  const file = specPath(target, root);
  const kept = keptSpec(file);
  if (kept) return kept;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GeneratorError(`No normalized spec for target \`${target}\`.`, { file }, `Run \`npm run import -- --from <openapi doc> --target ${target}\` first.`);
  }
  return parseSpec(text, file);
}
