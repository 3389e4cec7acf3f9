/**
 * The YAML flow values people type in flags (`--message '{role: user, content: Hi}'`,
 * `--tags '[a, b]'`) read without loading the YAML package, which costs about a
 * third of the CLI's start-up. Only a strict subset is accepted: flow mappings
 * and sequences of plain scalars made of letters, digits, spaces and `_ . / @ + -`
 * (no quotes, colons inside scalars, comments, anchors or tags). Anything else
 * returns `undefined` and goes to the real parser, so the result is always what
 * `yaml.parse` gives (YAML 1.2 core schema; test/cli/flow-yaml.test.ts compares
 * the two on generated inputs).
 */

const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_ ./@+-]*$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * A plain scalar that YAML reads as a number, boolean or null, with the text
 * it was typed as: a flag's field typed as a string takes the text (`zip:
 * 01234` stays "01234", not 1234), any other field the value.
 */
export class PlainScalar {
  constructor(
    readonly text: string,
    readonly value: unknown,
  ) {}
}

/**
 * A flow value in the subset, or `undefined` when the real parser must decide.
 * `keepText`: plain scalars that are not strings come as PlainScalar.
 */
export function parseFlowYaml(text: string, keepText = false): unknown {
  const src = text.trim();
  if (src[0] !== '{' && src[0] !== '[') return undefined;
  const reader = { src, at: 0, keepText };
  try {
    const value = readCollection(reader);
    skipSpaces(reader);
    return reader.at === src.length ? value : undefined;
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

/** Thrown inside the reader when the text leaves the subset. */
const OUTSIDE = Symbol('outside the flow subset');

interface Reader {
  src: string;
  at: number;
  keepText: boolean;
}

function skipSpaces(r: Reader): void {
  while (r.src[r.at] === ' ') r.at++;
}

function readCollection(r: Reader): unknown {
  const open = r.src[r.at++];
  const close = open === '{' ? '}' : ']';
  const map: Record<string, unknown> = {};
  const list: unknown[] = [];
  skipSpaces(r);
  if (r.src[r.at] === close) {
    r.at++;
    return open === '{' ? map : list;
  }
  for (;;) {
    skipSpaces(r);
    if (open === '{') {
      const key = readScalarText(r, ':');
      // Keys stay strings; `{1: a}`, `{true: a}` and `__proto__` are the parser's business.
      if (typeof resolveScalar(key) !== 'string' || key === '__proto__') throw OUTSIDE;
      if (r.src[r.at] !== ':' || r.src[r.at + 1] !== ' ' || Object.hasOwn(map, key)) throw OUTSIDE;
      r.at += 2;
      skipSpaces(r);
      map[key] = readValue(r, close);
    } else {
      list.push(readValue(r, close));
    }
    skipSpaces(r);
    const next = r.src[r.at++];
    if (next === close) return open === '{' ? map : list;
    if (next !== ',') throw OUTSIDE;
  }
}

function readValue(r: Reader, close: string): unknown {
  const c = r.src[r.at];
  if (c === '{' || c === '[') return readCollection(r);
  const text = readScalarText(r, close);
  const value = resolveScalar(text);
  return r.keepText && typeof value !== 'string' ? new PlainScalar(text, value) : value;
}

/** A plain scalar up to `,` or the closing bracket (or `:` for keys), trimmed; empty ones leave the subset. */
function readScalarText(r: Reader, stop: string): string {
  const start = r.at;
  while (
    r.at < r.src.length &&
    r.src[r.at] !== ',' &&
    r.src[r.at] !== stop &&
    r.src[r.at] !== '}' &&
    r.src[r.at] !== ']'
  )
    r.at++;
  const text = r.src.slice(start, r.at).trim();
  if (!PLAIN.test(text) || /\s{2}/.test(text)) throw OUTSIDE;
  return text;
}

/** YAML 1.2 core schema tags for a plain scalar. */
function resolveScalar(text: string): unknown {
  if (text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (INT.test(text)) return safeNumber(Number(text));
  if (OCT.test(text)) return safeNumber(parseInt(text.slice(2), 8));
  if (HEX.test(text)) return safeNumber(parseInt(text.slice(2), 16));
  if (FLOAT.test(text)) return Number(text);
  return text;
}

/** Integers beyond 2^53 are the parser's business (it may keep them as strings or BigInt). */
function safeNumber(n: number): number {
  if (!Number.isSafeInteger(n)) throw OUTSIDE;
  return n;
}
