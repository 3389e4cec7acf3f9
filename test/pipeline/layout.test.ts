/**
 * The layout engine (generator/emit/layout) against prettier itself, on
 * shapes no real document may have produced yet: seeded random types (unions,
 * intersections, type literals, `Array<…>`, quoted and Unicode keys, quotes
 * in literals, deep nesting), values, imports, method signatures, calls and
 * JSON, with names from short to far past the print width. Each text the
 * engine writes must be exactly what prettier makes of it.
 */
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { array, call, constDeclaration, literal, name, namedImport, object, value, type Expr, type Property } from '../../generator/emit/layout/code.js';
import { methodHead, param } from '../../generator/emit/layout/functions.js';
import { layout } from '../../generator/emit/layout/doc.js';
import { prettyJson } from '../../generator/emit/layout/json.js';
import { propertyKey, tsLiteral, tsString } from '../../generator/emit/layout/literals.js';
import { INDEX_KEY, interfaceDeclaration, intersection, objectType, ref, simple, typeAlias, union, type TypeMember, type TypeNode } from '../../generator/emit/layout/types.js';

const OPTIONS = { parser: 'typescript', singleQuote: true, printWidth: 120 } as const;

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

type Rng = ReturnType<typeof rng>;

const WORDS = ['id', 'name', 'created_at', 'organization', 'project', 'serviceAccount', 'rate', 'limit', 'x', 'type', 'data'];

