/**
 * Pollers: a `retrieve` whose JSON response is an object with a string-enum
 * `status` that has pending values (the work goes on) and others (it is done)
 * gets the client's poll helpers (runtime/client/polling.ts): `poll`, and
 * `<method>AndPoll` for the operations that make or act on the same object.
 * The target config's `operations.<route>.poll` overrides the inference
 * (`pending:` values, `wait:` a method of openai-node's `waitForProcessing`
 * kind, or `false` for none). Works on the finished IR: no document reads.
 */
import { escapePointerSegment } from '../errors.js';
import type { NamedType, NormalizedSpec, Operation, Poller, PollAfter, Shape } from '../ir/types.js';
import { camelCase, snakeCase } from '../names.js';
import type { TargetConfig } from './config.js';
import { clientMemberNames, findOverride } from './naming.js';
import type { Reporter } from './report.js';

/**
 * Status words that mean the work goes on (compared in snake case, so
 * `IN_PROGRESS`, `in-progress` and `InProgress` are `in_progress`). Words that
 * end the work in some APIs and not in others (`requires_action`, `paused`,
 * `uploaded`) are left to config.
 */
export const PENDING_WORDS: readonly string[] = [
  'queued', 'pending', 'in_progress', 'running', 'processing', 'validating', 'finalizing',
  'cancelling', 'canceling', 'starting', 'initializing', 'provisioning', 'scheduled', 'waiting',
];

const PENDING = new Set(PENDING_WORDS);

/** The config's `poll` entry of an operation: `false`, or a mapping. */
export interface PollOverride {
  pending?: string[];
  wait?: string;
  positional?: boolean;
}

function resolve(shape: Shape | undefined, types: Record<string, NamedType>): Shape | undefined {
  for (let i = 0; shape?.kind === 'ref' && i < 10; i++) shape = types[shape.name]?.shape;
  return shape;
}

/** The string values a status shape admits: an enum, a literal, or a union of those; undefined for a free string. */
function statusValues(shape: Shape | undefined, types: Record<string, NamedType>): string[] | undefined {
  const s = resolve(shape, types);
  if (!s) return undefined;
  if (s.kind === 'string') return s.enum?.filter((v): v is string => typeof v === 'string');
  if (s.kind === 'literal') return typeof s.value === 'string' ? [s.value] : undefined;
  if (s.kind === 'union') {
    const parts = s.members.map((m) => statusValues(m, types));
    return parts.every((p) => p !== undefined) ? [...new Set(parts.flat() as string[])] : undefined;
  }
  return undefined;
}

/** The response object of a JSON, unpaged, non-streaming call, and its `status` property. */
function statusOf(op: Operation, types: Record<string, NamedType>) {
  if (op.pagination || op.responseKind || !op.response) return undefined;
  const obj = resolve(op.response.schema, types);
  if (obj?.kind !== 'object') return undefined;
  const status = obj.properties.find((p) => p.name === 'status');
  const id = obj.properties.find((p) => p.name === 'id');
  const idIsString = id !== undefined && id.required && resolve(id.shape, types)?.kind === 'string' && !resolve(id.shape, types)!.nullable;
  return status ? { status, idIsString } : undefined;
}

