/**
 * The package entry points: `src/client.ts` (the client class, whose option
 * names, env vars and base URL come from the IR) and `src/index.ts` (default export plus every public
 * name: errors, pagination, types, the operations table).
 */
import { keyOptional } from '../../ir/auth.js';
import type { NormalizedSpec } from '../../ir/types.js';
import { camelCase } from '../../names.js';
import { GeneratorError } from '../../errors.js';
import { codeHeader } from '../header.js';
import { array, assignmentStatement, call, literal, name, namedImport, object, statement, value, type Property } from '../layout/code.js';
import { methodHead, param } from '../layout/functions.js';
import { group, indent, join, layout, line } from '../layout/doc.js';
import { ref, simple, typeAlias, union, type TypeMember } from '../layout/types.js';
import { packageVersion } from '../release-files.js';
import { CLIENT_FILE_BINDINGS, CORE_CLIENT, coreExportNames, coreValueNames } from './core-imports.js';
import { relativeImport, typesByFile, typesReached, type ClientModel, type ResourceModel } from './model.js';
import { resourceAccessor } from './resources.js';
import { reservedAccessors } from '../../normalize/reserved.js';
import { propertyKey, writeMembers } from './ts-types.js';
import { createWriter, docLines, escapeComment, writeDoc, writeLayout } from './writer.js';

/** The runtime's type of a key given as a function (core/client.ts re-exports it). */
const KEY_SETTER = 'ApiKeySetter';

/** The auth scheme the client takes as its key option (the first one). */
export function primaryAuth(model: ClientModel) {
  return model.spec.auth[0];
}

