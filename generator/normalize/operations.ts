/**
 * One OpenAPI operation → the IR pieces that do not depend on naming:
 * params (path, query, header, flattened body fields), request body,
 * response, pagination, examples and hints.
 */
import { escapePointerSegment, GeneratorError } from '../errors.js';
import type { HttpMethod, MethodKind, Operation, Pagination, Param, Shape } from '../ir/types.js';
import { kebabCase, paramName, snakeCase } from '../names.js';
import type { RefResolver } from '../load/refs.js';
import type { HintOverride } from './config.js';
import { firstJsonType, JSON_TYPE } from './media.js';
import { facetMessage, proseFacets } from './prose-facets.js';
import type { Reporter } from './report.js';
import { declaresNonObject, type ShapeBuilder } from './shapes.js';
import { namingPath } from './path-query.js';
import { arrayPagination, bareArrayItems, declaresLinkHeader, envelopeOf, findItems, linkHeaderPagination, linkPagination, msPageable, numberPagination } from './paging-styles.js';

type Raw = Record<string, any>;

/** RFC 9110's `token`: what a header (or cookie) name may be made of. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Whether a header or cookie name is one a request can carry (`Headers.set` throws on others). */
export const isHttpToken = (name: unknown): boolean => typeof name === 'string' && HTTP_TOKEN.test(name);

export interface RawOperation {
  httpMethod: HttpMethod;
  path: string;
  op: Raw;
  pathItem: Raw;
  pointer: string;
  operationId: string;
  /** True when the document gives no operationId (it was derived from the method and path). */
  derivedId?: boolean;
}

export interface RawParam {
  p: Raw;
  ptr: string;
}

/** Path-level and operation-level parameters merged (operation wins), refs followed. */
export function collectParams(raw: RawOperation, resolver: RefResolver): RawParam[] {
  const out = new Map<string, RawParam>();
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((entry, i) => {
      const d = resolver.deref(entry, `${base}/parameters/${i}`);
      const p = d.node as Raw;
      if (!p || typeof p !== 'object' || typeof p.name !== 'string') return;
      out.set(`${p.in}:${p.name}`, { p, ptr: d.ptr });
    });
  };
  add(raw.pathItem.parameters, raw.pointer.replace(/\/[^/]+$/, ''));
  add(raw.op.parameters, raw.pointer);
  return [...out.values()];
}

/**
 * The OpenAPI path style an RFC 6570 operator of the template stands for:
 * `{.format}` is label (`.json`). Other operators (`{+name}`, `{/name}`)
 * have none; `{;id}` (matrix) is left as it was, since the client names a
 * matrix value after the placeholder, operator and all.
 */
function templateStyle(expression: string): 'label' | undefined {
  return expression.startsWith('.') ? 'label' : undefined;
}

/** The template's operator styles by bare param name (`{.format}` → format: label). */
function templateStyles(path: string): Map<string, 'label'> {
  const out = new Map<string, 'label'>();
  for (const m of path.matchAll(/\{([^}]+)\}/g)) {
    const style = templateStyle(m[1]!);
    if (style) out.set(m[1]!.slice(1).replace(/\*$/, ''), style);
  }
  return out;
}

