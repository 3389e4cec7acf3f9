/**
 * The per-target config (`spec/<target>/config.yaml`): scope, package names,
 * auth, and a short list of naming overrides for what inference cannot know.
 * A new target gets the same structure inferred from the document.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as jsYaml from 'js-yaml';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { GeneratorError, pointer } from '../errors.js';
import { locatePointer } from '../load/locate.js';
import type { ClientHeaderOption, MethodKind, PackageNames, PollingHeaders } from '../ir/types.js';
import type { PollOverride } from './polling.js';
import { camelCase, envPrefix, kebabCase, RESERVED_WORDS, snakeCase } from '../names.js';
import { globalFlags } from '../../runtime/cli/globals.js';
import { structuralRewrites } from './path-prefix.js';
import { productName } from './product-name.js';
import { coreClientOptions, mcpServerFlags, safeClientClass } from './reserved.js';
import { schemeNames } from './auth-names.js';
import { CUSTOM_FILE } from '../ir/custom-code.js';
import { documentedSchemeOrder, sameSchemes } from './spec-parts.js';

export interface OperationOverride {
  /** Dotted resource key, e.g. `admin.organization.usage`. */
  resource?: string;
  /** Method name; `$1` is replaced by the first `*` capture of the pattern. */
  method?: string;
  kind?: MethodKind;
  /** MCP tool name without the prefix, e.g. `retrieve_organization_spend_limit`. */
  mcpName?: string;
  /** Replaces the rule-derived hints (MCP annotations) key by key; see `hintsFor` in operations.ts. */
  hints?: HintOverride;
  /**
   * How the success response is read, over the media rules of media.ts: e.g.
   * `binary` for a download the document types as a JSON string.
   */
  response?: (typeof RESPONSE_KINDS)[number];
  /**
   * More client method names for the same call, marked deprecated (openai-node's
   * `fineTuning.checkpoints.permissions.retrieve` beside `list`): snake case, as `method`.
   */
  aliases?: string[];
  /**
   * A retrieve's poll helpers (polling.ts): `false` for none (on a create or
   * action: no `<method>AndPoll` after it), or `pending:` the `status` values
   * that mean the work goes on (over the inferred ones), `wait:` the name of
   * a method of openai-node's `files.waitForProcessing` kind, and
   * `positional: true` for a `poll` that takes every path param as an argument.
   */
  poll?: PollOverride | false;
}

export interface CustomMethodConfig {
  file: string;
  export: string;
  description?: string;
}

export const RESPONSE_KINDS = ['json', 'text', 'binary', 'empty'] as const;

export const FORM_STYLES = ['openapi', 'brackets'] as const;

export interface HintOverride {
  readOnly?: boolean;
  destructive?: boolean;
  idempotent?: boolean;
}

const HINT_KEYS = ['readOnly', 'destructive', 'idempotent'] as const;

export interface AuthConfig {
  /** Security scheme name in the document. */
  scheme: string;
  envVar: string;
  clientOption: string;
  /** What a key looks like, shown in generated docs (e.g. `sk-admin-...`). */
  example?: string;
}