function identifier(r: Rng, long = false): string {
  const n = long ? 2 + r.int(12) : 1 + r.int(3);
  const parts = Array.from({ length: n }, () => r.pick(WORDS));
  return parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('').replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

function typeName(r: Rng): string {
  const id = identifier(r, r.next() < 0.3);
  return id[0]!.toUpperCase() + id.slice(1);
}

function key(r: Rng): string {
  return r.pick([identifier(r), identifier(r, true), 'user.added', 'content-type', '0', '12', 'café', '名前', "it's", 'say "hi"', 'default', '$ref', 'a b']);
}

function stringValue(r: Rng): string {
  return r.pick(['gpt-4o', 'json', "it's", 'say "hi"', 'both \' and "', 'line\nbreak', 'tab\there', 'über', '日本語のテキスト', 'emoji 🎉', 'back\\slash', '/v1/responses', 'x'.repeat(1 + r.int(60))]);
}

function scalarType(r: Rng): TypeNode {
  switch (r.int(6)) {
    case 0:
      return simple(r.pick(['string', 'number', 'boolean', 'unknown', 'null']));
    case 1:
      return simple(tsString(stringValue(r)));
    case 2:
      return simple(tsLiteral(r.pick([0, -1, 2.5, 1e21, 1e-7, 123456789])));
    default:
      return simple(typeName(r));
  }
}

function typeNode(r: Rng, depth: number): TypeNode {
  if (depth >= 4) return scalarType(r);
  switch (r.int(8)) {
    case 0:
    case 1: {
      // Long unions of literals (enums), short unions of anything.
      if (r.next() < 0.3) return union(Array.from({ length: 2 + r.int(25) }, () => scalarType(r)));
      return union(Array.from({ length: 2 + r.int(4) }, () => (r.next() < 0.7 ? scalarType(r) : typeNode(r, depth + 1))));
    }
    case 2:
      return ref('Array', [typeNode(r, depth + 1)]);
    case 3:
      return r.next() < 0.5 ? union([objectNode(r, depth + 1, true), simple('null')]) : ref('Record', [simple('string'), typeNode(r, depth + 1)]);
    case 4:
      return intersection([r.next() < 0.5 ? objectNode(r, depth + 1, true) : simple('string'), r.next() < 0.5 ? objectType([], false) : union([objectNode(r, depth + 1, r.next() < 0.5), objectNode(r, depth + 1, true)])]);
    case 5:
      return objectNode(r, depth + 1, r.next() < 0.7);
    default:
      return scalarType(r);
  }
}

function members(r: Rng, depth: number): TypeMember[] {
  return Array.from({ length: 1 + r.int(4) }, () => {
    const comment = r.next() < 0.3 ? ['/**', ' * A description long enough to wrap in an editor, which prettier leaves as it is.', ' */'] : r.next() < 0.2 ? ['/** Short. */'] : undefined;
    const index = r.next() < 0.2;
    return { comment, key: index ? INDEX_KEY : propertyKey(key(r)), optional: !index && r.next() < 0.5, type: typeNode(r, depth) };
  });
}

function objectNode(r: Rng, depth: number, expanded: boolean): TypeNode {
  return objectType(members(r, depth), expanded);
}

function jsValue(r: Rng, depth: number): unknown {
  if (depth >= 3) return r.pick([stringValue(r), r.int(1000), -r.int(50), 2.5, true, false, null]);
  switch (r.int(5)) {
    case 0:
      return Array.from({ length: r.int(r.next() < 0.3 ? 30 : 4) }, () => (r.next() < 0.3 ? r.int(100000) : jsValue(r, depth + 1)));
    case 1:
      return Object.fromEntries(Array.from({ length: r.int(5) }, () => [key(r), jsValue(r, depth + 1)]));
    case 2:
      return Array.from({ length: r.int(4) }, () => Array.from({ length: r.int(4) }, () => jsValue(r, depth + 2)));
    default:
      return jsValue(r, 3);
  }
}

function expr(r: Rng): Expr {
  const v = jsValue(r, 0);
  return r.next() < 0.3 ? name(r.pick(['options', 'params', 'this._client', identifier(r, true)])) : value(v);
}

async function expectStable(text: string, seed: number, parser: 'typescript' | 'json' = 'typescript'): Promise<void> {
  const formatted = await prettier.format(text, { ...OPTIONS, parser }).catch((e: Error) => `${e.message}\n--- in ---\n${text}`);
  expect(text, `seed ${seed}`).toBe(formatted);
}

// More cases, or another seed range, from the environment: LAYOUT_CASES=2000 LAYOUT_SEED=7 npx vitest run test/pipeline/layout.test.ts
const CASES = Number(process.env.LAYOUT_CASES ?? 100);
const TIMEOUT = 60_000 + CASES * 500;
const SEED = Number(process.env.LAYOUT_SEED ?? 0) * 1_000_000;

describe('layout engine against prettier', () => {
  it('type aliases and interfaces', async () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const r = rng(SEED + seed);
      const alias = layout(typeAlias(`export type ${typeName(r)}`, typeNode(r, 0)), 0);
      const iface = layout(interfaceDeclaration(`export interface ${typeName(r)}`, members(r, 0)), 0);
      await expectStable(`${alias}\n\n${iface}\n`, SEED + seed);
    }
  }, TIMEOUT);

  it('constants, imports, method heads and calls', async () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const r = rng(SEED + 100000 + seed);
      const imports = layout(namedImport(r.pick(['import', 'import type', 'export type']), Array.from({ length: 1 + r.int(8) }, () => typeName(r)), `./resources/${identifier(r, true)}.js`), 0);
      const constant = layout(constDeclaration(`export const ${identifier(r, r.next() < 0.5)}: ${typeName(r)}`, value(jsValue(r, 0))), 0);
      const params = Array.from({ length: r.int(4) }, (_, i) => param(`${identifier(r)}${i}`, typeNode(r, 2), { optional: r.next() < 0.5 }));
      const methodName = identifier(r, r.next() < 0.3);
      // An overload's signature first (ends with `;`), then the implementation's head.
      const overload = layout(methodHead(methodName, params, ref('APIPromise', [typeNode(r, 3)]), ';'), 2);
      const head = `${overload}\n${layout(methodHead(methodName, params, ref(r.pick(['APIPromise', 'PagePromise']), [typeNode(r, 3)])), 2)}`;
      const props: Property[] = [{ spread: 'params' }, { key: key(r), value: name(identifier(r)) }];
      const args = r.next() < 0.5 ? [name(identifier(r, true)), object(props), name('options')] : [expr(r), expr(r)];
      const body = layout(['return ', call(`this._client.${identifier(r)}`, args, r.next() < 0.7 ? [typeNode(r, 3)] : undefined).doc, ';'], 4);
      const fields = layout(constDeclaration('const list', array([literal(stringValue(r)), literal(r.int(9)), expr(r)])), 0);
      await expectStable(`${imports}\n\n${constant}\n\n${fields}\n\nclass C {\n  ${head.replace(/\n/g, '\n  ')}\n    ${body.replace(/\n/g, '\n    ')}\n  }\n}\n`, SEED + 100000 + seed);
    }
  }, TIMEOUT);

  it('JSON', async () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const r = rng(SEED + 200000 + seed);
      await expectStable(prettyJson({ table: jsValue(r, 0), rows: Array.from({ length: r.int(4) }, () => jsValue(r, 1)) }), SEED + 200000 + seed, 'json');
    }
  }, TIMEOUT);
});