/** Every `{name}` in the template must be declared as a path param. */
export function checkPathTemplate(raw: RawOperation, params: RawParam[], resolver: RefResolver, report: Reporter): string[] {
  // RFC 6570 operators (`{+name}`, as documents converted from Google's discovery format write them) name the same param.
  const names = [...raw.path.matchAll(/\{([^}]+)\}/g)].map((m) => {
    const bare = m[1]!.replace(/^[+#./;?&]/, '').replace(/\*$/, '');
    const styled = templateStyle(m[1]!);
    const how = styled ? `in ${styled} style, as RFC 6570 expands it, unless the parameter declares a style` : 'its value is percent-encoded';
    if (bare !== m[1]) report.info('path-template-operator', `\`{${m[1]}}\` is read as the path parameter \`${bare}\` (${how}).`, raw.pointer);
    return bare;
  });
  const declared = new Set(params.filter((x) => x.p.in === 'path').map((x) => x.p.name));
  const expressions = new Map([...raw.path.matchAll(/\{([^}]+)\}/g)].map((m, i) => [names[i]!, m[1]!]));
  for (const n of [...new Set(names)]) {
    if (declared.has(n)) continue;
    // A declaration named as the whole expression (`.format` for `{.format}`, as some converters write it) is its param.
    const whole = params.findIndex((x) => x.p.in === 'path' && x.p.name === expressions.get(n));
    if (whole !== -1) {
      params[whole] = { p: { ...params[whole]!.p, name: n }, ptr: params[whole]!.ptr };
      continue;
    }
    // Common in real documents: the template names a param no `parameters` entry declares. It is one all the same.
    report.warn('path-param-undeclared', `Path template parameter \`{${n}}\` of \`${raw.httpMethod.toUpperCase()} ${raw.path}\` has no declaration; it is a required string.`, raw.pointer);
    params.push({ p: { name: n, in: 'path', required: true, schema: { type: 'string' } }, ptr: raw.pointer });
  }
  for (const x of params) {
    if (x.p.in === 'path' && !names.includes(x.p.name)) report.warn('path-param-unused', `Path parameter \`${x.p.name}\` does not occur in the template; ignored.`, x.ptr);
  }
  return names;
}

/**
 * A file in a path, query, header or cookie param (Sinao's `image` query param: a binary file or a URL) cannot be
 * sent: a client dropped it without a word. A union keeps its other members; a file alone is a string.
 */
function withoutFile(shape: Shape, where: string, ptr: string, report: Reporter): Shape {
  if (shape.kind === 'file') {
    report.warn('param-file', `The ${where} parameter is typed as a file, which no ${where} can carry: it takes a string.`, ptr);
    const { description, pointer } = shape;
    return { kind: 'string', ...(description ? { description } : {}), ...(pointer ? { pointer } : {}) };
  }
  if (shape.kind !== 'union' || !shape.members.some((m) => m.kind === 'file') || shape.members.every((m) => m.kind === 'file')) return shape;
  report.warn('param-file', `The ${where} parameter may be a file, which no ${where} can carry: that member is left out.`, ptr);
  const members = shape.members.filter((m) => m.kind !== 'file');
  return members.length === 1 ? { ...members[0]!, ...(shape.description ? { description: shape.description } : {}), ...(shape.nullable ? { nullable: true } : {}) } : { ...shape, members };
}

function paramSchema(p: Raw, ptr: string): { schema: unknown; ptr: string } {
  if (p.schema !== undefined) return { schema: p.schema, ptr: `${ptr}/schema` };
  const content = p.content && typeof p.content === 'object' ? Object.keys(p.content)[0] : undefined;
  if (content) return { schema: p.content[content].schema, ptr: `${ptr}/content/${escapePointerSegment(content)}/schema` };
  return { schema: undefined, ptr };
}

