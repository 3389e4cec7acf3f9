/**
 * The normalizer: a loaded OpenAPI document plus the target config (and the
 * previous spec, whose user-visible names are locked) → the IR and a report.
 */
import { escapePointerSegment, GeneratorError, pointer } from '../errors.js';
import { IR_VERSION, type AuthScheme, type HttpMethod, type NormalizedSpec, type Operation, type ReportEntry, type Resource, type StableNames } from '../ir/types.js';
import type { LoadedDocument } from '../load/load.js';
import { RefResolver } from '../load/refs.js';
import { camelCase, pascalCase, singularName, sentenceCase, snakeCase } from '../names.js';
import { inScope, type TargetConfig } from './config.js';
import { assertUnique, findOverride, inferNames, isUglyOperationId, mcpToolName, shortHash, stableNames, toolWords, typePrefixOf, typePrefixSkipOf, type Naming, type NamingInput } from './naming.js';
import {
  applyHintOverride, buildExamples, buildParams, checkPathTemplate, collectParams, detectPagination, hintsFor, paginationNote, isListLike, needsResponseTypeName, uniqueParamNames,
  type RawOperation, type RawParam,
} from './operations.js';
import { buildBody } from './body.js';
import { buildResponseFacts, isUpgradeOnly } from './media.js';
import { buildStreamFacts } from './streams.js';
import { buildWebhooks } from './webhooks.js';
import { Reporter } from './report.js';
import { ShapeBuilder } from './shapes.js';
import { authorizationSchemeName, buildAuth, buildInfo, computeUsage, representableScheme, sameSchemes, serverURLOf } from './spec-parts.js';
import { splitVariants } from './variants.js';
import { markPollers } from './polling.js';
import { markFixedParams } from './fixed-params.js';
import { namingPath, withoutFragment } from './path-query.js';
import { resolveKeyCollisions } from './collisions.js';
import { reservedTypeNames } from './reserved.js';
import { customMethodsOf } from './custom.js';
import { Diverged, keepSteps, lastSteps, noteRef, StepMemo, type Steps } from './replay.js';
import { isLongLived } from '../long-lived.js';

const METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export interface NormalizeOptions {
  loaded: LoadedDocument;
  config: TargetConfig;
  scope: 'config' | 'all';
  previous?: NormalizedSpec;
}

export function normalize(opts: NormalizeOptions): { spec: NormalizedSpec; report: ReportEntry[] } {
  if (!isLongLived()) return normalizeOnce(opts);
  // In the daemon: the steps of the last import of this target that still hold are replayed (replay.ts).
  const runKey = `${opts.config.target}\0${opts.scope}`;
  const configText = JSON.stringify(opts.config);
  let result: ReturnType<typeof normalizeRun>;
  try {
    result = normalizeRun(opts, lastSteps(runKey, configText));
  } catch (error) {
    if (!(error instanceof Diverged)) throw error;
    result = normalizeRun(opts, new Map());
  }
  keepSteps(runKey, configText, result.steps!);
  return { spec: result.spec, report: result.report };
}

/** One run with nothing replayed: what a one-shot process does (tests compare the daemon's runs with it). */
export function normalizeOnce(opts: NormalizeOptions): { spec: NormalizedSpec; report: ReportEntry[] } {
  const { spec, report } = normalizeRun(opts);
  return { spec, report };
}

