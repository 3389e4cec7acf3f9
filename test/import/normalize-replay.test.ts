/**
 * The daemon's replayed normalizer steps (generator/normalize/replay.ts): in a
 * long-lived process, each import of a target replays the steps of the last
 * one that still hold. Over the real OpenAI documents in ../shared (oldest to
 * newest and back: endpoints, fields and operationIds changed), and after a
 * one-field edit, every run gives exactly what a run with nothing replayed
 * gives, spec and report; the one-field edit replays almost every step. Each
 * replayed spec is also written as the daemon writes it, from the copy the
 * last run kept (serialize-reuse.ts, which takes the values replayed steps
 * share with the last run as written then): the text is a fresh one's.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeSpec, serializeSpecWithCopy } from '../../generator/ir/serialize.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { loadDocument } from '../../generator/load/load.js';
import { markLongLived, runAfterReply } from '../../generator/long-lived.js';
import { inferConfig, readConfig, type TargetConfig } from '../../generator/normalize/config.js';
import { normalize, normalizeOnce, type NormalizeOptions } from '../../generator/normalize/index.js';
import { replayTotals } from '../../generator/normalize/replay.js';
import { addSchemaField } from '../../bench/lib/synthesize.js';
import { newestOpenaiSpec, newestOpenaiSpecJson, openaiSpecHistory, otherSpecs, repoRoot } from '../support/shared.js';

/** The steps the last `same` replayed and computed. */
let lastCounts = { replayed: 0, computed: 0 };

/** The copy of spec.json the daemon would keep from the last `same` of the target, by target. */
const keptCopies = new Map<string, NormalizedSpec>();

async function same(opts: NormalizeOptions): Promise<void> {
  // The daemon's idle time between imports: the last run's step values are frozen (a change in place would throw).
  await runAfterReply();
  const before = replayTotals();
  const replayed = normalize(opts);
  const after = replayTotals();
  lastCounts = { replayed: after.replayed - before.replayed, computed: after.computed - before.computed };
  const fresh = normalizeOnce(opts);
  const text = serializeSpec(fresh.spec);
  expect(serializeSpec(replayed.spec)).toBe(text);
  expect(replayed.report).toEqual(fresh.report);
  const kept = serializeSpecWithCopy(replayed.spec, true, keptCopies.get(opts.config.target));
  expect(kept.text).toBe(text);
  keptCopies.set(opts.config.target, kept.copy!);
}

describe.each([
  ['openai-admin', 'config'],
  ['openai', 'config'],
] as const)('replayed normalizer steps, target %s', (target, scope) => {
  let config: TargetConfig;
  // The documents as the daemon reads them: through the YAML entry cache, spliced after a one-entry edit.
  const cacheKey = mkdtempSync(join(tmpdir(), 'replay-'));
  beforeAll(async () => {
    markLongLived();
    config = (await readConfig(join(repoRoot, 'spec', target), target))!;
  });

  it('gives what a run with nothing replayed gives, over every real spec change', async () => {
    const history = openaiSpecHistory();
    for (const file of [...history, ...history.slice(0, -1).reverse()]) {
      const loaded = await loadDocument(file, cacheKey);
      await same({ loaded, config, scope });
    }
  }, 120_000);

  it('replays all but the steps a one-field edit of the JSON document touches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-json-'));
    const text = readFileSync(newestOpenaiSpecJson(), 'utf8');
    const at = text.indexOf('"properties": {', text.indexOf('\n      "Project": {')) + '"properties": {'.length;
    const file = join(dir, 'openapi.json');
    writeFileSync(file, text);
    await same({ loaded: await loadDocument(file, dir), config, scope });
    writeFileSync(file, `${text.slice(0, at)}\n          "replay_note": {"type": "string"},${text.slice(at)}`);
    await same({ loaded: await loadDocument(file, dir), config, scope });
    const { replayed, computed } = lastCounts;
    expect(computed).toBeGreaterThan(0);
    expect(computed).toBeLessThan((replayed + computed) / 10);
  }, 120_000);

  it('replays all but the steps a one-field edit touches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-doc-'));
    const original = readFileSync(newestOpenaiSpec(), 'utf8');
    const edited = join(dir, 'edited.yaml');
    writeFileSync(edited, addSchemaField(original, 'Project', 'replay_note'));
    await same({ loaded: await loadDocument(newestOpenaiSpec(), cacheKey), config, scope });
    await same({ loaded: await loadDocument(edited, cacheKey), config, scope });
    const { replayed, computed } = lastCounts;
    expect(computed).toBeGreaterThan(0);
    expect(computed).toBeLessThan((replayed + computed) / 10);
    // And back: the steps of the edited run hold for the original but the ones the edit touched.
    await same({ loaded: await loadDocument(newestOpenaiSpec(), cacheKey), config, scope });
    expect(lastCounts.computed).toBe(computed);
  }, 120_000);
});

