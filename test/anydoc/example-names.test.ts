/**
 * The variable an example stores its result in is the response type's name
 * in camelCase: a type named `Import` (GitHub's source imports) or `Package`
 * made `const import = await …`, and a list of OpenAI's `Eval` made
 * `for await (const eval of …)`, none of which parses in a module; `Console`
 * shadowed the `console` the next line logs with. Such a name is `response`
 * now (`item` for a list's items), in the README and in each method's JSDoc
 * example alike.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitClient } from '../../generator/emit/client/index.js';
import { importTree, tempDir } from './support.js';

const json = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const named = ['Import', 'Package', 'Console', 'Note'];
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];

describe('the result variable of an example', () => {
  it('is never a reserved word nor a name the example reads', async () => {
    const { spec } = await importTree(join(tempDir('example-names'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Imports', version: '1' },
        servers: [{ url: 'https://api.example.test' }],
        paths: {
          ...Object.fromEntries(named.map((n) => [`/${n.toLowerCase()}s/{id}`, { get: { operationId: `get${n}`, parameters: id, responses: json(ref(n)) } }])),
          '/evals': { get: { operationId: 'listEvals', responses: json({ type: 'object', properties: { object: { type: 'string' }, data: { type: 'array', items: ref('Eval') } } }) } },
        },
        components: { schemas: Object.fromEntries([...named, 'Eval'].map((n) => [n, { type: 'object', properties: { id: { type: 'string' } } }])) },
      },
    });
    const files = emitClient(spec);
    const readme = files.get('client/README.md')!;
    const declared = [...readme.matchAll(/^const (\w+) = await client\.\w+\.retrieve\(/gm)].map((m) => m[1]);
    expect(declared.sort()).toEqual(['note', 'response', 'response', 'response']);
    expect(readme).toContain('for await (const item of client.evals.list()) {\n  console.log(item);\n}');
    // Every README block parses as TypeScript in a module.
    for (const [, block] of readme.matchAll(/```ts\n([\s\S]*?)```/g)) {
      const out = ts.transpileModule(`export {};\nasync function f(client: any) {\n${block}\n}`, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      expect(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), block).toEqual([]);
    }
    expect([...files.values()].join('\n')).not.toMatch(/const (import|package|console|eval) /);
  });
});
