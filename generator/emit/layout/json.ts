/**
 * JSON text exactly as prettier formats it (`printWidth` 120): objects one
 * key per line, arrays on one line while they fit, numbers packed several
 * per line, several objects or arrays always one per line.
 *
 * JSON tables run to megabytes, so the common case is native: `JSON.stringify`
 * already writes objects as prettier does, and one pass joins each array of
 * scalars that fits on its line. Arrays inside arrays (rare in API data) take
 * the general writer below. Arrays whose width needs Unicode measuring, or
 * whose numbers are packed, go through prettier's printer.
 */
import { fill, group, ifBreak, indent, join, layout, line, softline, PRINT_WIDTH, type Doc } from './doc.js';
import { sameInputSameOutput } from '../same-input.js';

export function prettyJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) return 'null\n';
  // The text says all of the value the layout reads, so the daemon may reuse the layout of the same text.
  return sameInputSameOutput(() => text, () => {
    // A line that starts with `[` is an array inside an array.
    if (/\n *\[/.test(text)) return write(value, 0, 0, 0) + '\n';
    return text.replace(SCALAR_ARRAY, joinScalarArray) + '\n';
  });
}

const SCALAR = String.raw`(?:"(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false|null|\{\})`;
/** An expanded array of scalars (or empty objects) as `JSON.stringify(v, null, 2)` writes it. */
const SCALAR_ARRAY = new RegExp(String.raw`\[\n( +)(${SCALAR}(?:,\n\1${SCALAR})*)\n *\]`, 'g');

function joinScalarArray(match: string, itemIndent: string, body: string, offset: number, text: string): string {
  const items = body.split(`,\n${itemIndent}`);
  const indent = itemIndent.length - 2;
  // What precedes the array on its line: the indentation, then `"key": ` (or nothing).
  const lead = text.slice(text.lastIndexOf('\n', offset) + 1 + indent, offset);
  const trail = text.charCodeAt(offset + match.length) === 44 ? 1 : 0;
  const oneLine = `[${items.join(', ')}]`;
  const concise = items.length > 1 && items.every((i) => /^-?\d/.test(i));
  if (!concise && ASCII.test(oneLine) && ASCII.test(lead)) return indent + lead.length + oneLine.length + trail <= PRINT_WIDTH ? oneLine : match;
  return layoutDoc(scalarArrayDoc(items), indent, lead, trail);
}

function scalarArrayDoc(items: string[]): Doc {
  const concise = items.length > 1 && items.every((i) => /^-?\d/.test(i));
  const body = concise ? fill(items.flatMap((d, i): Doc[] => (i === items.length - 1 ? [d] : [[d, ','], line]))) : join([',', line], items);
  return group(['[', indent([softline, body]), softline, ']']);
}

const ASCII = /^[\x20-\x7e]*$/;
const pads: string[] = [];
const pad = (n: number) => (pads[n] ??= ' '.repeat(n));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isComposite(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

function entriesOf(v: object): Array<[string, unknown]> {
  return Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
}

function sizeOf(v: object): number {
  return Array.isArray(v) ? v.length : entriesOf(v).length;
}

/**
 * `v` starting at `column` on a line indented by `indent`, followed on that
 * line by `trail` more columns (a comma).
 */
function write(v: unknown, indent: number, column: number, trail: number): string {
  if (!isComposite(v)) return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return writeArray(v, indent, column, trail);
  const entries = entriesOf(v);
  if (entries.length === 0) return '{}';
  const inner = pad(indent + 2);
  let out = '{';
  entries.forEach(([k, x], i) => {
    const key = JSON.stringify(k);
    const last = i === entries.length - 1;
    const text = ASCII.test(key) ? write(x, indent + 2, indent + 4 + key.length, last ? 0 : 1) : layoutMember(key, x, indent + 2, last);
    out += `\n${inner}${key}: ${text}${last ? '' : ','}`;
  });
  return `${out}\n${pad(indent)}}`;
}

/** Several objects (or several arrays) with more than one entry each are always one per line. */
function alwaysBreaks(items: unknown[]): boolean {
  if (items.length < 2) return false;
  const firstIsArray = Array.isArray(items[0]);
  return items.every((x) => isComposite(x) && Array.isArray(x) === firstIsArray && sizeOf(x) > 1);
}

/** The one-line form, or undefined when the array must break whatever the width. */
function flat(v: unknown): string | undefined {
  if (!isComposite(v)) return JSON.stringify(v) ?? 'null';
  if (!Array.isArray(v)) return sizeOf(v) === 0 ? '{}' : undefined;
  if (v.length === 0) return '[]';
  if (alwaysBreaks(v)) return undefined;
  let s = '[';
  for (let i = 0; i < v.length; i++) {
    const t = flat(v[i]);
    if (t === undefined) return undefined;
    s += i === 0 ? t : `, ${t}`;
  }
  return s + ']';
}

const isNumber = (x: unknown) => typeof x === 'number';

function writeArray(v: unknown[], indent: number, column: number, trail: number): string {
  if (v.length === 0) return '[]';
  const oneLine = flat(v);
  const concise = v.length > 1 && v.every(isNumber);
  if (oneLine !== undefined) {
    if (!ASCII.test(oneLine) || concise) return layoutDoc(arrayDoc(v), indent, pad(column - indent), trail);
    if (column + oneLine.length + trail <= PRINT_WIDTH) return oneLine;
  }
  const inner = pad(indent + 2);
  let out = '[';
  v.forEach((x, i) => {
    const last = i === v.length - 1;
    out += `\n${inner}${write(x, indent + 2, indent + 2, last ? 0 : 1)}${last ? '' : ','}`;
  });
  return `${out}\n${pad(indent)}]`;
}

/** Prettier's document for a JSON value (objects always broken), for the printer's measure. */
function arrayDoc(v: unknown): Doc {
  if (!isComposite(v)) return JSON.stringify(v) ?? 'null';
  if (!Array.isArray(v)) {
    const entries = entriesOf(v);
    if (entries.length === 0) return '{}';
    return group(['{', indent([line, join([',', line], entries.map(([k, x]) => [JSON.stringify(k), ': ', arrayDoc(x)]))]), line, '}'], { shouldBreak: true });
  }
  if (v.length === 0) return '[]';
  const docs = v.map(arrayDoc);
  const body = v.length > 1 && v.every(isNumber) ? fill(docs.flatMap((d, i) => (i === docs.length - 1 ? [d] : [[d, ','], line]))) : join([',', line], docs);
  return group(['[', indent([softline, body]), ifBreak(''), softline, ']'], { shouldBreak: alwaysBreaks(v) });
}

/** `doc` through the printer, after `lead` on a line indented by `indent`. */
function layoutDoc(doc: Doc, indent: number, lead: string, trail: number): string {
  let text = layout([lead, doc, ','.repeat(trail)], indent).slice(lead.length);
  if (trail) text = text.slice(0, -trail);
  // `layout` indents later lines relative to its column; JSON text here carries absolute indentation.
  return indent ? text.replace(/\n(?=.)/g, '\n' + pad(indent)) : text;
}

/** A member whose key needs Unicode measuring: the whole `"key": value` goes through the printer. */
function layoutMember(key: string, x: unknown, indent: number, last: boolean): string {
  if (!Array.isArray(x)) return write(x, indent, indent + key.length + 2, last ? 0 : 1);
  return layoutDoc(arrayDoc(x as Json), indent, `${key}: `, last ? 0 : 1);
}
