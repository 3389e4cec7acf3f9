/**
 * Measure 3 (issue 3): per-request overhead of the generated client against
 * the official `openai` package, both hitting the same local node:http server
 * (separate process) in this run; plus the bundled size of a one-resource app.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Measure } from '../child.js';
import { firstLine, scratch } from '../lib/paths.js';
import { startJsonServer } from '../lib/server.js';
import { interleave } from '../lib/time.js';
import { compare, median, Skip, skippedRow, type Row } from '../lib/types.js';
import { clientEntry } from '../lib/client-entry.js';

const REQUESTS = 200;
const BATCHES = 9;

interface Projects {
  list(): PromiseLike<unknown>;
  retrieve(id: string): PromiseLike<unknown>;
}
type AdminClient = { admin: { organization: { projects: Projects } } };

const measure: Measure = {
  title: 'Client per-request overhead and bundle size vs official openai SDK',
  async run() {
    const rows: Row[] = [];
    let entry: string | undefined;
    let skipWhy = '';
    try {
      entry = clientEntry();
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      skipWhy = error.message;
    }
    const server = await startJsonServer();
    try {
      rows.push(...(await perRequest(server.baseURL, entry, skipWhy)));
    } finally {
      server.close();
    }
    rows.push(...(await bundleSizes(entry, skipWhy)));
    return rows;
  },
};
export default measure;

async function perRequest(baseURL: string, entry: string | undefined, skipWhy: string): Promise<Row[]> {
  const { default: OpenAI } = await import('openai');
  const official = new OpenAI({ apiKey: 'sk-bench', adminAPIKey: 'sk-admin-bench', baseURL, maxRetries: 0 }) as unknown as AdminClient;
  let ours: AdminClient | undefined;
  if (entry) {
    try {
      const mod = (await import(pathToFileURL(entry).href)) as { default?: new (o: object) => AdminClient; OpenAIAdmin?: new (o: object) => AdminClient };
      const Ctor = mod.default ?? mod.OpenAIAdmin;
      if (!Ctor) throw new Error('no default export / OpenAIAdmin in the client entry');
      ours = new Ctor({ adminAPIKey: 'sk-admin-bench', baseURL, maxRetries: 0 });
    } catch (error) {
      skipWhy = `loading the generated client failed: ${firstLine(error)}`;
    }
  }
  const batch = (fn: () => PromiseLike<unknown>) => async () => {
    for (let i = 0; i < REQUESTS; i++) await fn();
  };
  const rows: Row[] = [];
  for (const [kind, label] of [
    ['retrieve', "projects.retrieve('proj_1') (plain GET)"],
    ['list', 'projects.list() (first page)'],
  ] as const) {
    const call = (c: AdminClient) => () => (kind === 'retrieve' ? c.admin.organization.projects.retrieve('proj_1') : c.admin.organization.projects.list());
    const url = kind === 'retrieve' ? `${baseURL}/organization/projects/proj_1` : `${baseURL}/organization/projects`;
    const contenders: Record<string, () => unknown> = {
      fetch: batch(() => fetch(url, { headers: { authorization: 'Bearer x' } }).then((r) => r.json())),
      official: batch(call(official)),
    };
    if (ours) contenders.ours = batch(call(ours));
    const samples = await interleave(contenders, BATCHES);
    const perReq = (s: number[]) => s.map((ms) => (ms * 1000) / REQUESTS);
    const officialUs = median(perReq(samples.official!));
    rows.push(compare(`client.${kind}.fetch`, `${kind}: bare fetch + json (floor)`, 'µs', perReq(samples.fetch!), undefined));
    rows.push(compare(`client.${kind}.official`, `${kind}: official openai SDK`, 'µs', perReq(samples.official!), undefined));
    if (ours) {
      rows.push(
        compare(`client.${kind}.ours`, `${kind}: generated client`, 'µs', perReq(samples.ours!), { label: 'official', value: officialUs }, { op: '<=', limit: 1 },
          `${REQUESTS} sequential req × ${BATCHES}`),
      );
    } else {
      rows.push(skippedRow(`client.${kind}.ours`, `${kind}: generated client`, skipWhy));
    }
  }
  return rows;
}

async function bundleSizes(entry: string | undefined, skipWhy: string): Promise<Row[]> {
  const dir = scratch('client-bundle');
  // The same tiny app for both: construct a client and list projects.
  const app = (importLine: string, ctor: string) =>
    `${importLine}\nconst client = new ${ctor}({ adminAPIKey: 'x', baseURL: 'http://127.0.0.1:9/v1' });\n` +
    `const page = await client.admin.organization.projects.list();\nconsole.log(page);\n`;
  const apps: Record<string, string> = { official: app(`import OpenAI from 'openai';`, 'OpenAI') };
  if (entry) apps.ours = app(`import OpenAIAdmin from ${JSON.stringify(entry)};`, 'OpenAIAdmin');
  const sizes: Record<string, { raw: number; gz: number }> = {};
  for (const [name, source] of Object.entries(apps)) {
    const input = join(dir, `${name}-app.mjs`);
    writeFileSync(input, source);
    const result = await build({
      entryPoints: [input],
      bundle: true,
      minify: true,
      treeShaking: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    sizes[name] = { raw: code.byteLength, gz: gzipSync(code).byteLength };
  }
  const rows: Row[] = [compare('bundle.official', 'bundle: official openai app (min)', 'bytes', sizes.official!.raw, undefined, undefined, `${sizes.official!.gz} B gz`)];
  if (sizes.ours) {
    rows.push(
      compare('bundle.ours', 'bundle: generated client app (min)', 'bytes', sizes.ours.raw, { label: 'official', value: sizes.official!.raw }, { op: '<', limit: 1 },
        `${sizes.ours.gz} B gz`),
    );
    rows.push(compare('bundle.ours.gz', 'bundle: generated client app (min+gzip)', 'bytes', sizes.ours.gz, { label: 'official', value: sizes.official!.gz }, { op: '<', limit: 1 }));
  } else {
    rows.push(skippedRow('bundle.ours', 'bundle: generated client app', skipWhy));
  }
  return rows;
}
