/**
 * The RFC 8288 `Link` header parser that bare-array lists page by: several
 * links, commas and semicolons inside a target or a quoted value, `rel`
 * with several relation types in any case, relations that do not page, and
 * malformed parts.
 */
import { describe, expect, it } from 'vitest';
import { nextFromLinkHeader, parseLinkHeader, relationsOf } from '../../runtime/client/link-header.js';

describe('Link header', () => {
  it('parses several links with quoted and bare params', () => {
    const header =
      '<https://api.example.com/items?page=2&q=a,b;c>; rel="next"; title="page, two; next", ' +
      '<https://api.example.com/items?page=9>; REL=last, </items?page=1>;rel="first prev";title*=UTF-8\'\'x';
    expect(parseLinkHeader(header)).toEqual([
      { target: 'https://api.example.com/items?page=2&q=a,b;c', params: { rel: 'next', title: 'page, two; next' } },
      { target: 'https://api.example.com/items?page=9', params: { rel: 'last' } },
      { target: '/items?page=1', params: { rel: 'first prev', 'title*': "UTF-8''x" } },
    ]);
    expect(relationsOf(parseLinkHeader('<a>; rel="Next  LAST"')[0]!)).toEqual(['next', 'last']);
    // A quoted value's escapes; a repeated rel is ignored (RFC 8288 §3.3).
    expect(parseLinkHeader('<a>; title="say \\"hi\\""; rel=next; rel=prev')).toEqual([{ target: 'a', params: { title: 'say "hi"', rel: 'next' } }]);
  });

  it('gives the next target, null at the last page, undefined when nothing pages', () => {
    expect(nextFromLinkHeader('<https://x/p?page=2>; rel="next last", <https://x/p?page=1>; rel="prev"')).toBe('https://x/p?page=2');
    expect(nextFromLinkHeader('<https://x/p?page=1>; rel="first", <https://x/p?page=2>; rel="prev"')).toBeNull();
    // Relations that do not page have no say, nor does an absent header.
    expect(nextFromLinkHeader('<https://x/style.css>; rel=preload; as=style')).toBeUndefined();
    expect(nextFromLinkHeader(null)).toBeUndefined();
    expect(nextFromLinkHeader('')).toBeUndefined();
    // Malformed parts are skipped; a well-formed link after one still counts.
    expect(nextFromLinkHeader('garbage; rel="next", <https://x/p?page=3>; rel=next')).toBe('https://x/p?page=3');
    expect(nextFromLinkHeader('<https://x/p?page=3; rel=next')).toBeUndefined();
  });
});
