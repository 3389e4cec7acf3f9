/**
 * Lists that page by a next link, a page number or an offset, recognized
 * from the response envelope and the request params (operations.ts tries the
 * cursor and token styles first). Conservative: a list the schemas do not
 * clearly support stays a plain response, since a wrong walk is worse than
 * none (a `next` that is a cursor, not a URL, is never followed as a link).
 */
import { escapePointerSegment } from '../errors.js';
import type { Pagination } from '../ir/types.js';
import { snakeCase } from '../names.js';
import type { RefResolver } from '../load/refs.js';
import type { ShapeBuilder } from './shapes.js';
import type { RawParam } from './operations.js';

type Raw = Record<string, any>;

/** A response object's properties (allOf merged), with each property's pointer. */
export interface Envelope {
  props: Raw;
  ptrOf(name: string): string;
}

export interface FoundItems {
  itemsField: string;
  itemsPath?: string[];
  itemsSchema: unknown;
  itemsPtr: string;
}

export interface PagingFacts {
  style: Pagination['style'];
  requestParam: string;
  cursorField: string;
  cursorPath?: string[];
  firstPage?: number;
  totalPath?: string[];
  sizeParam?: string;
  linkHeader?: boolean;
}

export function envelopeOf(schema: unknown, ptr: string, shapes: ShapeBuilder): Envelope {
  const flat = shapes.flatten(schema as Raw, ptr);
  const props: Raw = flat.schema.properties ?? {};
  return { props, ptrOf: (name) => flat.propPtr.get(name) ?? `${ptr}/properties/${escapePointerSegment(name)}` };
}

/** The envelope of an object-valued property, when it is one. */
function childEnvelope(env: Envelope, name: string, shapes: ShapeBuilder, resolver: RefResolver): Envelope | undefined {
  const node = nodeAt(env, name, resolver);
  if (!node || !(node.type === 'object' || node.properties || node.allOf)) return undefined;
  return envelopeOf(env.props[name], env.ptrOf(name), shapes);
}

function nodeAt(env: Envelope, name: string, resolver: RefResolver): Raw | undefined {
  if (env.props[name] === undefined) return undefined;
  const node = resolver.deref(env.props[name], env.ptrOf(name)).node as Raw;
  return node && typeof node === 'object' ? node : undefined;
}

/** The schema's types, members of a nullable `anyOf`/`oneOf` included (`[string, null]`). */
function typesOf(node: Raw | undefined, resolver: RefResolver, ptr: string): string[] {
  if (!node) return [];
  const own = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const members = ([] as Raw[]).concat(node.anyOf ?? [], node.oneOf ?? []).map((m) => resolver.deref(m, ptr).node as Raw);
  return [...own, ...members.flatMap((m) => (m ? typesOf(m, resolver, ptr) : []))];
}

function formatOf(node: Raw | undefined, resolver: RefResolver, ptr: string): string | undefined {
  if (!node) return undefined;
  if (typeof node.format === 'string') return node.format;
  const members = ([] as Raw[]).concat(node.anyOf ?? [], node.oneOf ?? []).map((m) => resolver.deref(m, ptr).node as Raw);
  return members.map((m) => m?.format).find((f) => typeof f === 'string');
}

