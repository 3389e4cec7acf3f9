/** Starts bench/fixtures/json-server.mjs in a child process; stops it with stdin EOF. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { benchDir } from './paths.js';

export interface LocalServer {
  baseURL: string;
  close(): void;
}

export function startJsonServer(): Promise<LocalServer> {
  return new Promise((resolveStart, reject) => {
    const child: ChildProcess = spawn(process.execPath, [join(benchDir, 'fixtures/json-server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.stdout!.once('data', (d: Buffer) => {
      const port = Number(String(d).trim());
      resolveStart({
        baseURL: `http://127.0.0.1:${port}/v1`,
        close: () => {
          child.stdin!.end();
          child.kill();
        },
      });
    });
  });
}
