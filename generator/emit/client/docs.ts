/**
 * README.md and api.md from the handlebars templates in templates/client/.
 * Templates use triple braces only: every value is escaped here, for the
 * context it lands in (Markdown text, HTML inside `<code>`, a code fence).
 */
import type { CustomMethod } from '../../ir/types.js';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { markdownHeader } from '../header.js';
import { exampleCode } from './examples.js';
import { accessorChain, chain, methodTypeNames, type ClientModel, type MethodModel, type ResourceModel } from './model.js';
import { pollHelpers, pollHelperTexts, signatureTexts } from './resources.js';
import { baseErrorAlias, envBesideBaseURL, primaryAuth } from './entry.js';
import { folderPath } from './subpaths.js';
import { codeSpan, fenceFor, htmlText, isAbsoluteURL, markdownText as mdText } from '../markdown.js';
import { sameInputSameOutput } from '../same-input.js';

const templatesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../templates/client');
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function template(name: string): Handlebars.TemplateDelegate {
  let t = compiled.get(name);
  if (!t) {
    t = Handlebars.compile(readFileSync(resolve(templatesDir, name), 'utf8'), { noEscape: true, strict: true });
    compiled.set(name, t);
  }
  return t;
}

function breadcrumb(resource: ResourceModel): string {
  const titles: string[] = [];
  for (let r: ResourceModel | undefined = resource; r; r = r.parent) titles.unshift(r.resource.title);
  return titles.map(mdText).join(' › ');
}

function signatureParts(model: ClientModel, method: MethodModel) {
  return signatureTexts(method, { spec: model.spec, use: () => {} });
}

/**
 * A hand-written method's description, as Markdown: the maintainer's own words in the target config (not the API
 * document's), so its code spans stay code; only HTML is escaped, and it is kept to one line.
 */
function customDescription(m: CustomMethod): string {
  return m.description ? htmlText(m.description.replace(/\s+/g, ' ').trim()) : '';
}

/** One line of api.md's methods: an operation's (verb, path, signature), a poll helper's (signature) or a hand-written one's. */
type ApiMdMethod = { accessor: string; name: string; file: string } & (
  | { route: true; verb: string; path: string; args: string; returns: string }
  | { helper: true; args: string; returns: string }
  | { custom: true; description: string }
);

export function emitApiMd(model: ClientModel): string {
  const { spec } = model;
  const resources = model.all.map((r) => ({
    heading: '#'.repeat(Math.min(6, r.resource.path.length + 1)),
    title: breadcrumb(r),
    types: [
      ...r.methods.flatMap(methodTypeNames),
      ...r.types,
    ].map((name) => ({ name: htmlText(name), file: htmlText(r.file) })),
    // A method's config `aliases` are listed too, on their own lines, as openai-node's api.md lists its deprecated names.
    methods: [
      ...r.methods.flatMap((m): ApiMdMethod[] => {
        const { args, returns } = signatureParts(model, m);
        return [m.name, ...(m.op.clientAliases ?? [])].map((name) => ({
          route: true,
          verb: htmlText(m.op.httpMethod),
          path: htmlText(m.op.path),
          accessor: htmlText(chain('client', m.accessor)),
          name: htmlText(name),
          file: htmlText(r.file),
          args: htmlText(args.join(', ')),
          returns: htmlText(returns),
        }));
      }),
      // A retrieve's poll helpers (`poll`, `createAndPoll`…) make several requests: listed without a route, as openai-node lists them.
      ...r.methods
        .flatMap((m) => pollHelpers(m, r))
        .map((h): ApiMdMethod => {
          const { args, returns } = pollHelperTexts(h, { spec: model.spec, use: () => {} });
          return { helper: true, accessor: htmlText(chain('client', h.retrieve.accessor)), name: htmlText(h.name), file: htmlText(r.file), args: htmlText(args.join(', ')), returns: htmlText(returns) };
        }),
      // Hand-written methods (config `custom.methods`) last, as openai-node lists its helpers.
      ...r.custom.map((m): ApiMdMethod => ({
        custom: true,
        accessor: htmlText(chain('client', accessorChain(r))),
        name: htmlText(m.name),
        file: htmlText(`lib/${m.file}`),
        description: customDescription(m),
      })),
    ],
  }));
  const context = { header: markdownHeader(spec.target).trimEnd(), title: mdText(spec.info.title), clientClass: spec.packages.clientClass, resources };
  // Plain data (strings and arrays of them): its JSON is all the template reads.
  return sameInputSameOutput(() => `api.md\0${JSON.stringify(context)}`, () => template('api.md.hbs')(context));
}

