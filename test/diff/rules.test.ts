/**
 * The classification rules of generator/diff/README.md, one by one, on
 * minimal normalized specs written here (no import needed).
 */
import { describe, expect, it } from 'vitest';
import type { NamedType, NormalizedSpec, Operation, Param, Shape } from '../../generator/ir/types.js';
import { diffSpecs } from '../../generator/diff/index.js';
import type { Change, ChangeReport } from '../../generator/diff/model.js';
import { renderMarkdown } from '../../generator/diff/render.js';
import { applyBump } from '../../generator/diff/semver.js';
import { changelogLines } from '../../generator/release/changelog.js';
import { diffImportedSpecs } from '../../generator/commands/diff.js';

const str: Shape = { kind: 'string' };

function param(name: string, schema: Shape, extra: Partial<Param> = {}): Param {
  return { name, wireName: name, in: 'body', required: false, schema, style: 'json', explode: false, deprecated: false, pointer: `/p/${name}`, ...extra };
}

function operation(method: string, extra: Partial<Operation> = {}): Operation {
  const path = extra.path ?? '/organization/widgets';
  const httpMethod = extra.httpMethod ?? 'post';
  return {
    key: `admin.widgets.${method}`,
    operationId: `${method}-widget`,
    resource: ['admin', 'widgets'],
    method,
    kind: 'create',
    httpMethod,
    path,
    names: { mcpTool: `test_${method}_widget`, cliGroup: 'admin:widgets', cliCommand: method, clientPath: ['admin', 'widgets', method], typePrefix: `Widget${method[0]!.toUpperCase()}${method.slice(1)}` },
    deprecated: false,
    hints: { readOnly: httpMethod === 'get', destructive: false, idempotent: false },
    params: [],
    response: { status: '200', contentType: 'application/json', schema: { kind: 'ref', name: 'Widget' }, pointer: `/paths/${method}/responses/200` },
    security: ['Key'],
    pointer: `/paths/${method}`,
    ...extra,
  };
}

function spec(ops: Operation[], types: Record<string, Partial<NamedType> & { shape: Shape }> = {}): NormalizedSpec {
  const named: Record<string, NamedType> = {
    Widget: { name: 'Widget', usage: 'response', pointer: '/components/schemas/Widget', shape: { kind: 'object', properties: [{ name: 'id', required: true, shape: str }] } },
  };
  for (const [name, t] of Object.entries(types)) named[name] = { name, usage: 'response', pointer: `/components/schemas/${name}`, ...t };
  return {
    irVersion: 1,
    target: 'test-api',
    info: { title: 'Test', version: '1', baseURL: 'http://127.0.0.1', sourceFile: 'test.yaml', openapiVersion: '3.1.0' },
    packages: { client: 'test-api', cli: 'test-api-cli', mcp: 'test-api-mcp', clientClass: 'TestAPI', cliBin: 'test-api', mcpBin: 'test-api-mcp', toolPrefix: 'test_', baseURLEnv: 'TEST_BASE_URL' },
    auth: [{ name: 'Key', kind: 'bearer', paramName: 'Authorization', envVar: 'TEST_KEY', clientOption: 'apiKey', pointer: '/components/securitySchemes/Key' }],
    resources: [{ path: ['admin'], key: 'admin', title: 'Admin', operations: [], pointer: '' }, { path: ['admin', 'widgets'], key: 'admin.widgets', title: 'Widgets', operations: ops.map((o) => o.key).sort(), pointer: '' }],
    operations: ops,
    types: named,
  };
}

function only(report: ChangeReport, section: Change['section']): Array<[string, string, string, string]> {
  return report.changes.filter((c) => c.section === section).map((c) => [c.action, c.element, c.subject, c.severity]);
}

/** A `Widget` response type with these fields (responses) or a params list (requests). */
function widgetSpec(fields: Array<{ name: string; required: boolean; shape: Shape }>, usage: NamedType['usage'] = 'response'): NormalizedSpec {
  const s = spec([operation('create')]);
  s.types.Widget = { ...s.types.Widget!, usage, shape: { kind: 'object', properties: fields } };
  return s;
}

