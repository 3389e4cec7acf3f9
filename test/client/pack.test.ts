/**
 * The built client as users get it: `npm pack`, install the tarball into a
 * fresh temp project (offline: the package has no dependencies), then call a
 * local server from both an ESM `import` and a CJS `require`, and resolve its
 * types through the `exports` map from .mts and .cts consumers; the same for
 * openai-node's deep import paths (`<pkg>/streaming`, `<pkg>/resources/…`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { loadRealSpec, realClientDir, realClientEntry, scratchRoot } from './support.js';

const spec = loadRealSpec();
const app = join(scratchRoot, 'pack-app');
let rec: Recorder;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
}

beforeAll(async () => {
  realClientEntry();
  rec = await startRecorder();
  rec.route('GET', '/organization/admin_api_keys/key_1', { body: { id: 'key_1', object: 'organization.admin_api_key' }, headers: { 'x-request-id': 'req_123' } });
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  const packed = JSON.parse(npm(['pack', realClientDir, '--json', '--pack-destination', app], app)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-app', version: '1.0.0', private: true }));
  npm(['install', join(app, packed[0]!.filename), '--offline', '--no-audit', '--no-fund'], app);
}, 120_000);

afterAll(async () => {
  await rec?.close();
});

/** Async: the recorder answers from this same process, so a sync spawn would deadlock. */
async function run(file: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: app, encoding: 'utf8', env: { ...process.env, BASE: rec.url } });
  return stdout;
}

