/**
 * The normalized spec (IR): the one contract between `import` and every emitter.
 *
 * It is committed as JSON in `spec/<target>/spec.json`, so every field here is
 * plain data, sorted deterministically by `serialize.ts`. Emitters read only
 * this shape, never the raw OpenAPI document. Every element carries `pointer`,
 * the RFC 6901 JSON pointer of the OpenAPI node it came from (provenance).
 */

export const IR_VERSION = 1;

export interface NormalizedSpec {
  irVersion: typeof IR_VERSION;
  /** Target name, e.g. `openai-admin`; also the folder under `spec/` and `generated/`. */
  target: string;
  info: SpecInfo;
  /** Package names, binaries and the client class name, from config (or inferred). */
  packages: PackageNames;
  auth: AuthScheme[];
  /** Resource tree, flattened: one entry per node, parents before children. */
  resources: Resource[];
  /** One entry per operation in scope, sorted by `key`. */
  operations: Operation[];
  /** Named types: name → definition, sorted by name. */
  types: Record<string, NamedType>;
  /** The document's `webhooks:` section (OpenAPI 3.1), when in scope (normalize/webhooks.ts). */
  webhooks?: WebhookSet;
  /** Client options sent as a header on every request (the target config's `clientHeaders`). */
  clientHeaders?: ClientHeaderOption[];
  /**
   * The header in which the client sends a generated key on every write, the
   * same across its retries (`Idempotency-Key`); absent: none, since an API
   * that asks for no such header may refuse it (a browser's CORS preflight does).
   */
  idempotencyHeader?: string;
  /**
   * How multipart and form bodies spell arrays and objects (the target
   * config's `formStyle`). Absent: OpenAPI's rules. Multipart: an array goes
   * as repeated parts of the same name, an object (or an array's object item)
   * as one `application/json` part, a field's `encoding.contentType` sets its
   * part's type. Form: `style: form`, exploded (arrays repeat the key, an
   * object's properties become fields), or the field's `encoding` style.
   * `brackets`: openai-node's flattening, which the OpenAI API reads: arrays
   * as `key[]` parts, objects as `key[prop]` parts (form bodies nest objects
   * as `key[prop]` too).
   */
  formStyle?: 'brackets';
  /**
   * Hand-written client methods (the target config's `custom.methods`), each
   * an export of a file of spec/<target>/custom/, which the client package
   * holds under src/lib/: openai-node's `chat.completions.stream()` and the
   * like, which no document describes. Sorted by resource, then name.
   */
  customMethods?: CustomMethod[];
  /**
   * The files of spec/<target>/custom/ (name → text), read when the spec is
   * loaded, as `release`; never part of spec.json.
   */
  customCode?: Record<string, string>;
  /**
   * The headers of the `poll` helpers (the target config's `polling:`), for
   * an API that names them: absent, a poll waits as the caller or the
   * `Retry-After` header says, else 5 seconds, and sends no header of its own.
   */
  polling?: PollingHeaders;
  /**
   * Release state of the generated packages, read from `spec/<target>/release/`
   * (written by `npm run release`) when the spec is loaded; never part of spec.json.
   */
  release?: ReleaseState;
}

/** A hand-written method on a resource class: `<resource>.<name>` is `<export>` of `lib/<file>`, a function whose `this` is the resource. */
export interface CustomMethod {
  /** Dotted resource key, e.g. `chat.completions`. */
  resource: string;
  /** Client method name (camelCase), e.g. `stream`. */
  name: string;
  /** File name in spec/<target>/custom/ (and the client's src/lib/), e.g. `ChatCompletionStream.ts`. */
  file: string;
  /** The function, exported by `file`; its `this` is the resource. */
  export: string;
  /** One line for api.md and the method's doc comment. */
  description?: string;
  pointer: string;
}

