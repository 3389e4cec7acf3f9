/** Hashes of a folder's files, for tests that compare two builds byte for byte. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir` (build output included), by its `/`-separated relative path → sha1 of its bytes, sorted. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split('\\').join('/'), createHash('sha1').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}
