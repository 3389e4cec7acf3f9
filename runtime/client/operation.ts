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
   * `deepObject`: objects as `k[sub]=v`.
   */
  style: 'form' | 'brackets' | 'deepObject';
  explode?: boolean;
}

export interface PaginationSpec {
  style: 'cursor' | 'cursor_before' | 'next_cursor' | 'page_token';
  /** Request param carrying the cursor: `after` or `page`. */
  requestParam: string;
  /** Response field giving the next cursor: `last_id`, `next` or `next_page`. */
  cursorField: string;
  itemsField: string;
  hasMoreField: string;
}

export interface OperationSpec {
  /** Stable operation key, e.g. `admin.organization.projects.users.retrieve`. */
  key: string;
  method: HttpMethod;
  /** Path template relative to the base URL, e.g. `/organization/projects/{project_id}`. */
  path: string;
  /** Param names substituted into the path, in template order. */
  pathParams: string[];
  /** Clean param name → query encoding. */
  query?: Record<string, QueryParamSpec>;
  /** Clean param name → header name. */
  headers?: Record<string, string>;
  /**
   * Request body: `fields` maps clean param names to JSON keys of a flattened
   * object body; `whole` names the one param that is the entire body.
   */
  body?: {
    contentType: string;
    fields?: Record<string, string>;
    whole?: string;
    /**
     * Absent = JSON. `json-or-multipart`: multipart when any field holds an
     * upload, JSON otherwise. `form`: application/x-www-form-urlencoded.
     * `raw`: a string or bytes sent as-is with `contentType` (e.g. application/sdp).
     */
    encoding?: 'json' | 'multipart' | 'json-or-multipart' | 'form' | 'raw';
    /** Clean param names whose values are uploads (binary fields of a multipart body). */
    files?: string[];
  };
  /**
   * How a success response is read; absent = JSON. `binary`: the method
   * resolves to the raw fetch `Response`; `text`: a string; `empty`: nothing.
   */
  response?: 'json' | 'text' | 'binary' | 'empty';
  /**
   * Present when a 2xx response offers text/event-stream: `param` names the
   * body field that switches streaming on (e.g. `stream`); absent means the
   * operation always streams.
   */
  stream?: { param?: string };
  pagination?: PaginationSpec;
  /** False when the operation needs no credentials. */
  auth: boolean;
  /** Security schemes the operation accepts, in preference order (only when the API has several). */
  schemes?: string[];
}
