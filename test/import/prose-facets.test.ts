/**
 * Numeric facets stated only in a parameter's description: the pure
 * derivation (what it takes and what it must not take) and the admin import.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import type { NormalizedSpec, Operation, ReportEntry, Shape } from '../../generator/ir/types.js';
import { facetMessage, proseFacets } from '../../generator/normalize/prose-facets.js';
import { newestOpenaiSpecJson } from '../support/shared.js';

const int: Shape = { kind: 'integer' };
const num: Shape = { kind: 'number' };
const OPENAI_LIMIT = 'A limit on the number of objects to be returned. Limit can range between 1 and 100, and the default is 20.\n';
const BUCKETS = 'Specifies the number of buckets to return.\n- `bucket_width=1d`: default: 7, max: 31\n- `bucket_width=1h`: default: 24, max: 168\n- `bucket_width=1m`: default: 60, max: 1440\n';

describe('proseFacets', () => {
  it('takes range and default from the OpenAI limit sentence', () => {
    const r = proseFacets(int, OPENAI_LIMIT, 'limit');
    expect(r.shape).toEqual({ kind: 'integer', minimum: 1, maximum: 100, default: 20, proseFacets: ['minimum', 'maximum', 'default'] });
    expect(r.derived).toEqual([{ facet: 'minimum', value: 1 }, { facet: 'maximum', value: 100 }, { facet: 'default', value: 20 }]);
    expect(facetMessage(r.derived)).toBe('Range 1..100 and default 20 taken from the description.');
  });

  it('adds only what the schema lacks, and never changes the input shape', () => {
    const shape: Shape = { kind: 'integer', default: 20, description: 'x' };
    const r = proseFacets(shape, OPENAI_LIMIT, 'limit');
    expect(r.shape).toEqual({ kind: 'integer', default: 20, description: 'x', minimum: 1, maximum: 100, proseFacets: ['minimum', 'maximum'] });
    expect(r.derived.map((d) => d.facet)).toEqual(['minimum', 'maximum']);
    expect(shape).toEqual({ kind: 'integer', default: 20, description: 'x' });
    expect(facetMessage(r.derived)).toBe('Range 1..100 taken from the description.');
  });

  it('reads other phrasings: line breaks, thousands separators, (inclusive), from A to B, Defaults to N', () => {
    expect(proseFacets(int, 'A limit. Limit can range between\n1 and 100, and the default is 20.', 'limit').shape).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
    expect(proseFacets(int, 'Limit can range between 1 and 10,000, and the default is 10,000.', 'limit').shape).toMatchObject({ minimum: 1, maximum: 10000, default: 10000 });
    expect(proseFacets(int, 'Number of results. This number should be between 1 and 50 (inclusive).', 'n').shape).toMatchObject({ minimum: 1, maximum: 50 });
    expect(proseFacets(num, 'The score threshold. Value ranges from 0 to 0.5.', 'threshold').shape).toMatchObject({ minimum: 0, maximum: 0.5 });
    expect(proseFacets(num, 'Must be between -2.0 and 2.0.', 'bias').shape).toMatchObject({ minimum: -2, maximum: 2 });
    const spend = proseFacets({ kind: 'integer', minimum: 0, maximum: 100 }, 'A limit on the number of spend alerts to return. Defaults to 20.', 'limit');
    expect(spend.shape).toEqual({ kind: 'integer', minimum: 0, maximum: 100, default: 20, proseFacets: ['default'] });
    expect(facetMessage(spend.derived)).toBe('Default 20 taken from the description.');
    expect(proseFacets({ kind: 'integer', minimum: 1, maximum: 1000 }, 'How many per page. The default is 50, and the maximum is 1000.', 'PageSize').shape).toMatchObject({ default: 50 });
    expect(proseFacets(int, 'Page size (default: 25).', 'page_size').derived).toEqual([{ facet: 'default', value: 25 }]);
  });

  it('leaves other shapes alone: strings, refs, booleans, unions', () => {
    for (const shape of [{ kind: 'string' }, { kind: 'ref', name: 'Limit' }, { kind: 'boolean' }, { kind: 'union', members: [int, { kind: 'null' }] }] as Shape[]) {
      const r = proseFacets(shape, OPENAI_LIMIT, 'limit');
      expect(r.derived).toEqual([]);
      expect(r.shape).toBe(shape);
    }
  });

  it('does not take a range about something else', () => {
    const none = (shape: Shape, text: string, name = 'limit') => expect(proseFacets(shape, text, name).derived, text).toEqual([]);
    // A length, a duration, a percentage: the numbers are not this value's bounds.
    none(int, 'The name must be between 1 and 10 characters.');
    none(int, 'Must be between 1 and 10 characters long.', 'name_length');
    none(int, 'Each sample must be between 2 and 10 seconds.', 'samples');
    none(int, 'Must be between 1 and 100%.', 'ratio');
    // The subject is another field or thing.
    none(int, 'What sampling temperature to use, between 0 and 2.', 'seed');
    none(int, 'Returns results whose score is between 1 and 5.', 'limit');
    none(int, 'A value between 0 and 100 that indicates the maximum number of results.', 'max');
    none(int, 'Listen to the clip and return a confidence score from 0 to 1 that the speaker said it.', 'score');
    // Exclusive bounds, decimals for an integer, reversed ranges, two different ranges.
    none(int, 'Must be between 0 and 10 (exclusive).');
    none(int, 'Must be between 0.5 and 2.', 'factor');
    none(int, 'Limit can range between 100 and 1.');
    none(int, 'Limit can range between 1 and 100. The limit must be between 1 and 10.'); // two different ranges
  });

  it('does not take a conditional or ambiguous default', () => {
    const none = (text: string, shape: Shape = int) => expect(proseFacets(shape, text, 'limit').derived, text).toEqual([]);
    none(BUCKETS);
    none('- `bucket_width=1d`: default: 7');
    none('If `stream` is set, defaults to 20.');
    none('Defaults to 20 items per page.');
    none('Defaults to 2.5.'); // not an integer
    none('Defaults to 200.', { kind: 'integer', minimum: 0, maximum: 100 }); // outside the schema range
    none('Defaults to 20.', { kind: 'integer', default: 10 }); // the schema says otherwise: it wins
    none('The default is 20. Older servers: the default is 10.');
    none('Limit can range between 1 and 100.', { kind: 'integer', minimum: 0 }); // the schema bound disagrees
  });
});

describe('admin import', () => {
  let spec: NormalizedSpec;
  let report: ReportEntry[];
  const param = (route: string, name: string) => {
    const op = spec.operations.find((o: Operation) => `${o.httpMethod.toUpperCase()} ${o.path}` === route)!;
    return op.params.find((p) => p.name === name)!;
  };
  beforeAll(async () => {
    ({ spec, report } = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', relock: true }));
  });

  it('gives list_projects `limit` minimum 1 and maximum 100 (default 20 from the schema), description unchanged', () => {
    const limit = param('GET /organization/projects', 'limit');
    expect(limit.schema).toMatchObject({ kind: 'integer', minimum: 1, maximum: 100, default: 20 });
    // The IR says which facets came from prose: the default is the schema's, the range the text's.
    expect(limit.schema.proseFacets).toEqual(['minimum', 'maximum']);
    expect(limit.description).toBe(OPENAI_LIMIT);
    expect(report).toContainEqual({ level: 'info', code: 'facet-from-description', message: 'Range 1..100 taken from the description.', pointer: limit.pointer });
  });

  it('gives the spend alert lists `limit` default 20', () => {
    for (const route of ['GET /organization/spend_alerts', 'GET /organization/projects/{project_id}/spend_alerts']) {
      const limit = param(route, 'limit');
      expect(limit.schema, route).toMatchObject({ kind: 'integer', minimum: 0, maximum: 100, default: 20 });
      expect(limit.schema.proseFacets, route).toEqual(['default']);
      expect(report).toContainEqual({ level: 'info', code: 'facet-from-description', message: 'Default 20 taken from the description.', pointer: limit.pointer });
    }
  });

  it('takes costs `limit` 1..180 but nothing from the per-bucket-width usage defaults', () => {
    expect(param('GET /organization/costs', 'limit').schema).toMatchObject({ minimum: 1, maximum: 180, default: 7 });
    const usage = param('GET /organization/usage/completions', 'limit');
    expect(usage.schema).toEqual({ kind: 'integer', pointer: usage.schema.pointer });
    expect(report.some((e) => e.code === 'facet-from-description' && e.pointer === usage.pointer)).toBe(false);
  });

  it('leaves body fields alone', () => {
    for (const op of spec.operations) for (const p of op.params.filter((x) => x.in === 'body')) {
      expect(report.some((e) => e.code === 'facet-from-description' && e.pointer === p.pointer), op.key).toBe(false);
    }
  });
});