describe('response fields', () => {
  it('adding a field (even a required one) is non-breaking; removing one is breaking', () => {
    const before = widgetSpec([{ name: 'id', required: true, shape: str }, { name: 'old', required: false, shape: str }]);
    const after = widgetSpec([{ name: 'id', required: true, shape: str }, { name: 'new', required: true, shape: str }]);
    expect(only(diffSpecs(before, after), 'client')).toEqual([
      ['removed', 'field', 'Widget.old', 'breaking'],
      ['added', 'field', 'Widget.new', 'non-breaking'],
    ]);
  });

  it('a field becoming optional is breaking for readers, becoming required is not', () => {
    const before = widgetSpec([{ name: 'a', required: true, shape: str }, { name: 'b', required: false, shape: str }]);
    const after = widgetSpec([{ name: 'a', required: false, shape: str }, { name: 'b', required: true, shape: str }]);
    expect(only(diffSpecs(before, after), 'client')).toEqual([
      ['changed', 'field', 'Widget.a', 'breaking'],
      ['changed', 'field', 'Widget.b', 'non-breaking'],
    ]);
  });

  it('a new enum value or union member is non-breaking, a removed one is breaking, a retype is breaking', () => {
    const enumOf = (...values: string[]): Shape => ({ kind: 'string', enum: values });
    const before = widgetSpec([
      { name: 'status', required: true, shape: enumOf('a', 'b') },
      { name: 'owner', required: true, shape: { kind: 'union', members: [{ kind: 'ref', name: 'User' }, { kind: 'ref', name: 'Bot' }] } },
      { name: 'count', required: true, shape: { kind: 'integer' } },
    ]);
    const after = widgetSpec([
      { name: 'status', required: true, shape: enumOf('b', 'c') },
      { name: 'owner', required: true, shape: { kind: 'union', members: [{ kind: 'ref', name: 'User' }, { kind: 'ref', name: 'Team' }, { kind: 'ref', name: 'Org' }] } },
      { name: 'count', required: true, shape: { kind: 'string' } },
    ]);
    const changes = only(diffSpecs(before, after), 'client');
    expect(changes).toContainEqual(['added', 'enum', 'Widget.status = "c"', 'non-breaking']);
    expect(changes).toContainEqual(['removed', 'enum', 'Widget.status = "a"', 'breaking']);
    expect(changes).toContainEqual(['added', 'union', 'Widget.owner<Team>', 'non-breaking']);
    expect(changes).toContainEqual(['removed', 'union', 'Widget.owner<Bot>', 'breaking']);
    expect(changes).toContainEqual(['changed', 'type', 'Widget.count', 'breaking']);
  });

  it('a single type that became a union with it as a member only adds members; a change of that member is still listed', () => {
    const types = { Commit: { shape: { kind: 'object', properties: [{ name: 'sha', required: true, shape: str }] } as Shape }, Issue: { shape: { kind: 'object', properties: [{ name: 'title', required: true, shape: str }] } as Shape } };
    const ref = (name: string): Shape => ({ kind: 'ref', name });
    const located = (details: Shape, commit: Shape = types.Commit.shape) => {
      const s = spec([operation('create')], { ...types, Commit: { shape: commit } });
      s.types.Widget = { ...s.types.Widget!, shape: { kind: 'object', properties: [{ name: 'details', required: true, shape: details }] } };
      return s;
    };
    const grown = diffSpecs(located(ref('Commit')), located({ kind: 'union', members: [ref('Commit'), ref('Issue')] }));
    expect(only(grown, 'client')).toEqual([['added', 'union', 'Widget.details<Issue>', 'non-breaking']]);
    // An inline old type compares by structure; the member's own changes keep their rules.
    const inline = diffSpecs(located(types.Commit.shape), located({ kind: 'union', members: [ref('Commit'), ref('Issue')] }));
    expect(only(inline, 'client')).toEqual([['added', 'union', 'Widget.details<Issue>', 'non-breaking']]);
    const withUrl = { kind: 'object', properties: [{ name: 'sha', required: true, shape: str }, { name: 'url', required: false, shape: str }] } as Shape;
    const followed = diffSpecs(located(ref('Commit')), located({ kind: 'union', members: [ref('Commit'), ref('Issue')] }, withUrl));
    expect(only(followed, 'client')).toEqual([
      ['added', 'field', 'Commit.url', 'non-breaking'],
      ['added', 'union', 'Widget.details<Issue>', 'non-breaking'],
    ]);
  });

  it('becoming nullable breaks readers', () => {
    const before = widgetSpec([{ name: 'a', required: true, shape: str }]);
    const after = widgetSpec([{ name: 'a', required: true, shape: { kind: 'string', nullable: true } }]);
    expect(only(diffSpecs(before, after), 'client')).toEqual([['changed', 'nullable', 'Widget.a', 'breaking']]);
  });
});