export function buildParams(raw: RawOperation, params: RawParam[], template: string[], shapes: ShapeBuilder, resolver: RefResolver, report: Reporter): Param[] {
  const out: Param[] = [];
  const pathParams = template.map((n) => params.find((x) => x.p.in === 'path' && x.p.name === n)!).filter(Boolean);
  const rest = params.filter((x) => x.p.in !== 'path');
  const operatorStyles = templateStyles(raw.path);
  for (const { p, ptr } of [...pathParams, ...rest]) {
    if (!['path', 'query', 'header', 'cookie'].includes(p.in)) {
      report.unsupported('param-location', `Parameter location \`${String(p.in)}\` is not represented.`, ptr);
      continue;
    }
    // An empty name (a placeholder row some exporters leave), or a header or cookie name that is no HTTP token
    // (`Headers.set` throws on it), cannot be sent: every call of the operation would fail on it.
    const unsendable = p.name.trim() === '' ? 'an empty name' : (p.in === 'header' || p.in === 'cookie') && !isHttpToken(p.name) ? `the name \`${p.name}\`, which is no HTTP token` : undefined;
    if (unsendable) {
      report.warn('param-unsendable', `The ${p.in} parameter has ${unsendable}: no request can carry it, so it is left out.`, ptr);
      continue;
    }
    const { schema, ptr: sptr } = paramSchema(p, ptr);
    let shape = withoutFile(shapes.shape(schema, sptr), p.in, ptr, report);
    const prose = typeof p.description === 'string' ? p.description : shape.description;
    if (prose) {
      const facets = proseFacets(shape, prose, p.name);
      if (facets.derived.length) {
        shape = facets.shape;
        report.info('facet-from-description', facetMessage(facets.derived), ptr);
      }
    }
    const resolved = schema ? (resolver.deref(schema, sptr).node as Raw) : undefined;
    const isObject = mayBeObject(schema, sptr, resolver);
    let style: Param['style'];
    let explode: boolean;
    if (p.in === 'path' || p.in === 'header') {
      // A template operator (`{.format}`) styles a param that declares no style of its own.
      const declaredStyle = p.style ?? (p.in === 'path' ? operatorStyles.get(p.name) : undefined);
      style = p.in === 'path' && (declaredStyle === 'label' || declaredStyle === 'matrix') ? declaredStyle : 'simple';
      explode = p.explode === true;
      if (p.style !== undefined && p.style !== style) report.unsupported('param-style', `${p.in === 'path' ? 'Path' : 'Header'} style \`${String(p.style)}\` treated as simple.`, ptr);
    } else if (p.in === 'cookie') {
      // `name=value` in the Cookie header (OpenAPI's `form`); an array is comma-joined, an object is not representable.
      style = 'form';
      explode = false;
      if (isObject) report.unsupported('cookie-object', `Cookie parameter \`${p.name}\` is an object, which a cookie cannot carry; sent as its JSON text.`, ptr);
    } else if (p.name.endsWith('[]')) {
      style = 'brackets';
      explode = true;
    } else if ((p.style === 'pipeDelimited' || p.style === 'spaceDelimited') && (resolved?.type === 'array' || (Array.isArray(resolved?.type) && resolved.type.includes('array')))) {
      // An array joined with `|` or a space (OpenAPI's defaults: not exploded; exploded is the same as form).
      style = p.style;
      explode = p.explode === true;
    } else if (isObject && p.style !== 'form') {
      style = 'deepObject';
      explode = true;
      if (p.style !== 'deepObject') report.info('deepobject-inferred', `Object query parameter \`${p.name}\` serialized as deepObject (\`${p.name}[key]=value\`).`, ptr);
    } else {
      style = 'form';
      explode = p.explode ?? (p.style === undefined || p.style === 'form');
      if (p.style && !['form', 'deepObject'].includes(p.style)) report.unsupported('param-style', `Query style \`${p.style}\` treated as form.`, ptr);
    }
    out.push({
      name: paramName(sdkParamName(p, schema, ptr, report) ?? p.name),
      wireName: p.name,
      in: p.in,
      required: p.in === 'path' ? true : p.required === true,
      schema: shape,
      style,
      explode,
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
      deprecated: p.deprecated === true,
      pointer: ptr,
    });
  }
  return out;
}

/**
 * The name the document gives a param for SDKs (`x-stainless-param`, on the
 * param or on its own schema): the OpenAI document names its `openai-beta`
 * header `betas` so, as openai-node does. Only an identifier is taken.
 */
function sdkParamName(p: Raw, schema: unknown, ptr: string, report: Reporter): string | undefined {
  const given = p['x-stainless-param'] ?? (schema && typeof schema === 'object' ? (schema as Raw)['x-stainless-param'] : undefined);
  if (given === undefined) return undefined;
  if (typeof given !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(given)) {
    report.warn('sdk-param-name', `\`x-stainless-param\` ${JSON.stringify(given)} is no identifier; the param keeps the name \`${p.name}\`.`, ptr);
    return undefined;
  }
  report.info('sdk-param-name', `Parameter \`${p.name}\` is \`${given}\` in the client, CLI and MCP (its \`x-stainless-param\`); sent as \`${p.name}\`.`, ptr);
  return given;
}

