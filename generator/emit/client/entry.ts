/**
 * The package entry points: `src/client.ts` (the client class, whose option
 * names, env vars and base URL come from the IR) and `src/index.ts` (default export plus every public
 * name: errors, pagination, types, the operations table).
 */
import { GeneratorError } from '../../errors.js';
import { codeHeader } from '../header.js';
import { packageVersion } from '../release-files.js';
import { CORE_CLIENT, coreExportNames, coreValueNames } from './core-imports.js';
import { relativeImport, type ClientModel } from './model.js';
import { propertyKey } from './ts-types.js';
import { escapeComment, namedClause, tsString, writeDoc, createWriter } from './writer.js';

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
  w.writeLine(`import { ${CORE_CLIENT.name}, ${vars.length ? 'readEnv, ' : ''}type ${CORE_CLIENT.options} as CoreClientOptions } from './${CORE_CLIENT.file.replace(/\.ts$/, '.js')}';`);
  if (vars.length) w.writeLine(`import { serverURL } from './core/server-url.js';`);
  const statics = classStatics();
  if (statics.length) w.writeLine(`import * as Core from './core/index.js';`);
  for (const root of model.roots) w.writeLine(`import * as ${root.className}API from '${relativeImport('client.ts', root.file)}';`);
  const hooks = webhooksOf(model);
  if (hooks) {
    w.writeLine(`import { Webhooks } from './core/webhooks.js';`);
    w.writeLine(`import type { ${hooks.event} } from '${relativeImport('client.ts', hooks.file)}';`);
  }
  w.blankLine();
  writeDoc(w, [escapeComment(`Options of the ${cls} client.`)]);
  const schemes = spec.auth;
  const serverOptions = () => {
    for (const v of vars) {
      const choices = v.enum ? ` One of ${v.enum.map((e) => `\`${e}\``).join(', ')}.` : '';
      const what = v.description ? `${v.description.trim()} ` : '';
      writeDoc(w, [escapeComment(`${what}The \`{${v.name}}\` of \`${spec.info.baseURLTemplate}\`.${choices} Defaults to \`process.env['${v.envVar}']\`, then \`${v.default}\`.`)]);
      w.writeLine(`${propertyKey(v.clientOption)}?: string | null | undefined;`);
    }
  };
  if (auth) {
    w.write(`export interface ClientOptions extends Omit<CoreClientOptions, 'apiKey' | 'credentials'>`).block(() => {
      serverOptions();
      for (const scheme of schemes) {
        const how =
          scheme.kind === 'bearer' ? 'a bearer token'
          : scheme.kind === 'basic' ? 'HTTP basic credentials, written `user:password`'
          : `the \`${scheme.paramName}\` ${scheme.kind === 'apiKeyQuery' ? 'query parameter' : 'header'}`;
        const which = schemes.length > 1 ? ` for the operations that accept \`${scheme.name}\`` : '';
        writeDoc(w, [escapeComment(`Credential sent as ${how}${which}. Defaults to \`process.env['${scheme.envVar}']\`.`)]);
        w.writeLine(`${scheme.clientOption}?: string | null | undefined;`);
      }
    });
  } else if (vars.length) {
    w.write(`export interface ClientOptions extends Omit<CoreClientOptions, 'apiKey'>`).block(serverOptions);
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
    for (const name of statics) w.writeLine(`static ${name}: typeof Core.${name} = Core.${name};`);
    if (statics.length) w.blankLine();
    for (const root of model.roots) {
      writeDoc(w, [escapeComment(root.resource.title)]);
      w.writeLine(`${propertyKey(root.property)}: ${root.className}API.${root.className} = new ${root.className}API.${root.className}(this);`);
    }
    if (hooks) {
      writeDoc(w, [escapeComment(`Verifies and parses the webhooks the API sends (Standard Webhooks signatures). The secret comes from \`webhookSecret\` or \`${hooks.env}\`.`)]);
      w.writeLine(`webhooks: Webhooks<${hooks.event}> = new Webhooks<${hooks.event}>(this);`);
    }
    // The options as given (a #private field: never printed or serialized), for withOptions().
    w.writeLine(`#options: ClientOptions;`);
    w.blankLine();
    // Server variables fill the URL template: option, else env var, else the document's default.
    const varSpecs = vars.map((v) => `{ name: ${tsString(v.name)}, option: ${tsString(v.clientOption)}, env: ${tsString(v.envVar)}, default: ${tsString(v.default)}${v.enum ? `, enum: [${v.enum.map(tsString).join(', ')}]` : ''} }`);
    const defaultBaseURL = vars.length
      ? `serverURL(${tsString(spec.info.baseURLTemplate ?? spec.info.baseURL)}, [${varSpecs.join(', ')}], { ${vars.map((v) => v.clientOption).join(', ')} }, readEnv)`
      : tsString(spec.info.baseURL);
    const meta: string[] = [
      `packageName: ${tsString(spec.packages.client)}`,
      `version: ${tsString(packageVersion(spec, 'client'))}`,
      `defaultBaseURL: ${defaultBaseURL}`,
      `baseURLEnv: ${tsString(spec.packages.baseURLEnv)}`,
      ...(hooks ? [`webhookSecretEnv: ${tsString(hooks.env)}`] : []),
    ];
    if (schemes.length > 1) {
      // Several schemes: each operation names the ones it accepts (operations.ts), keys come by scheme name.
      const list = schemes.map((s) => `{ name: ${tsString(s.name)}, option: ${tsString(s.clientOption)}, env: ${tsString(s.envVar)}, kind: ${tsString(s.kind)}${s.kind === 'apiKeyHeader' || s.kind === 'apiKeyQuery' ? `, param: ${tsString(s.paramName)}` : ''} }`);
      meta.push(`schemes: [${list.join(', ')}]`);
    } else if (auth) {
      meta.push(`apiKeyEnv: ${tsString(auth.envVar)}`, `apiKeyOption: ${tsString(auth.clientOption)}`);
      // Bearer is the core's default; other schemes say how the key travels.
      if (auth.kind !== 'bearer') meta.push(`auth: { kind: ${tsString(auth.kind)}${auth.kind === 'basic' ? '' : `, name: ${tsString(auth.paramName)}`} }`);
    }
    const own = vars.map((v) => v.clientOption);
    if (schemes.length > 1) {
      const names = [...schemes.map((s) => s.clientOption), ...own];
      w.write(`constructor({ ${names.join(', ')}, ...options }: ClientOptions = {})`).block(() => {
        const credentials = schemes.map((s) => `${propertyKey(s.name)}: ${s.clientOption}`).join(', ');
        w.writeLine(`super({ ...options, credentials: { ${credentials} } }, { ${meta.join(', ')} });`);
        w.writeLine(`this.#options = { ...options, ${names.join(', ')} };`);
      });
    } else if (auth) {
      const names = [auth.clientOption, ...own];
      w.write(`constructor({ ${names.join(', ')}, ...options }: ClientOptions = {})`).block(() => {
        w.writeLine(`super({ ...options, apiKey: ${auth.clientOption} }, { ${meta.join(', ')} });`);
        w.writeLine(`this.#options = { ...options, ${names.join(', ')} };`);
      });
    } else if (own.length) {
      w.write(`constructor({ ${own.join(', ')}, ...options }: ClientOptions = {})`).block(() => {
        w.writeLine(`super({ ...options, apiKey: null }, { ${meta.join(', ')} });`);
        w.writeLine(`this.#options = { ...options, ${own.join(', ')} };`);
      });
    } else {
      w.write(`constructor(options: ClientOptions = {})`).block(() => {
        w.writeLine(`super({ ...options, apiKey: null }, { ${meta.join(', ')} });`);
        w.writeLine(`this.#options = { ...options };`);
      });
    }
    w.blankLine();
    writeDoc(w, [
      'A new client with these options changed and the others kept, e.g.\n`client.withOptions({ timeout: 5_000, maxRetries: 0 }).admin…`.',
    ]);
    w.write(`withOptions(options: Partial<ClientOptions>): ${cls}`).block(() => {
      w.writeLine(`return new ${cls}({ ...this.#options, ...options });`);
    });
  });
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
  const env = `${model.spec.packages.baseURLEnv.replace(/_?BASE_URL$/, '')}_WEBHOOK_SECRET`.replace(/^_/, '');
  return { event, file, env };
}