const routeOf = (op: Operation) => `${op.httpMethod.toUpperCase()} ${op.path}`;
const configPointer = (pattern: string) => `/x-config/operations/${escapePointerSegment(pattern)}/poll`;
const segments = (path: string) => path.replace(/\{[^}]*\}/g, '{}').split('/').filter(Boolean);
const same = (a: string[], b: string[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** Sets `poll` on each pollable retrieve and reports what each gets (or why a config entry does nothing). */
export function markPollers(config: TargetConfig, spec: Pick<NormalizedSpec, 'operations' | 'types'>, report: Reporter): void {
  const { operations, types } = spec;
  const members = clientMemberNames(operations);
  const overrides = new Map<Operation, { poll: PollOverride | false; pattern: string }>();
  for (const op of operations) {
    const found = findOverride(config, routeOf(op));
    const poll = (found?.o as { poll?: PollOverride | false } | undefined)?.poll;
    if (poll !== undefined) overrides.set(op, { poll, pattern: found!.pattern });
  }
  for (const op of operations) {
    const override = overrides.get(op);
    if (op.kind !== 'retrieve' || op.httpMethod !== 'get' || override?.poll === false) continue;
    const found = statusOf(op, types);
    const given = override?.poll || undefined;
    if (!found || op.stream) {
      if (given) report.warn('poll-unused', `Config \`${override!.pattern}\` sets \`poll\`, but ${op.stream ? 'the retrieve can stream' : 'its JSON response has no `status` property'}: no poll helper.`, configPointer(override!.pattern));
      continue;
    }
    const values = statusValues(found.status.shape, types);
    let pending: string[];
    if (given?.pending) {
      const unknown = values ? given.pending.filter((v) => !values.includes(v)) : [];
      if (unknown.length) {
        report.warn('poll-unknown-status', `Config \`${override!.pattern}\` lists pending ${unknown.map((v) => `\`${v}\``).join(', ')}, which \`status\` never takes (${values!.map((v) => `\`${v}\``).join(', ')}).`, configPointer(override!.pattern));
      }
      pending = [...given.pending];
    } else {
      if (!values) {
        if (given) report.warn('poll-unused', `Config \`${override!.pattern}\` sets \`poll\` without \`pending\`, and \`status\` is no enum to infer them from: no poll helper.`, configPointer(override!.pattern));
        continue;
      }
      pending = values.filter((v) => PENDING.has(snakeCase(v)));
      if (pending.length === 0 || pending.length === values.length) {
        if (given) report.warn('poll-unused', `Config \`${override!.pattern}\` sets \`poll\`, but \`status\` has ${pending.length ? 'only pending' : 'no pending'} values to infer (give \`pending:\`): no poll helper.`, configPointer(override!.pattern));
        continue;
      }
    }
    const pointer = found.status.shape.pointer ?? op.response!.pointer;
    const poller: Poller = { pending, method: true, pointer };
    const taken = members.get(op.resource.join('.')) ?? new Set<string>();
    const helpers: string[] = [];
    const clash = (name: string, what: string): boolean => {
      if (!taken.has(name) && !helpers.includes(name)) return false;
      report.warn('poll-helper-clash', `The poll helper \`${name}\`${what} is not generated: the resource already has a member of that name.`, op.pointer);
      return true;
    };
    if (clash('poll', '')) poller.method = false;
    else helpers.push('poll');
    const after = found.idIsString ? afterOperations(op, operations, overrides, types) : [];
    const kept: PollAfter[] = [];
    for (const a of after) {
      if (clash(a.method, ` (\`${a.operation}\`, then poll)`)) continue;
      helpers.push(a.method);
      kept.push(a);
    }
    if (kept.length) poller.after = kept.sort((a, b) => (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0));
    if (given?.positional && poller.method) {
      if (op.params.every((p) => p.in === 'path')) poller.positional = true;
      else report.warn('poll-unused', `Config \`${override!.pattern}\` sets \`poll.positional\`, but the retrieve has params besides its path params: \`poll\` takes the retrieve's parameters.`, configPointer(override!.pattern));
    }
    if (given?.wait) {
      const wait = camelCase(given.wait);
      if (!clash(wait, ' (config `wait`)')) {
        poller.wait = wait;
        helpers.push(wait);
      }
    }
    if (helpers.length === 0) continue;
    op.poll = poller;
    const source = given?.pending ? `the config's \`pending\`` : 'inferred';
    report.info('poller', `Polled while \`status\` is ${pending.map((v) => `\`${v}\``).join(', ')} (${source}): the client gets ${helpers.map((h) => `\`${h}\``).join(', ')}.`, op.pointer);
  }
  for (const [op, o] of overrides) {
    if (o.poll === false && op.kind !== 'retrieve' && !operations.some((r) => r.poll && r.resource.join('.') === op.resource.join('.'))) {
      report.warn('poll-unused', `Config \`${o.pattern}\` sets \`poll: false\`, but no poll helper would follow this operation.`, configPointer(o.pattern));
    } else if (o.poll && op.kind !== 'retrieve') {
      report.warn('poll-unused', `Config \`${o.pattern}\` sets \`poll\` on an operation that is no retrieve: no poll helper.`, configPointer(o.pattern));
    }
  }
}

/**
 * The operations whose result `<method>AndPoll` polls: POST creates and
 * actions of the retrieve's resource, answering with the same named type, at
 * the retrieve's collection path, its path, or an action segment below it,
 * and whose path gives every path param the retrieve needs besides the id.
 * A retrieve that needs other params (a required query param) gets none.
 */
function afterOperations(retrieve: Operation, operations: Operation[], overrides: Map<Operation, { poll: PollOverride | false }>, types: Record<string, NamedType>): PollAfter[] {
  const type = retrieve.response?.schema.kind === 'ref' ? retrieve.response.schema.name : undefined;
  const pathParams = retrieve.params.filter((p) => p.in === 'path');
  const item = segments(retrieve.path);
  if (!type || pathParams.length === 0 || item[item.length - 1] !== '{}') return [];
  if (retrieve.params.some((p) => p.in !== 'path' && p.required)) return [];
  const collection = item.slice(0, -1);
  const out: PollAfter[] = [];
  for (const op of operations) {
    if (op === retrieve || op.httpMethod !== 'post' || (op.kind !== 'create' && op.kind !== 'action')) continue;
    if (op.resource.join('.') !== retrieve.resource.join('.') || overrides.get(op)?.poll === false) continue;
    if (op.response?.schema.kind !== 'ref' || op.response.schema.name !== type || op.responseKind || op.pagination) continue;
    if (op.stream && !op.stream.switch) continue;
    if (!statusOf(op, types)) continue;
    const segs = segments(op.path);
    const at = same(segs, collection) || same(segs, item) || (segs.length === item.length + 1 && same(segs.slice(0, -1), item));
    if (!at) continue;
    const own = op.params.filter((p) => p.in === 'path');
    if (own.length < pathParams.length - 1) continue;
    const params: Record<string, string> = {};
    pathParams.slice(0, -1).forEach((p, i) => (params[p.name] = own[i]!.name));
    out.push({ operation: op.key, method: `${op.names.clientPath[op.names.clientPath.length - 1]}AndPoll`, params });
  }
  return out;
}

/** The client members a poller adds to its resource: `poll`, each `<method>AndPoll`, the config's wait method. */
export function pollHelperNames(poll: Poller): string[] {
  return [...(poll.method ? ['poll'] : []), ...(poll.after ?? []).map((a) => a.method), ...(poll.wait ? [poll.wait] : [])];
}
