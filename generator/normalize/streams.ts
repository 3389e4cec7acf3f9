/**
 * Server-sent event streams: a 2xx response that offers `text/event-stream`
 * streams events typed by that entry's schema. What switches the stream on is
 * read from the request, never from names of operations:
 * 1. a boolean param named `stream`;
 * 2. else the one boolean param whose name, or else whose description, speaks of streaming;
 * 3. else a param with an enum value that names SSE (`stream_format: sse`);
 * 4. else, when the response offers nothing but the stream, it always streams.
 */
import type { Param, StreamFacts } from '../ir/types.js';
import type { RefResolver } from '../load/refs.js';
import type { ResponseFacts } from './media.js';
import type { Reporter } from './report.js';
import type { ShapeBuilder } from './shapes.js';

type Raw = Record<string, any>;

const SSE_VALUE = /^(sse|event-stream|text\/event-stream)$/i;
const STREAM_WORD = /(^|[^a-z])stream(ing|ed)?([^a-z]|$)|server-sent events/i;

/** The raw schema of a param (its pointer leads to the property, or to the parameter object). */
function rawOf(p: Param, resolver: RefResolver): Raw | undefined {
  let node: unknown;
  try {
    node = resolver.resolve(`#${p.pointer}`, p.pointer);
  } catch {
    return undefined;
  }
  const d = resolver.deref(node, p.pointer).node as Raw | undefined;
  if (d && p.in !== 'body' && d.schema) return resolver.deref(d.schema, `${p.pointer}/schema`).node as Raw;
  return d;
}

/** Non-null variants of a raw schema, refs followed. */
function variants(s: Raw | undefined, resolver: RefResolver, ptr: string): Raw[] {
  if (!s || typeof s !== 'object') return [];
  const list = s.oneOf ?? s.anyOf;
  if (Array.isArray(list)) return list.flatMap((m: unknown, i: number) => variants(resolver.deref(m, `${ptr}/${i}`).node as Raw, resolver, ptr));
  if (s.type === 'null') return [];
  return [s];
}

function isBoolean(s: Raw | undefined, resolver: RefResolver, ptr: string): boolean {
  const vs = variants(s, resolver, ptr);
  return vs.length > 0 && vs.every((v) => v.type === 'boolean' || (Array.isArray(v.type) && v.type.filter((t: string) => t !== 'null').every((t: string) => t === 'boolean')));
}

function sseValue(s: Raw | undefined, resolver: RefResolver, ptr: string): string | undefined {
  for (const v of variants(s, resolver, ptr)) {
    const values: unknown[] = Array.isArray(v.enum) ? v.enum : 'const' in v ? [v.const] : [];
    const hit = values.find((x) => typeof x === 'string' && SSE_VALUE.test(x));
    if (hit) return hit as string;
  }
  return undefined;
}

function describe(p: Param, raw: Raw | undefined): string {
  return `${p.description ?? ''} ${raw?.description ?? ''} ${(raw?.anyOf ?? raw?.oneOf ?? []).map((m: Raw) => m?.description ?? '').join(' ')}`;
}

export function findStreamSwitch(params: Param[], resolver: RefResolver): StreamFacts['switch'] | undefined {
  const candidates = params.filter((p) => p.in === 'body' || p.in === 'query');
  const raws = new Map(candidates.map((p) => [p, rawOf(p, resolver)]));
  const booleans = candidates.filter((p) => isBoolean(raws.get(p), resolver, p.pointer));
  const named = booleans.find((p) => p.wireName === 'stream');
  if (named) return { param: named.name, value: true };
  const byName = booleans.filter((p) => STREAM_WORD.test(p.wireName.replace(/_/g, ' ')));
  if (byName.length === 1) return { param: byName[0]!.name, value: true };
  const byText = booleans.filter((p) => STREAM_WORD.test(describe(p, raws.get(p))));
  if (byText.length === 1) return { param: byText[0]!.name, value: true };
  for (const p of candidates) {
    const value = sseValue(raws.get(p), resolver, p.pointer);
    if (value) return { param: p.name, value };
  }
  return undefined;
}

/** The stream facts of an operation, or undefined when no success response offers an event stream. */
export function buildStreamFacts(
  facts: ResponseFacts, params: Param[], typePrefix: string, shapes: ShapeBuilder, resolver: RefResolver, report: Reporter,
): StreamFacts | undefined {
  const es = facts.eventStream;
  if (!es) return undefined;
  const sptr = es.schemaPtr;
  const event = es.schema && shapes.isComplexInline(es.schema as Raw)
    ? shapes.named(shapes.reserveName(`${typePrefix}StreamEvent`, sptr), es.schema as Raw, sptr)
    : shapes.shape(es.schema, sptr);
  const typeText = event.kind === 'ref' ? `\`${event.name}\`` : `${event.kind} data`;
  const sw = findStreamSwitch(params, resolver);
  if (es.only) {
    report.info('stream', `Always streams server-sent events of ${typeText} (the response offers nothing else).`, es.ptr);
    return { event, pointer: es.ptr };
  }
  if (!sw) {
    report.warn('stream-switch-unknown', `The response also offers server-sent events of ${typeText}, but no request param switches them on (a boolean \`stream\`, or an enum with \`sse\`); the ${facts.responseKind ?? 'JSON'} response is used.`, es.ptr);
    return undefined;
  }
  const how = `\`${sw.param}\` is ${JSON.stringify(sw.value)}`;
  if (sw.value === true) {
    report.info('stream', `Streams server-sent events of ${typeText} when ${how}; otherwise the ${facts.responseKind ?? 'JSON'} response.`, es.ptr);
  } else if (facts.responseKind === 'binary') {
    // The client core switches streams on with a boolean; with an enum switch the events arrive in the raw response.
    report.info('stream-raw', `Server-sent events of ${typeText} when ${how}: typed in the spec and delivered in the raw response the method returns (as openai-node does), since the switch is not a boolean.`, es.ptr);
  } else {
    report.warn('stream-switch-not-boolean', `Server-sent events of ${typeText} when ${how}: typed in the spec, but the client parses the ${facts.responseKind ?? 'JSON'} response, since the switch is not a boolean.`, es.ptr);
  }
  return { event, switch: sw, pointer: es.ptr };
}