export interface TargetConfig {
  target: string;
  /**
   * Path globs (`*` one segment, `**` any) of the operations in scope, and
   * name globs of the document's webhooks in scope (none when absent).
   */
  scope: { include: string[]; exclude?: string[]; webhooks?: string[] };
  /** First resource segment, e.g. `admin` (none when absent). */
  root?: string;
  /**
   * Leading resource segments left out of type prefixes: a count (`admin.organization` → 2),
   * or dotted resource prefixes (`[admin.organization, beta]`), the longest match left out.
   */
  typePrefixSkip?: number | string[];
  baseURL?: string;
  /** Product name shown in READMEs, help and docs; default the document's `info.title`. */
  title?: string;
  packages: PackageNames;
  auth: AuthConfig[];
  /** Prefix rewrites applied to paths before naming, e.g. `/projects/` → `/organization/projects/`; the first matching `from` applies. */
  pathRewrites?: Array<{ from: string; to: string }>;
  /** Extra verbs a path's last segment may be an action by (`/runs/{id}/cancel`), beyond the built-in verb lists. */
  actionVerbs?: string[];
  /** `METHOD /path` (globs allowed) → override. Exact keys win over globs. */
  operations?: Record<string, OperationOverride>;
  /** operationId → MCP tool name without the prefix, for ugly ids. */
  mcpNames?: Record<string, string>;
  /** Path glob → MCP tool-name prefix for the operations under it (else `packages.toolPrefix`); first match wins. */
  mcpPrefixes?: Record<string, string>;
  /** Document schema name → type name, for the names an SDK already established (`CreateChatCompletionStreamResponse: ChatCompletionChunk`). */
  types?: Record<string, string>;
  /** Client options sent as a header on every request (`organization` → `OpenAI-Organization`, env `OPENAI_ORG_ID`). */
  clientHeaders?: ClientHeaderOption[];
  /**
   * Properties the API never sends but an SDK fills in from the rest of the
   * response (`Response.output_text`: `output[type=message].content[type=output_text].text`):
   * type name → property → the path whose strings are joined into it (see
   * runtime/client/responses.ts fillComputed for the grammar).
   */
  computed?: Record<string, string>;
  /**
   * Hand-written client code: `methods` maps `<resource key>.<method>` to the
   * export of a file in spec/<target>/custom/ that the method calls with the
   * resource and its own arguments (see CustomMethod in ir/types.ts).
   */
  custom?: { methods: Record<string, CustomMethodConfig> };
  /**
   * The header the client sends a generated key in on every write, kept
   * across its retries so the server can tell a retry from a new request
   * (`Idempotency-Key`, as openai-node sends); `null`: none. Absent: the one
   * the document's operations declare, else none (see idempotencyHeaderOf).
   */
  idempotencyHeader?: string | null;
  /**
   * How multipart and form bodies spell arrays and objects: `openapi` (the
   * default) follows the OpenAPI rules, `brackets` openai-node's `key[]` and
   * `key[prop]` parts, for an API whose server reads those (see
   * NormalizedSpec.formStyle).
   */
  formStyle?: (typeof FORM_STYLES)[number];
  /**
   * The headers of the client's poll helpers (NormalizedSpec.polling):
   * `intervalHeader` (response, ms to wait), `markerHeader` (request, sent
   * `true`), `customIntervalHeader` (request, the caller's `pollIntervalMs`).
   */
  polling?: PollingHeaders;
  /**
   * True for a target whose config was inferred (by this import, or by an
   * earlier one that wrote it with an `inferred:` section, which the user may
   * remove): operations whose names clash or whose operationIds repeat are
   * named after their operationIds rather than stopping the import.
   */
  inferred?: boolean;
  /** Inferred targets: what the package names were made of (for the report), e.g. `the title \`PagerDuty API\``. */
  namedFrom?: string;
}

