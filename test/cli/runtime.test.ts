/**
 * Unit tests of runtime pieces that need no process: the transform path
 * language, "did you mean", durations, and redaction.
 */
import { describe, expect, it } from 'vitest';
import { compilePath, transform } from '../../runtime/cli/transform.js';
import { distance, suggest } from '../../runtime/shared/suggest.js';
import { parseDuration, UsageError } from '../../runtime/cli/globals.js';
import { makeRedactor, redactHeader } from '../../runtime/cli/http.js';

describe('transform', () => {
  const doc = { data: [{ id: 'a', tags: ['x', 'y'] }, { id: 'b', tags: [] }], 'a.b': 1, has_more: false };
  it.each([
    ['data.#.id', ['a', 'b']],
    ['.data[].id', ['a', 'b']],
    ['data.#.tags.#', [2, 0]],
    ['data.-1.id', 'b'],
    ['.data[1].tags', []],
    ['a\\.b', 1],
    ['.["a.b"]', 1],
    ['', doc],
    ['.', doc],
    ['nope.deeper', null],
    ['data.id', null],
  ])('%s', (expr, expected) => {
    expect(transform(doc, expr)).toEqual(expected);
  });
  it.each(['.data[', 'data..id', '.data[foo]', '.-x'])('rejects %s', (expr) => {
    expect(() => compilePath(expr)).toThrow(UsageError);
  });
});

describe('suggest', () => {
  it('counts a transposition as one edit', () => {
    expect(distance('nmae', 'name')).toBe(1);
    expect(distance('kitten', 'sitting')).toBe(3);
  });
  it('finds near names and suffix matches', () => {
    expect(suggest('limt', ['limit', 'after', 'order'])).toEqual(['limit']);
    expect(suggest('projects', ['admin:organization:projects', 'admin:organization:users'])).toEqual(['admin:organization:projects']);
    expect(suggest('zzzzzz', ['limit'])).toEqual([]);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30', 30_000],
    ['1.5s', 1500],
    ['500ms', 500],
    ['2m', 120_000],
    ['soon', undefined],
  ])('%s', (raw, ms) => expect(parseDuration(raw)).toBe(ms));
});

describe('redaction', () => {
  it('replaces every occurrence of the key and secret headers', () => {
    const r = makeRedactor(['sk-admin-secret', undefined, 'abc']);
    expect(r('key sk-admin-secret and sk-admin-secret; abc stays')).toBe('key [REDACTED] and [REDACTED]; abc stays');
    expect(redactHeader('Authorization', 'Bearer sk-x')).toBe('Bearer [REDACTED]');
    expect(redactHeader('x-api-key', 'sk-x')).toBe('[REDACTED]');
    expect(redactHeader('content-type', 'application/json')).toBe('application/json');
  });
});
