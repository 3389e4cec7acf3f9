/**
 * Names in the client that two parts of the generator choose apart and must
 * not meet in one scope (walks of public documents found each):
 * - a resource named like what its file imports from the core (`stream`,
 *   whose method streams: `Stream`) gets a class name of its own;
 * - a schema named like the client (`Radio`, renamed `RadioModel`) is not
 *   aliased under its own name in the client's type namespace beside a
 *   resource namespace of that name (an import alias conflicts with it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { typecheckClient } from '../../generator/build/client.js';
import { emitInto, scratchRoot } from '../client/support.js';
import { importTree, tempDir } from './support.js';

const str = { type: 'string' };
const ok = (media: string, schema: object) => ({ '200': { description: 'ok', content: { [media]: { schema } } } });

const doc = {
  openapi: '3.0.3',
  info: { title: 'Radio', version: '1' },
  servers: [{ url: 'https://radio.example.com' }],
  paths: {
    '/radio': { get: { parameters: [{ name: 'band', in: 'query', schema: str }], responses: ok('application/json', { $ref: '#/components/schemas/Radio' }) } },
    '/radio/stream': { get: { responses: ok('text/event-stream', { type: 'object', properties: { tune: str } }) } },
  },
  components: {
    schemas: {
      // An inline member: the type has a namespace of names, which its import alias carries.
      Radio: { type: 'object', properties: { station: { type: 'object', properties: { name: str } } } },
    },
  },
};

describe('client names that must not meet', () => {
  let dir: string;
  beforeAll(async () => {
    const { spec } = await importTree(tempDir('client-name-clashes'), { 'openapi.yaml': doc });
    expect(spec.packages.clientClass).toBe('Radio');
    dir = emitInto(spec, join(scratchRoot, 'client-name-clashes'));
  }, 60_000);

  it('names a resource `stream` apart from the core’s Stream its file imports', () => {
    const source = readFileSync(join(dir, 'src/resources/radio/stream.ts'), 'utf8');
    expect(source).toMatch(/import type \{ Stream \} from/);
    expect(source).toContain('export class StreamResource extends APIResource');
  });

  it('leaves the renamed schema’s own name to the resource namespace, and type-checks', () => {
    const source = readFileSync(join(dir, 'src/client.ts'), 'utf8');
    expect(source).toMatch(/export import RadioModel = \$\w+\.RadioModel;/);
    expect(source).not.toMatch(/^ {2}export import Radio = /m);
    expect(source).toContain("\n  export namespace Radio {");
    expect(typecheckClient(dir)).toEqual([]);
  }, 60_000);
});
