/**
 * Loading and schema normalization on minimal documents written here:
 * external file refs, http(s) URLs, 3.0/3.1 nullability, cycles, allOf,
 * unions without names, request/response variants, inferred target defaults.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { GeneratorError } from '../../generator/errors.js';
import type { NormalizedSpec, ObjectShape, Shape, UnionShape } from '../../generator/ir/types.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-load-'));
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function load(file: string): Promise<NormalizedSpec> {
  return (await importDocument({ from: file, target: 'load-test', root: dir })).spec;
}

function prop(spec: NormalizedSpec, type: string, name: string): Shape {
  return (spec.types[type]!.shape as ObjectShape).properties.find((p) => p.name === name)!.shape;
}

const GET_THING = (schemaRef: string) => `
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '${schemaRef}' }
`;

describe('loading', () => {
  it('bundles external file refs (multi-file documents)', async () => {
    write('pet.yaml', 'type: object\nrequired: [id]\nproperties:\n  id: { type: string }\n  owner: { $ref: "./owner.yaml" }\n');
    write('owner.yaml', 'type: object\nproperties:\n  name: { type: string }\n');
    const file = write('multi.yaml', `openapi: 3.0.3\ninfo: { title: Multi File, version: "1" }\n${GET_THING('#/components/schemas/Pet')}components:\n  schemas:\n    Pet: { $ref: './pet.yaml' }\n`);
    const spec = await load(file);
    expect(prop(spec, 'Pet', 'id')).toMatchObject({ kind: 'string' });
    expect(prop(spec, 'Pet', 'owner')).toMatchObject({ kind: 'object', properties: [{ name: 'name' }] });
  });

  it('reports a missing external file as a GeneratorError', async () => {
    const file = write('multi-missing.yaml', `openapi: 3.0.3\ninfo: { title: x, version: "1" }\n${GET_THING('./nowhere.yaml')}`);
    await expect(load(file)).rejects.toBeInstanceOf(GeneratorError);
  });

  describe('from an http URL', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const doc = `openapi: 3.1.0\ninfo: { title: Served, version: "1" }\nservers: [{ url: 'https://api.example.com/v2' }]\n${GET_THING('#/components/schemas/Thing')}components:\n  schemas:\n    Thing: { type: object, properties: { id: { type: string } } }\n`;
      server = createServer((req, res) => {
        if (req.url === '/openapi.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end(doc);
        else res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('imports the served document', async () => {
      const spec = await load(`${base}/openapi.yaml`);
      expect(spec.info).toMatchObject({ title: 'Served', sourceFile: 'openapi.yaml', baseURL: 'https://api.example.com/v2', openapiVersion: '3.1.0' });
      // One GET on a leaf with no item path and no list envelope is a singleton.
      expect(spec.operations.map((o) => o.key)).toEqual(['things.retrieve']);
    });

    it('fails clearly on HTTP errors', async () => {
      await expect(load(`${base}/missing.yaml`)).rejects.toThrow(/HTTP 404/);
    });
  });
});

describe('schemas', () => {
  it('unifies 3.0 nullable, 3.1 type arrays and anyOf-with-null', async () => {
    const v30 = await load(write('n30.yaml', `openapi: 3.0.3\ninfo: { title: x, version: "1" }\n${GET_THING('#/components/schemas/T')}components:\n  schemas:\n    T: { type: object, properties: { a: { type: string, nullable: true } } }\n`));
    const v31 = await load(write('n31.yaml', `openapi: 3.1.0\ninfo: { title: x, version: "1" }\n${GET_THING('#/components/schemas/T')}components:\n  schemas:\n    T:\n      type: object\n      properties:\n        a: { type: [string, 'null'] }\n        b: { anyOf: [{ type: string }, { type: 'null' }] }\n        c: { oneOf: [{ $ref: '#/components/schemas/U' }, { type: 'null' }] }\n    U: { type: string, enum: [only] }\n`));
    expect(prop(v30, 'T', 'a')).toMatchObject({ kind: 'string', nullable: true });
    expect(prop(v31, 'T', 'a')).toMatchObject({ kind: 'string', nullable: true });
    expect(prop(v31, 'T', 'b')).toMatchObject({ kind: 'string', nullable: true });
    expect(prop(v31, 'T', 'c')).toMatchObject({ kind: 'ref', name: 'U', nullable: true });
    expect(v31.types.U!.shape).toMatchObject({ kind: 'literal', value: 'only' });
  });

  it('handles cyclic schemas through named types', async () => {
    const spec = await load(write('cycle.yaml', `openapi: 3.1.0\ninfo: { title: x, version: "1" }\n${GET_THING('#/components/schemas/Node')}components:\n  schemas:\n    Node:\n      type: object\n      properties:\n        children: { type: array, items: { $ref: '#/components/schemas/Node' } }\n        parent: { $ref: '#/components/schemas/Node' }\n`));
    expect(prop(spec, 'Node', 'children')).toMatchObject({ kind: 'array', items: { kind: 'ref', name: 'Node' } });
  });

  it('merges allOf and keeps allOf-wrapped refs as refs', async () => {
    const spec = await load(write('allof.yaml', `openapi: 3.0.3\ninfo: { title: x, version: "1" }\n${GET_THING('#/components/schemas/Dog')}components:\n  schemas:\n    Animal: { type: object, required: [name], properties: { name: { type: string } } }\n    Dog:\n      allOf:\n        - $ref: '#/components/schemas/Animal'\n        - type: object\n          required: [bark]\n          properties:\n            bark: { type: boolean }\n            friend: { allOf: [{ $ref: '#/components/schemas/Animal' }], nullable: true, description: Best friend }\n`));
    const dog = spec.types.Dog!.shape as ObjectShape;
    expect(dog.properties.map((p) => [p.name, p.required])).toEqual([['name', true], ['bark', true], ['friend', false]]);
    expect(prop(spec, 'Dog', 'friend')).toMatchObject({ kind: 'ref', name: 'Animal', nullable: true, description: 'Best friend' });
  });

  it('discriminates unions by member literals, never by schema names or mapping keys', async () => {
    const spec = await load(write('union.yaml', `openapi: 3.1.0\ninfo: { title: x, version: "1" }\n${GET_THING('#/components/schemas/Shape')}components:\n  schemas:\n    Shape:\n      oneOf: [{ $ref: '#/components/schemas/CircleShape' }, { $ref: '#/components/schemas/SquareShape' }]\n      discriminator: { propertyName: kind, mapping: { CircleShape: '#/components/schemas/CircleShape' } }\n    CircleShape: { type: object, properties: { kind: { const: circle }, r: { type: number }, pair: { $ref: '#/components/schemas/Pair' } } }\n    SquareShape: { type: object, properties: { kind: { type: string, enum: [square], x-stainless-const: true }, side: { type: number } } }\n    Pair:\n      anyOf:\n        - { type: object, properties: { type: { type: string, enum: [left] } } }\n        - { type: object, properties: { type: { type: string, enum: [right] } } }\n`));
    const shape = spec.types.Shape!.shape as UnionShape;
    expect(shape.discriminator).toEqual({ property: 'kind', mapping: { circle: 0, square: 1 } });
    // Undeclared: found as the shared literal property.
    expect((spec.types.Pair!.shape as UnionShape).discriminator).toEqual({ property: 'type', mapping: { left: 0, right: 1 } });
  });

  it('splits request and response variants where readOnly/writeOnly differ', async () => {
    const spec = await load(write('rw.yaml', `openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths:\n  /pets:\n    post:\n      operationId: createPet\n      requestBody:\n        required: true\n        content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } }\n      responses:\n        '201': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      required: [id, name]\n      properties:\n        id: { type: string, readOnly: true }\n        name: { type: string }\n        password: { type: string, writeOnly: true }\n`));
    const names = (t: string) => (spec.types[t]!.shape as ObjectShape).properties.map((p) => p.name);
    expect(names('Pet')).toEqual(['id', 'name']);
    expect(names('PetInput')).toEqual(['name', 'password']);
    expect(spec.types.PetInput!.usage).toBe('request');
    const op = spec.operations[0]!;
    expect(op.body!.schema).toMatchObject({ kind: 'ref', name: 'PetInput' });
    expect(op.response!.schema).toMatchObject({ kind: 'ref', name: 'Pet' });
    expect(op.params.map((p) => p.name)).toEqual(['name', 'password']);
  });

  it('infers package names and auth for a new target from the document', async () => {
    const file = write('newtarget.yaml', `openapi: 3.0.3\ninfo: { title: Acme Widgets API, version: "1" }\nsecurity: [{ key: [] }]\n${GET_THING('#/components/schemas/T')}components:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Api-Key }\n  schemas:\n    T: { type: object }\n`);
    const { spec, files } = await importDocument({ from: file, target: 'acme', root: dir });
    // The names a person would choose: "API" says nothing about which API.
    expect(spec.packages).toMatchObject({ client: 'acme-widgets', cliBin: 'acme-widgets', mcpBin: 'acme-widgets-mcp', clientClass: 'AcmeWidgets', toolPrefix: 'acme_widgets_' });
    expect(spec.auth).toEqual([expect.objectContaining({ kind: 'apiKeyHeader', paramName: 'X-Api-Key', envVar: 'ACME_WIDGETS_API_KEY', clientOption: 'apiKey' })]);
    expect(files.get('spec/acme/config.yaml')).toContain('toolPrefix: acme_widgets_');
  });
});

describe('several security schemes', () => {
  const doc = (extraSecurity: string) => `
openapi: 3.0.3
info: { title: Two Keys, version: '1' }
servers: [{ url: 'https://api.example.com' }]
components:
  securitySchemes:
    zHeaderKey: { type: apiKey, in: header, name: X-Api-Key }
    aBearer: { type: http, scheme: bearer }
paths:
  /things:
    get:
      operationId: listThings
      security: [{ zHeaderKey: [] }${extraSecurity}]
      responses: { '200': { description: ok } }
`;

  it('keeps every scheme, each with its own option and env var, and reports how they are used', async () => {
    const { spec, report } = await importDocument({ from: write('two-keys.yaml', doc(', { aBearer: [] }')), target: 'two-keys', root: dir });
    // In the document's order (as components declare them; not by name): the first is the key flag.
    expect(spec.auth.map((a) => [a.name, a.kind, a.clientOption, a.envVar])).toEqual([
      ['zHeaderKey', 'apiKeyHeader', 'zHeaderKey', 'TWO_KEYS_Z_HEADER_KEY'],
      ['aBearer', 'bearer', 'aBearer', 'TWO_KEYS_A_BEARER'],
    ]);
    expect(spec.operations[0]!.security).toEqual(['zHeaderKey', 'aBearer']);
    const note = report.find((r) => r.code === 'auth-several-schemes');
    expect(note?.message).toMatch(/2 security schemes \(`zHeaderKey`, `aBearer`\): the client takes one key option per scheme/);
    expect(note?.message).toMatch(/`zHeaderKey` \(first in the target config\) is the CLI's key flag, the others come from TWO_KEYS_A_BEARER/);
    expect(note?.pointer).toBe('/components/securitySchemes/zHeaderKey');
  });

  it('does not repeat the API name in an env var when the scheme name starts with it', async () => {
    const text = doc(', { aBearer: [] }').replace('zHeaderKey: { type', 'two_keys_token: { type').replace('security: [{ zHeaderKey: [] }', 'security: [{ two_keys_token: [] }');
    const { spec } = await importDocument({ from: write('two-keys-prefixed.yaml', text), target: 'two-keys-prefixed', root: dir });
    expect(spec.auth.map((a) => [a.name, a.envVar])).toEqual([
      ['two_keys_token', 'TWO_KEYS_TOKEN'],
      ['aBearer', 'TWO_KEYS_A_BEARER'],
    ]);
    const named = await importDocument({ from: write('two-keys-named.yaml', text.replaceAll('two_keys_token', 'two_keys')), target: 'two-keys-named', root: dir });
    expect(named.spec.auth.map((a) => a.envVar)).toEqual(['TWO_KEYS_KEY', 'TWO_KEYS_A_BEARER']);
  });

  it('says nothing when one scheme is used', async () => {
    const { report } = await importDocument({ from: write('one-key.yaml', doc('')), target: 'one-key', root: dir });
    expect(report.some((r) => r.code === 'auth-several-schemes')).toBe(false);
  });
});