/** Header names of the `poll` helpers (runtime/client/polling.ts). */
export interface PollingHeaders {
  /** Response header with the milliseconds to wait before the next retrieve (OpenAI's `openai-poll-after-ms`). */
  intervalHeader?: string;
  /** Request header sent as `true` on each retrieve of a poll (openai-node's `X-Stainless-Poll-Helper`). */
  markerHeader?: string;
  /** Request header carrying the caller's `pollIntervalMs` (openai-node's `X-Stainless-Custom-Poll-Interval`). */
  customIntervalHeader?: string;
}

/** The generated packages' versions and changelogs, as committed by the last `npm run release`. */
export interface ReleaseState {
  versions: Record<'client' | 'cli' | 'mcp', string>;
  /** Keep a Changelog entries per package, newest first (Markdown, without the file's title). */
  changelogs: Partial<Record<'client' | 'cli' | 'mcp', string>>;
}

/**
 * A client option whose value goes out as a header on every request, as
 * openai-node's `organization` (`OpenAI-Organization`, default env
 * `OPENAI_ORG_ID`): what no OpenAPI document says, so it comes from config.
 */
export interface ClientHeaderOption {
  header: string;
  clientOption: string;
  envVar?: string;
  description?: string;
}

export interface SpecInfo {
  title: string;
  /** The document's own `info.title`, kept when the target's config gives another `title` (import matches documents to targets by it). */
  sourceTitle?: string;
  version: string;
  description?: string;
  /** Default base URL (first server), e.g. `https://api.openai.com/v1`. */
  baseURL: string;
  /**
   * The first server's URL when it has variables, e.g. `https://{region}.api.example.com`;
   * `baseURL` is it with every default filled in.
   */
  baseURLTemplate?: string;
  /** The variables of `baseURLTemplate`: a client option, a CLI flag and an MCP server flag each. */
  serverVariables?: ServerVariable[];
  /** Base name of the OpenAPI document the spec was imported from (no directories). */
  sourceFile: string;
  openapiVersion: string;
}

export interface PackageNames {
  /** npm name of the client package, e.g. `openai-admin`. */
  client: string;
  cli: string;
  mcp: string;
  /** Name of the default-exported client class, e.g. `OpenAIAdmin`. */
  clientClass: string;
  /** CLI binary, e.g. `openai-admin`. */
  cliBin: string;
  /** MCP server binary, e.g. `openai-admin-mcp`. */
  mcpBin: string;
  /** MCP tool-name prefix, e.g. `openai_admin_`. */
  toolPrefix: string;
  /** Env var read for the base URL override, e.g. `OPENAI_BASE_URL`. */
  baseURLEnv: string;
  /** Git repository the packages are published from (package.json `repository`; `npm publish --provenance` requires it). */
  repository?: string;
  /** SPDX license of the generated packages (package.json `license`). */
  license?: string;
}

export interface ServerVariable {
  /** Name in the URL template, e.g. `region` of `https://{region}.api.example.com`. */
  name: string;
  default: string;
  enum?: string[];
  description?: string;
  /** Client option, e.g. `region` (never one of the core options such as `baseURL`). */
  clientOption: string;
  /** CLI and MCP server flag without dashes, e.g. `region` (never a global flag). */
  flag: string;
  /** Env var read when the option is not given, e.g. `PAGERDUTY_REGION`. */
  envVar: string;
  pointer: string;
}

export interface AuthScheme {
  /** Security scheme name in the document, e.g. `AdminApiKeyAuth`. */
  name: string;
  kind: 'bearer' | 'apiKeyHeader' | 'apiKeyQuery' | 'apiKeyCookie' | 'basic';
  /** Header or query name carrying the credential (`Authorization` for bearer). */
  paramName: string;
  /** Env var that supplies the credential, e.g. `OPENAI_ADMIN_KEY`. */
  envVar: string;
  /** Client option name, e.g. `adminAPIKey`; CLI flag is its kebab case. */
  clientOption: string;
  /** What a key looks like, for docs (`sk-admin-...`); from the target config. */
  example?: string;
  pointer: string;
}