describe('request params', () => {
  const withParams = (...params: Param[]) => spec([operation('create', { params })]);

  it('a new optional param is non-breaking, a new required one is breaking, on every surface', () => {
    const report = diffSpecs(withParams(param('name', str)), withParams(param('name', str), param('color', str), param('size', str, { required: true })));
    expect(only(report, 'client')).toEqual([
      ['added', 'param', 'admin.widgets.create({ size })', 'breaking'],
      ['added', 'param', 'admin.widgets.create({ color })', 'non-breaking'],
    ]);
    expect(only(report, 'cli')).toEqual([
      ['added', 'flag', 'test-api admin:widgets create --size', 'breaking'],
      ['added', 'flag', 'test-api admin:widgets create --color', 'non-breaking'],
    ]);
    expect(only(report, 'mcp')).toEqual([
      ['added', 'input', 'test_create_widget.size', 'breaking'],
      ['added', 'input', 'test_create_widget.color', 'non-breaking'],
    ]);
  });

  it('a param made required, a removed param and a narrowed enum are breaking; a widened enum is not', () => {
    const before = withParams(param('name', str), param('gone', str), param('kind', { kind: 'string', enum: ['a', 'b'] }), param('mode', { kind: 'string', enum: ['x'] }));
    const after = withParams(param('name', str, { required: true }), param('kind', { kind: 'string', enum: ['a'] }), param('mode', { kind: 'string', enum: ['x', 'y'] }));
    const report = diffSpecs(before, after);
    expect(only(report, 'client')).toEqual([
      ['removed', 'param', 'admin.widgets.create({ gone })', 'breaking'],
      ['removed', 'enum', 'admin.widgets.create({ kind }) = "b"', 'breaking'],
      ['changed', 'param', 'admin.widgets.create({ name })', 'breaking'],
      ['added', 'enum', 'admin.widgets.create({ mode }) = "y"', 'non-breaking'],
    ]);
    // The CLI and MCP inputs take the severity the client diff found for the same param.
    expect(only(report, 'mcp')).toEqual([
      ['removed', 'input', 'test_create_widget.gone', 'breaking'],
      ['changed', 'input', 'test_create_widget.kind', 'breaking'],
      ['changed', 'required', 'test_create_widget.name', 'breaking'],
      ['changed', 'input', 'test_create_widget.mode', 'non-breaking'],
    ]);
  });
});

describe('ranges', () => {
  const withLimit = (schema: Shape) => spec([operation('list', { params: [param('limit', schema, { in: 'query', style: 'form' })] })]);
  const severities = (before: Shape, after: Shape) =>
    [...new Set(diffSpecs(withLimit(before), withLimit(after)).changes.filter((c) => c.element === 'constraint').map((c) => c.severity))];

  it('a range stated only in prose is documentation: changing it is docs-only, declaring it tightens', () => {
    const prose = (min: number, max: number): Shape => ({ kind: 'integer', minimum: min, maximum: max, proseFacets: ['minimum', 'maximum'] });
    const declared = (min: number, max: number): Shape => ({ kind: 'integer', minimum: min, maximum: max });
    expect(severities(prose(1, 100), prose(1, 50))).toEqual(['docs-only']);
    expect(severities({ kind: 'integer' }, prose(1, 100))).toEqual(['docs-only']);
    expect(severities(declared(1, 100), declared(1, 50))).toEqual(['breaking']);
    expect(severities(prose(1, 100), declared(1, 100))).toEqual(['breaking']);
    expect(severities(declared(1, 100), prose(1, 100))).toEqual(['non-breaking']);
  });
});

describe('documentation', () => {
  const docsOnly = (report: ChangeReport) => report.changes.filter((c) => c.severity === 'docs-only').map((c) => [c.section, c.subject, c.reason]);

  it('a named type whose description changed is one docs line, although the importer writes it on the type and on its shape', () => {
    const typed = (text: string) => {
      const s = spec([operation('create')]);
      s.types.Widget = { ...s.types.Widget!, description: text, shape: { ...s.types.Widget!.shape, description: text } };
      return s;
    };
    const report = diffSpecs(typed('A widget.'), typed('A widget of the organization.'));
    expect(docsOnly(report)).toEqual([['client', 'Widget', 'type description changed']]);
    expect(report.counts.docsOnly).toBe(1);
  });

  it('a body param whose description changed is one docs line, although the importer writes it on the param and on its schema', () => {
    const described = (text: string) => spec([operation('create', { params: [param('label', { kind: 'string', description: text }, { description: text })] })]);
    const report = diffSpecs(described('The label.'), described('The label shown in lists.'));
    expect(docsOnly(report)).toEqual([['all', 'admin.widgets.create({ label })', 'param description changed (JSDoc, flag help, tool input description)']]);
    // A description on the schema alone is still the param's doc.
    const schemaOnly = (text: string) => spec([operation('create', { params: [param('label', { kind: 'string', description: text })] })]);
    expect(docsOnly(diffSpecs(schemaOnly('The label.'), schemaOnly('The label shown in lists.')))).toEqual([
      ['all', 'admin.widgets.create({ label })', 'param description changed (JSDoc, flag help, tool input description)'],
    ]);
  });
});

