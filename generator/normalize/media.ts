/**
 * Media facts of an operation's response, decided once from the document's
 * media types and schemas (never from names): how a success body is read
 * (JSON, text, binary or empty) and which schema types it. Streams are
 * streams.ts, request bodies body.ts. Each decision goes into the report.
 */
import { escapePointerSegment } from '../errors.js';
import type { ResponseKind, ResponseShape, Shape } from '../ir/types.js';
import type { RefResolver } from '../load/refs.js';
import type { OperationOverride } from './config.js';
import type { RawOperation } from './operations.js';
import type { Reporter } from './report.js';
import type { ShapeBuilder } from './shapes.js';

type Raw = Record<string, any>;

/**
 * JSON media types: `application/json`, `application/*+json`, and `text/json`
 * (ASP.NET lists it beside `application/json`, and some documents offer it
 * alone: rumble.run's scan options, a JSON object that went as a string).
 */
export const JSON_TYPE = /^(application\/(.+\+)?json|text\/json)(;.*)?$/i;
const EVENT_STREAM = /^text\/event-stream(;.*)?$/i;
const MULTIPART = /^multipart\/form-data(;.*)?$/i;
const FORM = /^application\/x-www-form-urlencoded(;.*)?$/i;
/** Media types whose content is text a program reads as a string (beyond `text/*`). */
const TEXTUAL = /^(text\/[^;]+|application\/(sdp|xml|yaml|x-yaml|javascript|ecmascript|graphql|x-ndjson|jsonl|jsonlines)|[^/]+\/[^;]+\+(xml|yaml))(;.*)?$/i;

export const isJsonType = (t: string) => JSON_TYPE.test(t);
/** The JSON type to use of those offered: an `application/` one before `text/json`. */
export const firstJsonType = (types: string[]) => types.find((t) => isJsonType(t) && /^application\//i.test(t)) ?? types.find(isJsonType);
/** A media type or range (`type/subtype`, parameters after it; `*` + `/*`), not some other key. */
export const isMediaType = (t: string) => /^[^\s/;]+\/[^\s/;]+\s*(;.*)?$/.test(t);
export const isEventStream = (t: string) => EVENT_STREAM.test(t);
export const isMultipart = (t: string) => MULTIPART.test(t);
export const isForm = (t: string) => FORM.test(t);
export const isTextual = (t: string) => TEXTUAL.test(t) && !isEventStream(t) && !isJsonType(t);

/** Whether a raw schema is binary content (`format: binary`, or 3.1 `contentMediaType` without `contentEncoding`). */
export function isBinarySchema(schema: unknown, ptr: string, resolver: RefResolver): boolean {
  const node = resolver.deref(schema, ptr).node as Raw | undefined;
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'file' || node.format === 'binary') return true;
  return typeof node.contentMediaType === 'string' && node.contentEncoding === undefined && !/^text\/|json|xml/i.test(node.contentMediaType);
}

/** Media types that are bytes whatever their schema says (`application/pdf` typed as an object is still a PDF). */
const KNOWN_BYTES = /^(image|audio|video|font|model)\/|^application\/(octet-stream|pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar-compressed|msword|vnd\.ms-|vnd\.openxmlformats|x-protobuf|protobuf|x-msgpack|msgpack|cbor|dicom)/i;

/**
 * A schema that describes a JSON value with structure (an object or array,
 * its properties or items, or a composition), not bytes: under a wildcard or
 * unknown media type (`*` + `/*`, `plain/text`) such content is JSON.
 */
function isStructuredSchema(schema: unknown, ptr: string, resolver: RefResolver): boolean {
  const node = resolver.deref(schema, ptr).node as Raw | undefined;
  if (!node || typeof node !== 'object' || isBinarySchema(schema, ptr, resolver)) return false;
  return node.type === 'object' || node.type === 'array' || ['properties', 'items', 'allOf', 'oneOf', 'anyOf', 'additionalProperties'].some((k) => node[k] !== undefined);
}

/**
 * How a set of success media types is read, SSE aside:
 * - any binary content (a non-JSON, non-textual type, or a `format: binary`
 *   schema) → binary, even beside JSON (`video/mp4` + `image/webp` +
 *   `application/json`, `application/zip` + `application/json`): the bytes are the
 *   point and only the raw response can hold all of them. A non-JSON type
 *   whose schema is a structured JSON value (an object under `*` + `/*`,
 *   Taggun's receipts) is JSON, not bytes;
 * - textual types only (`text/plain`, `application/sdp`) → text;
 * - otherwise JSON, from a JSON type when one is offered.
 */