function pickContent(content: Raw | undefined): string | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const types = Object.keys(content);
  return (
    firstJsonType(types) ??
    types.find((t) => t === 'multipart/form-data') ??
    types.find((t) => t === 'application/x-www-form-urlencoded') ??
    types[0]
  );
}

const LOCATION_RANK: Record<Param['in'], number> = { path: 0, query: 1, header: 2, cookie: 3, body: 4 };

/**
 * One clean name per param of an operation, unique after case folding (the
 * CLI flag is its kebab case, so `ValidUntilDate` and `valid_until_date`
 * would share `--valid-until-date`). Path params keep their names (they
 * identify the object), then query, header, cookie and body ones in document order;
 * a later one is prefixed by its location (`query_list_id`, `body_name`).
 * Wire names never change. Each rename is reported with its pointer.
 */
export function uniqueParamNames(params: Param[], report: Reporter): Param[] {
  const fold = (name: string) => kebabCase(name) || name.toLowerCase();
  const owners = new Map<string, Param>();
  const order = params.map((p, i) => ({ p, i })).sort((a, b) => LOCATION_RANK[a.p.in] - LOCATION_RANK[b.p.in] || a.i - b.i);
  const renamed = new Map<Param, Param>();
  for (const { p } of order) {
    let name = p.name;
    const first = owners.get(fold(name));
    if (first) {
      const base = `${p.in}_${p.name}`;
      name = base;
      for (let n = 2; owners.has(fold(name)); n++) name = `${base}_${n}`;
      report.warn(
        'param-renamed',
        `${p.in} parameter \`${p.wireName}\` shares the name \`${p.name}\` with the ${first.in} parameter \`${first.wireName}\`; it is \`${name}\` in the client and MCP arguments and \`--${kebabCase(name)}\` in the CLI (sent as \`${p.wireName}\`).`,
        p.pointer,
      );
    }
    owners.set(fold(name), p);
    renamed.set(p, name === p.name ? p : { ...p, name });
  }
  return params.map((p) => renamed.get(p)!);
}

/** The success response: lowest 2xx with content (JSON preferred). */
export function pickResponse(raw: RawOperation, resolver: RefResolver): { status: string; node: Raw; ptr: string; contentType?: string } | undefined {
  const responses: Raw = raw.op.responses ?? {};
  const codes = Object.keys(responses).filter((c) => /^2(\d\d|XX)$/i.test(c)).sort();
  let fallback: { status: string; node: Raw; ptr: string } | undefined;
  for (const code of codes) {
    const d = resolver.deref(responses[code], `${raw.pointer}/responses/${code}`);
    const node = d.node as Raw;
    const ct = pickContent(node?.content);
    if (ct) return { status: code, node, ptr: d.ptr, contentType: ct };
    fallback ??= { status: code, node, ptr: d.ptr };
  }
  return fallback;
}

/**
 * Whether the client emitter will name a type `XxxResponse` for this
 * operation: its page item, or its response when that is neither a component
 * ref nor an inline object (which the importer names itself).
 */
export function needsResponseTypeName(raw: RawOperation, pag: { itemsSchema: unknown; itemsField: string } | undefined, shapes: ShapeBuilder, resolver: RefResolver): boolean {
  const isComponentRef = (s: unknown) => typeof (s as Raw | undefined)?.$ref === 'string' && /^#\/components\/schemas\/[^/]+$/.test((s as Raw).$ref);
  // A bare-array list resolves to its response, as a plain call does (`IssueListResponse`).
  if (pag && pag.itemsField !== '') return !isComponentRef(pag.itemsSchema);
  const picked = pickResponse(raw, resolver);
  const schema = picked?.contentType ? picked.node.content[picked.contentType].schema : undefined;
  return schema !== undefined && !isComponentRef(schema) && !shapes.isComplexInline(schema);
}