describe('path params', () => {
  it('a renamed path param is the same endpoint: invisible for the positional client argument, breaking for the CLI flag and MCP input', () => {
    const get = (name: string) =>
      operation('retrieve', { httpMethod: 'get', path: `/organization/widgets/{${name}}`, params: [param(name, str, { in: 'path', required: true, style: 'simple' })] });
    const report = diffSpecs(spec([get('widget_id')]), spec([get('id')]));
    expect(only(report, 'all')).toEqual([]);
    expect(only(report, 'client')).toEqual([['renamed', 'param', 'admin.widgets.retrieve({ id })', 'non-breaking']]);
    expect(only(report, 'cli')).toEqual([
      ['added', 'flag', 'test-api admin:widgets retrieve --id', 'breaking'],
      ['removed', 'flag', 'test-api admin:widgets retrieve --widget-id', 'breaking'],
    ]);
    expect(only(report, 'mcp').map((c) => c[0])).toEqual(['added', 'removed']);
  });
});

describe('names', () => {
  it('an operationId rename with every generated name kept is reported as kept, docs-only', () => {
    const before = spec([operation('create')]);
    const after = spec([operation('create', { operationId: 'CreateAWidget' })]);
    const report = diffSpecs(before, after);
    expect(report.changes.map((c) => [c.section, c.action, c.element, c.severity])).toEqual([['all', 'kept', 'operation-id', 'docs-only']]);
    expect(report.changes[0]!.reason).toContain('create-widget → CreateAWidget; generated names kept');
  });

  it('a real rename of a tool, command or method is breaking on its surface', () => {
    const before = spec([operation('create')]);
    const renamed = operation('create', { operationId: 'make-widget' });
    renamed.names = { ...renamed.names, mcpTool: 'test_make_widget', cliCommand: 'make', clientPath: ['admin', 'widgets', 'make'] };
    const report = diffSpecs(before, spec([renamed]));
    expect(report.changes.filter((c) => c.action === 'renamed').map((c) => [c.section, c.element, c.subject, c.severity])).toEqual([
      ['client', 'method', 'admin.widgets.create()', 'breaking'],
      ['cli', 'command', 'test-api admin:widgets create', 'breaking'],
      ['mcp', 'tool', 'test_create_widget', 'breaking'],
    ]);
  });

  it('a schema renamed with an identical shape is one rename of the exported type, breaking only for the client', () => {
    const before = spec([operation('create', { response: { status: '200', contentType: 'application/json', schema: { kind: 'ref', name: 'Gadget' }, pointer: '/r' } })], {
      Gadget: { shape: { kind: 'object', properties: [{ name: 'id', required: true, shape: str }] } },
    });
    const after = spec([operation('create', { response: { status: '200', contentType: 'application/json', schema: { kind: 'ref', name: 'GadgetBody' }, pointer: '/r' } })], {
      GadgetBody: { shape: { kind: 'object', properties: [{ name: 'id', required: true, shape: str }] } },
    });
    const report = diffSpecs(before, after);
    expect(report.changes.map((c) => [c.action, c.element, c.subject, c.severity, c.affects.join()])).toEqual([
      ['renamed', 'type', 'Gadget', 'breaking', 'client'],
      ['changed', 'type-ref', 'admin.widgets.create() → response', 'non-breaking', 'client,cli,mcp'],
    ]);
    expect(report.packages.cli.bump).toBe('minor');
    expect(report.packages.client.bump).toBe('major');
  });

  it('types that share one shape are not paired as renames: which became which is a guess', () => {
    const idUrl: Shape = { kind: 'object', properties: [{ name: 'id', required: true, shape: str }, { name: 'url', required: false, shape: str }] };
    const before = spec([operation('create')], { MessagingCountry: { shape: idUrl }, VoiceCountry: { shape: idUrl }, Price: { shape: { kind: 'number' } } });
    const after = spec([operation('create')], { TrunkingCountry: { shape: idUrl }, V2VoiceCountry: { shape: idUrl }, V2Price: { shape: { kind: 'number' } } });
    expect(diffSpecs(before, after).changes.map((c) => [c.action, c.subject])).toEqual([
      ['removed', 'MessagingCountry'],
      ['renamed', 'Price'],
      ['removed', 'VoiceCountry'],
      ['added', 'TrunkingCountry'],
      ['added', 'V2VoiceCountry'],
    ]);
  });
});

