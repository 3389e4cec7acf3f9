/**
 * Output formats: json, jsonl, yaml, pretty (coloured JSON) and table. The
 * YAML printer is imported only when asked for, to keep cold start small.
 */
import type { Format } from './globals.js';
import { loadYaml } from './values.js';

export interface OutputContext {
  /** The result is a list envelope whose items live here (for jsonl/table). */
  itemsField?: string;
  isTTY: boolean;
  color: boolean;
  columns: number;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `auto` resolves to table for lists and pretty otherwise on a TTY; json when piped. */
export function resolveFormat(format: string | undefined, ctx: OutputContext, value: unknown): Exclude<Format, 'auto'> {
  if (format && format !== 'auto') return format as Exclude<Format, 'auto'>;
  if (!ctx.isTTY) return 'json';
  return rowsOf(value, ctx) ? 'table' : 'pretty';
}

function rowsOf(value: unknown, ctx: OutputContext): Obj[] | undefined {
  const list =
    ctx.itemsField && isObj(value) && Array.isArray(value[ctx.itemsField])
      ? (value[ctx.itemsField] as unknown[])
      : Array.isArray(value)
        ? value
        : undefined;
  if (!list || !list.every(isObj)) return undefined;
  return list as Obj[];
}

export async function render(value: unknown, format: Exclude<Format, 'auto'>, ctx: OutputContext): Promise<string> {
  switch (format) {
    case 'json':
      return JSON.stringify(value, null, 2) + '\n';
    case 'jsonl': {
      const list =
        ctx.itemsField && isObj(value) && Array.isArray(value[ctx.itemsField])
          ? (value[ctx.itemsField] as unknown[])
          : Array.isArray(value)
            ? value
            : [value];
      return list.map((v) => JSON.stringify(v) + '\n').join('');
    }
    case 'yaml': {
      return (await loadYaml()).stringify(value, { lineWidth: 0 });
    }
    case 'pretty':
      if (typeof value === 'string') return value + '\n';
      return colorJSON(value, ctx.color) + '\n';
    case 'table': {
      const rows = rowsOf(value, ctx);
      if (rows) return table(rows, ctx);
      if (isObj(value)) return keyValueTable(value, ctx);
      if (Array.isArray(value)) return value.map((v) => cell(v, '', Infinity)).join('\n') + (value.length ? '\n' : '');
      return cell(value, '', Infinity) + '\n';
    }
  }
}

const C = {
  key: '\x1b[36m',
  str: '\x1b[32m',
  num: '\x1b[33m',
  lit: '\x1b[35m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  off: '\x1b[0m',
};

export function colorJSON(value: unknown, color: boolean, indent = ''): string {
  const paint = (c: string, s: string) => (color ? c + s + C.off : s);
  if (value === null || typeof value === 'boolean') return paint(C.lit, String(value));
  if (typeof value === 'number') return paint(C.num, String(value));
  if (typeof value === 'string') return paint(C.str, JSON.stringify(value));
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + colorJSON(v, color, inner)).join(',\n')}\n${indent}]`;
  }
  if (isObj(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${inner}${paint(C.key, JSON.stringify(k))}: ${colorJSON(value[k], color, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Columns people look for first; others follow in first-seen order. */
const PRIORITY = [
  'id',
  'name',
  'email',
  'title',
  'role',
  'type',
  'status',
  'start_time',
  'end_time',
  'created_at',
  'expires_at',
];
const MAX_COLUMNS = 6;

function pickColumns(rows: Obj[]): string[] {
  const seen: string[] = [];
  const scalar = new Set<string>();
  for (const r of rows.slice(0, 50)) {
    for (const [k, v] of Object.entries(r)) {
      if (!seen.includes(k)) seen.push(k);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) scalar.add(k);
    }
  }
  const ranked = [
    ...PRIORITY.filter((k) => seen.includes(k)),
    ...seen.filter((k) => !PRIORITY.includes(k) && k !== 'object' && scalar.has(k)),
  ];
  const cols = ranked.slice(0, MAX_COLUMNS);
  return cols.length ? cols : seen.slice(0, MAX_COLUMNS);
}

function isTimeKey(key: string): boolean {
  return /(_at|_time)$/.test(key);
}

function cell(v: unknown, key: string, width: number): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'number' && isTimeKey(key) && v > 1e9 && v < 1e10)
    s = new Date(v * 1000).toISOString().replace('T', ' ').replace('.000Z', 'Z');
  else if (Array.isArray(v))
    s = v.every((x) => x === null || typeof x !== 'object') ? v.join(',') : `[${v.length} items]`;
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  s = s.replace(/\s+/g, ' ');
  return s.length > width ? s.slice(0, Math.max(1, width - 1)) + '…' : s;
}

function layout(header: string[], body: string[][], ctx: OutputContext): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  // Shrink the widest columns until the table fits the terminal.
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > ctx.columns) {
    const max = Math.max(...widths);
    if (max <= 8) break;
    widths[widths.indexOf(max)] = max - 1;
  }
  const fit = (s: string, w: number) => (s.length > w ? s.slice(0, Math.max(1, w - 1)) + '…' : s.padEnd(w));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => fit(c, widths[i]!))
      .join('  ')
      .trimEnd();
  const head = line(header.map((h) => h.toUpperCase()));
  return [ctx.color ? C.bold + head + C.off : head, ...body.map(line)].join('\n') + '\n';
}

function table(rows: Obj[], ctx: OutputContext): string {
  if (rows.length === 0) return '(no items)\n';
  const cols = pickColumns(rows);
  return layout(
    cols,
    rows.map((r) => cols.map((c) => cell(r[c], c, 80))),
    ctx,
  );
}

function keyValueTable(value: Obj, ctx: OutputContext): string {
  const keys = Object.keys(value);
  return layout(
    ['field', 'value'],
    keys.map((k) => [k, cell(value[k], k, 200)]),
    ctx,
  );
}
