/**
 * openai-node names a method's types by its resource alone (`JobCreateParams`,
 * `OpenAI.Beta.Threads.RunCreateParams`); ours carry the resource path
 * (`FineTuningJobCreateParams`) to be unique in the flat index. The short
 * name is an alias beside the full one, in the resource's file, its
 * ancestors' files and its namespaces, never in the index nor at the top of
 * the client's namespace. Two roots may each have one; under one root a name
 * two methods want goes to neither, and a name some type has is never one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { typecheckClient } from '../../generator/build/client.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { emitInto, scratchRoot } from '../client/support.js';
import { importTree, tempDir } from './support.js';

const str = { type: 'string' };
const created = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: str } } } } } };
const create = (required: string) => ({
  post: { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { [required]: str }, required: [required] } } } }, responses: created },
});
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: str });

const doc = {
  openapi: '3.0.3',
  info: { title: 'Tuner', version: '1' },
  servers: [{ url: 'https://tuner.example.com' }],
  paths: {
    '/fine_tuning/jobs': create('model'),
    '/beta/threads/{thread_id}/runs': { parameters: [pathParam('thread_id')], ...create('assistant_id') },
    '/evals/{eval_id}/runs': { parameters: [pathParam('eval_id')], ...create('name') },
    // One root, two resources named `items`: `ItemCreateParams` would mean either.
    '/store/items': create('sku'),
    '/store/archive/items': create('reason'),
    // A schema is named `ProductCreateParams`: no alias takes it.
    '/catalog/products': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ProductCreateParams' } } } }, responses: created } },
  },
  components: { schemas: { ProductCreateParams: { type: 'object', properties: { title: str } } } },
};

describe("openai-node's short type names", () => {
  let spec: NormalizedSpec;
  let dir: string;
  beforeAll(async () => {
    ({ spec } = await importTree(tempDir('short-type-names'), { 'openapi.yaml': doc }));
    dir = emitInto(spec, join(scratchRoot, 'short-type-names'));
  }, 60_000);

  const source = (file: string) => readFileSync(join(dir, 'src', file), 'utf8');

  it('are aliases beside the full names, in the file, its parent and the namespaces, not in the index', () => {
    expect(source('resources/fine-tuning/jobs.ts')).toContain('export type { FineTuningJobCreateParams as JobCreateParams };');
    expect(source('resources/fine-tuning/fine-tuning.ts')).toMatch(/export type \{[^}]*\bJobCreateParams\b[^}]*\} from '\.\/jobs\.js';/);
    expect(source('client.ts')).toContain('export import JobCreateParams = $fineTuningJobs.FineTuningJobCreateParams;');
    expect(source('index.ts')).not.toMatch(/\bJobCreateParams\b/);
    expect(source('resources/beta/threads/runs.ts')).toContain('as RunCreateParams };');
    expect(source('resources/evals/runs.ts')).toContain('export type { EvalRunCreateParams as RunCreateParams };');
  });

  it('are left out where two methods of one root want the name, or a type has it', () => {
    for (const file of ['resources/store/items.ts', 'resources/store/archive/items.ts']) expect(source(file)).not.toContain('ItemCreateParams };');
    expect(source('resources/catalog/products.ts')).not.toContain('as ProductCreateParams');
  });

  it("type-check as openai-node's users write them", () => {
    const cls = spec.packages.clientClass;
    const usage = join(dir, 'short-usage.ts');
    writeFileSync(
      usage,
      [
        `import ${cls} from './src/index.js';`,
        "import type { JobCreateParams } from './src/resources/fine-tuning/jobs.js';",
        `export async function use(client: ${cls}): Promise<void> {`,
        `  const params: ${cls}.FineTuning.JobCreateParams = { model: 'm' };`,
        `  const same: ${cls}.FineTuning.Jobs.JobCreateParams = params;`,
        '  const imported: JobCreateParams = same;',
        '  await client.fineTuning.jobs.create(imported);',
        `  const run: ${cls}.Beta.Threads.RunCreateParams = { assistant_id: 'a' };`,
        `  const evalRun: ${cls}.Evals.RunCreateParams = { name: 'n' };`,
        "  await client.beta.threads.runs.create('t', run);",
        "  await client.evals.runs.create('e', evalRun);",
        '  // @ts-expect-error -- a run of an eval needs its name',
        `  const wrong: ${cls}.Evals.RunCreateParams = run;`,
        '  void wrong;',
        '}',
        '// @ts-expect-error -- not at the top of the namespace: two roots have the name',
        `export type Top = ${cls}.RunCreateParams;`,
        '',
      ].join('\n'),
    );
    expect(typecheckClient(dir, undefined, [usage])).toEqual([]);
  }, 60_000);
});
