/**
 * The test run's temporary folders (test/support/global-setup.ts): every test
 * file, and every command it starts, makes them under one folder per run,
 * which the run removes when it ends, so `npm test` leaves nothing in the
 * system's temp dir.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { expect, test } from 'vitest';

test('temporary folders go under the run folder, in the test workers and in the processes they start', () => {
  const runTmp = tmpdir();
  expect(basename(runTmp)).toMatch(/^trigen-test-/);
  expect(dirname(mkdtempSync(join(tmpdir(), 'probe-')))).toBe(runTmp);
  expect(execFileSync(process.execPath, ['-p', "require('node:os').tmpdir()"], { encoding: 'utf8' }).trim()).toBe(runTmp);
});