/**
 * Whether a param's value may be an object: an object schema, or a composition
 * with one among its members (Stripe's `created`: a range object or an
 * integer), which `deepObject` serializes as `created[gt]=5` (a scalar as is).
 */
function mayBeObject(schema: unknown, ptr: string, resolver: RefResolver, depth = 0): boolean {
  if (!schema || depth > 5) return false;
  const { node, ptr: at } = resolver.deref(schema, ptr);
  const s = node as Raw;
  if (!s || typeof s !== 'object') return false;
  // A declared type decides (the shape builder reads `type: string` beside stray `properties` as a string).
  if (declaresNonObject(s)) return false;
  if (s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || s.properties) return true;
  return (['oneOf', 'anyOf', 'allOf'] as const).some((key) => Array.isArray(s[key]) && s[key].some((m: unknown, i: number) => mayBeObject(m, `${at}/${key}/${i}`, resolver, depth + 1)));
}

export interface DetectedPagination {
  style: Pagination['style'];
  requestParam: string;
  cursorField: string;
  itemsField: string;
  /** Absent when no field says whether there is more: the next token alone does. */
  hasMoreField?: string;
  beforeParam?: string;
  /** Nested places and the page-number and offset facts (see the IR's `Pagination`). */
  cursorPath?: string[];
  itemsPath?: string[];
  firstPage?: number;
  totalPath?: string[];
  sizeParam?: string;
  linkHeader?: boolean;
  itemsSchema: unknown;
  itemsPtr: string;
}

/** The report's line on a detected pagination. */
export function paginationNote(pag: DetectedPagination): string {
  const at = (path: string[] | undefined, field: string) => `\`${(path ?? [field]).join('.')}\``;
  const items = pag.itemsField ? `in ${at(pag.itemsPath, pag.itemsField)}` : 'the response array';
  const bare = pag.itemsField ? '' : '; items the response array';
  const viaLink = pag.linkHeader ? 'the `Link` header\'s `rel="next"` when sent, else ' : '';
  const total = pag.totalPath ? `, up to ${at(pag.totalPath, '')}` : pag.sizeParam ? `, until a page is empty or shorter than \`${pag.sizeParam}\`` : ', until a page is empty';
  switch (pag.style) {
    case 'single':
      return pag.itemsField === 'data'
        ? 'One page of `data` items, iterable: no request param asks for another (as openai-node\'s `Page`).'
        : `One page of \`${pag.itemsField}\` items, iterable (\`x-ms-pageable\` names no next link).`;
    case 'next_link':
      return `Paginated (next_link: each page requests the URL in ${pag.cursorField ? at(pag.cursorPath, pag.cursorField) : 'the `Link` header\'s `rel="next"`'}; items ${items}).`;
    case 'page_number':
      return `Paginated (page_number: ${viaLink}\`${pag.requestParam}\` from ${pag.firstPage} up by one${total}${bare}).`;
    case 'offset':
      return `Paginated (offset: ${viaLink}\`${pag.requestParam}\` up by the items received${total}${bare}).`;
    default:
      return `Paginated (${pag.style}: \`${pag.requestParam}\` ← \`${pag.cursorField}\`).`;
  }
}

