/**
 * The CLI's fast path for YAML flow values must give exactly what the YAML
 * package gives, or step aside: compared on hand-picked values and on seeded
 * random ones built from the characters that matter.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFlowYaml } from '../../runtime/cli/flow-yaml.js';
import { parseStructured } from '../../runtime/cli/values.js';

function yamlOrError(text: string): { value?: unknown; error?: true } {
  try {
    return { value: parse(text) };
  } catch {
    return { error: true };
  }
}

/** Small deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALARS = [
  'a',
  'user',
  'Hi there',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'NULL',
  'Null',
  'null',
  '~',
  '0',
  '007',
  '-1',
  '+2',
  '1.5',
  '1e3',
  '.5',
  '0x1F',
  '0o17',
  '0o9',
  '1_000',
  'yes',
  'No',
  '.inf',
  '.NaN',
  '9007199254740993',
  'a b',
  'a  b',
  'x-y',
  'v1.2',
  'a/b',
  'a@b',
  'http://x',
  "'q'",
  '"d"',
  'a#b',
  'a #b',
  '&a',
  '*a',
  '!t',
  '-',
  '',
  '__proto__',
  'é',
];

function randomFlow(next: () => number, depth = 0): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  const n = Math.floor(next() * 4);
  const item = () => (depth < 2 && next() < 0.25 ? randomFlow(next, depth + 1) : pick(SCALARS));
  const sep = () => pick([', ', ',', ' , ', ',  ']);
  if (next() < 0.6) {
    const pairs = Array.from({ length: n }, () => `${pick(SCALARS)}${pick([': ', ':', ' : ', ':  '])}${item()}`);
    return `{${pick(['', ' '])}${pairs.join(sep())}${pick(['', ' ', ','])}}`;
  }
  return `[${Array.from({ length: n }, item).join(sep())}${pick(['', ' ', ','])}]`;
}

describe('YAML flow values without the YAML package', () => {
  it('reads the values people type as the YAML package does', () => {
    const cases = [
      '{role: user, content: Hi}',
      '{role: user, content: Hello there}',
      '[a, b, c]',
      '{a: [1, 2], b: {c: true}}',
      '{}',
      '[]',
      ' {a: 1.5e3} ',
      '{key: value, n: 0x10, o: 0o7, z: null}',
    ];
    for (const text of cases) {
      const fast = parseFlowYaml(text);
      expect(fast, text).not.toBeUndefined();
      expect(fast, text).toEqual(parse(text));
    }
  });

  it('steps aside for everything outside its subset', () => {
    for (const text of [
      '{a: "q"}',
      "{a: 'q'}",
      '{a: http://x}',
      '{a: b # c}',
      '{a: &x 1, b: *x}',
      '{a: !!str 1}',
      '{1: a}',
      '{a: 1, a: 2}',
      '{a: b,}',
      '{a:\n b}',
      'a: b',
      '{a: -1}',
      '{a: .inf}',
      '{__proto__: x}',
      '{a: 9007199254740993}',
    ]) {
      expect(parseFlowYaml(text), text).toBeUndefined();
    }
  });

  it('agrees with the YAML package on 20,000 seeded random flow values', () => {
    const next = rng(20261130);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomFlow(next);
      const fast = parseFlowYaml(text);
      if (fast === undefined) continue;
      accepted++;
      const real = yamlOrError(text);
      expect(real.error, `${text}: the YAML package rejects what the fast path accepted`).toBeUndefined();
      expect(fast, text).toEqual(real.value);
    }
    // The subset is not empty in practice: a good share of the inputs take the fast path.
    expect(accepted).toBeGreaterThan(2_000);
  });

  it('the CLI parses structured values through it and falls back to YAML', async () => {
    expect(await parseStructured('{role: user, content: Hi}')).toEqual({ role: 'user', content: 'Hi' });
    expect(await parseStructured('{url: "http://x", n: -1}')).toEqual({ url: 'http://x', n: -1 });
    expect(await parseStructured('{"json": true}')).toEqual({ json: true });
  });
});