function normalizeRun(opts: NormalizeOptions, lastRun?: Steps): { spec: NormalizedSpec; report: ReportEntry[]; steps?: StepMemo } {
  const { loaded, config } = opts;
  const resolver = new RefResolver(loaded);
  const report = new Reporter();
  const shapes = new ShapeBuilder(resolver, report, config.types, reservedTypeNames(config.packages.clientClass));
  const steps = lastRun && new StepMemo(lastRun, { apply: (effect) => shapes.replay(effect), resolve: (ref) => resolver.resolve(ref, '') });
  if (steps) {
    resolver.onResolve = noteRef;
    shapes.useSteps(steps);
  }
  /** `compute()` as a replayable step of this run (in the daemon), else as is. */
  const step = <T>(key: string, inputs: readonly unknown[], compute: () => T): T => (steps ? steps.step(key, inputs, compute) : compute());
  const doc = loaded.doc;
  for (const note of loaded.notes) report.add(note.level, note.code, note.message, note.pointer);

  // 1. Every operation of the document (ids checked document-wide), then the scope.
  const all: RawOperation[] = [];
  const explicit = new Set<string>();
  for (const path of Object.keys(doc.paths)) {
    const item = resolver.deref(doc.paths[path], pointer('paths', path)).node as Record<string, any> | undefined;
    for (const m of METHODS) if (typeof item?.[m]?.operationId === 'string') explicit.add(item[m].operationId);
  }
  const ids = new Map<string, string>();
  for (const path of Object.keys(doc.paths)) {
    const itemPtr = pointer('paths', path);
    const item = resolver.deref(doc.paths[path], itemPtr).node as Record<string, any>;
    if (!item || typeof item !== 'object') continue;
    if ('trace' in item) report.unsupported('trace-method', 'TRACE operations are not represented.', `${itemPtr}/trace`);
    if (withoutFragment(path) !== path) {
      report.info('path-fragment', `The path key ends in a fragment (\`${path.slice(withoutFragment(path).length)}\`), which is never sent: its operations go to \`${withoutFragment(path)}\` and are named from that path and their operationIds.`, itemPtr);
    }
    // OpenAPI 3.2's QUERY method and other methods (`additionalOperations`: COPY, LINK…) have no place on the surfaces yet.
    if ('query' in item) report.unsupported('query-method', 'QUERY operations (OpenAPI 3.2) are not represented; left out of every surface.', `${itemPtr}/query`);
    if (item.additionalOperations && typeof item.additionalOperations === 'object') {
      for (const method of Object.keys(item.additionalOperations)) {
        report.unsupported('additional-operation', `The \`${method}\` operation (OpenAPI 3.2 \`additionalOperations\`) is not represented; left out of every surface.`, `${itemPtr}/additionalOperations/${escapePointerSegment(method)}`);
      }
    }
    for (const m of METHODS) {
      const op = item[m];
      if (!op || typeof op !== 'object') continue;
      const ptr = `${itemPtr}/${m}`;
      let operationId: string = typeof op.operationId === 'string' && op.operationId ? op.operationId : '';
      const derivedId = !operationId;
      if (derivedId) {
        const base = snakeCase(`${m} ${namingPath(path).replace(/[{}]/g, '')}`) || m;
        operationId = base;
        for (let n = 2; ids.has(operationId) || explicit.has(operationId); n++) operationId = `${base}_${n}`;
        report.info('operation-id-derived', `No operationId; derived \`${operationId}\`.`, ptr);
      } else if (ids.has(operationId)) {
        if (!config.inferred) {
          throw new GeneratorError(
            `Duplicate operationId \`${operationId}\`: also used at ${ids.get(operationId)}.`,
            resolver.where(`${ptr}/operationId`),
            'Every operationId must be unique in the document; rename one of them.',
          );
        }
        const base = operationId;
        for (let n = 2; ids.has(operationId) || explicit.has(operationId); n++) operationId = `${base}_${n}`;
        report.warn('operation-id-duplicate', `operationId \`${base}\` is also used at ${ids.get(base)}; this operation is \`${operationId}\`.`, ptr);
      }
      ids.set(operationId, ptr);
      all.push({ httpMethod: m, path, op, pathItem: item, pointer: ptr, operationId, derivedId });
    }
  }
  const scoped = all.filter((r) => {
    if (opts.scope !== 'all' && !inScope(config, r.path)) return false;
    if (!isUpgradeOnly(r)) return true;
    report.unsupported(
      'websocket-transport',
      'Only `101 Switching Protocols` succeeds: a WebSocket (upgraded) transport, which a request/response client, CLI command or MCP tool cannot carry; left out of every surface.',
      r.pointer,
    );
    return false;
  });
  if (scoped.length === 0) report.warn('empty-scope', 'No operation is in scope.', '/paths');

  // 2. Raw facts that naming needs (pagination, list-likeness), and template checks.
  const rawParams = new Map<RawOperation, RawParam[]>();
  const templates = new Map<RawOperation, string[]>();
  const pagination = new Map<RawOperation, ReturnType<typeof detectPagination>>();
  const responseNamed = new Map<RawOperation, boolean>();
  const inputs: NamingInput[] = scoped.map((r) => {
    const facts = step(`facts ${r.pointer}`, [r.op, r.pathItem, r.path, r.httpMethod, r.operationId], () => {
      const params = collectParams(r, resolver);
      const template = checkPathTemplate(r, params, resolver, report);
      const pag = detectPagination(r, params, shapes, resolver);
      return { params, template, pag, listLike: isListLike(r, shapes, resolver, params), needsResponseName: needsResponseTypeName(r, pag, shapes, resolver) };
    });
    rawParams.set(r, facts.params);
    templates.set(r, facts.template);
    pagination.set(r, facts.pag);
    responseNamed.set(r, facts.needsResponseName);
    return { httpMethod: r.httpMethod, path: r.path, operationId: r.operationId, pointer: r.pointer, paginated: Boolean(facts.pag), listLike: facts.listLike };
  });

  // 3. Names: inferred, overridden, de-duplicated, then locked to the previous spec.
  const allPaths = Object.keys(doc.paths);
  // A copy of the list: collisions below replace entries (a replayed list is the last run's too).
  const naming = [...step('names', [JSON.stringify(inputs), allPaths.join('\n')], () => inferNames(config, inputs, allPaths, report))];
  resolveKeyCollisions(config, scoped, naming, report);
  const names = new Map<RawOperation, StableNames>();
  const previous = matchPrevious(scoped, opts.previous?.operations ?? []);
  const toolBases = mcpToolBases(scoped, naming);
  // A long name fitted by dropping its repeated words may come out as another tool's: those are cut with a hash instead.
  const trial = scoped.map((r, i) => mcpToolName(config, r.operationId, r.path, r.pointer, new Reporter(), toolBases[i]));
  const uses = new Map<string, number>();
  for (const name of trial) uses.set(name, (uses.get(name) ?? 0) + 1);
  scoped.forEach((r, i) => {
    const tool = mcpToolName(config, r.operationId, r.path, r.pointer, report, toolBases[i], uses.get(trial[i]!) === 1);
    const derived = stableNames(config, naming[i]!, tool, { reporter: report, pointer: r.pointer });
    const prev = previous.get(r);
    if (prev) {
      if (prev.path !== r.path) {
        report.info('path-param-renamed', `Path changed from \`${prev.path}\` to \`${r.path}\` (parameter names only); the established names are kept.`, r.pointer);
      }
      if (prev.operationId !== r.operationId) {
        report.info('operation-id-changed', `operationId changed from \`${prev.operationId}\` to \`${r.operationId}\`; the established names are kept.`, r.pointer);
      }
      const changed = (Object.keys(derived) as Array<keyof StableNames>).filter((k) => JSON.stringify(derived[k]) !== JSON.stringify(prev.names[k]));
      if (changed.length) {
        report.info('name-locked', `Kept established ${changed.map((k) => `${k} \`${fmt(prev.names[k])}\` (would be \`${fmt(derived[k])}\`)`).join(', ')}.`, r.pointer);
      }
      names.set(r, { ...prev.names, clientPath: [...prev.names.clientPath] });
    } else names.set(r, derived);
  });
  uniqueTypePrefixes(scoped, naming, names, previous, report);
  if (config.inferred) dedupeInferred(scoped, names, report);
  const hint = config.inferred
    ? `Add an \`operations\` or \`mcpNames\` entry for one of them to spec/${config.target}/config.yaml (the first import writes it).`
    : 'Add an `operations` (resource/method) or `mcpNames` entry for one of them to the target config.';
  assertUnique(scoped.map((r) => ({ key: `${r.httpMethod.toUpperCase()} ${r.path}`, value: names.get(r)!.mcpTool, pointer: r.pointer })), 'MCP tool', hint);
  assertUnique(scoped.map((r) => ({ key: `${r.httpMethod.toUpperCase()} ${r.path}`, value: names.get(r)!.typePrefix, pointer: r.pointer })), 'type prefix', hint);
  assertUnique(scoped.map((r) => ({ key: `${r.httpMethod.toUpperCase()} ${r.path}`, value: `${names.get(r)!.cliGroup} ${names.get(r)!.cliCommand}`, pointer: r.pointer })), 'CLI command', hint);

  // Types the client emitter derives per operation (`XxxParams`; `XxxResponse` for an inline
  // response or page item that is not an object) are no schema's name.
  for (const r of scoped) {
    shapes.keepFree(`${names.get(r)!.typePrefix}Params`);
    if (responseNamed.get(r)) shapes.keepFree(`${names.get(r)!.typePrefix}Response`);
  }

  // 4. Operations, in key order so that derived type names never depend on document order.
  const order = scoped.map((r, i) => ({ r, n: naming[i]!, key: `${naming[i]!.resource.join('.')}.${naming[i]!.method}` })).sort((a, b) => cmp(a.key, b.key));
  const same = sameSchemes(doc, config.auth.map((a) => a.scheme));
  const sameKey = JSON.stringify([...same]);
  const operations: Operation[] = order.map(({ r, n, key }) => {
    const inputs = [
      r.op, r.pathItem, r.path, r.httpMethod, r.operationId, r.derivedId, key, JSON.stringify(n), JSON.stringify(names.get(r)),
      rawParams.get(r), templates.get(r), pagination.get(r), responseNamed.get(r), doc.security, doc.components?.securitySchemes, doc.servers, sameKey, styledMultipart(doc),
    ];
    const op = step(`operation ${r.pointer}`, inputs, () => buildOperation(r, n, key, names.get(r)!, rawParams.get(r)!, templates.get(r)!, pagination.get(r), responseNamed.get(r)!, shapes, resolver, report, doc, config, same));
    // A copy: later stages set its params and body (a replayed one is the last run's too).
    return { ...op };
  });
  const webhooks = buildWebhooks(doc, config, opts.scope, shapes, resolver, report);
  shapes.drain();

  // 5. Named types, usage, resources, auth, info.
  const types: NormalizedSpec['types'] = {};
  for (const name of [...shapes.types.keys()].sort()) types[name] = shapes.types.get(name)!;
  computeUsage(types, operations, webhooks?.events.map((e) => e.payload));
  const finalTypes = splitVariants(types, operations, (wanted, ptr) => shapes.reserveName(wanted, ptr), report);
  markFixedParams(operations, finalTypes, report);
  markComputed(config.computed, operations, finalTypes, report);
  markPollers(config, { operations, types: finalTypes }, report);
  const resources = buildResources(config, operations);
  const auth: AuthScheme[] = buildAuth(config, doc, operations, resolver, report);
  withoutUnsentSecurity(operations, auth, report);
  const spec: NormalizedSpec = {
    irVersion: IR_VERSION,
    target: config.target,
    info: buildInfo(config, loaded, report),
    packages: config.packages,
    auth,
    resources,
    operations,
    types: finalTypes,
    ...(webhooks ? { webhooks } : {}),
    ...(config.clientHeaders?.length ? { clientHeaders: config.clientHeaders.map((h) => ({ ...h })) } : {}),
    ...idempotencyHeaderOf(config, operations, report),
    // OpenAPI's rules are the default, left unsaid.
    ...(config.formStyle === 'brackets' ? { formStyle: 'brackets' as const } : {}),
    ...customMethodsOf(config, resources, operations),
    ...(config.polling && Object.keys(config.polling).length ? { polling: { ...config.polling } } : {}),
  };
  return { spec, report: report.sorted(), ...(steps ? { steps } : {}) };
}

/** OpenAPI 3.1 made an `encoding` entry's `style` and `explode` apply to multipart bodies (3.0 ignores them there). */
function styledMultipart(doc: Record<string, any>): boolean {
  const m = /^(\d+)\.(\d+)/.exec(String(doc.openapi ?? ''));
  return !!m && (Number(m[1]) > 3 || (Number(m[1]) === 3 && Number(m[2]) >= 1));
}

/**
 * The header for the client's generated idempotency keys: the target
 * config's (`idempotencyHeader`, null for none), else one the document's
 * operations declare (`Idempotency-Key`, any case), else none: a header an API
 * does not ask for may be refused, and in a browser it makes every write
 * need a CORS preflight that the API's server may not allow.
 */
function idempotencyHeaderOf(config: TargetConfig, operations: Operation[], report: Reporter): { idempotencyHeader?: string } {
  if (config.idempotencyHeader !== undefined) return config.idempotencyHeader ? { idempotencyHeader: config.idempotencyHeader } : {};
  for (const op of operations) {
    const declared = op.params.find((p) => p.in === 'header' && /^idempotency[-_]?key$/i.test(p.wireName));
    if (declared) {
      report.info('idempotency-header', `Operations declare the header \`${declared.wireName}\`: the client sends a generated key in it on every write, the same across its retries, unless the call passes one.`, declared.pointer);
      return { idempotencyHeader: declared.wireName };
    }
  }
  return {};
}

function fmt(v: unknown): string {
  return Array.isArray(v) ? v.join('.') : String(v);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Type prefixes drop leading segments; when that collides, keep the full resource path. */
/**
 * The previous spec's operation for each new one: the same `METHOD path`, else
 * the same URL with renamed path params (`/pets/{petId}` → `/pets/{id}`) when
 * that shape names one operation on each side. Names stay locked either way.
 */
function matchPrevious(scoped: RawOperation[], previous: Operation[]): Map<RawOperation, Operation> {
  const exact = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
  const shape = (method: string, path: string) => exact(method, path.replace(/\{[^}]*\}/g, '{}'));
  // The same path key (a path with a fragment has one key per operation, and one `METHOD path` for several).
  const byPointer = new Map(previous.map((o) => [o.pointer, o]));
  const byExact = new Map(previous.map((o) => [exact(o.httpMethod, o.path), o]));
  const count = <T>(items: T[], key: (t: T) => string) => items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string, number>());
  const oldShapes = count(previous, (o) => shape(o.httpMethod, o.path));
  const newShapes = count(scoped, (r) => shape(r.httpMethod, r.path));
  const byShape = new Map(previous.filter((o) => oldShapes.get(shape(o.httpMethod, o.path)) === 1).map((o) => [shape(o.httpMethod, o.path), o]));
  const out = new Map<RawOperation, Operation>();
  const taken = new Set<Operation>();
  for (const r of scoped) {
    const prev = byPointer.get(r.pointer) ?? byExact.get(exact(r.httpMethod, r.path));
    if (prev && !taken.has(prev)) {
      out.set(r, prev);
      taken.add(prev);
    }
  }
  for (const r of scoped) {
    if (out.has(r)) continue;
    const key = shape(r.httpMethod, r.path);
    const prev = newShapes.get(key) === 1 ? byShape.get(key) : undefined;
    if (prev && !taken.has(prev)) {
      out.set(r, prev);
      taken.add(prev);
    }
  }
  return out;
}

function uniqueTypePrefixes(scoped: RawOperation[], naming: Naming[], names: Map<RawOperation, StableNames>, prev: Map<RawOperation, Operation>, report: Reporter): void {
  const count = new Map<string, number>();
  for (const r of scoped) count.set(names.get(r)!.typePrefix, (count.get(names.get(r)!.typePrefix) ?? 0) + 1);
  scoped.forEach((r, i) => {
    const n = names.get(r)!;
    if ((count.get(n.typePrefix) ?? 0) < 2 || prev.has(r)) return;
    const full = typePrefixOf(naming[i]!.resource, naming[i]!.method);
    // Already the full prefix (an inferred target's): dedupeInferred resolves the clash.
    if (full === n.typePrefix) return;
    report.info('type-prefix-expanded', `Type prefix \`${n.typePrefix}\` is ambiguous; using \`${full}\`.`, r.pointer);
    n.typePrefix = full;
  });
}

/**
 * Inferred targets have no config to resolve clashes. Two operations whose
 * type prefix is the same (`GET /app` and `GET /apps/{app_slug}`, both
 * `AppRetrieve`) are named after their operationIds (`AppsGetAuthenticated`,
 * `AppsGetBySlug`) when the document gives readable, distinct ones; otherwise,
 * and for MCP tool names (already made from operationIds), every member of the
 * clashing group gets a hash of its route: deterministic and order-independent.
 */
function dedupeInferred(scoped: RawOperation[], names: Map<RawOperation, StableNames>, report: Reporter): void {
  for (const field of ['mcpTool', 'typePrefix'] as const) {
    const groups = new Map<string, RawOperation[]>();
    for (const r of scoped) groups.set(names.get(r)![field], [...(groups.get(names.get(r)![field]) ?? []), r]);
    const taken = new Set(groups.keys());
    for (const [value, list] of groups) {
      if (list.length < 2) continue;
      const byId = field === 'typePrefix' ? distinctIdNames(list, taken) : undefined;
      for (const name of byId ?? []) taken.add(name);
      for (const [i, r] of list.entries()) {
        const h = shortHash(`${r.httpMethod} ${r.path}`);
        const next = byId?.[i] ?? (field === 'mcpTool' ? `${value.slice(0, 57).replace(/_+$/, '')}_${h}` : `${value}${h.toUpperCase()}`);
        report.warn('name-collision-resolved', `${field} \`${value}\` is shared by ${list.length} operations; this one is \`${next}\`${byId ? ' (after its operationId)' : ''}.`, r.pointer);
        names.get(r)![field] = next;
      }
    }
  }
}

/** PascalCase names of `list`'s operationIds, when each is readable and none is taken; else undefined. */
function distinctIdNames(list: RawOperation[], taken: Set<string>): string[] | undefined {
  const out = list.map((r) => (r.derivedId || isUglyOperationId(r.operationId) ? '' : pascalCase(snakeCase(r.operationId))));
  if (out.some((name) => !/^[A-Z][A-Za-z0-9]*$/.test(name) || taken.has(name))) return undefined;
  return new Set(out).size === out.length ? out : undefined;
}

/**
 * What each operation's MCP tool is named from. Without an operationId the tool
 * is named by its method and resource, unless a name collision already named
 * it by the derived id. So is one whose operationId has no word separators
 * (`cancelreservation`, a hex id), when that name is no other tool's: the
 * tool's name then reads like the client method's (`update_reservation`).
 */
function mcpToolBases(scoped: RawOperation[], naming: Naming[]): string[] {
  const bases = scoped.map((r, i) => ((r.derivedId || !snakeCase(r.operationId)) && naming[i]!.method !== snakeCase(r.operationId) ? toolWords(naming[i]!) : r.operationId));
  const fromPath = scoped.map((r, i) => (bases[i] === r.operationId && isUglyOperationId(r.operationId) ? toolWords(naming[i]!) : undefined));
  const uses = new Map<string, number>();
  bases.forEach((base, i) => {
    const key = snakeCase(fromPath[i] ?? base);
    uses.set(key, (uses.get(key) ?? 0) + 1);
  });
  return bases.map((base, i) => (fromPath[i] !== undefined && uses.get(snakeCase(fromPath[i]!)) === 1 ? fromPath[i]! : base));
}

function buildOperation(
  r: RawOperation, n: Naming, key: string, names: StableNames, params: RawParam[], template: string[],
  pag: ReturnType<typeof detectPagination>, responseNamed: boolean, shapes: ShapeBuilder, resolver: RefResolver, report: Reporter, doc: Record<string, any>,
  config: TargetConfig, same: Map<string, string>,
): Operation {
  const declared = buildParams(r, params, template, shapes, resolver, report);
  // OpenAPI ignores a header param named Authorization: it is the key of a scheme (the operation's, else one made for it).
  const authorization = declared.find((p) => p.in === 'header' && p.wireName.toLowerCase() === 'authorization');
  // It ignores Accept and Content-Type too: the client sends them for the body it encodes and the response it parses.
  const mediaHeaders = declared.filter((p) => p.in === 'header' && /^(accept|content-type)$/i.test(p.wireName));
  for (const p of mediaHeaders) {
    const sends = p.wireName.toLowerCase() === 'accept' ? 'the media type of the response it parses' : 'the media type of the body it encodes';
    report.info('media-header-param', `The \`${p.wireName}\` header param is left out (OpenAPI ignores it): the client sends ${sends}; a client call's \`headers\` option can override it (the CLI and MCP server send the default).`, p.pointer);
  }
  const plain = declared.filter((p) => p !== authorization && !mediaHeaders.includes(p));
  const built = buildBody(r, names.typePrefix, shapes, resolver, report, styledMultipart(doc));
  const body = built.body;
  // One clean name per param (path, query, header and body together); upload fields follow renames. A body field
  // the server owns (readOnly) is never sent (splitVariants drops it), so it takes no name from another param.
  const sent = built.fields.filter((f) => !f.schema.readOnly);
  const named = uniqueParamNames([...plain, ...sent], report);
  const allParams = [...named, ...built.fields.filter((f) => f.schema.readOnly)];
  const renamedField = new Map(sent.map((f, i) => [f.name, named[plain.length + i]!.name]));
  if (body?.files) body.files = body.files.map((f) => renamedField.get(f) ?? f);
  if (body?.variants) {
    const rename = (f: string) => renamedField.get(f) ?? f;
    body.variants = body.variants.map((v) => ({
      ...v,
      fields: v.fields.map(rename),
      required: v.required.map(rename),
      ...(v.types ? { types: Object.fromEntries(Object.entries(v.types).map(([f, t]) => [rename(f), t])) } : {}),
    }));
  }
  if (body?.partTypes) body.partTypes = Object.fromEntries(Object.entries(body.partTypes).map(([f, t]) => [renamedField.get(f) ?? f, t]));
  if (body?.fieldStyles) body.fieldStyles = Object.fromEntries(Object.entries(body.fieldStyles).map(([f, t]) => [renamedField.get(f) ?? f, t]));
  // A paged list's inline item takes `XxxResponse` (kept free above); its envelope is then the page.
  const pageOfNamedItems = responseNamed && pag !== undefined && pag.itemsField !== '';
  const facts = buildResponseFacts(r, names.typePrefix, shapes, resolver, report, findOverride(config, `${r.httpMethod.toUpperCase()} ${r.path}`), pageOfNamedItems);
  const response = facts.response;
  const stream = buildStreamFacts(facts, allParams, names.typePrefix, shapes, resolver, report);
  const { security, requirements, optional: securityOptional } = securityOf(r.op.security ?? doc.security ?? [], doc, same);
  if (securityOptional) report.info('security-optional', `An empty security requirement makes ${security.map((s) => `\`${s}\``).join(', ')} optional: the key is sent when the client has one.`, r.pointer);
  if (authorization) {
    // With no scheme the packages can send (here.com's token request, signed as HTTP `oauth`), the header is the
    // param's own: left out, nothing sent it, and the call went with another scheme's key or none.
    const schemes = doc.components?.securitySchemes ?? {};
    const own = !security.some((name) => representableScheme(resolver.deref(schemes[name], pointer('components', 'securitySchemes', name)).node));
    if (own) security.push(authorizationSchemeName(doc));
    report.info(
      'authorization-param',
      own
        ? `The \`${authorization.wireName}\` header param is the API key of the scheme \`${security[security.length - 1]}\` (a client option, env var and CLI flag, read by the MCP server from the environment), sent as given.`
        : `The \`${authorization.wireName}\` header param is left out: OpenAPI ignores it, and the operation's security schemes send the header.`,
      authorization.pointer,
    );
  }
  let hints = hintsFor(r.httpMethod, n.method, n.kind);
  if (n.hints) {
    const rule = hints;
    hints = applyHintOverride(rule, n.hints.override, { key: n.hints.key, pointer: r.pointer });
    const set = (Object.keys(n.hints.override) as Array<keyof Operation['hints']>).sort().map((k) => `${k}: ${n.hints!.override[k]}`).join(', ');
    const changed = (Object.keys(hints) as Array<keyof Operation['hints']>).sort().filter((k) => hints[k] !== rule[k]);
    report.info(
      'hint-override',
      `Config \`${n.hints.key}\` sets hints ${set}${changed.length ? ` (rules gave ${changed.map((k) => `${k}: ${rule[k]}`).join(', ')})` : ' (same as the rules)'}.`,
      r.pointer,
    );
  }
  const aliases = findOverride(config, `${r.httpMethod.toUpperCase()} ${r.path}`)?.o.aliases;
  const op: Operation = {
    key,
    operationId: r.operationId,
    resource: n.resource,
    method: n.method,
    ...(aliases?.length ? { clientAliases: aliases.map((a) => camelCase(a)) } : {}),
    kind: n.kind,
    httpMethod: r.httpMethod,
    path: withoutFragment(r.path),
    names,
    ...(typeof r.op.summary === 'string' ? { summary: r.op.summary } : {}),
    ...(typeof r.op.description === 'string' ? { description: r.op.description } : {}),
    deprecated: r.op.deprecated === true,
    hints,
    params: allParams,
    ...(body ? { body } : {}),
    ...(response ? { response } : {}),
    ...(facts.responseKind ? { responseKind: facts.responseKind } : {}),
    ...(stream ? { stream } : {}),
    security,
    ...(requirements ? { requirements } : {}),
    ...(securityOptional ? { securityOptional } : {}),
    pointer: r.pointer,
  };
  if (pag) {
    op.pagination = {
      style: pag.style,
      requestParam: pag.requestParam,
      cursorField: pag.cursorField,
      itemsField: pag.itemsField,
      ...(pag.hasMoreField ? { hasMoreField: pag.hasMoreField } : {}),
      ...(pag.beforeParam ? { beforeParam: pag.beforeParam } : {}),
      ...(pag.cursorPath ? { cursorPath: pag.cursorPath } : {}),
      ...(pag.itemsPath ? { itemsPath: pag.itemsPath } : {}),
      ...(pag.firstPage !== undefined ? { firstPage: pag.firstPage } : {}),
      ...(pag.totalPath ? { totalPath: pag.totalPath } : {}),
      ...(pag.sizeParam ? { sizeParam: pag.sizeParam } : {}),
      ...(pag.linkHeader ? { linkHeader: true } : {}),
      item: shapes.shape(pag.itemsSchema, pag.itemsPtr),
    };
    report.info(
      'pagination',
      paginationNote(pag),
      r.pointer,
    );
  }
  const examples = buildExamples(r.op);
  if (examples) op.examples = examples;
  if (r.op.callbacks) report.unsupported('callbacks', 'Callbacks are not represented.', `${r.pointer}/callbacks`);
  // The operation's servers, else its path item's (the pointer without the method).
  const serversAt = r.op.servers ? `${r.pointer}/servers` : `${r.pointer.slice(0, r.pointer.lastIndexOf('/'))}/servers`;
  const server = operationServer(r.op.servers ?? r.pathItem.servers, doc, config, serversAt, report);
  if (server) op.baseURL = server;
  for (const code of Object.keys(r.op.responses ?? {})) {
    const links = (resolver.deref(r.op.responses[code], `${r.pointer}/responses/${code}`).node as Record<string, any>)?.links;
    if (links) report.unsupported('links', 'Response links are not represented.', `${r.pointer}/responses/${escapePointerSegment(code)}/links`);
  }
  return op;
}