/** Pagination style from the raw request params and response envelope. */
export function detectPagination(raw: RawOperation, params: RawParam[], shapes: ShapeBuilder, resolver: RefResolver): DetectedPagination | undefined {
  const picked = pickResponse(raw, resolver);
  if (!picked?.contentType || !JSON_TYPE.test(picked.contentType)) return undefined;
  const sptr = `${picked.ptr}/content/${escapePointerSegment(picked.contentType)}/schema`;
  const linkHeader = declaresLinkHeader(picked.node);
  // A bare array: no envelope to page by, only the request params and the `Link` header.
  const bare = bareArrayItems(picked.node.content[picked.contentType].schema, sptr, resolver);
  if (bare) {
    const paged = arrayPagination(raw.httpMethod, params, linkHeader, resolver);
    return paged ? { ...paged, ...bare } : undefined;
  }
  const flat = shapes.flatten(picked.node.content[picked.contentType].schema, sptr);
  const props: Raw = flat.schema.properties ?? {};
  const q = new Set(params.filter((x) => x.p.in === 'query').map((x) => x.p.name));
  const arrayAt = (name: string) => {
    const node = props[name] ? (resolver.deref(props[name], sptr).node as Raw) : undefined;
    if (!node || !(node.type === 'array' || node.items)) return undefined;
    return { itemsField: name, itemsSchema: node.items, itemsPtr: flat.propPtr.get(name) ? `${flat.propPtr.get(name)}/items` : `${sptr}/properties/${escapePointerSegment(name)}/items` };
  };
  const envelope = envelopeOf(picked.node.content[picked.contentType].schema, sptr, shapes);
  // Azure's explicit `x-ms-pageable` goes before any guess.
  const pageable = msPageable(raw.op, envelope, resolver);
  if (pageable) return pageable;
  const tokened = tokenPagination(q, props, arrayAt);
  if (tokened) return tokened;
  const cursored = cursorPagination(q, props, sptr, arrayAt, shapes, resolver);
  if (cursored) return cursored;
  // A next link, then a page number or an offset; the one-page rule below comes last.
  const items = findItems(envelope, namingPath(raw.path).split('/').filter((s) => s && !s.includes('{')).pop() ?? '', shapes, resolver);
  const linked = linkPagination(raw.httpMethod, envelope, items, shapes, resolver);
  if (linked) return { ...linked, ...items! };
  // A counted list whose response declares `Link` follows its next when sent.
  const counted = numberPagination(raw.httpMethod, params, envelope, items, shapes, resolver);
  if (counted) return { ...counted, ...items!, ...(linkHeader ? { linkHeader: true } : {}) };
  const headerLinked = linkHeaderPagination(raw.httpMethod, items, linkHeader);
  if (headerLinked) return { ...headerLinked, ...items! };
  const dataItems = arrayAt('data');
  // A GET of a `data` list that neither says there is more nor has a request param that pages: one page,
  // iterable (openai-node's `Page`, e.g. models.list). Paging some other way (`page`, `offset`, `cursor`…, or a
  // `has_more` with no cursor to follow) leaves the response as it is.
  if (dataItems && raw.httpMethod === 'get' && !props.has_more && ![...q].some(isPagingParam)) {
    return { style: 'single', requestParam: '', cursorField: '', ...dataItems, hasMoreField: 'has_more' };
  }
  return undefined;
}

/** The `data` lists with `has_more`: a cursor (`after` ← `last_id` or the last item's id), `next` or `next_page`. */
function cursorPagination(
  q: Set<string>, props: Raw, sptr: string, arrayAt: (name: string) => { itemsField: string; itemsSchema: unknown; itemsPtr: string } | undefined,
  shapes: ShapeBuilder, resolver: RefResolver,
): DetectedPagination | undefined {
  const dataItems = arrayAt('data');
  if (!dataItems) return undefined;
  const data = resolver.deref(props.data, sptr).node as Raw;
  const { itemsPtr } = dataItems;
  const items = { ...dataItems, hasMoreField: 'has_more' };
  if (props.has_more) {
    if (q.has('page') && props.next_page) return { style: 'page_token', requestParam: 'page', cursorField: 'next_page', ...items };
    if (q.has('after') && props.next) return { style: 'next_cursor', requestParam: 'after', cursorField: 'next', ...items };
    const before = (name: string) => (q.has(name) ? { style: 'cursor_before' as const, beforeParam: name } : { style: 'cursor' as const });
    if (q.has('after') && props.last_id) return { ...before('before'), requestParam: 'after', cursorField: 'last_id', ...items };
    // No `last_id`: the next `after` is the last item's id (as openai-node's CursorPage does), when items have one.
    if (q.has('after') && data.items && shapes.flatten(data.items, itemsPtr).schema.properties?.id) {
      return { ...before('before'), requestParam: 'after', cursorField: 'last_id', ...items };
    }
    // Stripe's names for the same cursor: `starting_after` the last item's id (`ending_before` the first's).
    if (q.has('starting_after') && data.items && shapes.flatten(data.items, itemsPtr).schema.properties?.id) {
      return { ...before('ending_before'), requestParam: 'starting_after', cursorField: 'last_id', ...items };
    }
  }
  return undefined;
}

