/**
 * Operation hints (MCP annotations): the rules from verb, method kind and
 * action name, and `operations.<key>.hints` overrides in the target config,
 * including the errors a bad override gives.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { GeneratorError } from '../../generator/errors.js';
import type { NormalizedSpec, Operation } from '../../generator/ir/types.js';
import { hintsFor } from '../../generator/normalize/operations.js';
import { newestOpenaiSpecJson, repoRoot } from '../support/shared.js';

const route = (o: Operation) => `${o.httpMethod.toUpperCase()} ${o.path}`;
const adminConfig = () => parse(readFileSync(join(repoRoot, 'spec/openai-admin/config.yaml'), 'utf8'));

function configDirWith(operations: Record<string, unknown>): string {
  const config = adminConfig();
  config.operations = { ...config.operations, ...operations };
  const dir = mkdtempSync(join(tmpdir(), 'import-hints-'));
  writeFileSync(join(dir, 'config.yaml'), stringify(config));
  return dir;
}

async function failure(configDir: string): Promise<GeneratorError> {
  try {
    await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', configDir, relock: true });
  } catch (e) {
    expect(e).toBeInstanceOf(GeneratorError);
    return e as GeneratorError;
  }
  throw new Error('import unexpectedly succeeded');
}

const R = { readOnly: true, destructive: false, idempotent: true };
const NONE = { readOnly: false, destructive: false, idempotent: false };
const IDEM = { readOnly: false, destructive: false, idempotent: true };
const DESTR_IDEM = { readOnly: false, destructive: true, idempotent: true };

/** Route → expected hints, written from what each operation does. */
const TABLE: Array<[string, Operation['hints']]> = [
  ['GET /organization/projects', R],
  ['GET /organization/projects/{project_id}', R],
  ['POST /organization/projects', NONE], // create
  ['POST /organization/projects/{project_id}', IDEM], // modify project: sets fields
  ['POST /organization/projects/{project_id}/archive', DESTR_IDEM],
  ['POST /organization/certificates/activate', IDEM], // "atomically and idempotently activate"
  ['POST /organization/certificates/deactivate', DESTR_IDEM],
  ['POST /organization/projects/{project_id}/certificates/activate', IDEM],
  ['POST /organization/projects/{project_id}/certificates/deactivate', DESTR_IDEM],
  ['POST /organization/projects/{project_id}/rate_limits/{rate_limit_id}', IDEM], // update_rate_limit (renamed, still an update)
  ['POST /organization/spend_limit', IDEM], // singleton update
  ['POST /organization/groups/{group_id}/users', NONE], // add a user
  ['POST /organization/users/{user_id}/roles', NONE], // assign a role
  ['POST /organization/invites', NONE], // invite
  ['DELETE /organization/projects/{project_id}/users/{user_id}', DESTR_IDEM],
  ['DELETE /organization/spend_limit', DESTR_IDEM],
];

