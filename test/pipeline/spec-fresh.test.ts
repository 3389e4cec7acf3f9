/**
 * The committed spec/ is what the generator imports from the newest document
 * today: a normalizer change that alters a committed target's spec or report
 * fails here until `npm run import` is run and the result committed (`check`
 * compares spec/ with a re-import only when given `--from`, and the emitters
 * read spec/, so a stale spec would otherwise ship unnoticed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTree } from '../../generator/commands/check.js';
import { importDocument } from '../../generator/commands/import.js';
import { newestOpenaiSpec, repoRoot } from '../support/shared.js';

describe('the committed specs', () => {
  for (const target of ['openai-admin', 'openai']) {
    it(`spec/${target}/ is a fresh import of the newest document`, async () => {
      const imported = await importDocument({ from: newestOpenaiSpec(), target });
      const onDisk = new Map<string, string>();
      for (const path of imported.files.keys()) if (existsSync(join(repoRoot, path))) onDisk.set(path, readFileSync(join(repoRoot, path), 'utf8'));
      const drift = compareTree('.', imported.files, onDisk);
      expect(drift.map((d) => d.patch.slice(0, 2000)).join('\n')).toBe('');
      expect([...imported.files.keys()]).toContain(`spec/${target}/spec.json`);
    }, 120_000);
  }
});
