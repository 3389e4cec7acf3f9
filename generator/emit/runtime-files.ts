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
export function runtimeFiles(surface: 'client' | 'cli' | 'mcp' | 'shared'): Map<string, string> {
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

/** Surfaces whose runtime imports `../shared/*` (helpers the CLI and MCP server both use). */
const USES_SHARED = new Set(['cli', 'mcp']);

/**
 * The runtime of `surface` as generated files under `destDir`: each TS file
 * gets the generated-file notice, so nobody edits the copy instead of runtime/.
 * `runtime/shared/` goes beside `destDir` (as `shared/`), where the runtime's
 * `../shared/…` imports find it, exactly as they do in the repo.
 */
export function copiedRuntime(surface: 'client' | 'cli' | 'mcp', destDir: string, header: string): Map<string, string> {
  const files = new Map<string, string>();
  const copy = (from: 'client' | 'cli' | 'mcp' | 'shared', dir: string) => {
    for (const [path, contents] of runtimeFiles(from)) {
      const body = path.endsWith('.ts') ? `${header}// Copied from runtime/${from}/${path}.\n\n${contents}` : contents;
      files.set(`${dir}/${path}`, body);
    }
  };
  copy(surface, destDir);
  if (USES_SHARED.has(surface)) copy('shared', `${destDir.slice(0, destDir.lastIndexOf('/') + 1)}shared`);
  return files;
}
