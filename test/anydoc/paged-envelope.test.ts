/**
 * A GET whose request pages (`offset`, `page`…) and whose response is an
 * envelope with one array (`{items: [...], next, total}`, as Spotify's and
 * GitHub's search lists are) is a list, `me.tracks.list()`, though no item
 * path (`/me/tracks/{id}`) says it is a collection; it used to be named as a
 * singleton (`me.tracks.retrieve()`). An envelope with no paging param, or
 * with two arrays, is still what its paths say.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTree, op, tempDir } from './support.js';

const envelope = (properties: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties } } } } });
const items = { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } };
const query = (...names: string[]) => names.map((name) => ({ name, in: 'query', schema: { type: 'integer' } }));

describe('a paged envelope', () => {
  it('names a list, and only when the request pages and the envelope has one array', async () => {
    const { spec } = await importTree(join(tempDir('paged-envelope'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Music', version: '1' },
        paths: {
          '/me/tracks': { get: { operationId: 'getSavedTracks', parameters: query('limit', 'offset'), responses: envelope({ items, next: { type: 'string' }, total: { type: 'integer' } }) } },
          '/search/code': { get: { operationId: 'searchCode', parameters: query('per_page', 'page'), responses: envelope({ total_count: { type: 'integer' }, items }) } },
          '/me/profile': { get: { operationId: 'getProfile', parameters: query('limit'), responses: envelope({ images: items, name: { type: 'string' } }) } },
          '/me/summary': { get: { operationId: 'getSummary', parameters: query('offset'), responses: envelope({ artists: items, albums: items }) } },
        },
      },
    });
    const named = (path: string) => {
      const o = op(spec, 'get', path);
      return [o.names.clientPath.join('.'), `${o.names.cliGroup} ${o.names.cliCommand}`, o.kind];
    };
    expect(named('/me/tracks')).toEqual(['me.tracks.list', 'me:tracks list', 'list']);
    expect(named('/search/code')).toEqual(['search.code.list', 'search:code list', 'list']);
    expect(named('/me/profile')).toEqual(['me.profile.retrieve', 'me:profile retrieve', 'retrieve']);
    expect(named('/me/summary')).toEqual(['me.summary.retrieve', 'me:summary retrieve', 'retrieve']);
  });
});

describe('the type names of a paged envelope with inline items', () => {
  it('give the item `XxxResponse` (openai-node\'s name) and the envelope `XxxPage`, with no numbered name', async () => {
    const { spec, report } = await importTree(join(tempDir('paged-envelope-names'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Music', version: '1' },
        paths: {
          '/me/tracks': { get: { operationId: 'getSavedTracks', parameters: query('limit', 'offset'), responses: envelope({ items, next: { type: 'string' }, total: { type: 'integer' } }) } },
          // Items of a named schema: the item keeps its name, the envelope is the response as before.
          '/albums': { get: { operationId: 'listAlbums', parameters: query('limit', 'offset'), responses: envelope({ items: { type: 'array', items: { $ref: '#/components/schemas/Album' } }, total: { type: 'integer' } }) } },
        },
        components: { schemas: { Album: { type: 'object', properties: { id: { type: 'string' } } } } },
      },
    });
    const tracks = op(spec, 'get', '/me/tracks');
    expect(tracks.names.typePrefix).toBe('MeTrackList');
    expect(tracks.response?.schema).toMatchObject({ kind: 'ref', name: 'MeTrackListPage' });
    expect(op(spec, 'get', '/albums').response?.schema).toMatchObject({ kind: 'ref', name: 'AlbumListResponse' });
    expect(Object.keys(spec.types).filter((n) => /List/.test(n)).sort()).toEqual(['AlbumListResponse', 'MeTrackListPage']);
    expect(report.filter((e) => e.code === 'type-name-collision')).toEqual([]);
  });
});
