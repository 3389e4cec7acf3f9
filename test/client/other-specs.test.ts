/**
 * The client emitter is not tied to the OpenAI document: every other API in
 * ../shared/specs/other is imported (in memory, names unlocked), emitted and
 * type-checked under strict. Digit-leading resource names, whole (non-object)
 * bodies and resource/type name clashes all occur in this set.
 */
import { describe, expect, it } from 'vitest';
import { basename, join } from 'node:path';
import { importDocument } from '../../generator/commands/import.js';
import { typecheckClient } from '../../generator/build/client.js';
import { otherSpecs } from '../support/shared.js';
import { emitInto, scratchRoot } from './support.js';

describe('clients for other APIs', () => {
  it.each(otherSpecs().map((file) => [basename(file), file] as const))('%s compiles under strict', async (_name, file) => {
    const target = basename(file).replace(/\.(ya?ml|json)$/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const { spec } = await importDocument({ from: file, target, root: join(scratchRoot, 'other-root'), relock: true });
    expect(spec.operations.length).toBeGreaterThan(0);
    const dir = emitInto(spec, join(scratchRoot, 'other', target));
    expect(typecheckClient(dir)).toEqual([]);
  });
});