describe('the packed client in a fresh project', () => {
  it('ships dist, README and api.md, and no sources', () => {
    const installed = join(app, 'node_modules', spec.packages.client);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { name: string; dependencies?: unknown };
    expect(pkg.name).toBe(spec.packages.client);
    expect(pkg.dependencies).toBeUndefined();
    expect(() => readFileSync(join(installed, 'api.md'))).not.toThrow();
    expect(() => readFileSync(join(installed, 'src/index.ts'))).toThrow();
  });

  it('works from ESM import', async () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import ${spec.packages.clientClass}, { NotFoundError } from '${spec.packages.client}';\n` +
        `const client = new ${spec.packages.clientClass}({ adminAPIKey: 'sk-admin-1', baseURL: process.env.BASE, maxRetries: 0 });\n` +
        `const key = await client.admin.organization.adminAPIKeys.retrieve('key_1');\n` +
        `console.log(JSON.stringify({ id: key.id, requestID: key._request_id ?? null, errorClass: typeof NotFoundError }));\n`,
    );
    expect(JSON.parse(await run('esm.mjs'))).toEqual({ id: 'key_1', requestID: 'req_123', errorClass: 'function' });
  });

  it('works from CJS require (default and named)', async () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const pkg = require('${spec.packages.client}');\n` +
        `const Named = pkg.${spec.packages.clientClass};\n` +
        `if (pkg.default !== Named) throw new Error('default export differs from the named class');\n` +
        `new Named({ adminAPIKey: 'sk-admin-1', baseURL: process.env.BASE, maxRetries: 0 }).admin.organization.adminAPIKeys.retrieve('key_1')\n` +
        `  .then((key) => console.log(JSON.stringify({ id: key.id })), (e) => { console.error(e); process.exit(1); });\n`,
    );
    expect(JSON.parse(await run('cjs.cjs'))).toEqual({ id: 'key_1' });
  });

  it('resolves types through the exports map for ESM and CJS consumers', () => {
    const use = (imp: string) =>
      `${imp}\nconst client = new Client({ adminAPIKey: 'k' });\n` +
      `export const p: Promise<{ id: string }> = client.admin.organization.adminAPIKeys.retrieve('key_1');\n` +
      `// @ts-expect-error the key id is a string\nclient.admin.organization.adminAPIKeys.retrieve(1);\n`;
    writeFileSync(join(app, 'consumer.mts'), use(`import Client from '${spec.packages.client}';`));
    writeFileSync(join(app, 'consumer.cts'), use(`import Client = require('${spec.packages.client}');\nconst _unused = Client;\nvoid _unused;`).replace(/new Client\(/, `new Client.${spec.packages.clientClass}(`));
    const program = ts.createProgram({
      rootNames: [join(app, 'consumer.mts'), join(app, 'consumer.cts')],
      options: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: true },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });

  it('CJS require gives the client class itself, as openai-node does, with the named exports on it', async () => {
    writeFileSync(
      join(app, 'cjs-class.cjs'),
      `const Client = require('${spec.packages.client}');\n` +
        `const same = Client.default === Client && Client.${spec.packages.clientClass} === Client && typeof Client.NotFoundError === 'function';\n` +
        `new Client({ adminAPIKey: 'sk-admin-1', baseURL: process.env.BASE, maxRetries: 0 }).admin.organization.adminAPIKeys.retrieve('key_1')\n` +
        `  .then((key) => console.log(JSON.stringify({ id: key.id, same })), (e) => { console.error(e); process.exit(1); });\n`,
    );
    expect(JSON.parse(await run('cjs-class.cjs'))).toEqual({ id: 'key_1', same: true });
  });

  it("offers openai-node's deep import paths to ESM and CJS, as the very modules the entry uses", async () => {
    const pkg = spec.packages.client;
    writeFileSync(
      join(app, 'deep.mjs'),
      `import * as entry from '${pkg}';\n` +
        `import { Stream } from '${pkg}/streaming';\n` +
        `import { Stream as StreamJs } from '${pkg}/core/streaming.js';\n` +
        `import { NotFoundError } from '${pkg}/error';\n` +
        `import { toFile } from '${pkg}/uploads';\n` +
        `import { Projects, Users } from '${pkg}/resources/admin/organization/projects';\n` +
        `import { Admin } from '${pkg}/resources/admin';\n` +
        `import * as resources from '${pkg}/resources';\n` +
        `import { Users as ProjectUsers } from '${pkg}/resources/admin/organization/projects/users/users.js';\n` +
        // A folder's `index` and the `.js` spellings of the exact paths, as openai-node's files answer them.
        `import { Projects as ProjectsIndex } from '${pkg}/resources/admin/organization/projects/index';\n` +
        `import { Projects as ProjectsIndexJs } from '${pkg}/resources/admin/organization/projects/index.js';\n` +
        `import { Admin as AdminJs } from '${pkg}/resources/admin.js';\n` +
        `import { Stream as StreamDotJs } from '${pkg}/streaming.js';\n` +
        `import * as resourcesIndexJs from '${pkg}/resources/index.js';\n` +
        `console.log(JSON.stringify([Stream === entry.Stream, StreamJs === Stream, NotFoundError === entry.NotFoundError, toFile === entry.toFile, typeof Projects, Users === ProjectUsers, typeof Admin, resources.NotFoundError === NotFoundError,\n` +
        `  ProjectsIndex === Projects && ProjectsIndexJs === Projects, AdminJs === Admin, StreamDotJs === Stream, resourcesIndexJs.NotFoundError === NotFoundError]));\n`,
    );
    expect(JSON.parse(await run('deep.mjs'))).toEqual([true, true, true, true, 'function', true, 'function', true, true, true, true, true]);
    // CommonJS: every deep path is the entry (one instance of each class), which has every type and runtime value.
    writeFileSync(
      join(app, 'deep.cjs'),
      `const entry = require('${pkg}');\n` +
        `const { Stream } = require('${pkg}/streaming');\n` +
        `const { NotFoundError } = require('${pkg}/resources/admin/organization/projects.js');\n` +
        `console.log(JSON.stringify([Stream === entry.Stream, NotFoundError === entry.NotFoundError, require('${pkg}/resources') === entry]));\n`,
    );
    expect(JSON.parse(await run('deep.cjs'))).toEqual([true, true, true]);
  });

  it('resolves the deep paths\' types for ESM and CJS consumers', () => {
    const pkg = spec.packages.client;
    const use =
      `import type { Project, ProjectCreateParams } from '${pkg}/resources/admin/organization/projects';\n` +
      `import type { AdminAPIKey } from '${pkg}/resources';\n` +
      `import type { Project as IndexProject } from '${pkg}/resources/admin/organization/projects/index.js';\n` +
      `export const i: IndexProject['id'] | undefined = undefined;\n` +
      `import { Stream } from '${pkg}/streaming';\n` +
      `export const p: Pick<Project, 'id'> | undefined = undefined;\n` +
      `export const q: ProjectCreateParams = { name: 'n' };\n` +
      `export const k: AdminAPIKey['id'] | undefined = undefined;\n` +
      `export const s: typeof Stream | undefined = undefined;\n` +
      `// @ts-expect-error a project's name is a string\nexport const bad: ProjectCreateParams = { name: 1 };\n`;
    writeFileSync(join(app, 'deep-consumer.mts'), use);
    writeFileSync(join(app, 'deep-consumer.cts'), use);
    const program = ts.createProgram({
      rootNames: [join(app, 'deep-consumer.mts'), join(app, 'deep-consumer.cts')],
      options: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: true },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});
