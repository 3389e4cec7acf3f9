/**
 * Auto-pagination of list tools against scripted pages from a local recorder:
 * max_items, has_more, truncated and next_cursor for the id cursor, the
 * `next` cursor and the usage page token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { connectStdio, type Connected } from './helpers.js';

type Result = { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, any> };

const PROJECTS = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({ id, object: 'organization.project', name: id, created_at: 1, status: 'active' }));

describe('list tools', () => {
  let rec: Recorder;
  let conn: Connected;
  beforeAll(async () => {
    rec = await startRecorder();
    // Two projects per page, cursor = the last id.
    rec.route('GET', '/organization/projects', (req) => {
      const after = new URLSearchParams(req.query).get('after');
      const start = after ? PROJECTS.findIndex((p) => p.id === after) + 1 : 0;
      const data = PROJECTS.slice(start, start + 2);
      return { body: { object: 'list', data, first_id: data[0]?.id, last_id: data.at(-1)?.id, has_more: start + 2 < PROJECTS.length } };
    });
    // Groups use the `next` cursor.
    rec.route('GET', '/organization/groups', (req) => {
      const after = new URLSearchParams(req.query).get('after');
      const page = after === 'n2' ? 2 : 1;
      const group = (id: string) => ({ object: 'group', id, name: id, created_at: 1, is_scim_managed: false });
      return { body: page === 1 ? { object: 'list', data: [group('g1'), group('g2')], has_more: true, next: 'n2' } : { object: 'list', data: [group('g3')], has_more: false, next: null } };
    });
    // Costs use a page token; each page holds two buckets.
    rec.route('GET', '/organization/costs', (req) => {
      const page = new URLSearchParams(req.query).get('page') ?? 't1';
      const bucket = (n: number) => ({ object: 'bucket', start_time: n, end_time: n + 86400, results: [] });
      const pages: Record<string, object> = {
        t1: { object: 'page', data: [bucket(1), bucket(2)], has_more: true, next_page: 't2' },
        t2: { object: 'page', data: [bucket(3), bucket(4)], has_more: true, next_page: 't3' },
        t3: { object: 'page', data: [bucket(5)], has_more: false, next_page: null },
      };
      return { body: pages[page] };
    });
    conn = await connectStdio([], { OPENAI_BASE_URL: rec.url });
  });
  afterAll(async () => {
    await conn?.close();
    await rec?.close();
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    rec.requests.length = 0;
    const result = (await conn.client.callTool({ name, arguments: args })) as Result;
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    return result.structuredContent!;
  };

  it('walks every page when max_items allows', async () => {
    const out = await call('openai_admin_list_projects', { max_items: 10 });
    expect(out.data.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(out).toMatchObject({ has_more: false, truncated: false, next_cursor: null });
    expect(rec.requests.map((r) => r.query)).toEqual(['', 'after=p2', 'after=p4']);
  });

  it('stops at max_items inside a page and continues from the last returned id', async () => {
    const out = await call('openai_admin_list_projects', { max_items: 3 });
    expect(out.data.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(out).toMatchObject({ has_more: true, truncated: true, next_cursor: 'p3' });
    const rest = await call('openai_admin_list_projects', { after: out.next_cursor });
    expect(rest.data.map((p: { id: string }) => p.id)).toEqual(['p4', 'p5']);
    expect(rest.has_more).toBe(false);
  });

  it('uses a small default max_items', async () => {
    const out = await call('openai_admin_list_projects', {});
    expect(out.data.length).toBe(5);
    expect(rec.requests.length).toBe(3);
  });

  it('reads a limit given without max_items as the number of items wanted', async () => {
    const out = await call('openai_admin_list_projects', { limit: 3 });
    expect(out.data.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(out).toMatchObject({ has_more: true, truncated: true, next_cursor: 'p3' });
    // limit stays the page size the API is asked for.
    expect(rec.requests.map((r) => Object.fromEntries(new URLSearchParams(r.query)))).toEqual([{ limit: '3' }, { limit: '3', after: 'p2' }]);
  });

  it('asks for pages as large as the API allows when only max_items is given', async () => {
    await call('openai_admin_list_projects', { max_items: 250 });
    // The spec's range for `limit` is 1..100: one request for up to 100 items, not 13 of the default 20.
    expect(new URLSearchParams(rec.requests[0]!.query).get('limit')).toBe('100');
    await call('openai_admin_list_projects', { max_items: 50 });
    expect(new URLSearchParams(rec.requests[0]!.query).get('limit')).toBe('50');
    // Within the API's default page size nothing extra is sent.
    await call('openai_admin_list_projects', { max_items: 5 });
    expect(rec.requests[0]!.query).toBe('');
    // max_items and limit together: limit is the page size, max_items the total.
    const both = await call('openai_admin_list_projects', { max_items: 4, limit: 2 });
    expect(both.data.length).toBe(4);
    expect(rec.requests.map((r) => new URLSearchParams(r.query).get('limit'))).toEqual(['2', '2']);
  });

  it('reports progress page by page when the client asks for it', async () => {
    rec.requests.length = 0;
    const seen: Array<{ progress: number; message?: string }> = [];
    const result = (await conn.client.callTool({ name: 'openai_admin_list_projects', arguments: { max_items: 10 } }, undefined, {
      onprogress: (p) => seen.push({ progress: p.progress, message: p.message }),
    })) as Result;
    expect(result.structuredContent!.data.length).toBe(5);
    // One notification per page, increasing. The SDK client handles notifications a microtask
    // late, so the last one may lose the race with the result it precedes on the wire.
    expect([[2, 4], [2, 4, 5]]).toContainEqual(seen.map((p) => p.progress));
    expect(seen[0]!.message).toBe('2 items so far');
  });

  it('follows the `next` cursor', async () => {
    const out = await call('openai_admin_list_groups', {});
    expect(out.data.map((g: { id: string }) => g.id)).toEqual(['g1', 'g2', 'g3']);
    expect(rec.requests.map((r) => r.query)).toEqual(['', 'after=n2']);
    const one = await call('openai_admin_list_groups', { max_items: 2 });
    expect(one).toMatchObject({ has_more: true, truncated: true, next_cursor: 'n2' });
  });

  it('follows the usage page token, stopping at whole pages', async () => {
    const all = await call('openai_admin_usage_costs', { start_time: 0 });
    expect(all.data.map((b: { start_time: number }) => b.start_time)).toEqual([1, 2, 3, 4, 5]);
    expect(rec.requests.map((r) => new URLSearchParams(r.query).get('page'))).toEqual([null, 't2', 't3']);
    expect(all).toMatchObject({ has_more: false, truncated: false, next_cursor: null });
    const some = await call('openai_admin_usage_costs', { start_time: 0, max_items: 3 });
    expect(some.data.length).toBe(4);
    expect(some).toMatchObject({ has_more: true, truncated: true, next_cursor: 't3' });
    const last = await call('openai_admin_usage_costs', { start_time: 0, page: 't3' });
    expect(last.data.length).toBe(1);
  });

  it('stops instead of looping when the API repeats a cursor', async () => {
    rec.route('GET', '/organization/invites', () => ({
      body: { object: 'list', data: [{ id: 'same', object: 'organization.invite', email: 'a@b.c', role: 'reader', status: 'pending', invited_at: 1, expires_at: 2 }], has_more: true, last_id: 'same' },
    }));
    const out = await call('openai_admin_list_invites', { max_items: 50 });
    expect(out.has_more).toBe(true);
    expect(rec.requests.length).toBeLessThanOrEqual(3);
  });
});