describe('hint rules', () => {
  let spec: NormalizedSpec;
  beforeAll(async () => {
    spec = (await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', relock: true })).spec;
  });

  it.each(TABLE)('%s', (r, hints) => {
    const op = spec.operations.find((o) => route(o) === r);
    expect(op, r).toBeDefined();
    expect(op!.hints).toEqual(hints);
  });

  it('holds for every admin operation: reads read-only, deletes destructive+idempotent, creates not idempotent', () => {
    for (const op of spec.operations) {
      if (op.httpMethod === 'get') expect(op.hints, op.key).toEqual(R);
      else expect(op.hints.readOnly, op.key).toBe(false);
      if (op.httpMethod === 'delete') expect(op.hints, op.key).toEqual(DESTR_IDEM);
      if (op.kind === 'create') expect(op.hints.idempotent, op.key).toBe(false);
      if (op.kind === 'update') expect(op.hints.idempotent, op.key).toBe(true);
    }
  });

  it('uses the method kind and only whole state verbs', () => {
    expect(hintsFor('post', 'enable_feature', 'action')).toEqual(IDEM);
    expect(hintsFor('post', 'disable', 'action')).toEqual(DESTR_IDEM);
    expect(hintsFor('post', 'unarchive', 'action')).toEqual(IDEM);
    expect(hintsFor('post', 'activation_codes', 'action')).toEqual(NONE); // not `activate`
    expect(hintsFor('post', 'send', 'action')).toEqual(NONE);
    expect(hintsFor('post', 'create', 'create')).toEqual(NONE);
    expect(hintsFor('patch', 'update', 'update')).toEqual(IDEM);
    expect(hintsFor('put', 'update', 'update')).toEqual(IDEM);
    expect(hintsFor('head', 'retrieve', 'retrieve')).toEqual(R);
  });
});

describe('hint overrides in the target config', () => {
  it('applies exact and glob entries over the rules and reports each one', async () => {
    const configDir = configDirWith({
      'POST /organization/projects': { hints: { idempotent: true } },
      'POST /organization/projects/*/archive': { hints: { destructive: false } },
      // A glob keyed on the document path (before pathRewrites), as for names.
      'DELETE /projects/{project_id}/roles/*': { hints: { destructive: false } },
    });
    const { spec, report } = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', configDir, relock: true });
    const get = (r: string) => spec.operations.find((o) => route(o) === r)!;
    expect(get('POST /organization/projects').hints).toEqual(IDEM);
    expect(get('POST /organization/projects/{project_id}/archive').hints).toEqual(IDEM);
    expect(get('DELETE /projects/{project_id}/roles/{role_id}').hints).toEqual({ readOnly: false, destructive: false, idempotent: true });
    // Untouched operations keep the rule result.
    expect(get('POST /organization/certificates/deactivate').hints).toEqual(DESTR_IDEM);

    const notes = report.filter((e) => e.code === 'hint-override');
    expect(notes.map((e) => e.pointer).sort()).toEqual(
      [get('POST /organization/projects').pointer, get('POST /organization/projects/{project_id}/archive').pointer, get('DELETE /projects/{project_id}/roles/{role_id}').pointer].sort(),
    );
    expect(notes.find((e) => e.pointer === get('POST /organization/projects').pointer)!.message).toContain('idempotent: true (rules gave idempotent: false)');
    // A hints-only entry renames nothing.
    expect(report.some((e) => e.code === 'name-override' && e.pointer === get('POST /organization/projects').pointer)).toBe(false);
    expect(get('POST /organization/projects').key).toBe('admin.organization.projects.create');
  });

  it('readOnly: true starts from the read-only hints', async () => {
    const configDir = configDirWith({ 'POST /organization/certificates/activate': { hints: { readOnly: true } } });
    const { spec } = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', configDir, relock: true });
    expect(spec.operations.find((o) => route(o) === 'POST /organization/certificates/activate')!.hints).toEqual(R);
  });

  it('rejects an unknown hint key, naming the config file and the operation key', async () => {
    const configDir = configDirWith({ 'POST /organization/projects': { hints: { idempotentHint: true } } });
    const err = await failure(configDir);
    expect(err.location.file).toBe(join(configDir, 'config.yaml'));
    expect(err.location.line).toBeGreaterThan(1);
    expect(err.message).toContain('POST /organization/projects');
    expect(err.message).toContain('idempotentHint');
    expect(err.format()).toMatch(/config\.yaml:\d+:\d+: /);
  });

  it('rejects a non-boolean hint value', async () => {
    const configDir = configDirWith({ 'DELETE /organization/users/{user_id}': { hints: { destructive: 'yes' } } });
    const err = await failure(configDir);
    expect(err.location.file).toBe(join(configDir, 'config.yaml'));
    expect(err.message).toContain('DELETE /organization/users/{user_id}');
    expect(err.message).toMatch(/`destructive` must be true or false/);
  });

  it('rejects readOnly together with destructive', async () => {
    const configDir = configDirWith({ 'GET /organization/usage/*': { resource: 'admin.organization.usage', method: '$1', hints: { readOnly: true, destructive: true } } });
    const err = await failure(configDir);
    expect(err.location.file).toBe(join(configDir, 'config.yaml'));
    expect(err.message).toContain('GET /organization/usage/*');
    expect(err.message).toMatch(/contradict/);
  });

  it('rejects an override that makes a read destructive', async () => {
    const configDir = configDirWith({ 'GET /organization/projects': { hints: { destructive: true } } });
    const err = await failure(configDir);
    expect(err.message).toContain('GET /organization/projects');
    expect(err.location.pointer).toBe('/paths/~1organization~1projects/get');
  });
});
