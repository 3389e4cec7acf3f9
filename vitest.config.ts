import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on CI: forks keep child processes (mock server, CLI, MCP) isolated.
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    // Commands the tests run stay one-shot processes (test/pipeline/daemon.test.ts turns the daemon on).
    env: { TRIGEN_DAEMON: '0' },
  },
});
