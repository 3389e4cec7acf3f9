/**
 * The document-level parts of the IR: info/base URL, auth schemes, and which
 * named types are used in requests, responses or both.
 */
import type { AuthScheme, NamedType, NormalizedSpec, Operation, ServerVariable, Shape } from '../ir/types.js';
import type { LoadedDocument } from '../load/load.js';
import type { RefResolver } from '../load/refs.js';
import { camelCase, envPrefix, kebabCase, pascalCase, RESERVED_WORDS, snakeCase } from '../names.js';
import { globalFlags } from '../../runtime/cli/globals.js';
import { coreClientOptions, mcpServerFlags } from './reserved.js';
import { schemeNames } from './auth-names.js';
import { isHttpToken } from './operations.js';
import { pointer } from '../errors.js';
import type { TargetConfig } from './config.js';
import type { Reporter } from './report.js';

/**
 * A server object's URL with each variable at its default, else the first of
 * its `enum` (a variable with neither stays `{name}`): the document's base URL,
 * and an operation's own server (normalize/index.ts).
 */
export function serverURLOf(server: unknown): string | undefined {
  const s = server as { url?: unknown; variables?: Record<string, { default?: unknown; enum?: unknown }> } | undefined;
  if (!s || typeof s.url !== 'string') return undefined;
  return withScheme(s.url).replace(/\{([^}]+)\}/g, (whole: string, name: string) => {
    const v = s.variables?.[name];
    const value = v?.default !== undefined ? v.default : Array.isArray(v?.enum) ? v.enum[0] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/**
 * A network-path reference (`//api.example.com/v1`, as converters write a
 * Swagger 2.0 `host` without `schemes`) names the host and leaves the scheme
 * to whoever reads the document: the packages, which read no document at run
 * time, assume `https:` (a fetch of `//…` fails). So does a URL that starts
 * with a host name (`api.calorieninjas.com`, `api.example.com:8443/v1`: dotted
 * labels ending in a letters-only top-level one), which as written is a
 * relative path no one means.
 */
export function withScheme(url: string): string {
  if (/^\/\/[^/]/.test(url)) return `https:${url}`;
  return BARE_HOST.test(url) ? `https://${url}` : url;
}

const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)/i;

export function buildInfo(config: TargetConfig, loaded: LoadedDocument, report: Reporter): NormalizedSpec['info'] {
  const doc = loaded.doc;
  let baseURL: string = config.baseURL ?? '';
  let template: { url: string; variables: ServerVariable[] } | undefined;
  if (!baseURL) {
    const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
    if (server && typeof server.url === 'string') {
      template = serverTemplate(config, server, report);
      baseURL = serverURLOf(server)!;
      if (withScheme(server.url) !== server.url) {
        report.info('server-scheme-assumed', `Server URL \`${server.url}\` names no scheme; \`https:\` is assumed (another one is given with the base URL option).`, '/servers/0');
      }
      if (!/^https?:\/\//.test(baseURL)) report.warn('relative-server', `Server URL \`${baseURL}\` is relative; pass a base URL at run time.`, '/servers/0');
      if (doc.servers.length > 1) {
        const others = doc.servers.slice(1).map((x: { url?: unknown }) => `\`${String(x?.url)}\``).join(', ');
        report.info('other-servers', `The first server is the default base URL; the others (${others}) are reached with the base URL option (\`--base-url\`, \`${config.packages.baseURLEnv}\`).`, '/servers');
      }
    } else {
      baseURL = '';
      report.warn('no-server', `The document has no server; the base URL must be given at run time (\`baseURL\`, \`--base-url\` or \`${config.packages.baseURLEnv}\`).`, '/servers');
    }
  }
  const info = doc.info ?? {};
  if (config.namedFrom) {
    const p = config.packages;
    report.info('package-names-inferred', `Packages named from ${config.namedFrom}: npm \`${p.client}\`, CLI bin \`${p.cliBin}\`, MCP bin \`${p.mcpBin}\`, client class \`${p.clientClass}\`, tool prefix \`${p.toolPrefix}\`.`, '/info/title');
  }
  if (info.version === undefined || String(info.version).trim() === '') report.warn('no-version', 'The document has no `info.version`; the packages show the API version as unknown.', '/info/version');
  const ownTitle = typeof info.title === 'string' ? info.title.trim() : '';
  return {
    title: config.title ?? String(info.title ?? config.target),
    ...(config.title !== undefined && ownTitle && ownTitle !== config.title ? { sourceTitle: ownTitle } : {}),
    version: String(info.version ?? '').trim() || 'unknown',
    ...(typeof info.description === 'string' ? { description: info.description } : {}),
    baseURL: baseURL.replace(/\/+$/, ''),
    ...(template ? { baseURLTemplate: template.url.replace(/\/+$/, ''), serverVariables: template.variables } : {}),
    sourceFile: loaded.sourceFile,
    openapiVersion: loaded.openapiVersion,
  };
}

/**
 * The variables of the first server's URL (`https://{region}.api.example.com`):
 * each becomes a client option, a CLI flag and an MCP server flag (plus an env
 * var), defaulting to the document's default. A name the client or a command
 * line already uses (`timeout`, `--port`) is prefixed with `server`.
 */
function serverTemplate(config: TargetConfig, server: Record<string, any>, report: Reporter): { url: string; variables: ServerVariable[] } | undefined {
  const url: string = server.url;
  const names = [...new Set([...url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!))];
  if (names.length === 0) return undefined;
  const declared: Record<string, any> = server.variables && typeof server.variables === 'object' ? server.variables : {};
  const upper = envPrefix(config.packages.client);
  // Header options (config `clientHeaders`) are client options and CLI flags too.
  const authOptions = [...config.auth.map((a) => a.clientOption), ...(config.clientHeaders ?? []).map((h) => h.clientOption)];
  const takenOptions = new Set([...coreClientOptions(), ...authOptions]);
  const takenFlags = new Set([...globalFlags({ flag: 'api-key', env: '' }, '', []).map((g) => g.flag), ...authOptions.map(kebabCase), ...mcpServerFlags()]);
  const variables: ServerVariable[] = [];
  for (const name of names) {
    const ptr = pointer('servers', 0, 'variables', name);
    const v = declared[name];
    const values = Array.isArray(v?.enum) ? v.enum.map(String) : undefined;
    const fallback = v?.default !== undefined ? String(v.default) : values?.[0];
    if (fallback === undefined) report.warn('server-variable-no-default', `Server variable \`${name}\` has no default; the URL keeps \`{${name}}\` until the option is given.`, ptr);
    let option = camelCase(name) || 'server';
    let flag = kebabCase(name) || 'server';
    if (takenOptions.has(option) || takenFlags.has(flag) || !/^[A-Za-z_]/.test(option) || RESERVED_WORDS.has(option)) {
      const renamed = { option: `server${pascalCase(name)}`, flag: `server-${flag}` };
      report.info('server-variable-renamed', `Server variable \`${name}\` would take \`${option}\`/\`--${flag}\`, which the packages already use; it is \`${renamed.option}\`/\`--${renamed.flag}\`.`, ptr);
      [option, flag] = [renamed.option, renamed.flag];
    }
    takenOptions.add(option);
    takenFlags.add(flag);
    const variable: ServerVariable = {
      name,
      default: fallback ?? `{${name}}`,
      clientOption: option,
      flag,
      envVar: `${upper}_${snakeCase(option).toUpperCase()}`,
      pointer: ptr,
      ...(values && values.length > 1 ? { enum: values } : {}),
      ...(typeof v?.description === 'string' ? { description: v.description } : {}),
    };
    variables.push(variable);
    report.info('server-variable', `Server variable \`${name}\` (default \`${variable.default}\`) is the client option \`${option}\`, the CLI and MCP server flag \`--${flag}\` and the env var \`${variable.envVar}\`.`, ptr);
  }
  return { url: withScheme(url), variables };
}

/**
 * The scheme that sends a declared `Authorization` header param of an
 * operation without security: `AuthorizationHeader`, unless the document has
 * a scheme of that name.
 */
/**
 * How the packages send a security scheme's key (buildAuth represents it so):
 * HTTP bearer or basic, an API key in a header, query or cookie, or an OAuth2
 * or OpenID Connect token taken as a bearer one. Undefined for the others
 * (HTTP `oauth` signatures, `mutualTLS`), which no one sends, and for an API
 * key in a header or cookie whose name is no HTTP token (`RapidAPI.com API
 * Key`): `Headers.set` throws on it, so every call that sent it failed.
 */
function schemeKind(s: Record<string, any> | undefined): { kind: AuthScheme['kind']; paramName?: string } | undefined {
  if (s?.type === 'http' && String(s.scheme).toLowerCase() === 'bearer') return { kind: 'bearer' };
  if (s?.type === 'http' && String(s.scheme).toLowerCase() === 'basic') return { kind: 'basic' };
  if (s?.type === 'apiKey' && (s.in === 'header' || s.in === 'cookie') && !isHttpToken(s.name)) return undefined;
  if (s?.type === 'apiKey' && s.in === 'header') return { kind: 'apiKeyHeader', paramName: s.name };
  if (s?.type === 'apiKey' && s.in === 'query') return { kind: 'apiKeyQuery', paramName: s.name };
  if (s?.type === 'apiKey' && s.in === 'cookie') return { kind: 'apiKeyCookie', paramName: s.name };
  if (s?.type === 'oauth2' || s?.type === 'openIdConnect') return { kind: 'bearer' };
  return undefined;
}

/** Whether the packages can send a security scheme's key (schemeKind). */
export function representableScheme(s: unknown): boolean {
  return s !== null && typeof s === 'object' && schemeKind(s as Record<string, any>) !== undefined;
}

export function authorizationSchemeName(doc: Record<string, any>): string {
  const known = doc.components?.securitySchemes ?? {};
  let name = 'AuthorizationHeader';
  while (name in known) name = `${name}_`;
  return name;
}

/**
 * The document's security schemes in its own order of preference: as its root
 * `security` lists them, then as `components.securitySchemes` declares them
 * (Figma's personal access token before its OAuth2 schemes).
 */
export function documentedSchemeOrder(doc: Record<string, any>): string[] {
  const schemes = doc.components?.securitySchemes;
  const listed = Array.isArray(doc.security) ? doc.security.flatMap((r: unknown) => (r && typeof r === 'object' ? Object.keys(r) : [])) : [];
  return [...new Set([...listed, ...(schemes && typeof schemes === 'object' ? Object.keys(schemes) : [])])];
}

/**
 * A scheme declared twice under names that differ only in case or
 * punctuation (Telnyx's `BearerAuth` and `bearerAuth`, both HTTP bearer):
 * each name → the one that stands for both, the first of `preferred` (the
 * target config's schemes, whose key settings then hold) else of the
 * document's order. One key then serves every operation; two would ask for
 * the same token twice, and the operations of the second name failed
 * without it. Schemes of the same kind under other names are other
 * credentials (OpenAI's `ApiKeyAuth` and `AdminApiKeyAuth`, both bearer), and
 * OAuth2 and OpenID schemes stay apart (their flows may differ). A pure
 * function of the document and `preferred`: each run computes it once.
 */
export function sameSchemes(doc: Record<string, any>, preferred: string[] = []): Map<string, string> {
  const schemes = doc.components?.securitySchemes;
  if (!schemes || typeof schemes !== 'object') return new Map();
  const byIdentity = new Map<string, string>();
  const out = new Map<string, string>();
  for (const name of [...new Set([...preferred, ...documentedSchemeOrder(doc)])]) {
    const s = schemes[name];
    if (!s || typeof s !== 'object' || (s.type !== 'http' && s.type !== 'apiKey')) continue;
    const spelling = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const identity = JSON.stringify([spelling, s.type, String(s.scheme ?? '').toLowerCase(), s.in ?? '', s.in === 'header' ? String(s.name ?? '').toLowerCase() : (s.name ?? '')]);
    const first = byIdentity.get(identity);
    if (first === undefined) byIdentity.set(identity, name);
    else out.set(name, first);
  }
  return out;
}

export function buildAuth(config: TargetConfig, doc: Record<string, any>, operations: Operation[], resolver: RefResolver, report: Reporter): AuthScheme[] {
  for (const [name, first] of sameSchemes(doc, config.auth.map((a) => a.scheme))) {
    report.info('auth-scheme-same', `Security scheme \`${name}\` is \`${first}\` under another name: operations that name either take the one key of \`${first}\`.`, pointer('components', 'securitySchemes', name));
  }
  // The config's schemes first, in its order (the first one is the one the packages use), then the document's.
  const schemes = doc.components?.securitySchemes ?? {};
  const documented = documentedSchemeOrder(doc);
  const order = [...config.auth.map((a) => a.scheme), ...documented];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const used = [...new Set(operations.flatMap((o) => o.security))].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const configured = config.auth.map((a) => a.scheme);
  const upper = envPrefix(config.packages.client);
  const out: AuthScheme[] = [];
  for (const name of used) {
    const ptr = pointer('components', 'securitySchemes', name);
    const s = resolver.deref(schemes[name], ptr).node as Record<string, any>;
    const cfg = config.auth.find((a) => a.scheme === name);
    let kind: AuthScheme['kind'];
    let paramName = 'Authorization';
    let at = ptr;
    if (!s && name === authorizationSchemeName(doc)) {
      // Made for operations that declare an Authorization header param and no security (normalize/index.ts).
      kind = 'apiKeyHeader';
      at = operations.find((o) => o.security.includes(name))!.pointer;
    } else {
      const sent = schemeKind(s);
      if (!sent) {
        const badName = s?.type === 'apiKey' && (s.in === 'header' || s.in === 'cookie') ? `: its ${s.in} name${typeof s.name === 'string' ? ` \`${s.name}\`` : ''} is no HTTP token, so no request can carry it` : '';
        report.unsupported('auth-scheme', `Security scheme \`${name}\` (${s?.type}${s?.in ? ` in ${s.in}` : ''}) is not represented${badName}.`, ptr);
        continue;
      }
      kind = sent.kind;
      // An API key's own name, as the document gives it (a key without one keeps none).
      if ('paramName' in sent) paramName = sent.paramName!;
      if (s.type === 'oauth2' || s.type === 'openIdConnect') report.info('oauth-as-bearer', `${s.type} scheme \`${name}\` is represented as a bearer token supplied by the user (no token flow).`, ptr);
    }
    const derived = schemeNames(used, upper).get(name)!;
    out.push({
      name,
      kind,
      paramName,
      envVar: cfg?.envVar ?? derived.envVar,
      clientOption: cfg?.clientOption ?? derived.clientOption,
      ...(cfg?.example ? { example: cfg.example } : {}),
      pointer: at,
    });
  }
  if (out.length > 1) {
    const why = configured.includes(out[0]!.name) ? 'first in the target config' : documented.includes(out[0]!.name) ? 'first in the document' : 'first by name';
    report.info(
      'auth-several-schemes',
      `Operations use ${out.length} security schemes (${out.map((a) => `\`${a.name}\``).join(', ')}): the client takes one key option per scheme (${out.map((a) => `\`${a.clientOption}\``).join(', ')}) and each operation sends the first key it accepts; \`${out[0]!.name}\` (${why}) is the CLI's key flag, the others come from ${out.slice(1).map((a) => a.envVar).join(', ')}.`,
      out[0]!.pointer,
    );
  }
  return out;
}