export interface Resource {
  /** Snake-case path from the root, e.g. `['admin','organization','projects','users']`. */
  path: string[];
  /** Dotted form of `path`, e.g. `admin.organization.projects.users`. */
  key: string;
  /** Human title, e.g. `Project users`. */
  title: string;
  description?: string;
  /** Keys of the operations whose method lives directly on this resource, sorted. */
  operations: string[];
  pointer: string;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/** What an operation does, independent of the HTTP verb (every update here is a POST). */
export type MethodKind = 'list' | 'create' | 'retrieve' | 'update' | 'delete' | 'action';

export interface Operation {
  /** `<resource key>.<method>`, e.g. `admin.organization.projects.users.retrieve`. Unique. */
  key: string;
  operationId: string;
  resource: string[];
  /** Snake-case SDK method name, e.g. `list_rate_limits`. */
  method: string;
  /** More client method names for the same call, deprecated (config `aliases`), camelCase. */
  clientAliases?: string[];
  kind: MethodKind;
  httpMethod: HttpMethod;
  /** Path template as in the document, e.g. `/organization/projects/{project_id}`. */
  path: string;
  /**
   * The operation's own server (OpenAPI `servers` on the operation or its path
   * item, the first one, variables at their defaults), when it differs from
   * the document's: the client sends the operation there unless it was given
   * a base URL.
   */
  baseURL?: string;
  /** User-visible names, locked so that a spec change cannot silently rename them. */
  names: StableNames;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Whether the operation changes nothing (GET/HEAD), or destroys/removes something. */
  hints: { readOnly: boolean; destructive: boolean; idempotent: boolean };
  /** Path params in template order, then query/header params, then body fields. */
  params: Param[];
  body?: RequestBody;
  response?: ResponseShape;
  /**
   * How a success response is read (normalize/media.ts); absent = JSON.
   * `binary`: raw bytes (the client hands back the fetch `Response`); `text`:
   * a string; `empty`: no body.
   */
  responseKind?: ResponseKind;
  /** Present when a 2xx response offers `text/event-stream` (normalize/media.ts). */
  stream?: StreamFacts;
  pagination?: Pagination;
  /** Names of the auth schemes that apply (empty: none). */
  security: string[];
  /** An empty requirement (`security: [{}, {bearer: []}]`) makes them optional: a key is sent when the client has one. */
  securityOptional?: boolean;
  /**
   * Present when a security requirement names several schemes that go
   * together (an API key and an app id, say): the alternatives in document
   * order, each the schemes sent at once. Absent, any one of `security` will do.
   */
  requirements?: string[][];
  examples?: { request?: Record<string, string>; response?: string };
  /**
   * Properties of the JSON response that the API never sends and the client
   * fills in (the target config's `computed:`): property → path whose strings
   * are joined into it (`output_text` of a `Response`, as openai-node does).
   */
  computed?: Record<string, string>;
  /** A retrieve whose JSON response's `status` tells pending from done: the client's poll helpers (normalize/polling.ts). */
  poll?: Poller;
  pointer: string;
}

/**
 * What the client's poll helpers of a retrieve are: `poll` (its params, then
 * options with `pollIntervalMs`), `<method>AndPoll` for the operations that
 * make or act on the polled object, and a config-named wait method.
 */
export interface Poller {
  /** Values of the response's `status` that mean the work goes on (inferred, or the config's `poll.pending`). */
  pending: string[];
  /** False when the resource has a method or sub-resource named `poll` already (reported). */
  method: boolean;
  /**
   * Operations of the same resource, answering with the same type, that make
   * the object (`create`) or act on it (`submit_tool_outputs`): each gets
   * `<method>AndPoll`, which polls the `id` of its response. `params` maps
   * the retrieve's other path params to the operation's param of the same
   * place in the path. Sorted by `operation`.
   */
  after?: PollAfter[];
  /**
   * The config's `poll.positional`: `poll` takes every path param as an
   * argument, in path order (openai-node's `vectorStores.files.poll(vectorStoreId, fileId)`),
   * rather than the retrieve's own parameters.
   */
  positional?: true;
  /** The config's `poll.wait`: camelCase name of openai-node's `files.waitForProcessing` kind of method. */
  wait?: string;
  /** Pointer of the `status` property's schema. */
  pointer: string;
}

export interface PollAfter {
  /** Key of the operation. */
  operation: string;
  /** Client method name, e.g. `createAndPoll`. */
  method: string;
  /** Retrieve path param → the operation's param giving its value. */
  params: Record<string, string>;
}

export interface StableNames {
  /** MCP tool name, e.g. `openai_admin_list_projects` (≤ 64 chars, unique). */
  mcpTool: string;
  /** CLI group, e.g. `admin:organization:projects:users`. */
  cliGroup: string;
  /** CLI command inside the group, e.g. `retrieve`, `list-rate-limits`. */
  cliCommand: string;
  /** Client accessor chain in camelCase, e.g. `['admin','organization','projects','users','retrieve']`. */
  clientPath: string[];
  /** Prefix for the operation's TS type names, e.g. `ProjectUserRetrieve` → `ProjectUserRetrieveParams`. */
  typePrefix: string;
}

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie' | 'body';

export interface Param {
  /** Clean identifier used in params objects, MCP inputs and (kebab) CLI flags, e.g. `project_ids`. */
  name: string;
  /** Name on the wire, e.g. `project_ids[]` (query) or the JSON key (body). */
  wireName: string;
  in: ParamLocation;
  /** Whether a call must give it: false for a `fixed` param, although the document requires it. */
  required: boolean;
  schema: Shape;
  /**
   * A query, header or cookie param the document requires but whose schema
   * admits one value only (a single-value enum or `const`: AWS's `Action`
   * and `X-Amz-Target`, Azure's `api-version`): that value. The client sends
   * it when a call gives none (a given value wins), so `required` is false
   * (normalize/fixed-params.ts).
   */
  fixed?: string | number | boolean;
  /**
   * How the value is serialized on the wire:
   * - `simple`: path segment (percent-encoded) or header; arrays comma-joined, objects as `k,v` pairs (`k=v` when `explode`);
   * - `label`, `matrix`: path segment as `.v` / `;name=v` (arrays and objects as in `simple`, `.`/`;`-separated when `explode`);
   * - `form`: `k=v`; arrays repeat the key (`k=a&k=b`) when `explode`, else comma-join;
   * - `brackets`: arrays as `k[]=a&k[]=b` (wire name already ends in `[]`);
   * - `deepObject`: objects as `k[sub]=v`;
   * - `json`: a body field, serialized as part of the JSON body.
   */
  style: 'simple' | 'label' | 'matrix' | 'form' | 'brackets' | 'deepObject' | 'pipeDelimited' | 'spaceDelimited' | 'json';
  explode: boolean;
  description?: string;
  deprecated: boolean;
  pointer: string;
}

export interface RequestBody {
  /** The media type sent; for `json-or-multipart`, the JSON one. */
  contentType: string;
  /**
   * How the body is encoded (normalize/media.ts); absent = JSON.
   * - `multipart`: multipart/form-data;
   * - `json-or-multipart`: both are offered; multipart when a field holds an upload, JSON otherwise;
   * - `form`: application/x-www-form-urlencoded;
   * - `raw`: one value (text or bytes) sent as-is with `contentType`, e.g. `application/sdp`.
   */
  encoding?: BodyEncoding;
  /** Clean names of the body params that hold uploads (a `file` shape, also in arrays or unions). */
  files?: string[];
  /**
   * Multipart only: clean body param name → the part's Content-Type from the
   * OpenAPI `encoding` object (`encoding.<prop>.contentType`), with the
   * pointer of that encoding entry. A JSON type sends the field as one JSON part.
   */
  partTypes?: Record<string, PartType>;
  /**
   * Clean body param name → the serialization its `encoding` entry gives with
   * `style` or `explode`, as a query param of that style: in form bodies, and
   * in multipart ones of an OpenAPI 3.1+ document (3.0 ignores them there),
   * where it replaces the part's `contentType` and each name=value pair is a
   * part. `deepObject` (Stripe's `expand`) sends an array indexed,
   * `key[0]=a&key[1]=b`, as such servers read a list (repeated keys they read
   * last-wins).
   */
  fieldStyles?: Record<string, FieldStyle>;
  /** Other media types the document offers for this body, not used. */
  alternatives?: string[];
  required: boolean;
  /** The body's shape; an object body's fields also appear as `in: 'body'` params. */
  schema: Shape;
  /** True when the body is an object whose properties were flattened into `params`. */
  flattened: boolean;
  /**
   * A body that is a union of objects (`oneOf`/`anyOf` of objects, or an
   * object whose `oneOf`/`anyOf` members only add `required`): its fields
   * are the body params (flattened, each required only when every variant
   * requires it), and each variant lists the params it has and requires, so
   * the params type is the union of one type per variant (as openai-node spreads
   * a union body's fields into the params).
   */
  variants?: BodyVariant[];
  pointer: string;
}

export interface ResponseShape {
  status: string;
  contentType: string;
  schema: Shape;
  description?: string;
  pointer: string;
}

export type BodyEncoding = 'multipart' | 'json-or-multipart' | 'form' | 'raw';

/** One member of a union body. */
export interface BodyVariant {
  /** Type-name suffix, e.g. `FileIDs` (from the member's ref or title, else its own required field). */
  name: string;
  /** Clean names of the body params this variant has, in body order. */
  fields: string[];
  /** Those it requires. */
  required: string[];
  /** The member's own type of a field whose type differs between members (a discriminator literal, say). */
  types?: Record<string, Shape>;
  pointer: string;
}

/** A body field's `style`/`explode` from the document's `encoding` object (defaults as for a query param). */
export interface FieldStyle {
  style: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode: boolean;
  /** Pointer of the encoding entry. */
  pointer: string;
}

/** The Content-Type of one multipart part, from the document's `encoding` object. */
export interface PartType {
  contentType: string;
  pointer: string;
}

export type ResponseKind = 'text' | 'binary' | 'empty';

/** A server-sent event stream offered by a 2xx response. */
export interface StreamFacts {
  /** The shape of one event's `data` (normally a ref, often a discriminated union). */
  event: Shape;
  /**
   * What switches streaming on: a request param set to `value` (`stream: true`,
   * `stream_format: "sse"`). Absent when the operation always streams.
   */
  switch?: { param: string; value: string | boolean };
  /** Pointer of the `text/event-stream` media type object. */
  pointer: string;
}

/** The document's `webhooks:`: events the API sends to the user's endpoint. */
export interface WebhookSet {
  /** Sorted by `name`. */
  events: Webhook[];
  /**
   * Named type (in `types`) of the union of every event payload, discriminated
   * by `discriminator` when each payload fixes its own value of it.
   */
  union?: { type: string; discriminator?: string };
}

export interface Webhook {
  /** Key in the document's `webhooks:` map, e.g. `batch_completed`. */
  name: string;
  /** Method the API calls the receiver with (normally `post`). */
  httpMethod: HttpMethod;
  /** The event's value of the union discriminator, e.g. `batch.completed`. */
  eventType?: string;
  contentType: string;
  /** The payload (normally a ref to a named type). */
  payload: Shape;
  summary?: string;
  description?: string;
  deprecated: boolean;
  pointer: string;
}

export type PaginationStyle =
  /** `after`/`limit` request, `has_more` + `last_id` response (the last item's `id` when `last_id` is absent). */
  | 'cursor'
  /** As `cursor`, and the request also accepts `before`. */
  | 'cursor_before'
  /**
   * The response names the next cursor: `after` request, `has_more` + `next`
   * response; or Stainless's `cursor` ← `next_cursor` with no `has_more`.
   */
  | 'next_cursor'
  /**
   * A page token: `page` request, `has_more` + `next_page` response (usage and
   * costs); or Google's `pageToken` ← `nextPageToken` (`page_token` ←
   * `next_page_token`) with no `has_more`.
   */
  | 'page_token'
  /**
   * The response carries the next page's URL (Azure's `nextLink`, OData's
   * `@odata.nextLink`, Django REST Framework's `next`, HAL's
   * `_links.next.href`, `meta.next_page_url`): at `cursorField`, or at
   * `cursorPath` when nested; or in the `Link` response header only
   * (`linkHeader`, `cursorField` empty). No request param carries it
   * (`requestParam` is empty): a later page requests that URL as it is, on
   * the base URL's origin only.
   */
  | 'next_link'
  /**
   * A page number: `requestParam` (`page`, `page[number]`) goes up by one from
   * `firstPage` until the page count at `totalPath` is reached or, without one,
   * until a page comes back empty or shorter than the `sizeParam` sent.
   */
  | 'page_number'
  /**
   * An offset: `requestParam` (`offset`) goes up by the items each page
   * returned, until the item count at `totalPath` is reached or a page comes
   * back empty or shorter than the `sizeParam` (`limit`) sent.
   */
  | 'offset'
  /**
   * A list envelope (`data`) the request cannot ask past: one page, iterable
   * all the same, as openai-node's `Page` (`models.list`); also a list whose
   * `x-ms-pageable` says `nextLinkName: null`. The CLI and MCP tools return it
   * as it comes.
   */
  | 'single';

export interface Pagination {
  style: PaginationStyle;
  /** Request param that carries the cursor: `after`, `page`, `cursor`, `pageToken`, `offset`… (empty for `next_link`, `single`). */
  requestParam: string;
  /**
   * Response field that yields the next cursor: `last_id`, `next`, `next_page`, `next_cursor`, `nextPageToken`,
   * a next link's `nextLink`… (empty for `page_number`, `offset`, `single`: the walk counts).
   */
  cursorField: string;
  /**
   * Response field with the items: `data`, else a token list's one array
   * (`experiments`). Empty when the response body is the array itself (a
   * bare-array list, GitHub's `GET /repos/{owner}/{repo}/issues`).
   */
  itemsField: string;
  /**
   * Response field telling whether more pages exist, normally `has_more`.
   * Absent for a token list without one: a null, empty or absent next token
   * ends the walk.
   */
  hasMoreField?: string;
  /**
   * `cursor_before`: the request param that pages backwards (`before`,
   * Stripe's `ending_before`). A walk that starts with it follows the first
   * item's id there, never sending both cursors.
   */
  beforeParam?: string;
  /**
   * `next_link`: the whole path to a nested next URL (`['meta', 'next_page_url']`,
   * HAL's `['_links', 'next', 'href']`); `cursorField` is then its first segment.
   */
  cursorPath?: string[];
  /** The whole path to nested items (HAL's `['_embedded', 'orders']`); `itemsField` is then its last segment. */
  itemsPath?: string[];
  /** `page_number`: the number of the first page, 1 unless the param declares 0 (its `minimum` or `default`). */
  firstPage?: number;
  /**
   * `page_number`: the response's page count (`total_pages`, `meta.pagination.total_pages`,
   * `last_page`); `offset`: its item count (`total`, `total_count`). Absent: an empty or short page ends the walk.
   */
  totalPath?: string[];
  /** `page_number`, `offset`: the request param that sizes a page (`per_page`, `limit`): a shorter page is the last. */
  sizeParam?: string;
  /**
   * The next page's URL may come in the RFC 8288 `Link` response header
   * (`rel="next"`). A response whose `Link` has paging relations (`next`,
   * `prev`, `first`, `last`) decides: its `next` is requested as it is (on the
   * base URL's origin only), and without one the list ends. A response with
   * none is walked by the style (a `next_link` with an empty `cursorField`
   * then ends). Set for every bare-array list, and for an envelope whose
   * response declares the header.
   */
  linkHeader?: boolean;
  /** The item shape (normally a ref to a named type). */
  item: Shape;
}

export interface NamedType {
  name: string;
  shape: Shape;
  description?: string;
  /** Where the type is used, so emitters can split request/response variants. */
  usage: 'request' | 'response' | 'both';
  pointer: string;
}

/** Fields shared by every shape. */
export interface ShapeBase {
  nullable?: boolean;
  description?: string;
  title?: string;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  default?: unknown;
  /** Example value from the document, when present. */
  example?: unknown;
  /**
   * Facets stated only in the description ("Limit can range between 1 and 100"),
   * read by normalize/prose-facets.ts; every other facet comes from the schema.
   * They are documentation: shown in help and schemas, never a reason to refuse a value.
   */
  proseFacets?: ProseFacet[];
  pointer?: string;
}

/** A facet the importer can read from prose. */
export type ProseFacet = 'minimum' | 'maximum' | 'default';

export type Shape =
  | RefShape
  | FileShape
  | PrimitiveShape
  | LiteralShape
  | ArrayShape
  | ObjectShape
  | UnionShape
  | UnknownShape;

export interface RefShape extends ShapeBase {
  kind: 'ref';
  /** Key in `NormalizedSpec.types`. */
  name: string;
}

export interface PrimitiveShape extends ShapeBase {
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'null';
  format?: string;
  /** Allowed values (two or more; a single value becomes a `literal`). */
  enum?: Array<string | number | boolean>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/**
 * Binary content: `type: string, format: binary` (3.0), a `contentMediaType`
 * string without `contentEncoding` (3.1), or 2.0's `type: file`. An upload in
 * requests, raw bytes in responses.
 */
export interface FileShape extends ShapeBase {
  kind: 'file';
  /** The declared media type (`contentMediaType`), when any. */
  contentType?: string;
}

export interface LiteralShape extends ShapeBase {
  kind: 'literal';
  value: string | number | boolean;
}

export interface ArrayShape extends ShapeBase {
  kind: 'array';
  items: Shape;
  minItems?: number;
  maxItems?: number;
}

export interface Property {
  name: string;
  required: boolean;
  shape: Shape;
}

export interface ObjectShape extends ShapeBase {
  kind: 'object';
  properties: Property[];
  /** `false` when closed, a shape for maps, absent when unspecified. */
  additionalProperties?: Shape | false;
  /**
   * The audit-log pattern: a tag property (`type`) whose value names a sibling
   * payload property (`"project.created": {…}`). Value → payload property name,
   * or null when that value has no payload.
   */
  taggedPayloads?: { tagProperty: string; payloads: Record<string, string | null> };
}

export interface UnionShape extends ShapeBase {
  kind: 'union';
  /** `oneOf`/`anyOf`; null members are folded into `nullable`. */
  members: Shape[];
  /**
   * Set when every member has its own literal value for one property. The map
   * goes from the wire value to the index in `members`; it never uses schema names.
   */
  discriminator?: {
    property: string;
    mapping: Record<string, number>;
    /**
     * The values come from the declared discriminator's `mapping` (or the
     * members' schema names), not from literals the members carry: the client
     * adds each member's value to its type (`Cat & { petType: 'cat' }`).
     */
    implied?: true;
  };
}

export interface UnknownShape extends ShapeBase {
  kind: 'unknown';
}

/** One line of the normalization report. */
export interface ReportEntry {
  level: 'info' | 'warning' | 'unsupported';
  /** Short code, e.g. `nullable-3.0`, `allOf-merged`, `union-discriminated`. */
  code: string;
  message: string;
  pointer: string;
}
