import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder holding spec/ and generated/. `TRIGEN_ROOT` points the
 * commands at another copy (tests run `check` on a scratch copy this way).
 */
export const repoRoot = process.env.TRIGEN_ROOT
  ? resolve(process.env.TRIGEN_ROOT)
  : resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const specRoot = join(repoRoot, 'spec');
export const generatedRoot = join(repoRoot, 'generated');