/**
 * Lists whose response hands back the next request's token, with no `has_more` needed: Stainless's `cursor` ←
 * `next_cursor` (Increase), Google's `pageToken` ← `nextPageToken` (or `page_token` ← `next_page_token`) and a
 * `marker` ← `next_marker` (Box's, OpenStack's). A null, empty or absent token ends the list. Only when the items
 * are unambiguous: `data`, else the one array. A `marker` beside an `offset` is left to the offset walk (Box
 * reads the marker only with `usemarker=true`).
 */
function tokenPagination(q: Set<string>, props: Raw, arrayAt: (name: string) => Omit<DetectedPagination, 'style' | 'requestParam' | 'cursorField'> | undefined): DetectedPagination | undefined {
  const marker = q.has('marker') && !q.has('offset') ? 'marker' : undefined;
  const requestParam = q.has('cursor') ? 'cursor' : q.has('pageToken') ? 'pageToken' : q.has('page_token') ? 'page_token' : marker;
  if (!requestParam) return undefined;
  const cursorField =
    requestParam === 'cursor' ? (props.next_cursor ? 'next_cursor' : undefined)
    : requestParam === 'marker' ? ['next_marker', 'nextMarker'].find((f) => props[f])
    : ['nextPageToken', 'next_page_token'].find((f) => props[f]);
  if (!cursorField) return undefined;
  const arrays = Object.keys(props).filter((name) => arrayAt(name));
  const itemsField = arrays.includes('data') ? 'data' : arrays.length === 1 ? arrays[0]! : undefined;
  if (!itemsField) return undefined;
  // A `has_more` beside the token still says when to stop, as in the `data` lists above.
  const hasMore = props.has_more ? { hasMoreField: 'has_more' } : {};
  return { style: requestParam === 'pageToken' || requestParam === 'page_token' ? 'page_token' : 'next_cursor', requestParam, cursorField, ...arrayAt(itemsField)!, ...hasMore };
}

/** Query params that ask for another page of a list (a `limit` alone only sizes the one page). */
const PAGING_PARAM = /^(after|before|cursor|next|page|pages?_?(token|number|num|index)|offset|skip|skip_?token|start|starting_?after|ending_?before|continuation(_?token)?|next_?(page_?)?token|marker|from)$/i;

/**
 * A query param that pages, also as the head of a bracketed or dotted name
 * (JSON:API's `page[number]`, `page.cursor`) or an OData option (`$skip`,
 * `$skiptoken`): such a list is not one page. Only the head: a filter
 * (`filter[created][from]`, `created[before]`) does not page.
 */
