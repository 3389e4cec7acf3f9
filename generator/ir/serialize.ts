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
import { checkCustomMethods, readCustomCode } from './custom-code.js';
import { afterReply, deepFreeze, isLongLived, keptFromFile, rememberDerived, type FileDerived } from '../long-lived.js';
import { sortedCopy, stableStringify } from './sorted-json.js';
import { sortedReusing } from './serialize-reuse.js';

export { repoRoot as REPO_ROOT } from '../paths.js';
import { repoRoot as REPO_ROOT } from '../paths.js';

export { stableStringify };

/** The IR as committed in spec/<target>/spec.json (with the generated-file notice key). */
export function serializeSpec(spec: NormalizedSpec): string {
  return serializeSpecWithCopy(spec, false).text;
}

/**
 * spec.json's text, and with `keepCopy` the spec as `parseSpec` reads that
 * text back (same keys in the same order, same values) when the serializer's
 * sorted copy is that, which it is but for index-like or `__proto__` keys.
 * (Only the daemon keeps it: a process that exits after the import would only
 * hold on to a second copy of the spec.) `previous`, when it is a copy this
 * made (the one the last import kept), lends the new copy its unchanged
 * entries (serialize-reuse.ts).
 */
export function serializeSpecWithCopy(spec: NormalizedSpec, keepCopy = true, previous?: NormalizedSpec): { text: string; copy?: NormalizedSpec } {
  // The release state lives in spec/<target>/release/, written by `npm run release`; custom code in custom/.
  const { release: _release, customCode: _customCode, ...ir } = spec;
  const withNotice = {
    [JSON_NOTICE_KEY]: `Written by \`npm run import\` from ${spec.info.sourceFile}. Do not edit by hand; edit spec/${spec.target}/config.yaml and re-import.`,
    ...ir,
  };
  // The daemon keeps copies: one that shares the last one's unchanged entries costs far less, and one made
  // entry by entry leaves what the next import needs to skip comparing the values it shares (serialize-reuse.ts).
  const reusable = previous && sortedCopies.has(previous) ? (previous as unknown as Record<string, unknown>) : {};
  const sorted = (keepCopy ? sortedReusing(withNotice, reusable) : sortedCopy(withNotice)) as Record<string, unknown> | undefined;
  if (sorted === undefined) return { text: stableStringify(withNotice) };
  const text = JSON.stringify(sorted, null, 2) + '\n';
  if (!keepCopy) return { text };
  delete sorted[JSON_NOTICE_KEY];
  sortedCopies.add(sorted);
  return { text, copy: sorted as unknown as NormalizedSpec };
}

/**
 * The copies this serializer made: their keys are in sorted order all the way
 * down, which is what lets the next copy take their entries as they are (a
 * spec parsed from a file may have been edited into another order).
 */
const sortedCopies = new WeakSet<object>();

/**
 * In the generator daemon, the spec each import wrote, as its file reads
 * (serializeSpecWithCopy), while the file is still the one written (same
 * inode, size and modification time): re-reading and parsing the whole
 * document's spec.json is some 50 ms of an import or a generate. Frozen once
 * the daemon is idle; commands only read it.
 */
const keptSpecs: FileDerived<NormalizedSpec> = new Map();

/** After `spec` (a copy as parseSpec would read the file) was written to `file`: keep it, in the daemon. */
export function keepWrittenSpec(file: string, spec: NormalizedSpec | undefined): void {
  if (!spec || !isLongLived()) {
    keptSpecs.delete(file);
    return;
  }
  rememberDerived(keptSpecs, file, spec);
  afterReply(() => deepFreeze(spec));
}

/** The spec in `file` when the daemon kept it and the file is unchanged since. */
export function keptSpec(file: string): NormalizedSpec | undefined {
  return keptFromFile(keptSpecs, file);
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

/** Read the committed spec/<target>/spec.json, with its release state (versions, changelogs) and custom code when there are. */
export function loadSpec(target: string, root = REPO_ROOT): NormalizedSpec {
  return withTargetFiles(loadSpecJson(target, root), target, root);
}

/** The spec `text` (spec.json's, about to be written there) as loadSpec reads it once it is. */
export function loadSpecFromText(target: string, text: string, root = REPO_ROOT): NormalizedSpec {
  return withTargetFiles(parseSpec(text, specPath(target, root)), target, root);
}

/** The spec with what spec/<target>/ holds beside spec.json: the release state and the custom code (custom-code.ts). */
function withTargetFiles(spec: NormalizedSpec, target: string, root: string): NormalizedSpec {
  const release = readReleaseState(target, root);
  const customCode = spec.customMethods ? readCustomCode(join(root, 'spec', target)) : undefined;
  if (spec.customMethods) checkCustomMethods(spec.customMethods, customCode, join(root, 'spec', target, 'config.yaml'));
  return release || customCode ? { ...spec, ...(release ? { release } : {}), ...(customCode ? { customCode } : {}) } : spec;
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