export async function readConfig(dir: string, target: string): Promise<TargetConfig | undefined> {
  const file = join(dir, 'config.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let raw: any;
  try {
    // js-yaml, which the import has loaded and warmed for the document anyway (YAML 1.2 core schema, as `yaml`'s parse).
    raw = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    // `yaml` says where the fault is, in its words; a text only js-yaml refuses is read as `yaml` reads it.
    try {
      raw = parseYaml(text);
    } catch (e) {
      const pos = (e as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
      throw new GeneratorError(`The target config is not valid YAML: ${(e as Error).message.split('\n')[0]}`, { file, line: pos?.line, column: pos?.col });
    }
  }
  if (!raw || typeof raw !== 'object') throw new GeneratorError('The target config must be a YAML mapping.', { file, line: 1 });
  for (const key of ['scope', 'packages', 'auth'] as const) {
    if (!raw[key]) throw new GeneratorError(`The target config lacks \`${key}\`.`, { file }, 'See spec/openai-admin/config.yaml for the fields.');
  }
  const cfg = withInferredState(raw) as TargetConfig;
  cfg.target = cfg.target ?? target;
  if (cfg.target !== target) {
    throw new GeneratorError(`The config says target \`${cfg.target}\` but the import targets \`${target}\`.`, { file }, 'Fix `target:` in the config or pass the matching --target.');
  }
  checkHintOverrides(cfg, file, text);
  checkNamingMaps(cfg, file, text);
  checkResponseOverrides(cfg, file, text);
  checkClientHeaders(cfg, file, text);
  checkComputed(cfg, file, text);
  checkCustom(cfg, file, text);
  checkPolling(cfg, file, text);
  const idem = cfg.idempotencyHeader as unknown;
  if (idem !== undefined && idem !== null && (typeof idem !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(idem))) {
    throw new GeneratorError('`idempotencyHeader` must be a header name, or null for none.', { file, ...locatePointer(text, pointer('idempotencyHeader')) }, 'Write e.g. `idempotencyHeader: Idempotency-Key`.');
  }
  if (cfg.formStyle !== undefined && !FORM_STYLES.includes(cfg.formStyle)) {
    throw new GeneratorError(`\`formStyle\` must be one of ${FORM_STYLES.map((s) => `\`${s}\``).join(', ')}.`, { file, ...locatePointer(text, pointer('formStyle')) }, 'Write `formStyle: brackets` for openai-node\'s `key[]`/`key[prop]` parts, or leave it out for OpenAPI\'s rules.');
  }
  return cfg;
}

/**
 * `clientHeaders`: a list of `{ header, clientOption, envVar?, description? }`,
 * each option a free identifier (not a core option nor a credential's) whose
 * kebab-case spelling is no flag of the CLI or MCP server (it becomes one), and each
 * header an HTTP token, none twice.
 */
function checkClientHeaders(cfg: TargetConfig, file: string, text: string): void {
  const list = cfg.clientHeaders as unknown;
  if (list === undefined) return;
  const at = (...path: Array<string | number>) => ({ file, ...locatePointer(text, pointer('clientHeaders', ...path.map(String))) });
  const example = 'Write e.g. `clientHeaders: [{ header: OpenAI-Organization, clientOption: organization, envVar: OPENAI_ORG_ID }]`.';
  if (!Array.isArray(list)) throw new GeneratorError('`clientHeaders` must be a list.', at(), example);
  const taken = new Set([...coreClientOptions(), ...(cfg.auth ?? []).map((a) => a.clientOption)]);
  const takenFlags = new Set([...globalFlags({ flag: 'api-key', env: '' }, '', []).map((g) => g.flag), ...mcpServerFlags(), ...[...taken].map(kebabCase), 'help', 'no-help', 'version']);
  const headers = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const e = entry as Record<string, unknown>;
    if (!e || typeof e !== 'object' || Array.isArray(e)) throw new GeneratorError(`\`clientHeaders[${i}]\` must be a mapping.`, at(i), example);
    for (const key of Object.keys(e)) {
      if (!['header', 'clientOption', 'envVar', 'description'].includes(key)) throw new GeneratorError(`\`clientHeaders[${i}]\` has an unknown key \`${key}\`.`, at(i, key), 'The keys are `header`, `clientOption`, `envVar` and `description`.');
    }
    if (typeof e.header !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(e.header)) throw new GeneratorError(`\`clientHeaders[${i}].header\` must be a header name.`, at(i, 'header'), example);
    if (typeof e.clientOption !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(e.clientOption) || RESERVED_WORDS.has(e.clientOption)) {
      throw new GeneratorError(`\`clientHeaders[${i}].clientOption\` must be an identifier.`, at(i, 'clientOption'), example);
    }
    if (taken.has(e.clientOption)) throw new GeneratorError(`\`clientHeaders[${i}].clientOption\` \`${e.clientOption}\` is already a client option.`, at(i, 'clientOption'), 'Pick another name.');
    if (takenFlags.has(kebabCase(e.clientOption))) {
      throw new GeneratorError(`\`clientHeaders[${i}].clientOption\` \`${e.clientOption}\` would be the flag \`--${kebabCase(e.clientOption)}\`, which the CLI or the MCP server already has.`, at(i, 'clientOption'), 'Pick another name.');
    }
    if (headers.has(e.header.toLowerCase())) throw new GeneratorError(`\`clientHeaders[${i}].header\` \`${e.header}\` is listed twice.`, at(i, 'header'));
    if (e.envVar !== undefined && (typeof e.envVar !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(e.envVar))) throw new GeneratorError(`\`clientHeaders[${i}].envVar\` must be an environment variable name.`, at(i, 'envVar'), example);
    if (e.description !== undefined && typeof e.description !== 'string') throw new GeneratorError(`\`clientHeaders[${i}].description\` must be text.`, at(i, 'description'));
    taken.add(e.clientOption);
    takenFlags.add(kebabCase(e.clientOption));
    headers.add(e.header.toLowerCase());
  });
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const POLLING_KEYS = ['intervalHeader', 'markerHeader', 'customIntervalHeader'] as const;