/** One worked example per resource that has methods: its list method if any, else its first. */
export function emitReadme(model: ClientModel): string {
  const { spec } = model;
  const auth = primaryAuth(model);
  const examples = model.all
    .filter((r) => r.methods.length > 0)
    .map((r) => {
      const method = r.methods.find((m) => m.op.kind === 'list') ?? r.methods.find((m) => m.op.kind === 'retrieve') ?? r.methods[0]!;
      const code = exampleCode(method, spec);
      return { title: breadcrumb(r), code, fence: fenceFor(code) };
    });
  const callable = model.all.flatMap((r) => r.methods).filter((m) => m.paginated && !m.paramsRequired && !m.positional);
  const paged = callable.find((m) => !m.arrayPages);
  const arrayPaged = callable.find((m) => m.arrayPages);
  return template('README.md.hbs')({
    header: markdownHeader(spec.target).trimEnd(),
    title: mdText(spec.info.title),
    apiVersion: codeSpan(spec.info.version),
    packageName: spec.packages.client,
    clientClass: spec.packages.clientClass,
    auth: auth ? { envVar: auth.envVar, clientOption: auth.clientOption } : false,
    otherSchemes: spec.auth.slice(1).map((s) => ({ envVar: s.envVar, clientOption: s.clientOption, name: mdText(s.name) })),
    baseURL: codeSpan(spec.info.baseURL),
    noDefaultBase: !isAbsoluteURL(spec.info.baseURL),
    baseURLEnv: spec.packages.baseURLEnv,
    logLevelEnv: envBesideBaseURL(spec, 'LOG'),
    customHeadersEnv: envBesideBaseURL(spec, 'CUSTOM_HEADERS'),
    examples,
    // An upload example reads a file with `fs.createReadStream`: the usage block imports `fs` for it, as openai-node's README does.
    fileStreams: examples.some((e) => /\bfs\.createReadStream\(/.test(e.code)),
    // Only a method that exists and takes no required params makes a snippet that compiles.
    pagination: paged ? { call: `${chain('client', [...paged.accessor, paged.name])}()` } : false,
    arrayPagination: arrayPaged ? { call: `${chain('client', [...arrayPaged.accessor, arrayPaged.name])}()` } : false,
    arrayLists: model.all.some((r) => r.methods.some((m) => m.arrayPages)),
    paginated: model.all.some((r) => r.methods.some((m) => m.paginated)),
    linkLists: spec.operations.some((o) => o.pagination?.style === 'next_link' || o.pagination?.linkHeader),
    countedLists: spec.operations.some((o) => o.pagination?.style === 'page_number' || o.pagination?.style === 'offset'),
    idempotencyHeader: spec.idempotencyHeader ?? false,
    baseError: baseErrorAlias(model) ?? false,
    streamingParams: model.all.some((r) => r.methods.some((m) => m.streamingParams)),
    polling: pollingDocs(model),
    // Hand-written methods (config `custom.methods`), as api.md lists them.
    customMethods: model.all.flatMap((r) => r.custom.map((m) => ({ call: chain('client', [...accessorChain(r), m.name]), description: customDescription(m) }))),
    // The first resource folder (deepImportPaths' order), as an example of a deep path.
    folderPath: model.all.filter((r) => r.children.length > 0).map(folderPath).sort()[0] ?? false,
  });
}

/** The README's polling paragraph: the first `poll` and `…AndPoll` helpers (api.md order), and the interval header. */
function pollingDocs(model: ClientModel): { poll: string; after: string | false; intervalHeader: string | false } | false {
  const helpers = model.all.flatMap((r) => r.methods.flatMap((m) => pollHelpers(m, r)));
  const poll = helpers.find((h) => h.kind === 'poll');
  if (!poll) return false;
  const after = helpers.find((h) => h.kind === 'after');
  const call = (h: typeof poll) => chain('client', [...h.retrieve.accessor, h.name]);
  return { poll: call(poll), after: after ? call(after) : false, intervalHeader: model.spec.polling?.intervalHeader ?? false };
}
