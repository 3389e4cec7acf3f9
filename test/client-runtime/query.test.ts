import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildQuery } from '../../runtime/client/query.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { listAuditLogs, makeClient, usageQueryOp } from './support/fixtures.js';

describe('buildQuery (unit)', () => {
  it('encodes brackets arrays with literal brackets', () => {
    expect(buildQuery(listAuditLogs.query, { project_ids: ['a', 'b'] })).toBe('project_ids[]=a&project_ids[]=b');
  });
  it('encodes deepObject', () => {
    expect(buildQuery(listAuditLogs.query, { effective_at: { gt: 1, lte: 5 } })).toBe('effective_at[gt]=1&effective_at[lte]=5');
  });
  it('form: explode repeats keys, non-explode joins with commas', () => {
    expect(buildQuery(usageQueryOp.query, { models: ['m1', 'm 2'], group_by: ['project_id', 'model'] })).toBe(
      'models=m1&models=m%202&group_by=project_id,model',
    );
  });
  it('pipeDelimited and spaceDelimited join an array with `|` and a space; exploded, they repeat the key as form does', () => {
    const query = {
      tags: { wire: 'tags', style: 'pipeDelimited', explode: false },
      words: { wire: 'words', style: 'spaceDelimited', explode: false },
      ids: { wire: 'ids', style: 'pipeDelimited' },
    } as const;
    expect(buildQuery(query, { tags: ['a', 'b|c'], words: ['x y', 'z'], ids: [1, 2] })).toBe('tags=a|b%7Cc&words=x%20y%20z&ids=1&ids=2');
  });
  it('booleans as true/false, undefined and null dropped, declaration order kept', () => {
    expect(buildQuery(usageQueryOp.query, { batch: false, start_time: 1700000000, models: undefined, group_by: null })).toBe(
      'start_time=1700000000&batch=false',
    );
  });
  it('percent-encodes values, including & = ? # /', () => {
    expect(buildQuery(listAuditLogs.query, { after: 'a&b=c?d#e/f' })).toBe('after=a%26b%3Dc%3Fd%23e%2Ff');
  });
  it('per-request query overrides defaultQuery and same-wire op params', () => {
    expect(buildQuery(listAuditLogs.query, { limit: 5, after: 'x' }, { debug: true, limit: 1 }, { limit: 2 })).toBe(
      'after=x&debug=true&limit=2',
    );
  });
  it('empty when nothing set', () => {
    expect(buildQuery(listAuditLogs.query, {})).toBe('');
  });
});

describe('query strings on the wire', () => {
  let rec: Recorder;
  beforeAll(async () => {
    rec = await startRecorder();
  });
  afterAll(() => rec.close());
  beforeEach(() => rec.reset());

  it('sends every style exactly', async () => {
    const client = makeClient(rec.url, { defaultQuery: { 'api-version': '1' } });
    await client.request(listAuditLogs, {
      project_ids: ['proj_1', 'proj_2'],
      event_types: ['project.created'],
      effective_at: { gt: 1, lte: 5 },
      limit: 20,
      after: undefined,
    });
    expect(rec.requests[0]!.url).toBe(
      '/organization/audit_logs?project_ids[]=proj_1&project_ids[]=proj_2&event_types[]=project.created&effective_at[gt]=1&effective_at[lte]=5&limit=20&api-version=1',
    );
    await client.request(usageQueryOp, { start_time: 0, group_by: ['model', 'project_id'], batch: true }, { query: { extra: 'x y' } });
    expect(rec.requests[1]!.url).toBe(
      '/organization/usage/completions?start_time=0&group_by=model,project_id&batch=true&api-version=1&extra=x%20y',
    );
  });

  it('a method with only optional params can be called with no params', async () => {
    const client = makeClient(rec.url);
    await client.request(listAuditLogs);
    expect(rec.requests[0]!.url).toBe('/organization/audit_logs');
    expect(rec.requests[0]!.method).toBe('GET');
  });
});