describe('replayed normalizer steps on the other real APIs', () => {
  beforeAll(() => markLongLived());

  it.each(otherSpecs().map((file) => [file.split('/').pop()!, file]))('%s: run again with the last run\'s step values frozen, gives a fresh run', async (_, file) => {
    const cacheKey = mkdtempSync(join(tmpdir(), 'replay-other-'));
    const first = await loadDocument(file, cacheKey);
    const config = inferConfig(first.doc, 'other', first.source);
    await same({ loaded: first, config, scope: 'all' });
    await same({ loaded: await loadDocument(file, cacheKey), config, scope: 'all' });
    // The document's unchanged values are the last parse's objects (yaml-splice.ts, share-last.ts): every step replays.
    expect(lastCounts.computed).toBe(0);
    expect(lastCounts.replayed).toBeGreaterThan(0);
  }, 60_000);
});

describe('replayed normalizer steps on documents an import makes anew', () => {
  beforeAll(() => markLongLived());
  const trees: Record<string, Record<string, string>> = {
    // Bundled from three files: the bundle is a new document at each import.
    'a multi-file document': {
      'openapi.yaml': `openapi: 3.1.0\ninfo: {title: Multi, version: '1'}\npaths:\n  /pets:\n    $ref: 'paths/pets.yml'\n  /owners:\n    get:\n      operationId: listOwners\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {$ref: '#/components/schemas/Owner'}}\ncomponents:\n  schemas:\n    Pet: {$ref: 'schemas.yml#/Pet'}\n    Owner: {$ref: 'schemas.yml#/Owner'}\n`,
      'paths/pets.yml': `get:\n  operationId: listPets\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema: {type: array, items: {$ref: '../schemas.yml#/Pet'}}\n`,
      'schemas.yml': `Pet:\n  type: object\n  properties:\n    name: {type: string}\nOwner:\n  type: object\n  properties:\n    id: {type: string}\n`,
    },
    // Converted to OpenAPI 3 at each import.
    'a Swagger 2.0 document': {
      'openapi.yaml': `swagger: '2.0'\ninfo: {title: Old, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      produces: [application/json]\n      responses:\n        '200':\n          description: ok\n          schema: {type: array, items: {$ref: '#/definitions/Pet'}}\n  /owners:\n    get:\n      operationId: listOwners\n      produces: [application/json]\n      responses:\n        '200':\n          description: ok\n          schema: {type: array, items: {$ref: '#/definitions/Owner'}}\ndefinitions:\n  Pet: {type: object, properties: {name: {type: string}}}\n  Owner: {type: object, properties: {id: {type: string}}}\n`,
    },
  };

  it.each(Object.keys(trees))('%s: run again, every step replays; after an edit, all but what it touches', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-anew-'));
    const write = (files: Record<string, string>) => {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
    };
    write(trees[name]!);
    const file = join(dir, 'openapi.yaml');
    const first = await loadDocument(file, dir);
    const config = inferConfig(first.doc, 'anew', first.source);
    await same({ loaded: first, config, scope: 'all' });
    await same({ loaded: await loadDocument(file, dir), config, scope: 'all' });
    expect(lastCounts.computed).toBe(0);
    // A field added to Owner (in the other file of the multi-file document).
    const [rel, text] = Object.entries(trees[name]!).find(([, t]) => t.includes('id: {type: string}'))!;
    write({ [rel]: text.replace(/( *)id: \{type: string\}(\}?)/, (m, indent: string, close: string) => (close ? `${m.slice(0, -1)}, nickname: {type: string}}` : `${m}\n${indent}nickname: {type: string}`)) });
    await same({ loaded: await loadDocument(file, dir), config, scope: 'all' });
    expect(lastCounts.computed).toBeGreaterThan(0);
    expect(lastCounts.replayed).toBeGreaterThan(0);
  }, 60_000);
});

