/**
 * Type-level tests: the generated client compiles under `tsc --strict` with no
 * diagnostics, and type-checks/narrowing.ts (discriminated unions, audit-log
 * payloads, required/nullable fields, call signatures) compiles with every
 * `@ts-expect-error` actually needed. A control file proves the checker
 * reports mistakes, so a green run cannot come from checking nothing.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { typecheckClient } from '../../generator/build/client.js';
import { repoRoot } from '../support/shared.js';
import { realClientDir, scratchRoot } from './support.js';

describe('generated client types', () => {
  it('compiles under tsc --strict with zero diagnostics, and the narrowing checks hold', () => {
    // One program for both: the package's own strict tsconfig, plus type-checks/narrowing.ts.
    expect(typecheckClient(realClientDir, undefined, [join(repoRoot, 'test/client/type-checks/narrowing.ts')])).toEqual([]);
  });

  it('reports a wrong field after narrowing (control: the checker is live)', () => {
    const dir = join(scratchRoot, 'type-control');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'control.ts');
    const src = join(realClientDir, 'src/index.js').replace(/\\/g, '/');
    writeFileSync(
      file,
      `import type { UsageTimeBucket } from '${src}';\n` +
        `declare const b: UsageTimeBucket;\nconst r = b.results[0]!;\n` +
        `if (r.object === 'organization.usage.completions.result') { void r.images; }\n` +
        `// @ts-expect-error\nconst fine: number = 1;\nvoid fine;\n`,
    );
    const diagnostics = typecheckClient(realClientDir, undefined, [file]);
    expect(diagnostics.some((d) => d.includes('TS2339') && d.includes("'images'"))).toBe(true);
    expect(diagnostics.some((d) => d.includes('TS2578'))).toBe(true);
  });
});
