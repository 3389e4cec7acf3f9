/**
 * Unit tests of runtime pieces that need no process: the transform path
 * language, "did you mean", durations, and redaction.
 */
import { describe, expect, it } from 'vitest';
import { compilePath, transform } from '../../runtime/cli/transform.js';
import { distance, suggest } from '../../runtime/shared/suggest.js';
import { parseDuration, UsageError } from '../../runtime/cli/globals.js';
import { makeRedactor, redactHeader } from '../../runtime/cli/http.js';
import { PageProgress } from '../../runtime/cli/progress.js';

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
    // As a URL's query carries it: percent-encoded, and form-encoded (a space as +).
    const q = makeRedactor(['k+y/z= w9']);
    expect(q('?a=k%2By%2Fz%3D%20w9&b=k%2By%2Fz%3D+w9&c=k+y/z= w9')).toBe('?a=[REDACTED]&b=[REDACTED]&c=[REDACTED]');
    expect(redactHeader('Authorization', 'Bearer sk-x')).toBe('Bearer [REDACTED]');
    expect(redactHeader('x-api-key', 'sk-x')).toBe('[REDACTED]');
    expect(redactHeader('content-type', 'application/json')).toBe('application/json');
  });
});

describe('PageProgress', () => {
  const stream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, isTTY, write: (t: string) => writes.push(t) };
  };

  it('on a terminal: one line rewritten per page after the first few, erased by clear()', () => {
    const s = stream(true);
    const p = new PageProgress(s, 2);
    p.update(1, 10);
    p.update(2, 20);
    expect(s.writes).toEqual([]);
    p.update(3, 30);
    p.update(4, 31);
    p.clear();
    p.clear();
    expect(s.writes).toEqual(['\r\x1b[2Klisting: 3 pages, 30 items so far…', '\r\x1b[2Klisting: 4 pages, 31 items so far…', '\r\x1b[2K']);
  });

  it('writes nothing when stderr is not a terminal, and clears nothing it did not write', () => {
    const s = stream(false);
    const p = new PageProgress(s, 0);
    for (let i = 1; i < 10; i++) p.update(i, i);
    p.clear();
    expect(s.writes).toEqual([]);
    const short = stream(true);
    new PageProgress(short).clear();
    expect(short.writes).toEqual([]);
  });
});
