/**
 * `generate --target X` generates and builds X only, and `build --target X`
 * builds X only, run as the npm scripts run them (the plain-JS generator,
 * generator/launch.cjs) against a scratch root with two targets; `import`
 * without `--target` updates the targets made from the document, or makes a
 * new one named from it, and never another API's folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherSpecsDir, repoRoot } from '../support/shared.js';

const run = promisify(execFile);
// Inside the repo, so the bundles resolve the repo's node_modules.
const root = join(repoRoot, `.tmp/test-targets-${process.pid}`);
const launcher = join(repoRoot, 'generator/launch.cjs');


async function trigen(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [launcher, ...args], { cwd: repoRoot, env: { ...process.env, TRIGEN_ROOT: root } });
  return stdout;
}

/** Whether each build output exists: client JS and declarations, the CLI bin, the MCP bin. */
function built(target: string): boolean[] {
  const pkg = (name: string) => join(root, 'generated', target, name);
  const bin = (name: string) => {
    const manifest = JSON.parse(readFileSync(join(pkg(name), 'package.json'), 'utf8')) as { bin: Record<string, string> };
    return join(pkg(name), Object.values(manifest.bin)[0]!);
  };
  return [join(pkg('client'), 'dist/index.js'), join(pkg('client'), 'dist/index.d.ts'), bin('cli'), bin('mcp')].map((path) => existsSync(path));
}

function removeBuildOutput(target: string): void {
  for (const dir of ['client/dist', 'cli/bin', 'mcp/bin']) rmSync(join(root, 'generated', target, dir), { recursive: true, force: true });
}

beforeAll(async () => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const from = join(otherSpecsDir, 'oai-petstore-expanded.yaml');
  for (const target of ['alpha', 'beta']) await trigen('import', '--from', from, '--target', target);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--target', () => {
  it('generate --target X writes and builds X only', async () => {
    const out = await trigen('generate', '--target', 'alpha');
    expect(out).toContain('generated/alpha:');
    expect(out).not.toContain('beta');
    expect(built('alpha')).toEqual([true, true, true, true]);
    expect(existsSync(join(root, 'generated/beta'))).toBe(false);
  }, 120_000);

  it('build --target X builds X only', async () => {
    await trigen('generate', '--target', 'beta');
    removeBuildOutput('alpha');
    removeBuildOutput('beta');
    const out = await trigen('build', '--target', 'beta');
    expect(out).toContain('built generated/beta');
    expect(out).not.toContain('alpha');
    expect(built('beta')).toEqual([true, true, true, true]);
    expect(built('alpha')).toEqual([false, false, false, false]);
  }, 120_000);

  it('without --target, every target is generated and built', async () => {
    removeBuildOutput('beta');
    const out = await trigen('generate');
    expect(out).toContain('built generated/alpha');
    expect(out).toContain('built generated/beta');
    expect([...built('alpha'), ...built('beta')].every(Boolean)).toBe(true);
  }, 120_000);
});

describe('command-line arguments', () => {
  const fails = (...args: string[]) =>
    trigen(...args).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );

  it('<command> --help prints that command’s usage and does nothing else', async () => {
    removeBuildOutput('alpha');
    for (const command of ['import', 'generate', 'check', 'diff', 'build', 'release', 'api-report', 'publish']) {
      const out = await trigen(command, '--help');
      expect(out).toMatch(new RegExp(`^usage: npm run ${command === 'publish' ? 'publish-packages' : command} -- `));
      expect(out).toContain(`  ${command} `);
    }
    // Neither generate nor build ran.
    expect(built('alpha')).toEqual([false, false, false, false]);
  }, 120_000);

  it('a mistyped option or a stray argument is refused, naming it, before any target is touched', async () => {
    for (const [args, message] of [
      [['generate', '--targte', 'alpha'], 'unknown option --targte for generate'],
      [['build', 'alpha'], 'build takes no argument `alpha`'],
      [['check', '--target'], '--target needs a value'],
      [['api-report', '--all'], 'unknown option --all for api-report'],
      [['release', '--dry-run'], 'unknown option --dry-run for release'],
      [['publish', '--provenance=yes'], 'unknown option --provenance=yes for publish-packages'],
    ] as const) {
      const failure = await fails(...args);
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(message);
      expect(failure?.stderr).toContain(`npm run ${args[0] === 'publish' ? 'publish-packages' : args[0]} -- --help`);
    }
    expect(built('alpha')).toEqual([false, false, false, false]);
  }, 120_000);
});

describe('import without --target', () => {
  const specOf = (target: string) => join(root, 'spec', target, 'spec.json');
  const fails = (...args: string[]) =>
    trigen(...args).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );

  it('updates every target made from the document (matched by its title)', async () => {
    const before = readFileSync(specOf('alpha'), 'utf8');
    const out = await trigen('import', '--from', join(otherSpecsDir, 'oai-petstore-expanded.yaml'));
    expect(out.split('\n')[0]).toBe('No --target: importing into spec/alpha/ and spec/beta/, the targets made from “Swagger Petstore”.');
    expect(out).toContain('into spec/alpha/.');
    expect(out).toContain('into spec/beta/.');
    expect(readFileSync(specOf('alpha'), 'utf8')).toBe(before);
    expect(readdirSync(join(root, 'spec')).sort()).toEqual(['alpha', 'beta']);
  }, 120_000);

  it('makes a new target named from an unknown document, leaving the others alone', async () => {
    const alpha = readFileSync(specOf('alpha'), 'utf8');
    const out = await trigen('import', '--from', join(otherSpecsDir, 'together.yaml'));
    expect(out.split('\n')[0]).toBe(
      "No --target: a new target `together`, named from the document's title (no committed target was made from this document; there are `alpha` and `beta`); pass --target to name it yourself.",
    );
    expect(JSON.parse(readFileSync(specOf('together'), 'utf8')).info.title).toBe('Together APIs');
    expect(readFileSync(specOf('alpha'), 'utf8')).toBe(alpha);
  }, 120_000);

  it('refuses a document whose name is taken by another API, writing nothing', async () => {
    await trigen('import', '--from', join(otherSpecsDir, 'oai-uspto.yaml'), '--target', 'twilio-pricing');
    const held = readFileSync(specOf('twilio-pricing'), 'utf8');
    const failure = await fails('import', '--from', join(otherSpecsDir, 'twilio_pricing_v1.yaml'));
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('`twilio-pricing`, already holds another API');
    expect(failure?.stderr).toContain('Pass --target <name>');
    expect(readFileSync(specOf('twilio-pricing'), 'utf8')).toBe(held);
  }, 120_000);

  it("summarizes the report with each count's own noun", async () => {
    const out = await trigen('import', '--from', join(otherSpecsDir, 'oai-api-with-examples.yaml'), '--target', 'examples');
    expect(out).toContain('Report: 0 not representable, 1 warning, 1 transformation (spec/examples/report.md).');
    const many = await trigen('import', '--from', join(otherSpecsDir, 'oai-link-example.yaml'), '--target', 'links');
    expect(many).toContain('Report: 4 not representable, 2 warnings, 3 transformations (spec/links/report.md).');
  }, 120_000);

  it('diff without --target asks which target when several were made from the document', async () => {
    const doc = join(otherSpecsDir, 'oai-petstore-expanded.yaml');
    const failure = await fails('diff', doc, doc);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('2 targets were made from this document (`alpha`, `beta`)');
    expect(await trigen('diff', doc, doc, '--target', 'alpha')).toContain('Summary: 0 breaking, 0 non-breaking, 0 docs-only');
  }, 120_000);
});