export function kindOfContent(content: Raw, ptr: string, resolver: RefResolver): { kind: ResponseKind | 'json'; contentType: string } | undefined {
  const types = Object.keys(content).filter((t) => !isEventStream(t));
  if (types.length === 0) return undefined;
  const schemaPtr = (t: string) => `${ptr}/content/${escapePointerSegment(t)}/schema`;
  // Only where the media type says nothing itself: a wildcard, or a type neither textual nor known to be bytes.
  const structured = (t: string) => !isTextual(t) && !KNOWN_BYTES.test(t) && isStructuredSchema(content[t]?.schema, schemaPtr(t), resolver);
  const binary = types.find((t) => isBinarySchema(content[t]?.schema, schemaPtr(t), resolver) || (!isJsonType(t) && !isTextual(t) && !structured(t)));
  if (binary) return { kind: 'binary', contentType: binary };
  const json = firstJsonType(types) ?? types.find(structured);
  if (json) return { kind: 'json', contentType: json };
  return { kind: 'text', contentType: types[0]! };
}

export interface ResponseFacts {
  response?: ResponseShape;
  responseKind?: ResponseKind;
  /** The 2xx response object holding a `text/event-stream` entry, for streams.ts. */
  eventStream?: { schema: unknown; ptr: string; schemaPtr: string; only: boolean };
}

/** The success response: lowest 2xx with content, else the lowest 2xx. */
function successResponse(raw: RawOperation, resolver: RefResolver): { status: string; node: Raw; ptr: string } | undefined {
  const responses: Raw = raw.op.responses ?? {};
  const codes = Object.keys(responses).filter((c) => /^2(\d\d|XX)$/i.test(c)).sort();
  let fallback: { status: string; node: Raw; ptr: string } | undefined;
  for (const code of codes) {
    const d = resolver.deref(responses[code], `${raw.pointer}/responses/${escapePointerSegment(code)}`);
    const node = d.node as Raw;
    if (node?.content && typeof node.content === 'object' && Object.keys(node.content).length) return { status: code, node, ptr: d.ptr };
    fallback ??= { status: code, node: node ?? {}, ptr: d.ptr };
  }
  return fallback;
}

/** Only `101 Switching Protocols` succeeds: a WebSocket (or other upgraded) transport. */
export function isUpgradeOnly(raw: RawOperation): boolean {
  const codes = Object.keys(raw.op.responses ?? {});
  return codes.includes('101') && !codes.some((c) => /^2/.test(c));
}

/**
 * What an event of a `text/event-stream` entry is: its `schema`, or (OpenAPI
 * 3.2) the JSON its `itemSchema` says each event's `data` holds
 * (`properties.data.contentSchema`), else the item schema itself.
 */
function eventSchema(entry: Raw, ptr: string, resolver: RefResolver): { schema: unknown; schemaPtr: string } {
  if (entry?.schema !== undefined || entry?.itemSchema === undefined) return { schema: entry?.schema, schemaPtr: `${ptr}/schema` };
  const item = resolver.deref(entry.itemSchema, `${ptr}/itemSchema`);
  const data = item.node?.properties?.data;
  const dataNode = data === undefined ? undefined : resolver.deref(data, `${item.ptr}/properties/data`);
  if (dataNode?.node?.contentSchema !== undefined) return { schema: dataNode.node.contentSchema, schemaPtr: `${dataNode.ptr}/contentSchema` };
  return { schema: entry.itemSchema, schemaPtr: `${ptr}/itemSchema` };
}

/**
 * The response facts of one operation. `override` is the target config's
 * `operations` entry (`response: binary` for a download the document types as a
 * JSON string, e.g.); it wins over the rules and is reported.
 * `pageOfNamedItems`: a paged list whose inline item type takes `XxxResponse`
 * (openai-node's name for it), so its inline envelope is named `XxxPage`
 * rather than a numbered `XxxResponse2`.
 */
