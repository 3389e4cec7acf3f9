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

/** Any value as stable JSON. */
export function stableStringify(value: unknown): string {
  const out: string[] = [];
  write(value, '', out);
  return out.join('') + '\n';
}

/** The IR as committed in spec/<target>/spec.json (with the generated-file notice key). */
export function serializeSpec(spec: NormalizedSpec): string {
  // The release state lives in spec/<target>/release/, written by `npm run release`.
  const { release: _release, ...ir } = spec;
  return stableStringify({
    [JSON_NOTICE_KEY]: `Written by \`npm run import\` from ${spec.info.sourceFile}. Do not edit by hand; edit spec/${spec.target}/config.yaml and re-import.`,
    ...ir,
  });
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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GeneratorError(`No normalized spec for target \`${target}\`.`, { file }, `Run \`npm run import -- --from <openapi doc> --target ${target}\` first.`);
  }
  return parseSpec(text, file);
}