/** `polling:` maps its three keys to header names; `operations.<key>.poll` is `false` or `{ pending?, wait? }`. */
function checkPolling(cfg: TargetConfig, file: string, text: string): void {
  const at = (...path: string[]) => ({ file, ...locatePointer(text, pointer(...path)) });
  const polling = cfg.polling as unknown;
  if (polling !== undefined) {
    const example = 'Write e.g. `polling: { intervalHeader: openai-poll-after-ms, markerHeader: X-Stainless-Poll-Helper }`.';
    if (!polling || typeof polling !== 'object' || Array.isArray(polling)) throw new GeneratorError('`polling` must be a mapping.', at('polling'), example);
    for (const [k, v] of Object.entries(polling)) {
      if (!(POLLING_KEYS as readonly string[]).includes(k)) throw new GeneratorError(`\`polling\` has an unknown key \`${k}\`.`, at('polling', k), `The keys are ${POLLING_KEYS.map((x) => `\`${x}\``).join(', ')}.`);
      if (typeof v !== 'string' || !HEADER_NAME.test(v)) throw new GeneratorError(`\`polling.${k}\` must be a header name, not ${JSON.stringify(v)}.`, at('polling', k), example);
    }
  }
  for (const [key, o] of Object.entries(cfg.operations ?? {})) {
    const poll = (o as { poll?: unknown } | null)?.poll;
    if (poll === undefined || poll === false) continue;
    const example = 'Write `poll: false` for no poll helpers, or e.g. `poll: { pending: [queued, in_progress], wait: wait_for_processing, positional: true }`.';
    const fail = (message: string, ...path: string[]): never => {
      throw new GeneratorError(`Operation override \`${key}\`: ${message}`, at('operations', key, 'poll', ...path), example);
    };
    if (!poll || typeof poll !== 'object' || Array.isArray(poll)) fail(`\`poll\` must be false or a mapping, not ${JSON.stringify(poll)}.`);
    for (const [k, v] of Object.entries(poll as Record<string, unknown>)) {
      if (k === 'pending') {
        if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && x !== '')) fail(`\`poll.pending\` must be a non-empty list of status values, not ${JSON.stringify(v)}.`, k);
      } else if (k === 'wait') {
        if (typeof v !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v) || RESERVED_WORDS.has(camelCase(v))) fail(`\`poll.wait\` must be a method name, not ${JSON.stringify(v)}.`, k);
      } else if (k === 'positional') {
        if (typeof v !== 'boolean') fail(`\`poll.positional\` must be true or false, not ${JSON.stringify(v)}.`, k);
      } else fail(`\`poll\` has an unknown key \`${k}\` (the keys are \`pending\`, \`wait\` and \`positional\`).`, k);
    }
  }
}