const isString = (node: Raw | undefined, resolver: RefResolver, ptr: string) => {
  const types = typesOf(node, resolver, ptr);
  return types.includes('string') && types.every((t) => t === 'string' || t === 'null');
};
const isInteger = (node: Raw | undefined, resolver: RefResolver, ptr: string) => {
  const types = typesOf(node, resolver, ptr);
  return types.some((t) => t === 'integer' || t === 'number') && types.every((t) => t === 'integer' || t === 'number' || t === 'null');
};
const isArray = (node: Raw | undefined) => Boolean(node && (node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array')) || node.items));

/** Array fields conventionally holding a list's items, when the envelope has more than one array. */
const ITEM_FIELDS = ['items', 'results', 'entries', 'value', 'records', 'elements'];

/**
 * The envelope's items: `data`; else its one array; else the array named
 * after the path's last segment (`{calls: [...]}` for `/Calls.json`); else the one
 * conventional name among its arrays (Box's `entries` beside `order`); else
 * HAL's `_embedded` with one array. Undefined when that is not clear.
 */
export function findItems(env: Envelope, lastSegment: string, shapes: ShapeBuilder, resolver: RefResolver): FoundItems | undefined {
  const arrays = Object.keys(env.props).filter((name) => isArray(nodeAt(env, name, resolver)));
  const named = arrays.find((name) => snakeCase(name) === snakeCase(lastSegment));
  const conventional = arrays.filter((name) => ITEM_FIELDS.includes(name));
  const field = arrays.includes('data') ? 'data' : arrays.length === 1 ? arrays[0] : named ?? (conventional.length === 1 ? conventional[0] : undefined);
  if (field) return { itemsField: field, itemsSchema: nodeAt(env, field, resolver)!.items, itemsPtr: `${env.ptrOf(field)}/items` };
  if (arrays.length) return undefined;
  const embedded = childEnvelope(env, '_embedded', shapes, resolver);
  if (!embedded) return undefined;
  const inner = Object.keys(embedded.props).filter((name) => isArray(nodeAt(embedded, name, resolver)));
  if (inner.length !== 1) return undefined;
  const name = inner[0]!;
  return { itemsField: name, itemsPath: ['_embedded', name], itemsSchema: nodeAt(embedded, name, resolver)!.items, itemsPtr: `${embedded.ptrOf(name)}/items` };
}

/** Field names that say "the next page's URL" on their own (`nextLink`, `next_page_url`, `@odata.nextLink`). */
const LINK_NAME = /^(@?odata\.)?next_?(page_?)?(link|url|uri|href)$/i;
const URL_FORMATS = ['uri', 'uri-reference', 'url', 'iri', 'iri-reference'];
/** Objects that group a list's paging facts: Twilio's `meta`, JSON:API's `links`, HAL's `_links`. */
const CONTAINERS = /^(meta|_?links|pagination|paging|page_?info)$/i;
const LINK_CONTAINER = /^_?links$/i;

/**
 * The next link's path: a string field named as a link (`nextLink`), or a
 * `next` declared `format: uri`, or Django REST Framework's `next` beside
 * `previous` and `results`; at the top or in a paging container (Twilio's
 * `meta.next_page_url`, JSON:API's `links.next`, HAL's `_links.next.href`).
 */
function linkPath(env: Envelope, shapes: ShapeBuilder, resolver: RefResolver): string[] | undefined {
  const isLink = (e: Envelope, name: string, inLinks: boolean) => {
    const node = nodeAt(e, name, resolver);
    if (!isString(node, resolver, e.ptrOf(name))) return false;
    if (LINK_NAME.test(name)) return true;
    if (name !== 'next') return false;
    if (URL_FORMATS.includes(formatOf(node, resolver, e.ptrOf(name)) ?? '') || inLinks) return true;
    return e.props.previous !== undefined && isArray(nodeAt(e, 'results', resolver));
  };
  const top = Object.keys(env.props).find((name) => isLink(env, name, false));
  if (top) return [top];
  for (const container of Object.keys(env.props).filter((name) => CONTAINERS.test(name))) {
    const inner = childEnvelope(env, container, shapes, resolver);
    if (!inner) continue;
    const inLinks = LINK_CONTAINER.test(container);
    const field = Object.keys(inner.props).find((name) => isLink(inner, name, inLinks));
    if (field) return [container, field];
    // HAL: `_links.next` is an object whose `href` is the URL.
    const next = inLinks ? childEnvelope(inner, 'next', shapes, resolver) : undefined;
    if (next && isString(nodeAt(next, 'href', resolver), resolver, next.ptrOf('href'))) return [container, 'next', 'href'];
  }
  return undefined;
}

/** Azure's `x-ms-pageable`: `nextLinkName` (null: one page) and `itemName` (default `value`). */
export function msPageable(op: Raw, env: Envelope, resolver: RefResolver): (PagingFacts & FoundItems) | undefined {
  const ext = op['x-ms-pageable'];
  if (!ext || typeof ext !== 'object') return undefined;
  const itemsField = typeof ext.itemName === 'string' ? ext.itemName : 'value';
  const items = nodeAt(env, itemsField, resolver);
  if (!isArray(items)) return undefined;
  const found = { itemsField, itemsSchema: items!.items, itemsPtr: `${env.ptrOf(itemsField)}/items` };
  if (ext.nextLinkName === null) return { style: 'single', requestParam: '', cursorField: '', ...found };
  if (typeof ext.nextLinkName !== 'string' || ext.nextLinkName === '') return undefined;
  return { style: 'next_link', requestParam: '', cursorField: ext.nextLinkName, ...found };
}

/**
 * A GET list whose response names the next page's URL. (A POST is walked only
 * when `x-ms-pageable` says so: its link would be requested with the same body,
 * which a guess must not risk.)
 */
export function linkPagination(httpMethod: string, env: Envelope, items: FoundItems | undefined, shapes: ShapeBuilder, resolver: RefResolver): PagingFacts | undefined {
  if (httpMethod !== 'get' || !items) return undefined;
  const path = linkPath(env, shapes, resolver);
  if (!path) return undefined;
  return { style: 'next_link', requestParam: '', cursorField: path[0]!, ...(path.length > 1 ? { cursorPath: path } : {}) };
}

/** Page-number params: `page`, `page_number`/`pageNumber`, `page_num`, `page_index`, JSON:API's `page[number]`. */
const PAGE_PARAM = /^(page|page_?(number|num|index)|page\[number\])$/i;
const OFFSET_PARAM = /^(offset|skip)$/i;
/** Page-size params: `per_page`, `page_size`/`pageSize`, `limit`, `size`, `max_results`, `page[size]`, .NET's `take` (beside `skip`). */
const SIZE_PARAM = /^(limit|size|take|per_?page|page_?size|max_?results|page\[(size|limit)\])$/i;
const PAGE_COUNT = /^(total_?pages|page_?count|num_?pages|last_?page)$/i;
const ITEM_COUNT = /^(total|total_?count|total_?results|total_?items|count)$/i;

/** An integer count field at the top, in a paging container, or in `meta.pagination`. */
function countPath(env: Envelope, name: RegExp, shapes: ShapeBuilder, resolver: RefResolver): string[] | undefined {
  const search = (e: Envelope, at: string[], depth: number): string[] | undefined => {
    const field = Object.keys(e.props).find((k) => name.test(k) && isInteger(nodeAt(e, k, resolver), resolver, e.ptrOf(k)));
    if (field) return [...at, field];
    if (depth >= 2) return undefined;
    for (const container of Object.keys(e.props).filter((k) => CONTAINERS.test(k))) {
      const inner = childEnvelope(e, container, shapes, resolver);
      const found = inner ? search(inner, [...at, container], depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  return search(env, [], 0);
}

/** The first page's number: 1 unless the param says 0 is a page (its minimum, else its default). */
function firstPageOf(schema: Raw): number {
  return schema.minimum === 0 || (schema.minimum === undefined && schema.default === 0) ? 0 : 1;
}

function integerParam(params: RawParam[], name: RegExp, resolver: RefResolver): { p: Raw; schema: Raw } | undefined {
  for (const { p, ptr } of params) {
    if (p.in !== 'query' || !name.test(p.name)) continue;
    const schema = p.schema ? (resolver.deref(p.schema, `${ptr}/schema`).node as Raw) : undefined;
    if (isInteger(schema, resolver, `${ptr}/schema`)) return { p, schema: schema! };
  }
  return undefined;
}

/**
 * A GET list paged by a page number (an integer `page` param) or an offset
 * (integer `offset` and page-size params), with its items in an envelope. A
 * page or item count in the response says where to stop; without one, an
 * empty page or one shorter than the size sent does. (A bare array is
 * arrayPagination's.)
 */
export function numberPagination(httpMethod: string, params: RawParam[], env: Envelope, items: FoundItems | undefined, shapes: ShapeBuilder, resolver: RefResolver): PagingFacts | undefined {
  if (httpMethod !== 'get' || !items) return undefined;
  const size = integerParam(params, SIZE_PARAM, resolver);
  const sizeParam = size ? { sizeParam: size.p.name as string } : {};
  const page = integerParam(params, PAGE_PARAM, resolver);
  if (page) {
    const firstPage = firstPageOf(page.schema);
    // `last_page` is the last page's number: a count only when pages start at 1.
    const total = countPath(env, PAGE_COUNT, shapes, resolver);
    const usable = total && (firstPage === 1 || !/^last_?page$/i.test(total[total.length - 1]!));
    return { style: 'page_number', requestParam: page.p.name, cursorField: '', firstPage, ...(usable ? { totalPath: total } : {}), ...sizeParam };
  }
  const offset = integerParam(params, OFFSET_PARAM, resolver);
  if (offset && size) {
    const total = countPath(env, ITEM_COUNT, shapes, resolver);
    return { style: 'offset', requestParam: offset.p.name, cursorField: '', ...(total ? { totalPath: total } : {}), ...sizeParam };
  }
  return undefined;
}

/** Whether a response object declares the RFC 8288 `Link` header (header names are case-insensitive). */
export function declaresLinkHeader(response: Raw | undefined): boolean {
  const headers = response?.headers;
  return Boolean(headers && typeof headers === 'object' && Object.keys(headers).some((name) => name.toLowerCase() === 'link'));
}

/**
 * The items of a response whose schema is a bare array (`type: array` with
 * `items`, not nullable): the body is the list (GitHub's, GitLab's,
 * Sentry's lists). Undefined for any other schema.
 */
export function bareArrayItems(schema: unknown, ptr: string, resolver: RefResolver): FoundItems | undefined {
  const { node, ptr: at } = resolver.deref(schema, ptr);
  const top = node as Raw | undefined;
  if (!top || top.type !== 'array' || !top.items || typeof top.items !== 'object') return undefined;
  return { itemsField: '', itemsSchema: top.items, itemsPtr: `${at}/items` };
}

/**
 * A GET list whose response is a bare array: paged by the `Link` header when
 * the response declares it, else by an integer page-number param beside a
 * page-size param (`page` and `per_page`), else by an integer offset beside
 * one (`offset` and `limit`, `skip` and `take`). With a page or offset param
 * the walk counts when a response has no `Link`; either way a `Link` next,
 * when sent, is followed. An array with none of these (or an offset or a
 * page param without a size) stays plain: nothing says how it would go on.
 */
export function arrayPagination(httpMethod: string, params: RawParam[], linkHeader: boolean, resolver: RefResolver): PagingFacts | undefined {
  if (httpMethod !== 'get') return undefined;
  const page = integerParam(params, PAGE_PARAM, resolver);
  const size = integerParam(params, SIZE_PARAM, resolver);
  if (page && (size || linkHeader)) {
    return {
      style: 'page_number', requestParam: page.p.name, cursorField: '', firstPage: firstPageOf(page.schema),
      ...(size ? { sizeParam: size.p.name as string } : {}), linkHeader: true,
    };
  }
  // As for an envelope, an offset needs a size: without a count, only a short page says where the list ends.
  const offset = integerParam(params, OFFSET_PARAM, resolver);
  if (offset && size) return { style: 'offset', requestParam: offset.p.name, cursorField: '', sizeParam: size.p.name as string, linkHeader: true };
  return linkHeader ? { style: 'next_link', requestParam: '', cursorField: '', linkHeader: true } : undefined;
}

/** A GET list envelope with no paging of its own whose response declares the `Link` header: walked by its `next`. */
export function linkHeaderPagination(httpMethod: string, items: FoundItems | undefined, linkHeader: boolean): PagingFacts | undefined {
  if (httpMethod !== 'get' || !items || !linkHeader) return undefined;
  return { style: 'next_link', requestParam: '', cursorField: '', linkHeader: true };
}
