/**
 * The shape of `tools.json`, the generated tool table. It is plain JSON data
 * (cheap to load and to typecheck); `tools` is exactly what `tools/list`
 * sends once the schemas a large table stores once (`schemas`) are back in
 * place (shared-schemas.ts), and `calls` tells the executor how to reach the
 * generated client.
 */

export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface JsonSchemaObject {
  type: 'object';
  properties?: Record<string, unknown>;
  required?: string[];
  [key: string]: unknown;
}

export interface ToolDef {
  name: string;
  description: string;
  inputSchema: JsonSchemaObject;
  outputSchema?: JsonSchemaObject;
  annotations: ToolAnnotations;
}

export interface PageSpec {
  style: 'cursor' | 'cursor_before' | 'next_cursor' | 'page_token' | 'next_link' | 'page_number' | 'offset';
  /**
   * Input property (and client param) that carries the cursor, e.g. `after` or `page`; for a
   * next-link list an input of its own (`page_url`) that the client gets as its `pageURL` option.
   */
  requestParam: string;
  /**
   * A list paged by the `Link` response header besides a page number: the
   * input of its own (`page_url`) that resumes at a next page URL (a URL
   * next_cursor); a number next_cursor goes back in `requestParam`.
   */
  linkParam?: string;
  /** Response field with the next cursor: `last_id`, `next`, `next_page`, `next_cursor`, `nextPageToken`… */
  cursorField: string;
  /** Response field with the items; empty when the body is the array. */
  itemsField: string;
  /** Absent for a token list without one: the next token alone says whether there is more. */
  hasMoreField?: string;
  /** Input property that pages backwards (`before`): a call with it walks backwards, from the first item's id. */
  beforeParam?: string;
  /** Input property with the page size (`limit`), when the operation has one. */
  sizeParam?: string;
  /** Its largest accepted value: the page size used when only `max_items` is given. */
  sizeMax?: number;
  /** The API's page size when none is sent; a smaller budget leaves the size unsent. */
  sizeDefault?: number;
}

export interface CallSpec {
  /** Operation key in the normalized spec. */
  op: string;
  /** Resource key, matched by `--resource <glob>`. */
  resource: string;
  /** `GET /organization/projects`, for search and docs. */
  http: string;
  /** Accessor chain on the client instance, the last element is the method. */
  client: string[];
  /** Input property passed as the positional argument (the last path param). */
  positional?: string;
  /** Input property → client param name, for everything else (in order). */
  args: Record<string, string>;
  /** Alternative spellings accepted on input → input property (e.g. `project_ids[]`). */
  aliases?: Record<string, string>;
  page?: PageSpec;
  /** Input properties whose values are uploads (multipart file fields). */
  files?: string[];
  /** How the response is read when it is not JSON: `binary` bytes, `text`, or `empty`. */
  response?: 'text' | 'binary' | 'empty';
  /** The operation can stream server-sent events: when input `param` is true, or always when absent. */
  stream?: { param?: string };
  /**
   * Bounds the API states only in prose ("Limit can range between 1 and 100"), by
   * input property: the schema shows them to the model, the server never refuses
   * a call because of them (the API decides).
   */
  proseBounds?: Record<string, Array<'minimum' | 'maximum'>>;
  /**
   * A union body's forms (`url`, or `html`), by input property: a call gives
   * every property of one list. Kept out of the listed schema (no top-level
   * `anyOf` there); the description states it and the server checks it.
   */
  requiredAnyOf?: string[][];
}

/** One argument (name and description) that many tools share; see shared-docs.ts. */
export interface SharedArgument {
  name: string;
  description: string;
  tools: string[];
}

export interface ToolTable {
  $generated?: string;
  server: { name: string; version: string; title: string };
  /** Env var with the API key (empty when the API has no auth), env var with the base URL, client option name. */
  env: {
    key: string;
    baseURL: string;
    clientOption: string;
    more?: Array<{ key: string; clientOption: string }>;
    /** Some operations need no key: calls start without one (the client fails the others, naming it). */
    keyOptional?: boolean;
  };
  /** Tool-name prefix, also used for the dynamic-mode meta-tools. */
  prefix: string;
  /** Default and ceiling of `max_items` on list tools. */
  maxItems: { default: number; max: number };
  tools: ToolDef[];
  /**
   * Big schemas that recur across tools, stored once; `{"$shared": "<key>"}`
   * stands for one in `tools` (see shared-schemas.ts). The server expands them
   * at start-up, so what it lists carries no marker.
   */
  schemas?: Record<string, unknown>;
  calls: Record<string, CallSpec>;
  /** Argument descriptions listed once in the server instructions instead of in each of these tools. */
  sharedArguments?: SharedArgument[];
  /** Variables of the API's server URL (`https://{region}.api.example.com`): a server flag and an env var each. */
  serverVariables?: ServerVariableOption[];
  /** Client options sent as a header on every request (OpenAI's organization): a server flag, else an env var. */
  headerOptions?: HeaderOption[];
}

export interface HeaderOption {
  /** Server flag without dashes, e.g. `organization`. */
  flag: string;
  clientOption: string;
  header: string;
  /** Env var read when the flag is not given, e.g. `OPENAI_ORG_ID`. */
  env?: string;
}

export interface ServerVariableOption {
  /** Server flag without dashes, e.g. `region`. */
  flag: string;
  /** Env var the client reads, e.g. `PAGERDUTY_REGION`; the flag sets it. */
  env: string;
  clientOption: string;
  default: string;
  choices?: string[];
}

/** The cursor arguments list tools take (`after`, `page`), sorted: for the instructions and the README. */
export function cursorParams(table: ToolTable): string[] {
  return [
    ...new Set(
      Object.values(table.calls).flatMap((c) =>
        c.page ? [c.page.requestParam, ...(c.page.linkParam ? [c.page.linkParam] : [])] : [],
      ),
    ),
  ].sort();
}

/** The backward cursor arguments of the list tools (`before`), sorted. */
export function backwardCursorParams(table: ToolTable): string[] {
  return [
    ...new Set(Object.values(table.calls).flatMap((c) => (c.page?.beforeParam ? [c.page.beforeParam] : []))),
  ].sort();
}

/** Lists that stop at whole pages, by the name the instructions give them, in this order. */
const WHOLE_PAGE_STYLES: Array<[PageSpec['style'], string]> = [
  ['page_token', 'page-token'],
  ['next_link', 'next-link'],
  ['page_number', 'page-number'],
  ['offset', 'offset'],
];

/** The kinds of list the table has that stop at whole pages (`page-token`, `next-link`…). */
export function wholePageStyles(table: ToolTable): string[] {
  const styles = new Set(Object.values(table.calls).map((c) => c.page?.style));
  return WHOLE_PAGE_STYLES.filter(([style]) => styles.has(style)).map(([, name]) => name);
}