describe('media facts and webhooks', () => {
  it('a response read as another kind and a lost stream are breaking; a new switched stream, a new encoding and a new webhook are not', () => {
    const before = spec([operation('create', { stream: { event: { kind: 'ref', name: 'Widget' }, switch: { param: 'stream', value: true }, pointer: '/s' } }), operation('download', { path: '/organization/widgets/x' })]);
    const after = spec([
      operation('create', { body: { contentType: 'application/json', encoding: 'json-or-multipart', files: ['file'], required: true, schema: str, flattened: true, pointer: '/b' } }),
      operation('download', { path: '/organization/widgets/x', responseKind: 'binary', stream: { event: { kind: 'ref', name: 'Widget' }, switch: { param: 'stream', value: true }, pointer: '/s' } }),
    ]);
    before.operations[0]!.body = { contentType: 'application/json', required: true, schema: str, flattened: true, pointer: '/b' };
    after.webhooks = { events: [{ name: 'widget_made', httpMethod: 'post', eventType: 'widget.made', contentType: 'application/json', payload: { kind: 'ref', name: 'Widget' }, deprecated: false, pointer: '/webhooks/widget_made/post' }] };
    const changes = diffSpecs(before, after).changes.filter((c) => ['response', 'stream', 'body', 'upload', 'webhook'].includes(c.element));
    expect(changes.map((c) => [c.action, c.element, c.subject, c.severity])).toEqual([
      ['removed', 'stream', 'admin.widgets.create()', 'breaking'],
      ['changed', 'response', 'admin.widgets.download()', 'breaking'],
      ['changed', 'body', 'admin.widgets.create()', 'non-breaking'],
      ['changed', 'upload', 'admin.widgets.create()', 'non-breaking'],
      ['added', 'stream', 'admin.widgets.download()', 'non-breaking'],
      ['added', 'webhook', 'webhook widget_made (widget.made)', 'non-breaking'],
    ]);
    const back = diffSpecs(after, before).changes.filter((c) => c.element === 'webhook');
    expect(back.map((c) => [c.action, c.severity])).toEqual([['removed', 'breaking']]);
  });
});

describe('report', () => {
  it('is empty for the same spec, with the exact summary line', () => {
    const s = spec([operation('create')]);
    const report = diffSpecs(s, structuredClone(s));
    expect(report.changes).toEqual([]);
    expect(Object.values(report.packages).map((p) => p.bump)).toEqual(['none', 'none', 'none']);
    expect(renderMarkdown(report).trimEnd().split('\n').at(-1)).toBe('Summary: 0 breaking, 0 non-breaking, 0 docs-only');
  });

  it('does not depend on the order of operations or types', () => {
    const a = spec([operation('create'), operation('list', { httpMethod: 'get' })]);
    const b = spec([operation('list', { httpMethod: 'get', deprecated: true }), operation('create', { summary: 'Makes one' })]);
    const reversed = { ...b, operations: [...b.operations].reverse(), types: Object.fromEntries(Object.entries(b.types).reverse()) };
    expect(JSON.stringify(diffSpecs(a, reversed))).toBe(JSON.stringify(diffSpecs(a, b)));
  });

  it('escapes spec-derived text in Markdown', () => {
    const before = widgetSpec([{ name: 'a', required: true, shape: { kind: 'string', enum: ['x`y', 'p|q', '<b>'] } }]);
    const after = widgetSpec([{ name: 'a', required: true, shape: { kind: 'string', enum: ['p|q'] } }]);
    const md = renderMarkdown(diffSpecs(before, after));
    expect(md).toContain('`` Widget.a = "x`y" ``');
    // Inside a code span `<b>` is text, not HTML.
    expect(md).toContain('`Widget.a = "<b>"`');
    expect(md.replace(/``? [^\n]*? ``?|`[^`\n]*`/g, '')).not.toMatch(/<b>|x`y/);
    expect(md.trimEnd().split('\n').at(-1)).toBe('Summary: 2 breaking, 0 non-breaking, 0 docs-only');
  });

  it('suggests bumps by standard rules from 1.x and by 0.x rules below 1.0.0', () => {
    const before = widgetSpec([{ name: 'a', required: true, shape: str }]);
    const after = widgetSpec([]);
    expect(diffSpecs(before, after, { currentVersions: { client: '1.4.2' } }).packages.client).toMatchObject({ rules: 'standard', bump: 'major', next: '2.0.0' });
    expect(diffSpecs(before, after, { currentVersions: { client: '0.4.2' } }).packages.client).toMatchObject({ rules: '0.x', bump: 'minor', next: '0.5.0' });
    expect(applyBump('0.4.2', 'patch')).toBe('0.4.3');
    // Additions are a minor below 1.0 as well; only docs are a patch.
    const added = widgetSpec([{ name: 'a', required: true, shape: str }, { name: 'b', required: false, shape: str }]);
    expect(diffSpecs(before, added, { currentVersions: { client: '0.4.2' } }).packages.client).toMatchObject({ rules: '0.x', bump: 'minor', next: '0.5.0' });
  });
});

