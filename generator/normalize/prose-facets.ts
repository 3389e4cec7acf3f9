/**
 * Numeric facets that a parameter states only in prose: "Limit can range
 * between 1 and 100, and the default is 20." → minimum 1, maximum 100,
 * default 20. Strict on purpose (a wrong bound rejects valid input, a missed
 * one costs nothing): only integer/number shapes, only numeric literals of the
 * shape's type, only sentences whose subject is this value, only facets the
 * schema lacks, and nothing when the text states two different ranges or
 * defaults (e.g. a default per `bucket_width`). The shape records which facets
 * came from prose (`proseFacets`): they document, they never refuse a value.
 */
import type { PrimitiveShape, ProseFacet, Shape } from '../ir/types.js';

export interface DerivedFacet {
  facet: ProseFacet;
  value: number;
}

export interface ProseFacets {
  /** The input shape, or a copy with the derived facets set. */
  shape: Shape;
  /** In the order minimum, maximum, default; empty when nothing was derived. */
  derived: DerivedFacet[];
}

/** A numeric literal: `-2`, `0.5`, `10,000` (thousands groups of three). */
const NUM = String.raw`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const RANGE = new RegExp(String.raw`\b(?:between\s+(${NUM})\s+and\s+(${NUM})|from\s+(${NUM})\s+to\s+(${NUM}))`, 'gi');
const DEFAULT = new RegExp(String.raw`\b(?:defaults\s+to|the\s+default(?:\s+value)?\s+is|default\s*:)\s*(${NUM})`, 'gi');
/** What may follow the number: end of sentence or clause, optionally "(inclusive)"; never a unit ("10 characters"). */
const RANGE_TAIL = /^(?:\s*\(?inclusive\)?)?\s*(?:$|[.,;:)!]|and\s)/i;
const DEFAULT_TAIL = /^\s*(?:$|[.,;:)!]|and\s)/i;
/** Words that may precede a range in a sentence about the value itself ("Limit can range", "Must be", "This number should be"). */
const SUBJECT_WORDS = new Set([
  'the', 'this', 'a', 'an', 'its', 'it', 'value', 'integer', 'number', 'must', 'should', 'can', 'may', 'will',
  'be', 'is', 'range', 'ranges', 'ranging', 'lie', 'lies', 'only', 'valid', 'values', 'are', 'allowed', 'accepted',
]);
/** A default stated under a condition ("`bucket_width=1d`: default: 7", "if unset, defaults to") is not the default. */
const CONDITIONAL = /=|\b(?:if|when|unless|for|with|otherwise|except|per)\b/i;

export function proseFacets(shape: Shape, description: string, name?: string): ProseFacets {
  const none = { shape, derived: [] };
  if (shape.kind !== 'integer' && shape.kind !== 'number') return none;
  const s = shape as PrimitiveShape;
  const parse = (text: string): number | undefined => {
    if (s.kind === 'integer' && text.includes('.')) return undefined;
    const v = Number(text.replace(/,/g, ''));
    return Number.isFinite(v) ? v : undefined;
  };
  const nameWords = new Set((name ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  const aboutThis = (prefix: string) => {
    const ws = prefix.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
    return ws.length <= 8 && ws.every((w) => SUBJECT_WORDS.has(w) || nameWords.has(w)) && !/[=(]/.test(prefix);
  };

  const ranges = new Map<string, [number, number]>();
  const defaults = new Map<string, number>();
  for (const sentence of sentences(description)) {
    for (const m of sentence.matchAll(RANGE)) {
      const [a, b] = m[1] !== undefined ? [m[1], m[2]!] : [m[3]!, m[4]!];
      const lo = parse(a);
      const hi = parse(b);
      if (lo === undefined || hi === undefined || lo > hi) continue;
      if (!RANGE_TAIL.test(sentence.slice(m.index! + m[0].length))) continue;
      if (!aboutThis(sentence.slice(0, m.index))) continue;
      ranges.set(`${lo}..${hi}`, [lo, hi]);
    }
    for (const m of sentence.matchAll(DEFAULT)) {
      const v = parse(m[1]!);
      if (v === undefined) continue;
      if (!DEFAULT_TAIL.test(sentence.slice(m.index! + m[0].length))) continue;
      if (CONDITIONAL.test(sentence.slice(0, m.index))) continue;
      defaults.set(String(v), v);
    }
  }

  const out: PrimitiveShape = { ...s };
  const derived: DerivedFacet[] = [];
  if (ranges.size === 1) {
    const [lo, hi] = [...ranges.values()][0]!;
    const hasMin = s.minimum !== undefined || s.exclusiveMinimum !== undefined;
    const hasMax = s.maximum !== undefined || s.exclusiveMaximum !== undefined;
    // A schema bound that disagrees with the text makes the text suspect: take nothing from it.
    const agrees = (!hasMin || s.minimum === lo) && (!hasMax || s.maximum === hi);
    if (agrees && !hasMin) {
      out.minimum = lo;
      derived.push({ facet: 'minimum', value: lo });
    }
    if (agrees && !hasMax) {
      out.maximum = hi;
      derived.push({ facet: 'maximum', value: hi });
    }
  }
  if (defaults.size === 1 && s.default === undefined) {
    const v = [...defaults.values()][0]!;
    const inRange =
      (out.minimum === undefined || v >= out.minimum) && (out.maximum === undefined || v <= out.maximum) &&
      (out.exclusiveMinimum === undefined || v > out.exclusiveMinimum) && (out.exclusiveMaximum === undefined || v < out.exclusiveMaximum) &&
      (!s.enum || s.enum.includes(v));
    if (inRange) {
      out.default = v;
      derived.push({ facet: 'default', value: v });
    }
  }
  if (!derived.length) return none;
  // Recorded in the IR so every surface can tell a documented range from a declared one.
  out.proseFacets = derived.map((d) => d.facet);
  return { shape: out, derived };
}

/** Report text, e.g. `Range 1..100 and default 20 taken from the description.` */
export function facetMessage(derived: DerivedFacet[]): string {
  const get = (f: DerivedFacet['facet']) => derived.find((d) => d.facet === f)?.value;
  const [min, max, def] = [get('minimum'), get('maximum'), get('default')];
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) parts.push(`range ${min}..${max}`);
  else if (min !== undefined) parts.push(`minimum ${min}`);
  else if (max !== undefined) parts.push(`maximum ${max}`);
  if (def !== undefined) parts.push(`default ${def}`);
  const text = parts.join(' and ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} taken from the description.`;
}

/** Sentences of a description: list items and paragraphs apart, Markdown emphasis and code marks dropped. */
function sentences(text: string): string[] {
  return text
    .split(/\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s+/)
    .map((chunk) => chunk.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim())
    .flatMap((chunk) => chunk.split(/(?<=[.!?])\s+(?=\S)/))
    .filter(Boolean);
}