function isPagingParam(name: string): boolean {
  const head = name.replace(/^\$/, '').split(/[[.]/)[0]!;
  return head !== '' && PAGING_PARAM.test(head);
}

/**
 * Whether the success response is a collection: a top-level array, or an
 * envelope whose `data` array, or array named after the path's last segment
 * (`{calls: [...]}` for `/Calls.json`, `{droplets: [...]}` for `/droplets`), holds the items;
 * or a paged envelope, whose request pages (`offset`, `page`…) and whose one array holds them
 * (`{items: [...], next, total}` for `GET /me/tracks?offset=&limit=`).
 */
export function isListLike(raw: RawOperation, shapes: ShapeBuilder, resolver: RefResolver, params: RawParam[] = []): boolean {
  const picked = pickResponse(raw, resolver);
  if (!picked?.contentType) return false;
  const sptr = `${picked.ptr}/content/${escapePointerSegment(picked.contentType)}/schema`;
  const schema = picked.node.content[picked.contentType].schema;
  if (!schema) return false;
  const top = resolver.deref(schema, sptr).node as Raw;
  if (top?.type === 'array') return true;
  const props: Raw = shapes.flatten(schema, sptr).schema.properties ?? {};
  const last = namingPath(raw.path).split('/').filter((s) => s && !s.includes('{')).pop() ?? '';
  const named = Object.keys(props).find((k) => snakeCase(k) === snakeCase(last));
  const isArray = (p: unknown) => {
    const d = p ? (resolver.deref(p, sptr).node as Raw) : undefined;
    return Boolean(d && (d.type === 'array' || d.items));
  };
  if ([props.data, named ? props[named] : undefined].some(isArray)) return true;
  const pages = params.some((x) => x.p.in === 'query' && isPagingParam(String(x.p.name)));
  return pages && Object.values(props).filter(isArray).length === 1;
}

export function buildExamples(op: Raw): Operation['examples'] | undefined {
  const meta = op['x-oaiMeta'];
  let ex = meta?.examples;
  if (Array.isArray(ex)) ex = ex[0];
  if (!ex || typeof ex !== 'object') return undefined;
  const out: NonNullable<Operation['examples']> = {};
  if (ex.request && typeof ex.request === 'object') {
    const req: Record<string, string> = {};
    for (const k of Object.keys(ex.request).sort()) if (typeof ex.request[k] === 'string') req[k] = ex.request[k];
    if (Object.keys(req).length) out.request = req;
  } else if (typeof ex.request === 'string') out.request = { curl: ex.request };
  if (typeof ex.response === 'string') out.response = ex.response;
  return out.request || out.response ? out : undefined;
}

const DESTRUCTIVE_ACTIONS = /^(archive|deactivate|disable|revoke|cancel|remove|delete|reset|unpublish|lock)/;
/** Actions that set a state: doing it twice leaves the same state ("atomically and idempotently activate"). */
const STATE_ACTIONS = /^(activate|deactivate|enable|disable|archive|unarchive)(_|$)/;

/**
 * MCP hints from the verb and the method kind. Reads are read-only (and so
 * idempotent, never destructive). DELETE and PUT are idempotent by HTTP
 * semantics; so are updates (setting a value twice has no extra effect) and
 * state-setting actions. Creates and add/assign/invite actions are not.
 */
export function hintsFor(httpMethod: HttpMethod, method: string, kind: MethodKind): Operation['hints'] {
  const readOnly = httpMethod === 'get' || httpMethod === 'head' || httpMethod === 'options';
  if (readOnly) return { readOnly: true, destructive: false, idempotent: true };
  return {
    readOnly: false,
    destructive: httpMethod === 'delete' || DESTRUCTIVE_ACTIONS.test(method),
    idempotent: httpMethod === 'put' || httpMethod === 'delete' || kind === 'update' || (kind !== 'create' && STATE_ACTIONS.test(method)),
  };
}

/**
 * Config hints over the rule result, key by key. `readOnly: true` starts from
 * the read-only hints (nothing destroyed, idempotent). The result may not be
 * read-only and destructive at once.
 */
export function applyHintOverride(rule: Operation['hints'], override: HintOverride, where: { key: string; pointer: string }): Operation['hints'] {
  const base = override.readOnly === true ? { readOnly: true, destructive: false, idempotent: true } : { ...rule };
  const out = { ...base, ...Object.fromEntries(Object.entries(override).filter(([, v]) => typeof v === 'boolean')) } as Operation['hints'];
  if (out.readOnly && out.destructive) {
    throw new GeneratorError(
      `The hints override \`${where.key}\` makes an operation both read-only and destructive.`,
      { pointer: where.pointer },
      'Set `readOnly: false` or `destructive: false` in that `operations` entry of the target config.',
    );
  }
  return out;
}
