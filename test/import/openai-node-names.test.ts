/**
 * The `openai` target against the official SDK's own index (openai-node's
 * api.md, read from ../shared at run time): for every (verb, route) that both
 * list, the client method path must be openai-node's, and the return type must
 * carry openai-node's name wherever the document has a named schema for it.
 * Differences are allowed only when listed below with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalizedSpec, Operation, Shape } from '../../generator/ir/types.js';
import { pascalCase, singularName } from '../../generator/names.js';
import { readSdkHelpers, readSdkMethods, readSdkTypeNames, type SdkMethod } from '../support/openai-node-api.js';
import { repoRoot } from '../support/shared.js';

const spec = JSON.parse(readFileSync(join(repoRoot, 'spec/openai/spec.json'), 'utf8')) as NormalizedSpec;
const sdk = readSdkMethods();
const byRoute = new Map(spec.operations.map((op) => [`${op.httpMethod} ${op.path}`, op]));

/** Client paths that may differ from openai-node's: none today. `verb route` → why. */
const METHOD_ALLOW: Record<string, string> = {};

/** Return types that may differ: `verb route` → why. Each entry must still differ (a stale one fails). */
const TYPE_ALLOW: Record<string, string> = {
  'post /threads/{thread_id}/messages': 'the document’s `Message` is another schema (a conversation message); openai-node keeps the two apart in modules, our package exports one flat namespace',
  'get /threads/{thread_id}/messages/{message_id}': 'as `post /threads/{thread_id}/messages`: `Message` is taken by another schema',
  'post /threads/{thread_id}/messages/{message_id}': 'as `post /threads/{thread_id}/messages`: `Message` is taken by another schema',
  'get /threads/{thread_id}/messages': 'as `post /threads/{thread_id}/messages`: `Message` is taken by another schema',
  'post /organization/groups': 'the document’s `Group` is another schema (the group of a role assignment); one flat namespace',
  'get /organization/groups/{group_id}': 'as `post /organization/groups`: `Group` is taken by another schema',
  'get /organization/groups': 'as `post /organization/groups`: `Group` is taken by another schema',
  'get /chatkit/threads/{thread_id}/items': 'openai-node’s item is the nested `ChatKitThreadItemList.Data`, not a top-level type',
};

/** openai-node's name for a schema it does not model: `<resource, singular><Method>Response` (e.g. `RoleCreateResponse`). */
function sdkSynthesizedName(m: SdkMethod): string {
  const [resource = '', method = ''] = m.clientPath.slice(-2);
  return `${pascalCase(singularName(resource))}${pascalCase(method)}Response`;
}

/** `ChatCompletionsPage` → `ChatCompletion`; other names as they are. */
function itemOfPage(name: string): string {
  return name.endsWith('Page') ? pascalCase(singularName(name.slice(0, -'Page'.length))) : name;
}

function refName(shape: Shape | undefined): string | undefined {
  return shape?.kind === 'ref' ? shape.name : undefined;
}

/**
 * The items a page holds: the paginated item, or, for a list whose cursor is not
 * inferred (openai-node still wraps it in a `Page`), its `data` items.
 */
function pageItems(op: Operation): Shape | undefined {
  if (op.pagination) return op.pagination.item;
  let shape = op.response?.schema;
  for (let i = 0; shape?.kind === 'ref' && i < 10; i++) shape = spec.types[shape.name]?.shape;
  if (shape?.kind !== 'object') return undefined;
  const data = shape.properties.find((p) => p.name === 'data')?.shape;
  return data?.kind === 'array' ? data.items : undefined;
}

type TypeCheck = { kind: 'same' | 'differs' | 'synthesized' | 'inline' | 'binary' | 'void'; ours?: string; theirs: string };

function compareType(m: SdkMethod, op: Operation): TypeCheck {
  if (m.returns === 'Response') {
    // openai-node hands back the raw fetch Response; so does our client for a binary response kind.
    return { kind: op.responseKind === 'binary' ? 'binary' : 'differs', ours: op.responseKind ?? 'json', theirs: m.returns };
  }
  if (m.returns === 'void') return { kind: op.response && op.responseKind !== 'empty' ? 'differs' : 'void', ours: refName(op.response?.schema), theirs: m.returns };
  const paged = m.returns.endsWith('Page');
  const theirs = paged ? itemOfPage(m.returns) : m.returns;
  const items = paged ? pageItems(op) : undefined;
  if (paged && !items) return { kind: 'differs', ours: refName(op.response?.schema), theirs: m.returns };
  const ours = refName(paged ? items : op.response?.schema);
  if (theirs === sdkSynthesizedName(m)) return { kind: 'synthesized', ours, theirs };
  if (ours === undefined) return { kind: 'inline', theirs };
  return { kind: ours === theirs ? 'same' : 'differs', ours, theirs };
}