function refsIn(shape: Shape | undefined, out: Set<string>): void {
  if (!shape) return;
  switch (shape.kind) {
    case 'ref':
      out.add(shape.name);
      break;
    case 'array':
      refsIn(shape.items, out);
      break;
    case 'object':
      for (const p of shape.properties) refsIn(p.shape, out);
      if (shape.additionalProperties) refsIn(shape.additionalProperties, out);
      break;
    case 'union':
      for (const m of shape.members) refsIn(m, out);
      break;
  }
}

/** Mark each named type `request`, `response` or `both` by reachability from operations (and webhook payloads). */
export function computeUsage(types: Record<string, NamedType>, operations: Operation[], received: Shape[] = []): void {
  const reach = (roots: Set<string>): Set<string> => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const name = stack.pop()!;
      if (seen.has(name) || !types[name]) continue;
      seen.add(name);
      const next = new Set<string>();
      refsIn(types[name]!.shape, next);
      stack.push(...next);
    }
    return seen;
  };
  const req = new Set<string>();
  const res = new Set<string>();
  for (const op of operations) {
    for (const p of op.params) refsIn(p.schema, req);
    refsIn(op.body?.schema, req);
    refsIn(op.response?.schema, res);
    refsIn(op.pagination?.item, res);
    refsIn(op.stream?.event, res);
  }
  // Webhook payloads are sent by the API, read by the user: the response side.
  for (const shape of received) refsIn(shape, res);
  const inReq = reach(req);
  const inRes = reach(res);
  for (const t of Object.values(types)) t.usage = inReq.has(t.name) && inRes.has(t.name) ? 'both' : inReq.has(t.name) ? 'request' : 'response';
}