/**
 * The base URL of an operation with servers of its own (`servers` on it or on
 * its path item) that differ from the document's, or undefined. Relative ones
 * (resolved against the document's location, which the packages do not know)
 * are reported and left to the document's base URL.
 */
function operationServer(servers: unknown, doc: Record<string, any>, config: TargetConfig, pointer: string, report: Reporter): string | undefined {
  if (!Array.isArray(servers) || servers.length === 0) return undefined;
  const withoutSlash = (url: string | undefined) => url?.replace(/\/+$/, '');
  const own = withoutSlash(serverURLOf(servers[0]));
  const base = withoutSlash(config.baseURL ?? (Array.isArray(doc.servers) ? serverURLOf(doc.servers[0]) : undefined));
  if (own === undefined || own === base) return undefined;
  if (!/^https?:\/\//i.test(own)) {
    report.unsupported('operation-server-relative', `The operation's own server \`${own}\` is relative; the document's base URL is used for it.`, pointer);
    return undefined;
  }
  const others = servers.length > 1 ? ` (the first of ${servers.length}; the others are reached with the base URL option)` : '';
  const env = config.packages.baseURLEnv;
  report.info('operation-server', `Sent to its own server \`${own}\`${others}; a base URL given to the client (\`baseURL\`, \`--base-url\`${env ? ` or \`${env}\`` : ''}) is used for it too.`, pointer);
  return own;
}

/**
 * The schemes an operation accepts, and its requirements when one names
 * several schemes that go together (OpenAPI: the schemes of one requirement
 * object are all sent; the objects are alternatives).
 */
function securityOf(reqs: unknown, doc: Record<string, any>, same: Map<string, string>): { security: string[]; requirements?: string[][]; optional?: boolean } {
  if (!Array.isArray(reqs)) return { security: [] };
  const known = doc.components?.securitySchemes ?? {};
  const security: string[] = [];
  const alternatives: string[][] = [];
  // `{}` among the requirements: anonymous access is one of the alternatives.
  let optional = false;
  for (const req of reqs) {
    if (req && typeof req === 'object' && Object.keys(req).length === 0) optional = true;
    const names = [...new Set(Object.keys(req ?? {}).filter((name) => name in known).map((name) => same.get(name) ?? name))];
    if (names.length) alternatives.push(names);
    for (const name of names) if (!security.includes(name)) security.push(name);
  }
  return {
    security,
    ...(alternatives.some((a) => a.length > 1) ? { requirements: alternatives } : {}),
    ...(optional && security.length > 0 ? { optional: true } : {}),
  };
}

/**
 * An operation whose every security scheme is one the packages cannot send
 * (Conjur's Kubernetes login over mutual TLS, here.com's token request signed
 * as HTTP `oauth`; buildAuth reports each scheme) is called without a key: it
 * asked for one of the API's other keys, which the client never sends it, so
 * in an API with several keys every call failed before a request, and with one
 * key it sent that one. A client certificate goes with `fetchOptions`.
 */
function withoutUnsentSecurity(operations: Operation[], auth: AuthScheme[], report: Reporter): void {
  const sent = new Set(auth.map((a) => a.name));
  for (const op of operations) {
    if (op.security.length === 0 || op.security.some((name) => sent.has(name))) continue;
    report.info('security-unsent', `Its security schemes (${op.security.map((s) => `\`${s}\``).join(', ')}) are not represented: it is called without a key.`, op.pointer);
    op.security = [];
    delete op.requirements;
    delete op.securityOptional;
  }
}

function buildResources(config: TargetConfig, operations: Operation[]): Resource[] {
  const byKey = new Map<string, Resource>();
  for (const op of operations) {
    for (let depth = 1; depth <= op.resource.length; depth++) {
      const path = op.resource.slice(0, depth);
      const key = path.join('.');
      if (!byKey.has(key)) {
        const rel = path.slice(typePrefixSkipOf(config, path));
        const last = rel[rel.length - 1]!;
        const title = rel.length > 1 ? sentenceCase(`${singularName(rel[rel.length - 2]!)} ${last}`) : sentenceCase(last);
        byKey.set(key, { path, key, title, operations: [], pointer: op.pointer.replace(/\/[^/]+$/, '') });
      }
    }
    byKey.get(op.resource.join('.'))!.operations.push(op.key);
  }
  for (const r of byKey.values()) r.operations.sort();
  // Parents before children: sorting by key does that since a parent key is a prefix.
  return [...byKey.values()].sort((a, b) => cmp(a.key, b.key));
}

/**
 * The config's `computed:` properties on each operation whose JSON response is
 * that type (not on streams, pages or other types that merely contain it, as
 * openai-node fills `output_text` in on the `Response` a call resolves to).
 * An entry whose type or property the document lacks is reported and dropped.
 */
function markComputed(computed: Record<string, string> | undefined, operations: Operation[], types: NormalizedSpec['types'], report: Reporter): void {
  if (!computed) return;
  const byType = new Map<string, Record<string, string>>();
  for (const [key, path] of Object.entries(computed).sort(([a], [b]) => cmp(a, b))) {
    const [typeName, property] = key.split('.') as [string, string];
    const shape = types[typeName]?.shape;
    const ptr = `/x-config/computed/${escapePointerSegment(key)}`;
    if (!shape || shape.kind !== 'object' || !shape.properties.some((p) => p.name === property)) {
      report.warn('computed-unused', `Config computes \`${key}\`, but the document has no such ${shape ? 'property' : 'type'}.`, ptr);
      continue;
    }
    byType.set(typeName, { ...byType.get(typeName), [property]: path });
  }
  for (const op of operations) {
    const schema = op.response?.schema;
    const props = schema?.kind === 'ref' && !op.pagination && op.responseKind === undefined ? byType.get(schema.name) : undefined;
    if (!props) continue;
    op.computed = { ...props };
    report.info('computed', `The client fills in ${Object.keys(props).map((p) => `\`${p}\``).join(', ')} of the \`${schema!.kind === 'ref' ? schema!.name : ''}\` it resolves to (the config's \`computed:\`).`, op.pointer);
  }
}
