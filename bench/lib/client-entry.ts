/** Locates the built generated client (generated/openai-admin/client/dist) entry. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedDir, repoRoot } from './paths.js';
import { Skip } from './types.js';

export const clientDir = join(generatedDir, 'client');

type ExportTarget = string | { import?: ExportTarget; default?: ExportTarget; node?: ExportTarget } | undefined;

function pick(target: ExportTarget): string | undefined {
  if (typeof target === 'string') return target;
  if (!target) return undefined;
  return pick(target.import) ?? pick(target.node) ?? pick(target.default);
}

/** Absolute path of the ESM entry the package's `exports` map (or main) names. */
export function clientEntry(): string {
  const pkgPath = join(clientDir, 'package.json');
  if (!existsSync(pkgPath)) throw new Skip(`${pkgPath.replace(repoRoot + '/', '')} missing; run \`npm run generate\``);
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, ExportTarget> | string; module?: string; main?: string };
  const exp = pkg.exports;
  const rel = (typeof exp === 'string' ? exp : pick(exp?.['.'] as ExportTarget)) ?? pkg.module ?? pkg.main;
  if (!rel) throw new Skip('generated client package.json names no entry point');
  const entry = join(clientDir, rel);
  if (!existsSync(entry)) throw new Skip(`${entry.replace(repoRoot + '/', '')} missing; run \`npm run build\``);
  return entry;
}
