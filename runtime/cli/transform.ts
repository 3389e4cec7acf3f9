/**
 * `--transform`: a small path language over the JSON output, in two
 * spellings that compile to the same steps.
 *
 * Dotted (GJSON-like):  `data.#.id`  `data.0.name`  `data.#` (count)  `a\.b` (key with a dot)
 * jq-like:              `.data[].id`  `.data[0].name`  `.["project.created"]`  `.` (everything)
 *
 * `#` / `[]` maps the rest of the path over an array (so the result is a list);
 * a number indexes an array (negative counts from the end); anything else is
 * an object key. A missing key gives null. Documented in the generated README.
 */
import { UsageError } from './globals.js';

export type Step =
  { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'each' } | { kind: 'count' };

export function compilePath(expr: string): Step[] {
  const src = expr.trim();
  if (src === '' || src === '.' || src === '@this') return [];
  return src.startsWith('.') || src.startsWith('[') ? compileJq(src) : compileDotted(src);
}

function compileDotted(src: string): Step[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length) cur += src[++i];
    else if (ch === '.') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p, i): Step => {
    if (p === '')
      throw new UsageError(
        `--transform: empty segment in '${src}'`,
        'write keys separated by single dots, e.g. data.#.id',
      );
    if (p === '#') return i === parts.length - 1 ? { kind: 'count' } : { kind: 'each' };
    if (/^-?\d+$/.test(p)) return { kind: 'index', index: Number(p) };
    return { kind: 'key', key: p };
  });
}

function compileJq(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const fail = (why: string) =>
    new UsageError(
      `--transform: ${why} at position ${i + 1} of '${src}'`,
      'supported: .key, .key.sub, .[], .[N], .["key"], e.g. \'.data[].id\'',
    );
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '.') {
      i++;
      const m = /^[A-Za-z_$][\w$-]*/.exec(src.slice(i));
      if (m) {
        steps.push({ kind: 'key', key: m[0] });
        i += m[0].length;
      } else if (i < src.length && src[i] !== '[') throw fail('expected a key');
    } else if (ch === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) throw fail("missing ']'");
      const inner = src.slice(i + 1, close).trim();
      if (inner === '') steps.push({ kind: 'each' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) steps.push({ kind: 'key', key: JSON.parse(inner) as string });
      else throw fail(`unsupported selector [${inner}]`);
      i = close + 1;
    } else throw fail(`unexpected '${ch}'`);
  }
  return steps;
}

export function applyPath(value: unknown, steps: Step[], from = 0): unknown {
  if (from >= steps.length) return value;
  const step = steps[from]!;
  switch (step.kind) {
    case 'each':
      return Array.isArray(value) ? value.map((v) => applyPath(v, steps, from + 1)) : null;
    case 'count':
      return Array.isArray(value) ? value.length : null;
    case 'index': {
      if (!Array.isArray(value)) return null;
      const at = step.index < 0 ? value.length + step.index : step.index;
      return at >= 0 && at < value.length ? applyPath(value[at], steps, from + 1) : null;
    }
    case 'key': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
      const obj = value as Record<string, unknown>;
      return Object.prototype.hasOwnProperty.call(obj, step.key) ? applyPath(obj[step.key], steps, from + 1) : null;
    }
  }
}

export function transform(value: unknown, expr: string): unknown {
  return applyPath(value, compilePath(expr));
}