// Enough schemas that the YAML cut makes each one an entry (so an edit re-parses one alone, the rest kept as objects).
const padding = Array.from({ length: 300 }, (_, i) => `    Pad${i}:\n      type: object\n      description: Padding schema number ${i} of this document, long enough to be cut.\n      properties:\n        id: {type: string}\n`).join('');

/** A small document whose one operation answers a `Pet`, with `schemas` (YAML under components/schemas) and the padding. */
function petsDocument(operationId: string, schemas: string): string {
  return `openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      operationId: ${operationId}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
${schemas}${padding}`;
}

describe('replayed normalizer steps on a small document', () => {
  const doc = (owner: string) =>
    petsDocument(
      'listPets',
      `    Pet:
      type: object
      properties:
        owner: {$ref: '#/components/schemas/Owner'}
    ${owner}:
      type: object
      properties:
        name: {type: string}
`,
    );

  it('reports a ref to a schema the edit removed, as a run with nothing replayed does', async () => {
    markLongLived();
    const dir = mkdtempSync(join(tmpdir(), 'replay-small-'));
    const file = join(dir, 'pets.yaml');
    const config = (await readConfig(join(repoRoot, 'spec', 'openai-admin'), 'openai-admin'))!;
    const opts = async () => ({ loaded: await loadDocument(file, dir), config: { ...config, target: 'pets', scope: undefined } as unknown as TargetConfig, scope: 'all' as const });
    writeFileSync(file, doc('Owner'));
    await same(await opts());
    writeFileSync(file, doc('Keeper'));
    const edited = await opts();
    const message = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        // The message and where it points (the `$ref` that names the removed schema).
        return JSON.stringify({ message: String(error), location: (error as { location?: unknown }).location });
      }
      return 'no error';
    };
    const fresh = message(() => normalizeOnce(edited));
    expect(fresh).toMatch(/Owner.*does not exist/);
    expect(message(() => normalize(edited))).toBe(fresh);
  });
});

describe('replayed normalizer steps on unions merged with their object parts', () => {
  // Pet is Base merged into each of Cat and Dog (shapes.ts allOfWithUnion): an edit of Base or Cat changes Pet.
  const doc = (baseField: string, catField: string) =>
    petsDocument(
      'getPet',
      `    Pet:
      allOf:
        - $ref: '#/components/schemas/Base'
        - oneOf:
            - $ref: '#/components/schemas/Cat'
            - $ref: '#/components/schemas/Dog'
    Base:
      type: object
      properties:
        ${baseField}: {type: string}
    Cat:
      type: object
      properties:
        kind: {const: cat}
        ${catField}: {type: boolean}
    Dog:
      type: object
      properties:
        kind: {const: dog}
`,
    );

  it('an edit of a part or a member gives what a run with nothing replayed gives', async () => {
    markLongLived();
    const dir = mkdtempSync(join(tmpdir(), 'replay-union-parts-'));
    const file = join(dir, 'pets.yaml');
    const run = async () => {
      const loaded = await loadDocument(file, dir);
      await same({ loaded, config: inferConfig(loaded.doc, 'pets', loaded.source), scope: 'all' });
    };
    const petMembers = async () => {
      const loaded = await loadDocument(file, dir);
      const pet = normalize({ loaded, config: inferConfig(loaded.doc, 'pets', loaded.source), scope: 'all' }).spec.types.Pet!.shape;
      return pet.kind === 'union' ? pet.members.map((m) => (m.kind === 'object' ? m.properties.map((p) => p.name).join(',') : m.kind)) : pet.kind;
    };
    writeFileSync(file, doc('id', 'meows'));
    await run();
    writeFileSync(file, doc('name', 'meows'));
    await run();
    expect(lastCounts.replayed).toBeGreaterThan(0);
    expect(await petMembers()).toEqual(['name,kind,meows', 'name,kind']);
    writeFileSync(file, doc('name', 'purrs'));
    await run();
    expect(await petMembers()).toEqual(['name,kind,purrs', 'name,kind']);
  });
});