/** A `computed:` path: `key` or `key[field=value]` steps joined by dots (runtime/client/responses.ts fillComputed reads it). */
export const COMPUTED_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\[[A-Za-z_][A-Za-z0-9_]*=[^\]]+\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[[A-Za-z_][A-Za-z0-9_]*=[^\]]+\])?)*$/;

/** `computed:` maps `Type.property` to a path. */
function checkComputed(cfg: TargetConfig, file: string, text: string): void {
  const map = cfg.computed as unknown;
  if (map === undefined) return;
  const at = (...path: string[]) => ({ file, ...locatePointer(text, pointer(...path)) });
  const example = 'Write e.g. `computed: { Response.output_text: output[type=message].content[type=output_text].text }`.';
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw new GeneratorError('`computed` must be a mapping.', at('computed'), example);
  for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*\.[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new GeneratorError(`\`computed.${k}\` must name a type and its property, as \`Type.property\`.`, at('computed', k), example);
    if (typeof v !== 'string' || !COMPUTED_PATH.test(v)) {
      throw new GeneratorError(`\`computed.${k}\` must be a path of \`key\` or \`key[field=value]\` steps joined by dots, not ${JSON.stringify(v)}.`, at('computed', k), example);
    }
  }
}

/** `custom.methods` maps `resource.key.method` to `{ file, export, description? }`. */
function checkCustom(cfg: TargetConfig, file: string, text: string): void {
  const custom = cfg.custom as unknown;
  if (custom === undefined) return;
  const at = (...path: string[]) => ({ file, ...locatePointer(text, pointer(...path)) });
  const example = 'Write e.g. `custom: { methods: { chat.completions.stream: { file: ChatCompletionStream.ts, export: stream } } }`.';
  const methods = (custom as { methods?: unknown } | null)?.methods;
  if (!custom || typeof custom !== 'object' || Array.isArray(custom) || !methods || typeof methods !== 'object' || Array.isArray(methods)) {
    throw new GeneratorError('`custom` must be a mapping with a `methods` mapping.', at('custom'), example);
  }
  for (const [key, value] of Object.entries(methods as Record<string, unknown>)) {
    if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new GeneratorError(`\`custom.methods.${key}\` must be a resource key and a method name joined by a dot, as \`chat.completions.stream\`.`, at('custom', 'methods', key), example);
    }
    const v = value as Partial<CustomMethodConfig> | null;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new GeneratorError(`\`custom.methods.${key}\` must be a mapping.`, at('custom', 'methods', key), example);
    if (typeof v.file !== 'string' || !CUSTOM_FILE.test(v.file)) {
      throw new GeneratorError(`\`custom.methods.${key}.file\` must name a .ts file in spec/${cfg.target}/custom/, not ${JSON.stringify(v.file)}.`, at('custom', 'methods', key, 'file'), example);
    }
    if (typeof v.export !== 'string' || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(v.export) || RESERVED_WORDS.has(v.export)) {
      throw new GeneratorError(`\`custom.methods.${key}.export\` must be the name of a function the file exports, not ${JSON.stringify(v.export)}.`, at('custom', 'methods', key, 'export'), example);
    }
    if (v.description !== undefined && typeof v.description !== 'string') throw new GeneratorError(`\`custom.methods.${key}.description\` must be text.`, at('custom', 'methods', key, 'description'));
  }
}

/** `types:` and `mcpPrefixes:` map strings to strings; `typePrefixSkip` is a count or a list of dotted resource prefixes. */
function checkNamingMaps(cfg: TargetConfig, file: string, text: string): void {
  const at = (...path: string[]) => ({ file, ...locatePointer(text, pointer(...path)) });
  for (const key of ['types', 'mcpPrefixes'] as const) {
    const map = cfg[key] as unknown;
    if (map === undefined) continue;
    if (!map || typeof map !== 'object' || Array.isArray(map)) {
      throw new GeneratorError(`\`${key}\` must be a mapping.`, at(key), key === 'types' ? 'Write e.g. `types: { CreateChatCompletionResponse: ChatCompletion }`.' : "Write e.g. `mcpPrefixes: { '/organization/**': openai_admin_ }`.");
    }
    for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
      if (typeof v !== 'string' || !v) throw new GeneratorError(`\`${key}.${k}\` must be a non-empty string, not ${JSON.stringify(v)}.`, at(key, k));
    }
  }
  const skip = cfg.typePrefixSkip as unknown;
  if (skip !== undefined && !(typeof skip === 'number' && Number.isInteger(skip) && skip >= 0) && !(Array.isArray(skip) && skip.every((x) => typeof x === 'string' && x))) {
    throw new GeneratorError('`typePrefixSkip` must be a count or a list of dotted resource prefixes.', at('typePrefixSkip'), 'Write e.g. `typePrefixSkip: 2` or `typePrefixSkip: [admin.organization, beta]`.');
  }
}

