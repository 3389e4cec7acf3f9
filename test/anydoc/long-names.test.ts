/**
 * Names large real APIs (GitHub's 1,200 operations) run into. An MCP tool name
 * over the 64 characters clients accept loses its filler words first, then
 * takes the usual abbreviations (`repositories` → `repos`), then drops
 * repeated words and bare `id`s (unless two tools would then share a name),
 * and only then is cut and given a hash. Two operations whose type prefixes clash (`GET /app`
 * and `GET /apps/{app_slug}`, both `AppRetrieve`) are named after their
 * readable operationIds rather than a hash, and a method that lost its name
 * to a more specific route is named after its operationId without the
 * namespace its path already says (`issues/list-comments` → `list_comments`).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '../support/pipeline.js';
import { importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok' } };
const list = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } };
const pathParams = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));

describe('long and clashing names', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('long-names'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Long Names', version: '1' },
        paths: {
          '/app': { get: { operationId: 'apps/get-authenticated', responses: ok } },
          '/apps/{app_slug}': { get: { operationId: 'apps/get-by-slug', parameters: [{ name: 'app_slug', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
          '/security': { get: { operationId: 'get-code-security-settings-for-the-enterprise-sandbox-now', responses: ok } },
          '/repos': { get: { operationId: 'repos/list-repositories-for-the-enterprise-configuration-of-an-organization', responses: ok } },
          '/issues/comments': { get: { operationId: 'issues/list-comments-for-repo', responses: list } },
          '/issues/{issue_number}/comments': { get: { operationId: 'issues/list-comments', parameters: [{ name: 'issue_number', in: 'path', required: true, schema: { type: 'integer' } }], responses: list } },
          '/things': { get: { operationId: 'things/list', responses: list } },
          '/things/': { get: { operationId: 'legacy/list', responses: list } },
          '/sync': { post: { operationId: 'synchronize-everything-everywhere-all-at-once-immediately-without-waiting-whatsoever', responses: ok } },
          // GitLab's ids repeat each resource in its param: too long until the repeats and bare `id`s go.
          '/v3/projects/{id}/issues/{issue_id}/notes/{note_id}/award_emoji/{award_id}': {
            get: { operationId: 'getV3ProjectsIdIssuesIssueIdNotesNoteIdAwardEmojiAwardId', parameters: pathParams('id', 'issue_id', 'note_id', 'award_id'), responses: ok },
          },
          // Two that would both come out `…_groups_epics_epic_notes_note_award_emoji` that way: cut with a hash instead.
          '/v3/groups/{id}/epics/{epic_id}/notes/{note_id}/award_emoji/{award_id}': {
            get: { operationId: 'getV3GroupsIdEpicsEpicIdNotesNoteIdAwardEmojiAwardId', parameters: pathParams('id', 'epic_id', 'note_id', 'award_id'), responses: ok },
          },
          '/v3/groups/{id}/epics/{epic_id}/notes/{note_id}/award_emoji': {
            get: { operationId: 'getV3GroupsIdEpicsEpicIdNotesNoteIdAwardEmojiIds', parameters: pathParams('id', 'epic_id', 'note_id'), responses: list },
          },
        },
      },
    });
  });

  const tool = (method: string, path: string) => op(imported.spec, method, path).names.mcpTool;
  const codes = (code: string) => imported.report.filter((r) => r.code === code);

  it('drops filler words from a tool name that is too long, then abbreviates, and reports it', () => {
    expect(tool('get', '/security')).toBe('long_names_get_code_security_settings_enterprise_sandbox_now');
    expect(tool('get', '/repos')).toBe('long_names_repos_list_repos_enterprise_config_org');
    expect(codes('mcp-name-shortened').map((r) => r.pointer).sort()).toEqual([
      '/paths/~1repos/get',
      '/paths/~1security/get',
      '/paths/~1v3~1projects~1{id}~1issues~1{issue_id}~1notes~1{note_id}~1award_emoji~1{award_id}/get',
    ]);
  });

  it('then drops repeated words and bare ids, unless that makes two tools one name', () => {
    expect(tool('get', '/v3/projects/{id}/issues/{issue_id}/notes/{note_id}/award_emoji/{award_id}')).toBe('long_names_get_v3_projects_issues_issue_notes_note_award_emoji');
    const one = tool('get', '/v3/groups/{id}/epics/{epic_id}/notes/{note_id}/award_emoji/{award_id}');
    const other = tool('get', '/v3/groups/{id}/epics/{epic_id}/notes/{note_id}/award_emoji');
    for (const name of [one, other]) expect(name).toMatch(/^long_names_get_v3_groups_id_epics_epic_id_notes_note_id_a_[a-z0-9]{6}$/);
    expect(one).not.toBe(other);
  });

  it('cuts a name that is still too long and adds a hash, within 64 characters', () => {
    const name = tool('post', '/sync');
    expect(name).toMatch(/^long_names_synchronize_everything_everywhere_all_once_imm_[a-z0-9]{6}$/);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(codes('mcp-name-truncated').map((r) => r.pointer).sort()).toEqual([
      '/paths/~1sync/post',
      '/paths/~1v3~1groups~1{id}~1epics~1{epic_id}~1notes~1{note_id}~1award_emoji/get',
      '/paths/~1v3~1groups~1{id}~1epics~1{epic_id}~1notes~1{note_id}~1award_emoji~1{award_id}/get',
    ]);
    for (const o of imported.spec.operations) expect(o.names.mcpTool.length).toBeLessThanOrEqual(64);
  });

  it('names a method whose route lost a clash after its operationId, without the namespace the path already says', () => {
    expect(op(imported.spec, 'get', '/issues/comments').names.clientPath).toEqual(['issues', 'comments', 'list']);
    expect(op(imported.spec, 'get', '/issues/{issue_number}/comments').names.clientPath).toEqual(['issues', 'comments', 'listComments']);
    expect(op(imported.spec, 'get', '/issues/{issue_number}/comments').names.cliCommand).toBe('list-comments');
    // Without its namespace the name would be the other route's `list`: the whole operationId then.
    expect(op(imported.spec, 'get', '/things/').names.clientPath).toEqual(['things', 'legacyList']);
  });

  it('names clashing type prefixes after their operationIds', () => {
    expect(op(imported.spec, 'get', '/app').names.typePrefix).toBe('AppsGetAuthenticated');
    expect(op(imported.spec, 'get', '/apps/{app_slug}').names.typePrefix).toBe('AppsGetBySlug');
    expect(codes('name-collision-resolved').map((r) => r.message)).toContainEqual(expect.stringMatching(/`AppsGetBySlug` \(after its operationId\)/));
  });
});
