/**
 * The client emitter's line writer (generator/emit/client/writer.ts) writes
 * the bytes ts-morph's code-block writer writes for the same calls: every
 * client file of the committed targets and of every document in
 * ../shared/specs/other, emitted through both.
 */
import CodeBlockWriter from 'code-block-writer';
import { afterEach, describe, expect, it } from 'vitest';
import { emitClient } from '../../generator/emit/client/index.js';
import { createWriter, useWriter, type Writer } from '../../generator/emit/client/writer.js';
import { loadSpec } from '../../generator/ir/serialize.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { importAll } from '../support/pipeline.js';
import { otherSpecs, repoRoot } from '../support/shared.js';

function throughBoth(spec: NormalizedSpec): { ours: Map<string, string>; reference: Map<string, string> } {
  const ours = new Map(emitClient(spec));
  useWriter(() => new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' }) as unknown as Writer);
  try {
    return { ours, reference: new Map(emitClient(spec)) };
  } finally {
    useWriter();
  }
}

function expectSame({ ours, reference }: { ours: Map<string, string>; reference: Map<string, string> }): void {
  expect([...ours.keys()]).toEqual([...reference.keys()]);
  const differing = [...ours].filter(([path, text]) => reference.get(path) !== text).map(([path]) => path);
  expect(differing).toEqual([]);
  expect(ours.size).toBeGreaterThan(5);
}

describe('client line writer', () => {
  afterEach(() => useWriter());

  it.each(['openai-admin', 'openai'])('%s: the same bytes as code-block-writer', (target) => {
    expectSame(throughBoth(loadSpec(target, repoRoot)));
  });

  it.each(otherSpecs())('%s: the same bytes as code-block-writer', async (file) => {
    expectSame(throughBoth((await importAll(file)).spec));
  }, 60_000);

  it('indents blocks and lines as code-block-writer does, blank lines and empty texts included', () => {
    const script = (w: Writer) => {
      w.writeLine('// head');
      w.blankLine();
      w.write('export class A').block(() => {
        w.writeLine('a: string;');
        w.blankLine();
        w.write('m()').block(() => w.write('return 1;\n\nx;').newLine());
        w.indent(() => w.write(''));
        w.write('');
      });
      w.write('after');
      w.indent(() => w.writeLine('deeper'));
      w.write('tail\r\nend');
      return w.toString();
    };
    const reference = script(new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' }) as unknown as Writer);
    expect(script(createWriter())).toBe(reference);
    expect(reference).toContain('\n  m() {\n    return 1;\n\n    x;\n  }\n');
  });
});
