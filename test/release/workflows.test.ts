/**
 * The GitHub workflows users copy: valid for GitHub (action-validator, the
 * schema GitHub's own editor uses) and doing what the README says.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const run = promisify(execFile);
const validator = join(repoRoot, 'node_modules/@action-validator/cli/cli.mjs');
const workflows = join(repoRoot, '.github/workflows');

async function validate(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [validator, file]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { steps: Step[]; environment?: { name: string }; permissions?: Record<string, string>; needs?: string };
type Workflow = { on: Record<string, any>; permissions?: Record<string, string>; jobs: Record<string, Job> };
const load = (name: string) => parse(readFileSync(join(workflows, name), 'utf8')) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('GitHub workflows', () => {
  it.each(['spec-change.yml', 'release.yml'])('%s passes action-validator', async (name) => {
    const result = await validate(join(workflows, name));
    expect(result.output).not.toMatch(/"errors"/);
    expect(result.code).toBe(0);
  });

  it('action-validator rejects a broken workflow (so the check above can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trigen-wf-'));
    const broken = readFileSync(join(workflows, 'spec-change.yml'), 'utf8').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    stepz: []');
    writeFileSync(join(dir, 'broken.yml'), broken);
    expect((await validate(join(dir, 'broken.yml'))).code).not.toBe(0);
  });

  it('spec-change: on a PR touching spec/ or a document, installs, checks, reports, comments, gates on breaking-ok', () => {
    const wf = load('spec-change.yml');
    expect(wf.on.pull_request.paths).toEqual(expect.arrayContaining(['spec/**', 'openapi/**']));
    expect(wf.on.pull_request.types).toEqual(expect.arrayContaining(['labeled', 'unlabeled', 'synchronize']));
    expect(wf.permissions?.['pull-requests']).toBe('write');
    const job = Object.values(wf.jobs)[0]!;
    const script = runs(job);
    expect(script).toContain('npm ci');
    expect(script).toContain('npm run check');
    expect(script).toMatch(/npm run --silent diff -- --base "origin\/\$BASE_REF" --fail-on-breaking --summary-file "\$GITHUB_STEP_SUMMARY" > change-report\.md/);
    const comment = job.steps.find((s) => s.uses?.startsWith('marocchino/sticky-pull-request-comment@'));
    expect(comment?.with).toMatchObject({ path: 'change-report.md' });
    const gate = job.steps.find((s) => s.if?.includes('breaking-ok'));
    expect(gate?.if).toContain("steps.report.outputs.exit-code == '3'");
    expect(gate?.run).toContain('exit 1');
    expect(job.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
  });

  it('release: on main, checks and runs release, then publishes with provenance behind an environment approval', () => {
    const wf = load('release.yml');
    expect(wf.on.push.branches).toEqual(['main']);
    const verify = wf.jobs.verify!;
    expect(runs(verify)).toMatch(/npm run release\n\s*if ! git diff --quiet/);
    expect(runs(verify)).toContain('npm run publish-packages -- --dry-run');
    const publish = wf.jobs.publish!;
    expect(publish.needs).toBe('verify');
    expect(publish.environment?.name).toBe('npm');
    expect(publish.permissions?.['id-token']).toBe('write');
    expect(runs(publish)).toContain('npm run publish-packages -- --provenance');
    expect(publish.steps.find((s) => s.run?.includes('--provenance'))?.env?.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
  });
});