/**
 * openai-node's helpers (api.md lines without a route) that the generated client has: the poll helpers
 * (normalize/polling.ts), and the hand-written ones of spec/openai/custom/ (`vectorStores.files.upload`,
 * `uploadAndPoll`, `fileBatches.uploadAndPoll`, `beta.threads.createAndRunPoll`; api.md shows their arguments as
 * `…`: type-checks/usage.ts and the tests beside it check them). Known gaps, not generated: the Assistants API's
 * stream helpers (`runs.stream`, `createAndStream`, `submitToolOutputsStream`, `threads.createAndRunStream`).
 */
const HELPER_GAPS = /^(createAndRunStream|createAndStream|stream|submitToolOutputsStream)$/;
const HELPER_SCOPE = /^(beta\.threads\.runs|beta\.threads|vectorStores\.files|vectorStores\.fileBatches)\.\w+$|^files\.waitForProcessing$/;

/**
 * What each argument of a helper is, in order: an id (`id:<name>`, lower case; openai-node's bare `id` matches
 * any), `object` (params or body), or `options` (openai-node's `{ pollInterval, maxWait }` are options too).
 */
function argRoles(args: string[]): string[] {
  return args.map((arg) => {
    const [head = '', type] = arg.split(/\??: /, 2);
    const bare = head.replace(/\?$/, '');
    if (bare === 'options' || /\bpollInterval\b/.test(arg)) return 'options';
    if (type !== undefined ? type === 'string' : /^\w*(id|Id|ID)$/.test(bare)) return `id:${bare.toLowerCase()}`;
    return 'object';
  });
}