/** `operations.<key>.hints`: only the three known keys, booleans, and never read-only and destructive at once. */
function checkHintOverrides(cfg: TargetConfig, file: string, text: string): void {
  const ops = cfg.operations;
  if (!ops || typeof ops !== 'object') return;
  const fail = (key: string, path: Array<string>, message: string, hint: string): never => {
    throw new GeneratorError(`Operation override \`${key}\`: ${message}`, { file, ...locatePointer(text, pointer('operations', key, 'hints', ...path)) }, hint);
  };
  for (const [key, o] of Object.entries(ops)) {
    if (!o || typeof o !== 'object' || o.hints === undefined) continue;
    const h = o.hints as unknown;
    if (!h || typeof h !== 'object' || Array.isArray(h)) fail(key, [], '`hints` must be a mapping.', 'Write e.g. `hints: { idempotent: true }`.');
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
      if (!(HINT_KEYS as readonly string[]).includes(k)) fail(key, [k], `unknown hint \`${k}\`.`, `Hints are ${HINT_KEYS.map((x) => `\`${x}\``).join(', ')}.`);
      if (typeof v !== 'boolean') fail(key, [k], `hint \`${k}\` must be true or false, not ${JSON.stringify(v)}.`, `Write e.g. \`${k}: true\`.`);
    }
    const ho = h as HintOverride;
    if (ho.readOnly === true && ho.destructive === true) {
      fail(key, [], '`readOnly: true` and `destructive: true` contradict each other (a read-only operation destroys nothing).', 'Drop one of them.');
    }
  }
}

/** `operations.<key>.response`: one of the response kinds; `aliases`: a list of method names. */
function checkResponseOverrides(cfg: TargetConfig, file: string, text: string): void {
  for (const [key, o] of Object.entries(cfg.operations ?? {})) {
    const aliases = (o as { aliases?: unknown } | null)?.aliases;
    if (aliases !== undefined && (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a)))) {
      throw new GeneratorError(
        `Operation override \`${key}\`: \`aliases\` must be a list of method names, not ${JSON.stringify(aliases)}.`,
        { file, ...locatePointer(text, pointer('operations', key, 'aliases')) },
        'Write e.g. `aliases: [retrieve]` for a second, deprecated name of the method.',
      );
    }
    if (!o || typeof o !== 'object' || o.response === undefined) continue;
    if (!(RESPONSE_KINDS as readonly unknown[]).includes(o.response)) {
      throw new GeneratorError(
        `Operation override \`${key}\`: \`response\` must be one of ${RESPONSE_KINDS.join(', ')}, not ${JSON.stringify(o.response)}.`,
        { file, ...locatePointer(text, pointer('operations', key, 'response')) },
        'Write e.g. `response: binary` for a download whose bytes the document types as a JSON string.',
      );
    }
  }
}

/**
 * Defaults for a new target: package names from the document's title (else
 * its file name, see product-name.ts), one env var and client option per
 * security scheme, and rewrites that name paths without the segments that
 * say where the API lives (`/api/v2/`, versions; path-prefix.ts).
 */
