/**
 * Emitter edge cases on a minimal hand-written spec: param-name collisions,
 * a body that is not flattened, recursive and shared named types, nullable
 * values, unsupported formats, escaping in the README, and bad tool names.
 */
import { describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { NormalizedSpec, Operation, Param, Shape } from '../../generator/ir/types.js';
import { buildToolTable, emitMcp } from '../../generator/emit/mcp/index.js';
import { GeneratorError } from '../../generator/errors.js';

const Ajv2020 = (Ajv2020Module as any).default ?? Ajv2020Module;

const str: Shape = { kind: 'string' };
function param(name: string, where: Param['in'], extra: Partial<Param> = {}): Param {
  return { name, wireName: name, in: where, required: where === 'path', schema: str, style: where === 'path' ? 'simple' : where === 'body' ? 'json' : 'form', explode: true, deprecated: false, pointer: `/p/${name}`, ...extra };
}
function operation(mcpTool: string, extra: Partial<Operation>): Operation {
  return {
    key: `demo.${mcpTool}`,
    operationId: mcpTool,
    resource: ['demo'],
    method: mcpTool,
    kind: 'action',
    httpMethod: 'post',
    path: '/demo/{id}',
    names: { mcpTool, cliGroup: 'demo', cliCommand: mcpTool, clientPath: ['demo', mcpTool], typePrefix: 'Demo' },
    deprecated: false,
    hints: { readOnly: false, destructive: false, idempotent: false },
    params: [],
    security: ['Key'],
    pointer: `/paths/demo/${mcpTool}`,
    ...extra,
  };
}

const spec: NormalizedSpec = {
  irVersion: 1,
  target: 'demo',
  info: { title: 'Demo <API> | test', version: '1', baseURL: 'http://localhost', sourceFile: 'demo.yaml', openapiVersion: '3.1.0' },
  packages: { client: 'demo', cli: 'demo-cli', mcp: 'demo-mcp', clientClass: 'Demo', cliBin: 'demo', mcpBin: 'demo-mcp', toolPrefix: 'demo_', baseURLEnv: 'DEMO_BASE_URL' },
  auth: [{ name: 'Key', kind: 'bearer', paramName: 'Authorization', envVar: 'DEMO_KEY', clientOption: 'apiKey', pointer: '/k' }],
  resources: [{ path: ['demo'], key: 'demo', title: 'Demo', operations: [], pointer: '/r' }],
  types: {
    Node: { name: 'Node', usage: 'both', pointer: '/t/Node', shape: { kind: 'object', properties: [{ name: 'name', required: true, shape: str }, { name: 'children', required: false, shape: { kind: 'array', items: { kind: 'ref', name: 'Node' } } }] } },
    Tag: { name: 'Tag', usage: 'request', pointer: '/t/Tag', shape: { kind: 'string', enum: ['a', 'b'], description: 'A **tag**, see [docs](https://x.y).' } },
  },
  operations: [
    operation('demo_update_thing', {
      summary: 'Update a thing',
      description: 'Updates the `thing`. See [the guide](https://example.com/guide) for **details**.\n\n- one\n- two',
      params: [
        param('thing_id', 'path', { description: 'The ID of the thing.' }),
        param('thing_id', 'body', { description: 'A new id for the thing.' }),
        param('when', 'query', { schema: { kind: 'string', format: 'int64', nullable: true } }),
        param('at', 'query', { schema: { kind: 'string', format: 'date-time' } }),
        param('tree', 'body', { schema: { kind: 'ref', name: 'Node' } }),
        param('tag', 'body', { schema: { kind: 'ref', name: 'Tag' } }),
        param('other_tag', 'body', { schema: { kind: 'ref', name: 'Tag' }, deprecated: true }),
      ],
      response: { status: '200', contentType: 'application/json', schema: { kind: 'object', properties: [{ name: 'ok', required: true, shape: { kind: 'boolean' } }] }, pointer: '/resp' },
    }),
    operation('demo_replace_list', {
      kind: 'update',
      body: { contentType: 'application/json', required: true, flattened: false, schema: { kind: 'array', items: str }, pointer: '/body' },
      params: [param('id', 'path')],
      response: { status: '200', contentType: 'application/json', schema: { kind: 'array', items: str }, pointer: '/resp' },
    }),
    operation('demo_archive_thing', { params: [param('id', 'path')], hints: { readOnly: false, destructive: true, idempotent: false } }),
    operation('demo_drop_thing', { httpMethod: 'delete', kind: 'delete', params: [param('id', 'path')], hints: { readOnly: false, destructive: true, idempotent: true } }),
    // A DELETE that config declares harmless (e.g. clearing a cache): the IR decides, not the verb.
    operation('demo_clear_cache', { httpMethod: 'delete', kind: 'delete', params: [], hints: { readOnly: false, destructive: false, idempotent: true } }),
  ],
};

describe('emitter edge cases', () => {
  const { table, notes } = buildToolTable(spec);
  const tool = (name: string) => table.tools.find((t) => t.name === name)!;

  it('renames the later of two same-named params and reports it', () => {
    const update = tool('demo_update_thing');
    expect(Object.keys(update.inputSchema.properties!)).toEqual(['thing_id', 'body_thing_id', 'when', 'at', 'tree', 'tag', 'other_tag']);
    expect(update.inputSchema.required).toEqual(['thing_id']);
    expect(table.calls.demo_update_thing).toMatchObject({ positional: 'thing_id', args: { body_thing_id: 'thing_id', when: 'when', tree: 'tree' } });
    expect(notes).toEqual([expect.stringContaining('demo_update_thing: body param "thing_id" collides')]);
    expect(emitMcp(spec).get('mcp/README.md')).toContain('collides');
  });

  it('puts recursive and shared types in $defs, and everything compiles', () => {
    const schema = tool('demo_update_thing').inputSchema as Record<string, any>;
    expect(schema.properties.tree).toMatchObject({ $ref: '#/$defs/Node' });
    expect(schema.$defs.Node.properties.children.items).toEqual({ $ref: '#/$defs/Node' });
    expect(schema.properties.tag.$ref).toBe('#/$defs/Tag');
    expect(schema.$defs.Tag).toMatchObject({ type: 'string', enum: ['a', 'b'] });
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate({ thing_id: 'x', tree: { name: 'a', children: [{ name: 'b' }] }, tag: 'a' })).toBe(true);
    expect(validate({ thing_id: 'x', tree: { children: [] } })).toBe(false);
  });

  it('keeps nullable types, drops unsupported formats, marks deprecation, cleans markdown', () => {
    const props = tool('demo_update_thing').inputSchema.properties as Record<string, any>;
    expect(props.when).toEqual({ type: ['string', 'null'] });
    expect(props.at).toEqual({ type: 'string', format: 'date-time' });
    expect(props.other_tag.description).toMatch(/^Deprecated\./);
    expect(props.thing_id.description).toBeUndefined();
    expect(props.body_thing_id.description).toBe('A new id for the thing.');
    const description = tool('demo_update_thing').description;
    // The summary plus the description's lead sentence; the pointer and the list are left out.
    expect(description).toBe('Update a thing. Updates the thing.');
  });

  it('passes a body that is not an object as one `body` argument', () => {
    const replace = tool('demo_replace_list');
    expect(replace.inputSchema.properties!.body).toEqual({ type: 'array', items: { type: 'string' } });
    expect(replace.inputSchema.required).toEqual(['id', 'body']);
    expect(table.calls.demo_replace_list).toMatchObject({ positional: 'id', args: { body: 'body' } });
    expect(replace.outputSchema).toBeUndefined();
    expect(replace.annotations).toMatchObject({ destructiveHint: false });
  });

  it('takes destructive and idempotent hints from the IR (config overrides included)', () => {
    // openWorldHint true is the MCP default: left out; destructiveHint is stated on every write.
    expect(tool('demo_archive_thing').annotations).toEqual({ title: 'Archive thing', destructiveHint: true });
    expect(tool('demo_update_thing').annotations).toEqual({ title: 'Update a thing', destructiveHint: false }); // its summary
    expect(tool('demo_drop_thing').annotations).toEqual({ title: 'Drop thing', destructiveHint: true, idempotentHint: true });
    expect(tool('demo_clear_cache').annotations).toEqual({ title: 'Clear cache', destructiveHint: false, idempotentHint: true });
  });

  it('escapes spec text in the README', () => {
    const readme = emitMcp(spec).get('mcp/README.md')!;
    expect(readme).toContain('Demo &lt;API&gt; \\| test');
    expect(readme).not.toContain('<API>');
  });

  it('refuses tool names that clients cannot use, and duplicates', () => {
    const long = structuredClone(spec);
    long.operations[0]!.names.mcpTool = 'demo_' + 'x'.repeat(70);
    expect(() => buildToolTable(long)).toThrow(GeneratorError);
    const dup = structuredClone(spec);
    dup.operations[1]!.names.mcpTool = 'demo_update_thing';
    expect(() => buildToolTable(dup)).toThrow(/two operations map to the MCP tool name/);
  });
});