describe('the openai target has openai-node’s poll helpers (api.md lines without a route)', () => {
  const theirs = readSdkHelpers().filter((h) => HELPER_SCOPE.test(h.clientPath.join('.')) && !HELPER_GAPS.test(h.clientPath[h.clientPath.length - 1]!));
  const ours = new Map(readSdkHelpers(join(repoRoot, 'generated/openai/client/api.md')).map((h) => [h.clientPath.join('.'), h]));

  it('has each of runs, vectorStores.files, vectorStores.fileBatches and files.waitForProcessing, arguments in the same order', () => {
    expect(theirs.map((h) => h.clientPath.join('.')).sort()).toEqual([
      'beta.threads.createAndRunPoll',
      'beta.threads.runs.createAndPoll', 'beta.threads.runs.poll', 'beta.threads.runs.submitToolOutputsAndPoll',
      'files.waitForProcessing',
      'vectorStores.fileBatches.createAndPoll', 'vectorStores.fileBatches.poll', 'vectorStores.fileBatches.uploadAndPoll',
      'vectorStores.files.createAndPoll', 'vectorStores.files.poll', 'vectorStores.files.upload', 'vectorStores.files.uploadAndPoll',
    ]);
    const problems: string[] = [];
    for (const h of theirs) {
      const path = h.clientPath.join('.');
      const mine = ours.get(path);
      if (!mine) {
        problems.push(`${path}: missing (openai-node api.md:${h.line})`);
        continue;
      }
      // A hand-written helper's api.md line says `(…)`: its arguments are its function's (type-checks/usage.ts).
      if (mine.args.length === 1 && mine.args[0] === '…') continue;
      const a = argRoles(h.args);
      const b = argRoles(mine.args);
      const same = a.length === b.length && a.every((role, i) => role === b[i] || (role === 'id:id' && b[i]!.startsWith('id:')));
      if (!same) problems.push(`${path}: ours (${b.join(', ')}), openai-node (${a.join(', ')}) (api.md:${h.line})`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the openai target is named as openai-node names it (api.md)', () => {
  const both = sdk.filter((m) => byRoute.has(`${m.verb} ${m.route}`));

  it('lists every method of api.md, and the document has nearly all of them', () => {
    expect(sdk.length).toBeGreaterThan(250);
    const missing = sdk.filter((m) => !byRoute.has(`${m.verb} ${m.route}`)).map((m) => `${m.verb} ${m.route}`);
    expect(missing).toEqual([]);
  });

  it('gives every (verb, route) in both the client path openai-node gives it', () => {
    const routes = [...new Set(both.map((m) => `${m.verb} ${m.route}`))];
    const mismatches: string[] = [];
    for (const route of routes) {
      // api.md can list one route twice (a deprecated alias, e.g. permissions.retrieve beside .list): each name must
      // be the method's or one of its config `aliases`.
      const theirs = both.filter((m) => `${m.verb} ${m.route}` === route).map((m) => m.clientPath.join('.'));
      const op = byRoute.get(route)!;
      const ours = op.names.clientPath.join('.');
      const oursAll = [ours, ...(op.clientAliases ?? []).map((alias) => [...op.names.clientPath.slice(0, -1), alias].join('.'))];
      if (!theirs.every((name) => oursAll.includes(name)) && !METHOD_ALLOW[route]) {
        mismatches.push(`${route}: ours ${oursAll.join(' | ')}, openai-node ${theirs.join(' | ')} (api.md:${both.find((m) => `${m.verb} ${m.route}` === route)!.line})`);
      }
    }
    const matched = routes.length - mismatches.length - Object.keys(METHOD_ALLOW).length;
    console.log(`client paths: ${matched}/${routes.length} routes match openai-node (${((100 * matched) / routes.length).toFixed(1)}%), ${Object.keys(METHOD_ALLOW).length} allowed differences`);
    expect(mismatches).toEqual([]);
    for (const route of Object.keys(METHOD_ALLOW)) {
      const theirs = both.filter((m) => `${m.verb} ${m.route}` === route).map((m) => m.clientPath.join('.'));
      expect(theirs, `stale METHOD_ALLOW entry ${route}`).not.toContain(byRoute.get(route)?.names.clientPath.join('.'));
    }
  });

  it('names each return type as openai-node does where the document has that type', () => {
    const latest = new Map(both.map((m) => [`${m.verb} ${m.route}`, m]));
    const counts: Record<TypeCheck['kind'], number> = { same: 0, differs: 0, synthesized: 0, inline: 0, binary: 0, void: 0 };
    const mismatches: string[] = [];
    const stale: string[] = [];
    for (const [route, m] of latest) {
      const check = compareType(m, byRoute.get(route)!);
      counts[check.kind]++;
      if (check.kind === 'differs' && !TYPE_ALLOW[route]) mismatches.push(`${route}: ours ${check.ours ?? '(none)'}, openai-node ${check.theirs} (api.md:${m.line})`);
      if (check.kind !== 'differs' && TYPE_ALLOW[route]) stale.push(route);
    }
    const compared = counts.same + counts.differs;
    console.log(
      `return types: ${counts.same}/${compared} named types match openai-node (${((100 * counts.same) / compared).toFixed(1)}%), ${counts.differs} allowed differences; ` +
        `not compared: ${counts.synthesized} names openai-node makes up for schemas it does not model, ${counts.inline} inline in the document, ` +
        `${counts.binary} raw responses, ${counts.void} empty`,
    );
    expect(mismatches).toEqual([]);
    expect(stale, 'TYPE_ALLOW entries that no longer differ').toEqual([]);
    expect(counts.same).toBeGreaterThan(100);
  });

  it('has the types openai-node’s users know under their names, stream events included', () => {
    const listed = readSdkTypeNames();
    expect(listed.size).toBeGreaterThan(400);
    // Including those application code names most: chat messages and their content parts, the function definition, transcripts.
    const known = ['ChatCompletion', 'ChatCompletionChunk', 'ResponseStreamEvent', 'Completion', 'VectorStore', 'VectorStoreFileBatch', 'FileObject', 'Assistant', 'Run', 'OrganizationUser',
      'ChatCompletionMessageParam', 'ChatCompletionUserMessageParam', 'ChatCompletionContentPart', 'ChatCompletionContentPartText', 'ChatCompletionMessage', 'FunctionDefinition', 'Transcription', 'FileChunkingStrategyParam'];
    for (const name of known) expect(spec.types[name], name).toBeDefined();
    for (const name of known.slice(10)) expect(listed.has(name), `${name} is in api.md`).toBe(true);
    // A renamed schema keeps its provenance, and its old name is gone.
    expect(spec.types.ChatCompletionChunk!.pointer).toBe('/components/schemas/CreateChatCompletionStreamResponse');
    expect(spec.types.CreateChatCompletionStreamResponse).toBeUndefined();
    // Each streaming method's event type is the one api.md lists, where it lists one.
    const events = Object.fromEntries(spec.operations.filter((o) => o.stream).map((o) => [o.names.clientPath.join('.'), refName(o.stream!.event)]));
    expect(events).toMatchObject({
      'chat.completions.create': 'ChatCompletionChunk',
      'responses.create': 'ResponseStreamEvent',
      'beta.responses.create': 'BetaResponseStreamEvent',
      'images.generate': 'ImageGenStreamEvent',
      'images.edit': 'ImageEditStreamEvent',
      'audio.transcriptions.create': 'TranscriptionStreamEvent',
    });
    for (const [method, name] of Object.entries(events)) {
      // responses.* is indexed in another api.md (src/resources/responses), and speech events are not indexed.
      if (method !== 'responses.create' && method !== 'audio.speech.create') expect(listed.has(name!), `${method} → ${name}`).toBe(true);
    }
  });

  it('keeps the Admin API’s names exactly as the openai-admin target has them', () => {
    const admin = JSON.parse(readFileSync(join(repoRoot, 'spec/openai-admin/spec.json'), 'utf8')) as NormalizedSpec;
    const differ: string[] = [];
    for (const op of admin.operations) {
      const ours = byRoute.get(`${op.httpMethod} ${op.path}`);
      if (!ours) differ.push(`${op.httpMethod} ${op.path}: missing`);
      else {
        for (const k of ['clientPath', 'cliGroup', 'cliCommand', 'mcpTool', 'typePrefix'] as const) {
          if (JSON.stringify(ours.names[k]) !== JSON.stringify(op.names[k])) differ.push(`${op.httpMethod} ${op.path} ${k}: ${JSON.stringify(ours.names[k])} vs ${JSON.stringify(op.names[k])}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });
});
