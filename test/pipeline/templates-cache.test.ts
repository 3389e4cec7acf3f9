/**
 * The bundled generator renders Handlebars templates from compiled code cached
 * across runs (generator/build/handlebars.ts). With that module loaded, the
 * emitters must write exactly the committed files (which plain Handlebars
 * wrote), both when the cache is filled and when it is read.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import '../../generator/build/handlebars.js';
import { emitAll } from '../../generator/commands/generate.js';
import { loadSpec } from '../../generator/ir/serialize.js';
import { readEmittedTree } from '../../generator/write.js';
import { repoRoot } from '../support/shared.js';

describe('cached Handlebars templates', () => {
  it('render the same bytes as plain Handlebars, twice', () => {
    const committed = readEmittedTree(join(repoRoot, 'generated/openai-admin'));
    const rendered = [...committed.keys()].filter((path) => path.endsWith('.md') || path.endsWith('package.json'));
    expect(rendered.length).toBeGreaterThan(4);
    for (let run = 0; run < 2; run++) {
      const files = emitAll(loadSpec('openai-admin'));
      for (const path of rendered) expect(files.get(path), path).toBe(committed.get(path));
    }
  });
});