export function inferConfig(doc: Record<string, any>, target: string, source = ''): TargetConfig {
  const name = productName(doc.info?.title, source, target);
  const slug = name.slug;
  // The document's order: the first scheme is the packages' key (`apiKey`, the CLI's key flag).
  // A scheme declared twice under two names is one key (sameSchemes).
  const same = sameSchemes(doc);
  const names = documentedSchemeOrder(doc).filter((name) => doc.components?.securitySchemes?.[name] !== undefined && !same.has(name));
  const upper = envPrefix(slug);
  const derived = schemeNames(names, upper);
  const auth: AuthConfig[] = names.map((scheme) => ({ scheme, ...derived.get(scheme)! }));
  // `/api/v2/users` is named `users` (path-prefix.ts); the requests keep the prefix.
  const rewrites = structuralRewrites(Object.keys(doc.paths ?? {}));
  return {
    target,
    scope: { include: ['/**'], ...(doc.webhooks && typeof doc.webhooks === 'object' ? { webhooks: ['*'] } : {}) },
    typePrefixSkip: 0,
    packages: {
      client: slug,
      cli: `${slug}-cli`,
      mcp: `${slug}-mcp`,
      clientClass: safeClientClass(name.className),
      cliBin: slug,
      mcpBin: `${slug}-mcp`,
      toolPrefix: `${snakeCase(slug)}_`,
      baseURLEnv: `${upper}_BASE_URL`,
    },
    auth,
    ...(rewrites.length ? { pathRewrites: rewrites } : {}),
    inferred: true,
    namedFrom: name.from === 'target' ? 'the target name' : `the document's ${name.from === 'title' ? 'title' : name.from === 'file' ? 'file name' : 'folder'} (${name.words.join(' ')})`,
  };
}

/**
 * The config as written for a new target. Its `inferred:` section keeps what
 * the first import did for the next ones: names that clash resolved from
 * operationIds, and the report's note on where the package names came from;
 * so a re-import of the same document writes the same spec and report.
 */
export function renderConfigYaml(cfg: TargetConfig): string {
  const { inferred, namedFrom, ...rest } = cfg;
  const state = inferred ? { inferred: namedFrom === undefined ? true : { packagesNamedFrom: namedFrom } } : {};
  return (
    '# Inferred by `npm run import` for a new target; edit freely, it is read on the next import.\n' +
    (inferred
      ? '# While `inferred:` is here, operations whose names clash or whose operationIds repeat are named after their\n' +
        '# operationIds (report.md says which); remove it to have those stop the import, and name them under `operations:`.\n'
      : '') +
    stringifyYaml({ ...rest, ...state }, { sortMapEntries: false, lineWidth: 0 })
  );
}

/** A config as read from its file: an `inferred:` section (see renderConfigYaml) as `inferred` and `namedFrom`, last. */
function withInferredState(raw: Record<string, any>): Record<string, any> {
  if (!('inferred' in raw)) return raw;
  const { inferred, ...rest } = raw;
  if (inferred === false || inferred === null) return rest;
  const from = inferred && typeof inferred === 'object' && typeof inferred.packagesNamedFrom === 'string' ? inferred.packagesNamedFrom : undefined;
  return { ...rest, inferred: true, ...(from !== undefined ? { namedFrom: from } : {}) };
}

/** Compile a `METHOD /path/*` or `/path/**` glob to a regex with captures for each `*`. */
const globCache = new Map<string, RegExp>();

export function globToRegex(glob: string): RegExp {
  const cached = globCache.get(glob);
  if (cached) return cached;
  const compiled = compileGlob(glob);
  globCache.set(glob, compiled);
  return compiled;
}

function compileGlob(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      re += '(.*)';
      i++;
    } else if (ch === '*') re += '([^/]+)';
    else re += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether `path` is in scope: it, or its parent with `/**`, matches an include and no exclude. */
export function inScope(cfg: TargetConfig, path: string): boolean {
  const match = (g: string) => globToRegex(g).test(path) || (g.endsWith('/**') && path === g.slice(0, -3));
  return cfg.scope.include.some(match) && !(cfg.scope.exclude ?? []).some(match);
}