export function buildResponseFacts(
  raw: RawOperation, typePrefix: string, shapes: ShapeBuilder, resolver: RefResolver, report: Reporter,
  override?: { o: OperationOverride; pattern: string }, pageOfNamedItems = false,
): ResponseFacts {
  const out: ResponseFacts = {};
  const picked = successResponse(raw, resolver);
  const codes = Object.keys(raw.op.responses ?? {});
  if (!picked) {
    if (!codes.length) report.warn('no-responses', 'Operation declares no responses.', raw.pointer);
    else if (codes.some((c) => /^3/.test(c))) {
      // fetch follows the redirect; what comes back is the target's content, which the document does not describe.
      out.responseKind = 'binary';
      report.info('response-redirect', `Only a redirect (${codes.filter((c) => /^3/.test(c)).join(', ')}) is declared as success: the client follows it and returns the raw response.`, `${raw.pointer}/responses`);
    }
    return applyOverride(out, raw, report, override);
  }
  // Keys that are no media types (`cursor`, `total_count`: a converter wrote an example's fields where its media
  // types go) say nothing of the body: left out, reported once per response.
  const declared: Raw = picked.node.content && typeof picked.node.content === 'object' ? picked.node.content : {};
  const notMedia = Object.keys(declared).filter((t) => !isMediaType(t));
  const content: Raw = Object.fromEntries(Object.entries(declared).filter(([t]) => isMediaType(t)));
  if (notMedia.length) {
    const named = notMedia.map((t) => `\`${t}\``).join(', ');
    const rest = Object.keys(content).length ? 'left out' : 'left out, and with no media type left the response is read by its Content-Type (JSON when the server says so), untyped';
    report.warn('media-type-invalid', `${named} ${notMedia.length === 1 ? 'is no media type' : 'are no media types'} (\`type/subtype\`): ${rest}.`, `${picked.ptr}/content`);
    if (!Object.keys(content).length) return applyOverride(out, raw, report, override);
  }
  const stream = Object.keys(content).find(isEventStream);
  const read = kindOfContent(content, picked.ptr, resolver);
  if (stream) {
    const ptr = `${picked.ptr}/content/${escapePointerSegment(stream)}`;
    out.eventStream = { ...eventSchema(content[stream], ptr, resolver), ptr, only: !read };
  }
  if (!read) {
    // Streams only: the events are the response (streams.ts); there is no other body to type.
    if (stream) return applyOverride(out, raw, report, override);
    out.responseKind = 'empty';
    report.info('response-empty', `\`${picked.status}\` has no content: the method resolves to nothing.`, picked.ptr);
    return applyOverride(out, raw, report, override);
  }
  const ct = read.contentType;
  const others = Object.keys(content).filter((t) => t !== ct && !isEventStream(t));
  if (read.kind === 'binary') {
    out.responseKind = 'binary';
    report.info('response-binary', `Binary content (${[ct, ...others].map((t) => `\`${t}\``).join(', ')}): the client returns the raw response; its bytes are never decoded as text.`, picked.ptr);
  } else if (read.kind === 'text') {
    out.responseKind = 'text';
    report.info('response-text', `Text content \`${ct}\`: the client returns a string.`, picked.ptr);
  } else {
    if (!isJsonType(ct)) report.info('response-json-schema', `\`${ct}\` content whose schema is a JSON object or array: read as JSON.`, picked.ptr);
    if (others.length) report.info('response-alternate-content', `Response also offered as ${others.join(', ')}; \`${ct}\` is used.`, picked.ptr);
  }
  const sptr = `${picked.ptr}/content/${escapePointerSegment(ct)}/schema`;
  const rawSchema = content[ct].schema;
  const schema: Shape = rawSchema && shapes.isComplexInline(rawSchema)
    ? shapes.named(shapes.reserveName(`${typePrefix}${pageOfNamedItems ? 'Page' : 'Response'}`, sptr), rawSchema, sptr)
    : shapes.shape(rawSchema, sptr);
  out.response = {
    status: picked.status,
    contentType: ct,
    schema,
    ...(typeof picked.node.description === 'string' ? { description: picked.node.description } : {}),
    pointer: picked.ptr,
  };
  return applyOverride(out, raw, report, override);
}

function applyOverride(out: ResponseFacts, raw: RawOperation, report: Reporter, override?: { o: OperationOverride; pattern: string }): ResponseFacts {
  const wanted = override?.o.response;
  if (wanted === undefined) return out;
  const rule = out.responseKind ?? 'json';
  if (wanted === 'json') delete out.responseKind;
  else out.responseKind = wanted;
  report.info('response-kind-override', `Config \`${override!.pattern}\` reads the response as ${wanted}${wanted === rule ? ' (same as the rules)' : ` (rules gave ${rule})`}.`, raw.pointer);
  return out;
}