export function emitClientFile(model: ClientModel): string {
  const { spec } = model;
  const auth = primaryAuth(model);
  const cls = spec.packages.clientClass;
  const w = createWriter();
  const vars = spec.info.serverVariables ?? [];
  const coreNames = [
    CORE_CLIENT.name,
    ...(vars.length ? ['readEnv'] : []),
    ...(auth ? [`type ${KEY_SETTER}`] : []),
    `type ${CORE_CLIENT.options} as ${CLIENT_FILE_BINDINGS.coreOptions}`,
  ];
  writeLayout(w, namedImport('import', coreNames, `./${CORE_CLIENT.file.replace(/\.ts$/, '.js')}`));
  if (vars.length) w.writeLine(`import { serverURL } from './core/server-url.js';`);
  const statics = classStatics();
  if (statics.length) w.writeLine(`import * as ${CLIENT_FILE_BINDINGS.core} from './core/index.js';`);
  for (const root of model.roots) w.writeLine(`import * as ${root.className}API from '${relativeImport('client.ts', root.file)}';`);
  const hooks = webhooksOf(model);
  if (hooks) {
    w.writeLine(`import { ${CLIENT_FILE_BINDINGS.webhooks} } from './core/webhooks.js';`);
    w.writeLine(`import type { ${hooks.event} } from '${relativeImport('client.ts', hooks.file)}';`);
  }
  // The types of the namespace merged with the class (writeTypeNamespace), from the files that declare them.
  const byFile = typesByFile(model);
  const typeModules = typeModuleBindings(byFile);
  for (const [file, binding] of typeModules) w.writeLine(`import * as ${binding} from '${relativeImport('client.ts', file)}';`);
  w.blankLine();
  writeDoc(w, [escapeComment(`Options of the ${cls} client.`)]);
  const schemes = spec.auth;
  const optionType = union([simple('string'), simple('null'), simple('undefined')]);
  // A key option also takes a function that gives the key (runtime/client/auth.ts).
  const keyType = union([simple('string'), simple(KEY_SETTER), simple('null'), simple('undefined')]);
  // The client's own options beside the core's: server variables, then header options.
  const ownOptions = vars.map((v): TypeMember => {
    const choices = v.enum ? ` One of ${v.enum.map((e) => `\`${e}\``).join(', ')}.` : '';
    const what = v.description ? `${v.description.trim()} ` : '';
    const text = `${what}The \`{${v.name}}\` of \`${spec.info.baseURLTemplate}\`.${choices} Defaults to \`process.env['${v.envVar}']\`, then \`${v.default}\`.`;
    return { comment: docLines([escapeComment(text)]), key: propertyKey(v.clientOption), optional: true, type: optionType };
  });
  // Options the target config sends as headers (`organization` → `OpenAI-Organization`).
  const headerOptions = spec.clientHeaders ?? [];
  for (const h of headerOptions) {
    const what = h.description ? `${h.description.trim()} ` : '';
    const fallback = h.envVar ? ` Defaults to \`process.env['${h.envVar}']\`;` : '';
    const text = `${what}Sent as the \`${h.header}\` header on every request.${fallback} \`null\` sends none.`;
    ownOptions.push({ comment: docLines([escapeComment(text)]), key: propertyKey(h.clientOption), optional: true, type: optionType });
  }
  if (auth) {
    w.write(`export interface ClientOptions extends Omit<CoreClientOptions, 'apiKey' | 'credentials'>`).block(() => {
      const credentials = schemes.map((scheme): TypeMember => {
        const how =
          scheme.kind === 'bearer' ? 'a bearer token'
          : scheme.kind === 'basic' ? 'HTTP basic credentials, written `user:password`'
          : `the \`${scheme.paramName}\` ${scheme.kind === 'apiKeyQuery' ? 'query parameter' : scheme.kind === 'apiKeyCookie' ? 'cookie' : 'header'}`;
        const which = schemes.length > 1 ? ` for the operations that accept \`${scheme.name}\`` : '';
        const text = `Credential sent as ${how}${which}. Defaults to \`process.env['${scheme.envVar}']\`. A function (\`async () => token\`) is called before each request that sends it, for tokens that expire.`;
        return { comment: docLines([escapeComment(text)]), key: scheme.clientOption, optional: true, type: keyType };
      });
      writeMembers(w, [...ownOptions, ...credentials]);
    });
  } else if (ownOptions.length) {
    w.write(`export interface ClientOptions extends Omit<CoreClientOptions, 'apiKey'>`).block(() => writeMembers(w, ownOptions));
  } else {
    w.writeLine(`export interface ClientOptions extends Omit<CoreClientOptions, 'apiKey'> {}`);
  }
  w.blankLine();
  const doc = [escapeComment(spec.info.title), spec.info.description ? escapeComment(spec.info.description) : undefined];
  doc.push(
    '@example\n```ts\n' +
      escapeComment(`import ${cls} from '${spec.packages.client}';\n\nconst client = new ${cls}(${auth ? `{ ${auth.clientOption}: process.env['${auth.envVar}'] }` : ''});`) +
      '\n```',
  );
  writeDoc(w, doc);
  w.write(`export class ${cls} extends ${CORE_CLIENT.name}`).block(() => {
    // As in openai-node: `catch (e) { if (e instanceof OpenAI.NotFoundError) … }` and `OpenAI.toFile(…)`.
    for (const name of statics) w.writeLine(`static ${name}: typeof ${CLIENT_FILE_BINDINGS.core}.${name} = ${CLIENT_FILE_BINDINGS.core}.${name};`);
    const baseError = baseErrorAlias(model);
    if (baseError) w.writeLine(`static ${baseError}: typeof ${CLIENT_FILE_BINDINGS.core}.${BASE_ERROR} = ${CLIENT_FILE_BINDINGS.core}.${BASE_ERROR};`);
    if (statics.length) w.blankLine();
    for (const root of model.roots) {
      writeDoc(w, [escapeComment(root.resource.title)]);
      writeLayout(w, resourceAccessor(root, 'this'));
    }
    if (hooks) {
      writeDoc(w, [escapeComment(`Verifies and parses the webhooks the API sends (Standard Webhooks signatures). The secret comes from \`webhookSecret\` or \`${hooks.env}\`.`)]);
      w.writeLine(`webhooks: ${CLIENT_FILE_BINDINGS.webhooks}<${hooks.event}> = new ${CLIENT_FILE_BINDINGS.webhooks}<${hooks.event}>(this);`);
    }
    // The options as given (a #private field: never printed or serialized), for withOptions().
    w.writeLine(`#options: ClientOptions;`);
    w.blankLine();
    // Server variables fill the URL template: option, else env var, else the document's default.
    const varSpecs = vars.map((v) => value({ name: v.name, option: v.clientOption, env: v.envVar, default: v.default, enum: v.enum }));
    const defaultBaseURL = vars.length
      ? call('serverURL', [literal(spec.info.baseURLTemplate ?? spec.info.baseURL), array(varSpecs), object(vars.map((v) => ({ shorthand: v.clientOption }))), name('readEnv')])
      : literal(spec.info.baseURL);
    const meta: Property[] = [
      { key: 'packageName', value: literal(spec.packages.client) },
      { key: 'version', value: literal(packageVersion(spec, 'client')) },
      { key: 'defaultBaseURL', value: defaultBaseURL },
      { key: 'baseURLEnv', value: literal(spec.packages.baseURLEnv) },
      // The log level's env var, as openai-node reads OPENAI_LOG.
      { key: 'logLevelEnv', value: literal(envBesideBaseURL(spec, 'LOG')) },
      // Headers for every request from the environment, as openai-node reads OPENAI_CUSTOM_HEADERS.
      { key: 'customHeadersEnv', value: literal(envBesideBaseURL(spec, 'CUSTOM_HEADERS')) },
      // No header an API does not ask for (spec.idempotencyHeader says when it does).
      { key: 'idempotencyHeader', value: literal(spec.idempotencyHeader ?? null) },
      // OpenAPI's multipart and form rules are the core's default.
      ...(spec.formStyle ? [{ key: 'formStyle', value: literal(spec.formStyle) }] : []),
      ...(hooks ? [{ key: 'webhookSecretEnv', value: literal(hooks.env) }] : []),
      // Operations without security: the client is made without a key, and only the others ask for one.
      ...(keyOptional(spec) ? [{ key: 'keyOptional', value: literal(true) }] : []),
    ];
    if (headerOptions.length) meta.push({ key: 'headerOptions', value: array(headerOptions.map((h) => value({ option: h.clientOption, header: h.header, env: h.envVar }))) });
    if (schemes.length > 1) {
      // Several schemes: each operation names the ones it accepts (operations.ts), keys come by scheme name.
      const list = schemes.map((s) =>
        value({ name: s.name, option: s.clientOption, env: s.envVar, kind: s.kind, param: s.kind === 'apiKeyHeader' || s.kind === 'apiKeyQuery' || s.kind === 'apiKeyCookie' ? s.paramName : undefined }),
      );
      meta.push({ key: 'schemes', value: array(list) });
    } else if (auth) {
      meta.push({ key: 'apiKeyEnv', value: literal(auth.envVar) }, { key: 'apiKeyOption', value: literal(auth.clientOption) });
      // Bearer is the core's default; other schemes say how the key travels.
      if (auth.kind !== 'bearer') meta.push({ key: 'auth', value: value({ kind: auth.kind, name: auth.kind === 'basic' ? undefined : auth.paramName }) });
    }
    const own = vars.map((v) => v.clientOption);
    const names = [...(schemes.length > 1 ? schemes.map((s) => s.clientOption) : auth ? [auth.clientOption] : []), ...own];
    const coreOptions: Property[] = [{ spread: 'options' }];
    if (schemes.length > 1) coreOptions.push({ key: 'credentials', value: object(schemes.map((s) => ({ key: s.name, value: name(s.clientOption) }))) });
    else coreOptions.push({ key: 'apiKey', value: auth ? name(auth.clientOption) : literal(null) });
    writeLayout(w, names.length > 0 ? constructorHead(names) : 'constructor(options: ClientOptions = {}) {');
    w.indent(() => {
      writeLayout(w, statement('', call('super', [object(coreOptions), object(meta)])));
      writeLayout(w, assignmentStatement('this.#options', ' =', object([{ spread: 'options' }, ...names.map((n) => ({ shorthand: n }))])));
    });
    w.writeLine('}');
    w.blankLine();
    writeDoc(w, [
      'A new client with these options changed and the others kept, e.g.\n`client.withOptions({ timeout: 5_000, maxRetries: 0 }).admin…`.',
    ]);
    writeLayout(w, methodHead('withOptions', [param('options', ref('Partial', [simple('ClientOptions')]))], simple(cls)));
    w.indent(() => writeLayout(w, statement('return ', call(`new ${cls}`, [object([{ spread: 'this.#options' }, { spread: 'options' }])]))));
    w.writeLine('}');
    for (const getter of optionGetters(model)) {
      w.blankLine();
      writeDoc(w, [escapeComment(getter.doc)]);
      w.write(`get ${getter.name}(): string | null`).block(() => w.writeLine(`return this.${getter.reads}('${getter.name}');`));
    }
  });
  writeTypeNamespace(w, model, byFile, typeModules);
  return codeHeader(spec.target) + '\n' + w.toString().trimEnd() + '\n';
}

