/**
 * The client emitter on its own: layout, names, escaping, determinism and
 * errors, on the small fixture spec (every feature in a few operations) and on
 * the real normalized spec.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ts from 'typescript';
import { emitClient } from '../../generator/emit/client/index.js';
import { GeneratorError } from '../../generator/errors.js';
import { runtimeFiles } from '../../generator/emit/runtime-files.js';
import { JSON_NOTICE_KEY, codeHeader, markdownHeader } from '../../generator/emit/header.js';
import { typecheckClient } from '../../generator/build/client.js';
import { fixtureSpec } from './fixture-spec.js';
import { emitInto, loadRealSpec, scratchRoot } from './support.js';

const fixture = emitClient(fixtureSpec());
const real = emitClient(loadRealSpec());
const file = (files: Map<string, string>, path: string) => {
  const text = files.get(`client/${path}`);
  if (text === undefined) throw new Error(`not emitted: ${path}\n${[...files.keys()].join('\n')}`);
  return text;
};

describe('layout', () => {
  it('mirrors the resource tree with one file per resource, nested folders for sub-resources', () => {
    const paths = [...fixture.keys()];
    expect(paths).toContain('client/src/resources/admin/organization/projects/users/roles.ts');
    expect(paths).toContain('client/src/resources/admin/organization/projects/users/users.ts');
    expect(paths).toContain('client/src/resources/admin/organization/admin-api-keys.ts');
    for (const p of ['src/index.ts', 'src/client.ts', 'src/operations.ts', 'package.json', 'tsconfig.json', 'README.md', 'api.md']) expect(paths).toContain(`client/${p}`);
  });

  it('copies the client runtime verbatim into src/core, below the notice', () => {
    for (const [path, contents] of runtimeFiles('client')) {
      const copy = file(fixture, `src/core/${path}`);
      expect(copy.startsWith(codeHeader('openai-admin')), path).toBe(true);
      expect(copy.endsWith(`\n\n${contents}`), path).toBe(true);
    }
  });

  it('starts every generated file with the notice', () => {
    for (const [path, text] of real) {
      if (path.endsWith('.ts')) expect(text.startsWith(codeHeader('openai-admin')), path).toBe(true);
      else if (path.endsWith('.md')) expect(text.startsWith(markdownHeader('openai-admin')), path).toBe(true);
      else expect(Object.keys(JSON.parse(text) as object)[0], path).toBe(JSON_NOTICE_KEY);
    }
  });

  it('is deterministic', () => {
    expect([...emitClient(loadRealSpec())]).toEqual([...real]);
  });
});

describe('names and signatures', () => {
  it('uses the locked clientPath names with official acronym casing', () => {
    const src = file(real, 'src/resources/admin/organization/organization.ts');
    expect(src).toContain('adminAPIKeys: AdminAPIKeysAPI.AdminAPIKeys');
    const projects = file(real, 'src/resources/admin/organization/projects/projects.ts');
    expect(projects).toContain('serviceAccounts: ServiceAccountsAPI.ServiceAccounts');
    expect(projects).toContain('rateLimits: RateLimitsAPI.RateLimits');
  });

  it('takes the last path param positionally and parent path params in the params object', () => {
    const users = file(real, 'src/resources/admin/organization/projects/users/users.ts');
    expect(users).toMatch(/retrieve\(userID: string, params: ProjectUserRetrieveParams, options\?: RequestOptions\): APIPromise<ProjectUser>/);
    expect(users).toContain('{ ...params, user_id: userID }');
    expect(users).toMatch(/export interface ProjectUserRetrieveParams \{[^}]*project_id: string;/);
  });

  it('makes the params object optional when nothing in it is required, and returns PagePromise for lists', () => {
    const keys = file(real, 'src/resources/admin/organization/admin-api-keys.ts');
    expect(keys).toMatch(/list\(params: AdminAPIKeyListParams = \{\}, options\?: RequestOptions\): PagePromise<AdminAPIKey>/);
  });

  it('documents every method with an @example', () => {
    for (const [path, text] of real) {
      if (!path.includes('/resources/')) continue;
      // A method head is one line, or one parameter per line when it is long.
      const methods = text.match(/^ {2}[a-z]\w*\((?:.*|\n(?: {4}.*\n)+ {2})\): (API|Page)Promise</gm) ?? [];
      const examples = text.match(/@example/g) ?? [];
      expect(examples.length, path).toBe(methods.length);
    }
  });

  it('lists all operations in api.md with verb and path', () => {
    const api = file(real, 'api.md');
    for (const op of loadRealSpec().operations) expect(api).toContain(`<code title="${op.httpMethod} ${op.path}">`);
  });
});

describe('types and escaping', () => {
  it('quotes keys that are not identifiers and makes tagged payloads a union narrowing on the tag', () => {
    const logs = file(fixture, 'src/resources/admin/organization/audit-logs.ts');
    expect(logs).toContain("'project.created'?: {");
    expect(logs).toMatch(/\| \{\n\s+type: 'user\.added';\n\s+'user\.added'\?:/);
    expect(logs).toContain("| { type: 'tunnel.created' }");
  });

  it('escapes comment closers from spec text so every file still parses', () => {
    for (const [path, text] of fixture) {
      if (!path.endsWith('.ts')) continue;
      const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
      const parseErrors = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      expect(parseErrors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), path).toEqual([]);
    }
    expect(file(fixture, 'src/resources/admin/organization/admin-api-keys.ts')).toContain('*\\/ not a comment end');
  });

  it('compiles the fixture client under strict with no diagnostics', () => {
    const dir = emitInto(fixtureSpec(), join(scratchRoot, 'fixture-client'));
    expect(typecheckClient(dir)).toEqual([]);
  });

  it('refuses a type whose name clashes with a client core export', () => {
    const spec = fixtureSpec();
    spec.types['APIPromise'] = { name: 'APIPromise', usage: 'response', pointer: '/components/schemas/APIPromise', shape: { kind: 'string' } };
    expect(() => emitClient(spec)).toThrow(GeneratorError);
  });

  it('refuses a reference to an unknown type, pointing at it', () => {
    const spec = fixtureSpec();
    spec.types['ProjectUser']!.shape = { kind: 'ref', name: 'Missing', pointer: '/components/schemas/ProjectUser' };
    try {
      emitClient(spec);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GeneratorError);
      expect((error as GeneratorError).location.pointer).toBe('/components/schemas/ProjectUser');
    }
  });
});

describe('package.json', () => {
  it('has the IR package name, version 0.1.0, an exports map for ESM and CJS (entry and deep paths), and no dependencies', () => {
    const pkg = JSON.parse(file(real, 'package.json')) as Record<string, unknown>;
    expect(pkg['name']).toBe(loadRealSpec().packages.client);
    expect(pkg['version']).toBe('0.1.0');
    expect(pkg['dependencies']).toBeUndefined();
    const exportsMap = pkg['exports'] as Record<string, unknown>;
    const require = { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' };
    expect(exportsMap['.']).toEqual({ import: { types: './dist/index.d.ts', default: './dist/index.js' }, require });
    expect(exportsMap['./package.json']).toBe('./package.json');
    // Deep paths: any module for ES modules, the entry for CommonJS; a folder is its own file; the runtime's names.
    expect(exportsMap['./*']).toEqual({ import: { types: './dist/*.d.ts', default: './dist/*.js' }, require });
    expect(exportsMap['./*.js']).toEqual({ import: { types: './dist/*.d.ts', default: './dist/*.js' }, require });
    expect(exportsMap['./resources/admin/organization']).toEqual({
      import: { types: './dist/resources/admin/organization/organization.d.ts', default: './dist/resources/admin/organization/organization.js' },
      require,
    });
    expect(exportsMap['./error']).toEqual({ import: { types: './dist/core/errors.d.ts', default: './dist/core/errors.js' }, require });
    expect(exportsMap['./resources']).toEqual({ import: { types: './dist/index.d.ts', default: './dist/index.js' }, require });
    // Exact paths before the patterns, which Node tries only when no exact key matches.
    expect(Object.keys(exportsMap).slice(-3)).toEqual(['./*.js', './*', './package.json']);
  });
});