describe('surface tables from the emitters', () => {
  it('reads MCP annotations and CLI flags from the real tables', async () => {
    const before = spec([operation('create', { params: [param('event_types', { kind: 'array', items: str }, { in: 'query', style: 'form' })] })]);
    const after = spec([operation('create', { params: [param('event_types', { kind: 'array', items: str }, { in: 'query', style: 'form' })], hints: { readOnly: false, destructive: true, idempotent: true } })]);
    const report = await diffImportedSpecs(before, after, { currentVersions: {} });
    expect(report.sources).toEqual({ cli: 'emitter', mcp: 'emitter' });
    // The tool table may omit a false hint, so the action is `changed` or `added`.
    expect(report.changes.filter((c) => c.section === 'mcp').map((c) => [c.element, c.subject, c.severity])).toEqual([
      ['annotation', 'test_create_widget destructiveHint', 'non-breaking'],
      ['annotation', 'test_create_widget idempotentHint', 'non-breaking'],
    ]);
    expect(report.changes.filter((c) => c.section === 'cli')).toEqual([]);
    const none = await diffImportedSpecs(before, structuredClone(before), { currentVersions: {} });
    expect(none.changes).toEqual([]);
    // A new array param: one CLI flag (singular), its plural alias comes with it and is not listed apart.
    const withTags = spec([operation('create', { params: [...before.operations[0]!.params, param('tag_ids', { kind: 'array', items: str }, { in: 'query', style: 'form' })] })]);
    const added = await diffImportedSpecs(before, withTags, { currentVersions: {} });
    expect(only(added, 'cli')).toEqual([['added', 'flag', 'test-api admin:widgets create --tag-id', 'non-breaking']]);
    expect(only(added, 'mcp')).toEqual([['added', 'input', 'test_create_widget.tag_ids', 'non-breaking']]);
  });

  it('names a docs change every surface shares as the users of each package type it, in the changelogs too', async () => {
    const tagged = (text: string) =>
      spec([operation('create', { params: [param('tag_ids', { kind: 'array', items: str }, { in: 'query', style: 'form', description: text })], response: { status: '200', contentType: 'application/json', schema: { kind: 'ref', name: 'Widget' }, description: text, pointer: '/r' } })]);
    const report = await diffImportedSpecs(tagged('Tags.'), tagged('Tags to filter by.'), { currentVersions: {} });
    expect(report.changes.map((c) => [c.subject, c.as])).toEqual([
      ['admin.widgets.create() → response', { cli: 'test-api admin:widgets create', mcp: 'test_create_widget' }],
      ['admin.widgets.create({ tag_ids })', { cli: 'test-api admin:widgets create --tag-id', mcp: 'test_create_widget.tag_ids' }],
    ]);
    const subjects = (pkg: 'client' | 'cli' | 'mcp') => changelogLines(report, pkg, []).map((l) => l.markdown.slice(0, l.markdown.indexOf('`', 1) + 1));
    expect(subjects('client')).toEqual(['`admin.widgets.create() → response`', '`admin.widgets.create({ tag_ids })`']);
    expect(subjects('cli')).toEqual(['`test-api admin:widgets create`', '`test-api admin:widgets create --tag-id`']);
    expect(subjects('mcp')).toEqual(['`test_create_widget`', '`test_create_widget.tag_ids`']);
  });
});
