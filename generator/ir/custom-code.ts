/**
 * A target's hand-written client code: the TypeScript files of
 * spec/<target>/custom/, which the client package holds under src/lib/ and
 * whose exports the config's `custom.methods` make resource methods. Read
 * when the spec is loaded (as the release state), never part of spec.json,
 * so an edit to them needs a `generate`, not an import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors.js';
import type { CustomMethod } from './types.js';

/** A custom file's path in spec/<target>/custom/ (and in the client's src/lib/): a TypeScript module, maybe in folders. */
export const CUSTOM_FILE = /^([A-Za-z0-9][A-Za-z0-9_-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*\.ts$/;

export const customCodeDir = (specDir: string): string => join(specDir, 'custom');

/** The .ts files under spec/<target>/custom/ (path → text, by path), or undefined when there are none. */
export function readCustomCode(specDir: string): Record<string, string> | undefined {
  const root = customCodeDir(specDir);
  const paths: string[] = [];
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else if (CUSTOM_FILE.test(path)) paths.push(path);
    }
  };
  walk('');
  if (paths.length === 0) return undefined;
  paths.sort();
  return Object.fromEntries(paths.map((p) => [p, readFileSync(join(root, p), 'utf8')]));
}

/**
 * The deep import path of a custom file in a folder, beside its `lib/` one:
 * `<pkg>/helpers/zod` for custom/helpers/zod.ts, as openai-node's users import
 * its helpers; undefined for a file at the top of custom/.
 */
export function customDeepPath(path: string): string | undefined {
  return path.includes('/') ? path.replace(/\.ts$/, '') : undefined;
}

/** True when `text` exports a value named `name` (a function, a const, or a name in an export list). */
export function exportsName(text: string, name: string): boolean {
  const id = name.replace(/\$/g, '\\$');
  return new RegExp(`^export\\s+(?:async\\s+)?(?:function\\*?|const|let|var|class)\\s+${id}\\b|^export\\s*\\{[^}]*\\b${id}\\b[^}]*\\}`, 'm').test(text);
}

/**
 * Each custom method's file is in `code` and exports its function; otherwise
 * an error at the method's line in the config file (`lineOf` its pointer
 * there, when the caller can place it).
 */
export function checkCustomMethods(
  methods: readonly CustomMethod[],
  code: Record<string, string> | undefined,
  configFile: string,
  lineOf: (ptr: string) => { line: number; column: number } | undefined = () => undefined,
): void {
  for (const m of methods) {
    const at = { file: configFile, ...lineOf(m.pointer.replace(/^\/x-config/, '')) };
    const text = code?.[m.file];
    if (text === undefined) throw new GeneratorError(`Config \`custom.methods\`: \`${m.resource}.${m.name}\` calls \`${m.file}\`, which spec/…/custom/ does not hold.`, at, `Add ${m.file} beside config.yaml, in custom/.`);
    if (!exportsName(text, m.export)) throw new GeneratorError(`Config \`custom.methods\`: custom/${m.file} exports no \`${m.export}\` for \`${m.resource}.${m.name}\`.`, at, `Export it: \`export function ${m.export}(this: <Resource class>, …)\`.`);
  }
}
