import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on CI: forks keep child processes (mock server, CLI, MCP) isolated.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on CI's two. The tests wait on child processes
    // (builds, tsc, the CLI, MCP servers, the mock server) much of the time, so a worker per core keeps both busy.
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ['test/support/global-setup.ts'],
    // Commands the tests run stay one-shot processes (test/pipeline/daemon.test.ts turns the daemon on).
    env: { TRIGEN_DAEMON: '0' },
  },
});
