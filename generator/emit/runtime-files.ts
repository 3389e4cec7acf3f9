import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const runtimeRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../runtime');
const cache = new Map<string, Map<string, string>>();

/**
 * The hand-written runtime for one surface (`runtime/<surface>/`), as
 * relative path → contents. Emitters copy these verbatim into the generated
 * package; tests of the runtime live under `test/`, not here.
 */
export function runtimeFiles(surface: 'client' | 'cli' | 'mcp'): Map<string, string> {
  const hit = cache.get(surface);
  if (hit) return hit;
  const base = join(runtimeRoot, surface);
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|js|json|md)$/.test(name)) files.set(relative(base, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(base);
  cache.set(surface, files);
  return files;
}

/**
 * The runtime of `surface` as generated files under `destDir`: each TS file
 * gets the generated-file notice, so nobody edits the copy instead of runtime/.
 */
export function copiedRuntime(surface: 'client' | 'cli' | 'mcp', destDir: string, header: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, contents] of runtimeFiles(surface)) {
    const body = path.endsWith('.ts') ? `${header}// Copied from runtime/${surface}/${path}.\n\n${contents}` : contents;
    files.set(`${destDir}/${path}`, body);
  }
  return files;
}