/**
 * `client.webhooks` (unwrap, verifySignature), as in openai-node, when the document has webhooks
 * and no resource of its own is called `webhooks`. The secret's env var sits beside the base
 * URL's: `OPENAI_BASE_URL` → `OPENAI_WEBHOOK_SECRET`.
 */
export function webhooksOf(model: ClientModel): { event: string; file: string; env: string } | undefined {
  const event = model.spec.webhooks?.union?.type;
  const file = event ? model.typeHome.get(event) : undefined;
  if (!event || !file || model.roots.some((r) => r.property === 'webhooks')) return undefined;
  if (!coreValueNames().has('unwrapWebhook')) return undefined;
  return { event, file, env: envBesideBaseURL(model.spec, 'WEBHOOK_SECRET') };
}

/**
 * Getters for the options the client was given, as openai-node has them
 * (`client.adminAPIKey`, `client.organization`): each key option but `apiKey`
 * (the core's own getter), then each header option. Accessors, so a key is no
 * own property and never printed with the client; a name a root resource or
 * the core already uses is left out.
 */
function optionGetters(model: ClientModel): Array<{ name: string; reads: 'keyOf' | 'headerOption'; doc: string }> {
  const taken = new Set([...reservedAccessors().root, ...model.roots.map((r) => r.property)]);
  const keys = model.spec.auth.map((s) => ({
    name: s.clientOption,
    reads: 'keyOf' as const,
    doc: `The key given as \`${s.clientOption}\` or read from \`${s.envVar}\` (for a key function, the last key it gave); null when none.`,
  }));
  const headers = (model.spec.clientHeaders ?? []).map((h) => ({
    name: h.clientOption,
    reads: 'headerOption' as const,
    doc: `The \`${h.header}\` header's value: given as \`${h.clientOption}\`${h.envVar ? ` or read from \`${h.envVar}\`` : ''}; null when none.`,
  }));
  return [...keys, ...headers].filter((g) => !taken.has(g.name) && /^[A-Za-z_$][\w$]*$/.test(g.name));
}

/**
 * An environment variable of the client named beside its base URL's
 * (`OPENAI_BASE_URL` → `OPENAI_LOG`, `OPENAI_WEBHOOK_SECRET`): the base URL's
 * prefix (`_1PASSWORD` keeps its `_`: no shell name starts with a digit), none giving `name` alone.
 */
export function envBesideBaseURL(spec: NormalizedSpec, name: string): string {
  const stem = spec.packages.baseURLEnv.replace(/_?BASE_URL$/, '');
  return stem ? `${stem}_${name}` : name;
}

/**
 * Values of the runtime that the client class also carries as statics, as openai-node's does:
 * every error class, and `toFile` once the runtime has it.
 */
export function classStatics(): string[] {
  return [...coreValueNames()].filter((name) => /Error$/.test(name) || name === 'toFile').sort();
}

/** The runtime's base of every error it throws. */
const BASE_ERROR = 'ClientError';

/**
 * The base error under the client's name too (`OpenAIError`, as openai-node
 * names the class every error of the package extends), unless that name is
 * taken: by the runtime (`API` → `APIError`) or by a type of the spec.
 */
export function baseErrorAlias(model: ClientModel): string | undefined {
  const name = `${model.spec.packages.clientClass}Error`;
  if (!coreValueNames().has(BASE_ERROR) || coreExportNames().has(name)) return undefined;
  const types = new Set([...typesByFile(model).values()].flat());
  return types.has(name) || model.spec.types[name] ? undefined : name;
}

/** `constructor({ a, b, ...options }: ClientOptions = {}) {`: prettier hugs a lone destructured parameter. */
function constructorHead(names: string[]) {
  const pattern = group(['{', indent([line, join([',', line], [...names, '...options'])]), line, '}']);
  return ['constructor(', pattern, ': ClientOptions = {}) {'];
}

/**
 * A namespace import per file that declares types, for the client's type
 * namespace: `$chatCompletions` for `resources/chat/completions/completions.ts`.
 * Not `import type`, nor through index.ts (whose re-exports are `export type`):
 * an `import X = m.X` alias may name neither. `$` keeps the bindings apart from
 * the class and resource names (identifiers from the document never start with it).
 */
function typeModuleBindings(byFile: Map<string, string[]>): Map<string, string> {
  const bindings = new Map<string, string>();
  const taken = new Set<string>();
  for (const file of [...byFile.keys()].sort()) {
    const segments = file.replace(/^resources\//, '').replace(/\.ts$/, '').split('/');
    // A folder's own file (`chat/chat.ts`) is named once.
    const words = segments.filter((segment, i) => segment !== segments[i - 1]);
    const base = `$${camelCase(words.join('-')) || 'types'}`;
    let binding = base;
    for (let n = 2; taken.has(binding); n++) binding = `${base}${n}`;
    taken.add(binding);
    bindings.set(file, binding);
  }
  return bindings;
}

/**
 * The package's types under the client class's name, as openai-node offers
 * them: every type at the top (`OpenAI.ChatCompletion`, as openai-node v4
 * had them), and under each resource's class name its own types and its
 * sub-resources' (`OpenAI.Chat.ChatCompletionMessageParam`,
 * `OpenAI.Chat.Completions.ChatCompletionMessageParam`, as in v5). Types only:
 * a namespace of aliases merged with the class, erased from the JavaScript.
 */
function writeTypeNamespace(w: ReturnType<typeof createWriter>, model: ClientModel, byFile: Map<string, string[]>, typeModules: Map<string, string>): void {
  const all = [...new Set([...byFile.values()].flat())].sort();
  const moduleOf = new Map([...byFile].flatMap(([file, names]) => names.map((name) => [name, typeModules.get(file)!] as const)));
  if (all.length === 0) return;
  // A schema renamed away from a global's or the package's name (`Response` → `ResponseModel`) is also under its own
  // name in here (`OpenAI.Responses.Response`, as openai-node has it), where it shadows nothing.
  // Not when that name is another exported type: a schema renamed because an operation's `XxxParams` took its name.
  const exported = new Set(all);
  const reservedRenames = new Map<string, string>();
  for (const [name, type] of Object.entries(model.spec.types)) {
    const key = /^\/components\/schemas\/([A-Za-z_$][A-Za-z0-9_$]*)$/.exec(type.pointer)?.[1];
    if (key && name === `${key}Model` && !model.spec.types[key] && !exported.has(key)) reservedRenames.set(name, key);
  }
  // `namespaces`: the resource namespaces written beside the alias, which an import alias may not share a name with
  // (a root resource `linode` of the client `Linode`, whose schema `Linode` became `LinodeModel`).
  const alias = (name: string, namespaces: ReadonlySet<string>) => {
    // An import alias, not a type alias: it carries the type's namespace too (`OpenAI.Chat.ChatCompletion.Choice`).
    w.writeLine(`export import ${name} = ${moduleOf.get(name)}.${name};`);
    const original = reservedRenames.get(name);
    if (original && !namespaces.has(original)) w.writeLine(`export import ${original} = ${moduleOf.get(name)}.${name};`);
  };
  // A resource's namespace has the types of its whole subtree, as its folder's own file does (subpaths.ts):
  // `OpenAI.Chat.ChatCompletionMessageToolCall`, declared in chat/completions/messages.ts. A root's also has every
  // type its methods use, wherever it is declared: `OpenAI.Responses.ResponseInputItem` (in conversations.ts, which
  // uses it too), as openai-node's users write them (deeper namespaces would repeat them all at each level).
  const below = (r: ResourceModel): ResourceModel[] => [r, ...r.children.flatMap(below)];
  const reached = typesReached(model);
  const namesOf = (r: ResourceModel) =>
    new Set([...below(r).flatMap((d) => byFile.get(d.file) ?? []), ...(r.parent ? [] : (reached.get(r) ?? []))].filter((name) => moduleOf.has(name)));
  // openai-node's short names (model.ts nameShortAliases), each an alias of the full name's declaration: an import
  // alias cannot name an `export type { A as B }`.
  const shortsOf = (r: ResourceModel) =>
    below(r).flatMap((owner) => owner.methods.flatMap((m) => (m.shortNames ?? []).map((s) => ({ ...s, module: typeModules.get(owner.file)! }))));
  // A resource without types anywhere below it gets no (empty) namespace.
  const hasTypes = (r: ResourceModel): boolean => namesOf(r).size > 0 || r.children.some(hasTypes);
  const writeResource = (r: ResourceModel) => {
    const children = r.children.filter(hasTypes);
    const namespaces = new Set(children.map((c) => c.className));
    w.write(`export namespace ${r.className}`).block(() => {
      const names = namesOf(r);
      const shorts = shortsOf(r).filter((s) => !names.has(s.name) && !namespaces.has(s.name));
      // The types and openai-node's short names together, in name order.
      const entries = [
        ...[...names].map((name) => ({ name, write: () => alias(name, namespaces) })),
        ...shorts.map((s) => ({ name: s.name, write: () => w.writeLine(`export import ${s.name} = ${s.module}.${s.of};`) })),
      ];
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) entry.write();
      for (const child of children) writeResource(child);
    });
  };
  w.blankLine();
  writeDoc(w, [escapeComment(`The package's types under the client's name, as openai-node offers them: \`${model.spec.packages.clientClass}.<Type>\`, and by resource (\`${model.spec.packages.clientClass}.<Resource>.<Type>\`).`)]);
  w.write(`export declare namespace ${model.spec.packages.clientClass}`).block(() => {
    const roots = model.roots.filter(hasTypes);
    const namespaces = new Set(roots.map((r) => r.className));
    for (const name of all) alias(name, namespaces);
    for (const root of roots) writeResource(root);
  });
}

export function emitIndexFile(model: ClientModel): string {
  const { spec } = model;
  const cls = spec.packages.clientClass;
  const core = coreExportNames();
  const out: string[] = [codeHeader(spec.target)];
  out.push(layout(namedImport('export', [`${cls} as default`, cls], './client.js'), 0));
  out.push(`export type { ClientOptions } from './client.js';`);
  out.push(`export * from './core/index.js';`);
  const baseError = baseErrorAlias(model);
  if (baseError) out.push(`export { ${BASE_ERROR} as ${baseError} } from './core/index.js';`);
  out.push(`export { operations } from './operations.js';`, `export type { OperationKey } from './operations.js';`);
  const byFile = typesByFile(model);
  for (const [file, names] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const name of names) {
      if (core.has(name) || name === cls || name === 'ClientOptions' || name === 'operations') {
        throw new GeneratorError(`type ${name} clashes with a name the client package exports`, { pointer: spec.types[name]?.pointer ?? '' }, 'rename the schema in the spec config');
      }
    }
    out.push(layout(namedImport('export type', [...names].sort(), `./${file.replace(/\.ts$/, '.js')}`), 0));
  }
  return out.join('\n') + '\n';
}