/**
 * Values of the runtime that the client class also carries as statics, as openai-node's does:
 * every error class, and `toFile` once the runtime has it.
 */
export function classStatics(): string[] {
  return [...coreValueNames()].filter((name) => /Error$/.test(name) || name === 'toFile').sort();
}

export function emitIndexFile(model: ClientModel): string {
  const { spec } = model;
  const cls = spec.packages.clientClass;
  const core = coreExportNames();
  const out: string[] = [codeHeader(spec.target)];
  out.push(`export { ${cls} as default, ${cls} } from './client.js';`);
  out.push(`export type { ClientOptions } from './client.js';`);
  out.push(`export * from './core/index.js';`);
  out.push(`export { operations } from './operations.js';`, `export type { OperationKey } from './operations.js';`);
  const byFile = new Map<string, string[]>();
  const add = (file: string, name: string) => byFile.set(file, [...(byFile.get(file) ?? []), name]);
  for (const [name, file] of model.typeHome) add(file, name);
  for (const r of model.all) {
    for (const m of r.methods) {
      if (m.paramsType) add(r.file, m.paramsType);
      if (m.responseTypeName) add(r.file, m.responseTypeName);
    }
  }
  for (const [file, names] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const name of names) {
      if (core.has(name) || name === cls || name === 'ClientOptions' || name === 'operations') {
        throw new GeneratorError(`type ${name} clashes with a name the client package exports`, { pointer: spec.types[name]?.pointer ?? '' }, 'rename the schema in the spec config');
      }
    }
    out.push(namedClause('export type', [...names].sort(), `./${file.replace(/\.ts$/, '.js')}`));
  }
  return out.join('\n') + '\n';
}
