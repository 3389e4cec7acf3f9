/**
 * The command table: the data contract between the CLI emitter (which writes
 * it as `src/commands.json`) and this runtime (which reads it). It is plain
 * JSON so that loading it costs one `JSON.parse`, not a module graph.
 */

import type { HeaderOptionFlag, MoreAuth, ServerVarFlag } from './globals.js';

/**
 * Value kinds a flag can take; `json` accepts any JSON/YAML value; `file` is
 * an upload, given as `@PATH`, a path, or `-` for stdin (see uploads.ts).
 */
export type ScalarType = 'string' | 'integer' | 'number' | 'boolean';
export type FlagType = ScalarType | 'object' | 'array' | 'json' | 'file';

/** One property of an object flag, reachable as `--flag.prop value`. */
export interface FlagProperty {
  /** The JSON key, also accepted after the dot (`--notification-channel.subject_prefix`). */
  name: string;
  /** The kebab-case spelling shown in help and completion (`subject-prefix`), when it differs from `name`. */
  flag?: string;
  type: Exclude<FlagType, 'array' | 'file'> | 'array';
  /** Item type when `type` is `array`. */
  items?: Exclude<FlagType, 'array' | 'file'>;
  required?: boolean;
  choices?: Array<string | number | boolean>;
  description?: string;
  /** The fields of an object (or of each item of a list of objects), typed the same way (`--person.address.zip`). */
  properties?: FlagProperty[];
}

export interface FlagSpec {
  /** The flag without dashes, e.g. `event-type` (singular for arrays). */
  flag: string;
  /** Other accepted spellings, e.g. the plural `event-types`. */
  aliases?: string[];
  /** Param name in the client's params object, e.g. `event_types`. */
  name: string;
  /** JSON key of a body field when it differs from `name`. */
  wire?: string;
  in: 'path' | 'query' | 'header' | 'cookie' | 'body';
  type: FlagType;
  /** Item type of an array flag; each occurrence of the flag adds one item. */
  items?: Exclude<FlagType, 'array'>;
  /** An array flag whose schema also takes one item alone (`file | file[]`): one occurrence sends the item, not a list. */
  single?: boolean;
  /**
   * A `json` or `object` flag whose schema also takes an upload (`file | {file_id}`):
   * a value `@PATH` or `-` sends a file, anything else is parsed as usual.
   */
  upload?: boolean;
  required: boolean;
  /** Documented default (shown in help; the server applies it). */
  default?: unknown;
  /** Allowed values (for arrays: of each item). */
  choices?: Array<string | number | boolean>;
  /** Inclusive bounds of a number flag, checked before any request unless `proseFacets` names them. */
  minimum?: number;
  maximum?: number;
  /**
   * Facets the API states only in its description (the IR's `proseFacets`):
   * help shows them, a value outside such a bound gets a warning, never a refusal.
   */
  proseFacets?: Array<'minimum' | 'maximum' | 'default'>;
  description?: string;
  deprecated?: boolean;
  /** Properties of an object flag (or of the items of an array of objects). */
  properties?: FlagProperty[];
}

export type PaginationStyle =
  'cursor' | 'cursor_before' | 'next_cursor' | 'page_token' | 'next_link' | 'page_number' | 'offset';

export interface CommandSpec {
  group: string;
  command: string;
  /** Operation key, e.g. `admin.organization.projects.users.retrieve`. */
  key: string;
  /** Accessor chain on the client, the last element is the method. */
  clientPath: string[];
  /** HTTP method (upper case) and path template, for help and docs. */
  http: string;
  path: string;
  summary?: string;
  description?: string;
  /** Param passed positionally to the client method (the last path param). */
  positional?: string;
  /** Whether the client method takes a params object after the positional. */
  takesParams: boolean;
  flags: FlagSpec[];
  /**
   * Request body: `whole` names the param that is the entire body (a
   * non-object body); otherwise body fields are flags with `in: 'body'`.
   */
  body?: {
    required: boolean;
    whole?: string;
    contentType: string;
    /** As the client's OperationSpec: absent = JSON; `multipart`, `json-or-multipart`, `form` or `raw`. */
    encoding?: 'multipart' | 'json-or-multipart' | 'form' | 'raw';
    /** Params (by `name`) whose values are uploads. */
    files?: string[];
  };
  /**
   * A body that needs one of several forms (urlbox's `url` or `html`): each
   * list names (by `name`) the flags one form sets. A call that gives none of
   * the forms, by flags or in the --data body, is a usage error.
   */
  requiredAnyOf?: string[][];
  /** How the response is read when it is not JSON: `binary` bytes, `text`, or `empty`. */
  response?: 'text' | 'binary' | 'empty';
  /**
   * The command can stream server-sent events: when param `param` is `value`
   * (default `true`; e.g. `stream_format: sse`), or always when `param` is absent.
   */
  stream?: { param?: string; value?: string | number | boolean };
  /**
   * How pages chain: request param `requestParam` takes response field
   * `cursorField`; a next-link list (no request param) requests the URL the
   * client's page gives, a page-number or offset list the number it counts.
   */
  pagination?: {
    style: PaginationStyle;
    requestParam: string;
    cursorField: string;
    itemsField: string;
    /** Absent for a token list without one: the next token alone says whether there is more. */
    hasMoreField?: string;
    /** The param that pages backwards (`before`): a walk that starts with it goes on with it. */
    beforeParam?: string;
    /** Pages also come by the `Link` header's next URL (a bare-array list): `--page-url` resumes at one. */
    linkHeader?: boolean;
  };
  readOnly: boolean;
  destructive: boolean;
  deprecated?: boolean;
  auth: boolean;
}

export interface GroupSpec {
  name: string;
  title?: string;
  description?: string;
}

export interface CommandTable {
  /** Binary name, e.g. `openai-admin`. */
  bin: string;
  title: string;
  /** Version of the CLI package (it bundles the client of the same version). */
  version: string;
  /** Version of the API description the table was generated from. */
  apiVersion: string;
  /** The credential flag and its env var, from the IR auth scheme. */
  auth?: {
    flag: string;
    env: string;
    clientOption: string;
    /** HTTP basic: the value is `user:password`. */ basic?: boolean;
  };
  /** The API's other security schemes: a key flag and env var each, passed as these client options. */
  moreAuth?: MoreAuth[];
  /** Variables of the API's server URL, each a global flag. */
  serverVariables?: ServerVarFlag[];
  /** Client options sent as headers (OpenAI's organization and project), each a global flag. */
  headerOptions?: HeaderOptionFlag[];
  baseURL: { env: string; default: string };
  groups: GroupSpec[];
  commands: CommandSpec[];
}
