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
