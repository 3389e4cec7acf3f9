/**
 * Starts a real OpenAPI mock server (`steady`, from the npm package @stdy/cli)
 * on 127.0.0.1 with a free port, serving the newest OpenAI document.
 * It validates each request against the spec and answers with schema-valid data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { newestOpenaiSpec, repoRoot } from './shared.js';

export interface MockServer {
  /** Base URL to use as the client's baseURL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Everything the server printed: useful in assertion messages. */
  log: () => string;
  close: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export async function startMockServer(specFile: string = newestOpenaiSpec()): Promise<MockServer> {
  const port = await freePort();
  const bin = join(repoRoot, 'node_modules/.bin/steady');
  const child: ChildProcess = spawn(
    bin,
    [
      '--port', String(port), '--host', '127.0.0.1', '--log-format', 'text', '--no-color', '--log-level', 'summary',
      // The API (and the official SDKs) read object query params as deepObject (`effective_at[gt]=1`),
      // though the document declares no style; validate that encoding instead of flat form.
      '--validator-query-object-format=brackets',
      // Likewise form and multipart bodies: openai-node (and the API) send nested fields as
      // `expires_after[anchor]` and arrays as repeated `include[]`, where no `encoding` says otherwise.
      '--validator-form-array-format=brackets',
      '--validator-form-object-format=brackets',
      specFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '' } },
  );
  let output = '';
  const ready = new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept requests')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock server exited with ${code}:\n${output}`));
    });
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => output,
    close: () =>
      new Promise<void>((resolveClose) => {
        if (child.exitCode !== null) return resolveClose();
        child.once('exit', () => resolveClose());
        child.kill('SIGTERM');
      }),
  };
}
