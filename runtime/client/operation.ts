/**
 * The descriptor of one HTTP operation, as generated resource methods pass it
 * to the client core. It is plain data: the core does all path, query, header
 * and body encoding from it, so that logic is written and tested once.
 *
 * Generated code (sketch):
 *   retrieve(userID: string, params: UserRetrieveParams, options?: RequestOptions) {
 *     return this._client.request(ops.retrieveProjectUser, { ...params, user_id: userID }, options);
 *   }
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

export interface QueryParamSpec {
  /** Name on the wire, e.g. `project_ids[]`. */
  wire: string;
  /**
   * `form`: `k=v`, arrays repeat `k=a&k=b` (explode) or join with commas;
   * `brackets`: arrays as `k[]=a&k[]=b` (the wire name already ends in `[]`);
   * `deepObject`: objects as `k[sub]=v`;
   * `pipeDelimited`, `spaceDelimited`: arrays as `k=a|b`, `k=a%20b` (not
   * exploded; exploded, as form).
   */
  style: 'form' | 'brackets' | 'deepObject' | 'pipeDelimited' | 'spaceDelimited';
  explode?: boolean;
}

export interface PaginationSpec {
  /**
   * `single`: one page the request cannot ask past (openai-node's `Page`).
   * `next_link`: each page gives the next page's URL. `page_number`: the page
   * param goes up by one. `offset`: the offset goes up by the items received.
   */
  style: 'cursor' | 'cursor_before' | 'next_cursor' | 'page_token' | 'next_link' | 'page_number' | 'offset' | 'single';
  /** Request param carrying the cursor: `after`, `page`, `cursor`, `pageToken`, `offset`… (empty for `next_link`, `single`). */
  requestParam: string;
  /** Response field giving the next cursor: `last_id`, `next`, `next_page`, `next_cursor`, `nextPageToken`, `nextLink`… */
  cursorField: string;
  /** Response field with the items: `data`, or a token list's one array; empty when the body is the array. */
  itemsField: string;
  /** `next_link`: the path to a nested next URL (`['meta', 'next_page_url']`, `['_links', 'next', 'href']`). */
  cursorPath?: string[];
  /** The path to nested items (`['_embedded', 'orders']`). */
  itemsPath?: string[];
  /** `page_number`: the first page's number (1, or 0). */
  firstPage?: number;
  /** `page_number`: the path to the page count; `offset`: to the item count. */
  totalPath?: string[];
  /** `page_number`, `offset`: the request param (wire name) sizing a page: a page shorter than the size sent is the last. */
  sizeParam?: string;
  /**
   * The RFC 8288 `Link` header's `rel="next"` pages the list: a response with
   * paging links there is walked by them (no `next`: the end); one without
   * is walked by the style.
   */
  linkHeader?: boolean;
  /** Absent for a token list without one: a null, empty or absent next token ends the walk. */
  hasMoreField?: string;
  /**
   * The request param that pages backwards (`before`, `ending_before`): a walk
   * whose first request has it goes on backwards, with the first item's id
   * (or `first_id`) there and no forward cursor.
   */
  beforeParam?: string;
}

/**
 * `json` (the default): a JSON body. `multipart`: multipart/form-data.
 * `json-or-multipart`: multipart when any field holds an upload, JSON otherwise
 * (openai-node's maybeMultipartFormRequestOptions). `form`:
 * application/x-www-form-urlencoded. `raw`: a string or bytes sent as-is with
 * `contentType` (e.g. application/sdp).
 */
export type BodyEncoding = 'json' | 'multipart' | 'json-or-multipart' | 'form' | 'raw';

export interface BodySpec {
  contentType: string;
  /** Clean param name → JSON key of a flattened object body. */
  fields?: Record<string, string>;
  /** The one param that is the entire body. */
  whole?: string;
  /** Absent: `json`, or inferred from `contentType` for older tables. */
  encoding?: BodyEncoding;
  /** Clean param names whose values are uploads (the binary fields of a multipart body). */
  files?: string[];
  /**
   * Multipart only: clean param name → the part's Content-Type (OpenAPI's
   * `encoding.<prop>.contentType`). A JSON type sends the value as JSON
   * text; another type is set on the part.
   */
  partTypes?: Record<string, string>;
  /**
   * Clean param name → the `style`/`explode` of its `encoding` entry: form
   * bodies, and multipart ones of an OpenAPI 3.1+ document (each pair a part).
   * `deepObject` sends objects as `key[prop]` and arrays indexed (`key[0]=a`).
   */
  styles?: Record<string, FieldStyleSpec>;
}

/** A body field's serialization, as a query param of that style would go (`explode` defaults to `style === 'form'`). */
export interface FieldStyleSpec {
  style: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
}

/**
 * How multipart and form bodies spell arrays and objects. `openapi` (the
 * default): OpenAPI's rules. `brackets`: openai-node's, `key[]` and `key[prop]`.
 */
export type FormStyle = 'openapi' | 'brackets';

export type ResponseKind = 'json' | 'text' | 'binary' | 'empty';

export interface StreamSpec {
  /** The body field that turns streaming on when `true`; absent: always streams. */
  param?: string;
}

/**
 * A retrieve whose response's `status` says whether the work is done: the
 * generated `poll` helpers (polling.ts) retrieve it again while the status is
 * one of `pending`. Header names come from the target config's `polling:`.
 */
export interface PollSpec {
  /** `status` values meaning the work goes on; any other value ends the poll. */
  pending: string[];
  /** Response header giving the milliseconds to wait before the next retrieve (`openai-poll-after-ms`). */
  intervalHeader?: string;
  /** Request header sent as `true` on every retrieve of a poll (`X-Stainless-Poll-Helper`). */
  markerHeader?: string;
  /** Request header carrying the caller's `pollIntervalMs`, when one was given (`X-Stainless-Custom-Poll-Interval`). */
  customIntervalHeader?: string;
}

export interface OperationSpec {
  /** Stable operation key, e.g. `admin.organization.projects.users.retrieve`. */
  key: string;
  method: HttpMethod;
  /** Path template relative to the base URL, e.g. `/organization/projects/{project_id}`. */
  path: string;
  /**
   * The operation's own server, when the document gives it one that differs
   * from the API's: used instead of the default base URL, never instead of a
   * base URL the client was given (option or env var).
   */
  baseURL?: string;
  /** Param names substituted into the path, in template order. */
  pathParams: string[];
  /**
   * Path params not in the default style (`simple`, not exploded): `label`
   * (`.a,b`), `matrix` (`;name=a,b`), or exploded (`.a.b`, `;name=a;name=b`,
   * objects as `k=v`).
   */
  pathStyles?: Record<string, { style: 'simple' | 'label' | 'matrix'; explode?: true }>;
  /** Clean param name → query encoding. */
  query?: Record<string, QueryParamSpec>;
  /** Clean param name → header name. */
  headers?: Record<string, string>;
  /** Header params whose object value is sent exploded (`k=v,k2=v2`, not `k,v,k2,v2`). */
  explodedHeaders?: string[];
  /** Clean param name → cookie name (sent in the `Cookie` header). */
  cookies?: Record<string, string>;
  /**
   * Clean param name → the one value the API takes for it (a required
   * single-value enum or `const`, as `api-version` or `X-Amz-Target`): sent
   * when the params give none (`undefined`); a given value wins.
   */
  fixed?: Record<string, string | number | boolean>;
  /**
   * Request body: `fields` maps clean param names to JSON keys of a flattened
   * object body; `whole` names the one param that is the entire body;
   * `encoding` says how it goes on the wire.
   */
  body?: BodySpec;
  /**
   * How the 2xx body is read (absent = `json`): `text` resolves to a string,
   * `binary` to the raw fetch `Response` with its body unread (as openai-node's
   * audio.speech.create and files.content), `empty` to undefined.
   */
  response?: ResponseKind;
  /**
   * Properties of a JSON response that the API never sends and the client
   * fills in (the config's `computed:`): property → the path whose strings
   * are joined into it, as `output[type=message].content[type=output_text].text`
   * gives a Responses `Response` its `output_text` (see fillComputed).
   */
  computed?: Record<string, string>;
  /**
   * Present when a 2xx response offers `text/event-stream`. `param` names the
   * body field that switches streaming on (`stream: true`); without `param`
   * the operation always streams. A streaming call resolves to a `Stream`.
   */
  stream?: StreamSpec;
  pagination?: PaginationSpec;
  /** A retrieve the `poll` helpers repeat until its `status` is no longer pending. */
  poll?: PollSpec;
  /** False when the operation needs no credentials. */
  auth: boolean;
  /** A key is sent when the client has one the operation accepts, and none is needed (`security: [{}, …]`). */
  authOptional?: boolean;
  /** Security schemes the operation accepts, in preference order (only when the API has several). */
  schemes?: string[];
  /**
   * When schemes go together: the alternatives in preference order, each the
   * schemes sent at once (an API key and an app id); the first the client has
   * every key of is used.
   */
  requirements?: string[][];
}
