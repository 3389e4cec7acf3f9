/**
 * The launcher's side of the generator daemon (generator/daemon/server.ts).
 *
 * `import`, `generate` and `build` run in one long-lived generator process per
 * project folder and tool installation, started by the first such command and
 * stopped after ten idle minutes, the way Bazel's server or Gradle's daemon
 * work: the generator's code is then loaded and compiled once, optimized by
 * the commands before, and the daemon emits a freshly imported spec while npm
 * starts the `generate` that follows. Output is the same bytes either way: the
 * daemon runs the same command functions on the same files.
 *
 * Off when `TRIGEN_DAEMON=0`, on CI (`CI` set, as Nx does), on Windows, and
 * for every other command (`check` runs in its own process, as CI's drift
 * gate). Whenever the daemon cannot take a command (none can start, it runs
 * other generator code, it stopped mid-command) the command runs in this
 * process as before. Plain JavaScript: it runs before the generator's bundle
 * is loaded, and only Node's own modules (CommonJS, like the launcher).
 *
 * Protocol: one JSON line from the client ({ v, bundle, argv, cwd, env } or
 * { v, control: 'status' | 'stop' }), then JSON lines back: { out } and
 * { err } for the command's output, and last { exit } with its code, or
 * { stale } when this daemon runs other code than the client's bundle.
 */
'use strict';
// Node's own modules that the launcher does not load anyway are required where used: every command loads this file.
const { lstatSync, mkdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

const PROTOCOL = 1;
/** The commands a daemon runs. */
const SERVED = new Set(['import', 'generate', 'build']);
/** How long a starting daemon may take to listen before the command runs here instead. */
const START_TIMEOUT_MS = 5000;
/**
 * How often a client that started the daemon tries to connect. A failed try costs ~0.1 ms (nothing listens yet:
 * ENOENT), so a short interval is nearly free, while each millisecond of it is, on average, half a millisecond the
 * cold command waits after the daemon listens (the daemon starts in ~0.1 s).
 */
const START_POLL_MS = 3;

function truthy(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Whether `command` goes to the daemon under `env`. */
function daemonWanted(command, args, env) {
  if (!SERVED.has(command) || args.includes('--help') || args.includes('-h')) return false;
  if (process.platform === 'win32') return false;
  if (env.TRIGEN_DAEMON !== undefined) return truthy(env.TRIGEN_DAEMON);
  return !truthy(env.CI);
}

/** The project folder the commands act on (generator/paths.ts reads the same variable). */
function projectRootOf(toolRoot, env) {
  return env.TRIGEN_ROOT ? resolve(env.TRIGEN_ROOT) : toolRoot;
}

/**
 * 16 hex digits naming a tool and project folder pair: two FNV-1a hashes of
 * the text (32 bits each, other offsets). Not a cryptographic hash, which only
 * the socket folder's permissions would need to be, and loading node:crypto
 * costs every command ~1.5 ms.
 */
function nameHash(text) {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The daemon's socket: in a folder of the temp dir that only this user may
 * enter (anyone who can connect can make the daemon write files), named by the
 * tool and project folders. Undefined when that folder is not safely ours.
 */
function socketPath(toolRoot, projectRoot) {
  const { tmpdir, userInfo } = require('node:os');
  // process.getuid() rather than userInfo(), which reads the password database, on every command.
  const uid = typeof process.getuid === 'function' ? process.getuid() : userInfo().uid;
  const dir = join(tmpdir(), `openapi-tri-gen-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  const id = nameHash(`${toolRoot}\0${projectRoot}`);
  const path = join(dir, `${id}.sock`);
  // Unix socket paths are limited to ~104 bytes (macOS) or 108 (Linux): a deeper temp dir means no daemon.
  return Buffer.byteLength(path) <= 100 ? path : undefined;
}

/**
 * The Node that runs the commands and its options: a daemon started under
 * another one (after `nvm use`, or with another NODE_OPTIONS heap size) turns
 * the client away. The daemon is given this at its start, by the client
 * that starts it with its own Node and environment.
 */
function runtimeId() {
  return [process.execPath, process.version, process.env.NODE_OPTIONS ?? ''].join('|');
}

/** A connected socket, or undefined when nothing listens at `path`. */
function tryConnect(path) {
  const { connect } = require('node:net');
  return new Promise((resolveConnect) => {
    const socket = connect(path);
    socket.once('connect', () => resolveConnect(socket));
    socket.once('error', () => resolveConnect(undefined));
  });
}

/** Start a daemon for this project (it removes a dead socket file itself) and connect to it. */
async function startAndConnect(path, launcher, projectRoot, bundle) {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [launcher, '__daemon', path, bundle, runtimeId()], {
    detached: true,
    stdio: 'ignore',
    cwd: projectRoot,
    env: { ...process.env, TRIGEN_ROOT: projectRoot },
  });
  child.on('error', () => undefined);
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, START_POLL_MS));
    const socket = await tryConnect(path);
    if (socket) return socket;
    if (child.exitCode !== null) return undefined;
  }
  return undefined;
}

/** Send one request; resolve with the reply lines as they come (`onLine`), and what ended the exchange. */
function exchange(socket, request, onLine) {
  return new Promise((resolveExchange) => {
    let buffered = '';
    let ended;
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let message;
        try {
          message = JSON.parse(line);
        } catch {
          continue;
        }
        if ('exit' in message || 'stale' in message || 'status' in message) ended = message;
        else onLine(message);
      }
    });
    socket.on('close', () => resolveExchange(ended));
    socket.on('error', () => undefined);
    socket.write(JSON.stringify(request) + '\n');
  });
}

/**
 * Run `argv` in the project's daemon, starting it when none runs. Resolves
 * with the command's exit code, or undefined when the command must run in
 * this process instead (nothing of it has run then, or it stopped midway:
 * the commands it serves can run again).
 */
async function runInDaemon({ toolRoot, launcher, bundle, argv }) {
  const projectRoot = projectRootOf(toolRoot, process.env);
  const path = socketPath(toolRoot, projectRoot);
  if (!path) return undefined;
  const socket = (await tryConnect(path)) ?? (await startAndConnect(path, launcher, projectRoot, bundle));
  if (!socket) return undefined;
  let printed = false;
  const ended = await exchange(socket, { v: PROTOCOL, bundle, runtime: runtimeId(), argv, cwd: process.cwd(), env: process.env }, (message) => {
    printed = true;
    if (typeof message.out === 'string') process.stdout.write(message.out);
    if (typeof message.err === 'string') process.stderr.write(message.err);
  });
  if (ended && typeof ended.exit === 'number') return ended.exit;
  if (printed) process.stderr.write('note: the generator daemon stopped during the command; running it again in this process\n');
  return undefined;
}

/**
 * `node generator/launch.cjs daemon [status|stop]`: whether this project's
 * daemon runs (its pid, commands served, idle time), or stop it.
 */
async function daemonControl({ toolRoot, args }) {
  const action = args[0] ?? 'status';
  if (action !== 'status' && action !== 'stop') {
    process.stderr.write(`error: unknown daemon action \`${action}\`\n\nusage: node generator/launch.cjs daemon [status|stop]\n`);
    return 2;
  }
  const projectRoot = projectRootOf(toolRoot, process.env);
  const path = socketPath(toolRoot, projectRoot);
  const socket = path && (await tryConnect(path));
  if (!socket) {
    process.stdout.write(`no generator daemon runs for ${projectRoot}\n`);
    return 0;
  }
  const ended = await exchange(socket, { v: PROTOCOL, control: action }, () => undefined);
  const status = ended?.status;
  if (!status) {
    process.stderr.write('error: the generator daemon did not answer\n');
    return 1;
  }
  process.stdout.write(
    action === 'stop'
      ? `stopped the generator daemon for ${projectRoot} (pid ${status.pid})\n`
      : `generator daemon for ${projectRoot}: pid ${status.pid}, ${status.served} command${status.served === 1 ? '' : 's'} served, idle ${Math.round(status.idleMs / 1000)} s of ${Math.round(status.idleLimitMs / 1000)} s\n` +
          (status.recent ?? []).map((c) => `  ${c.ms} ms${c.waitedMs ? ` (after ${c.waitedMs} ms waiting)` : ''}  exit ${c.exit}  ${c.command}${c.note ? `  (${c.note})` : ''}\n`).join(''),
  );
  return 0;
}

module.exports = { PROTOCOL, runtimeId, daemonWanted, projectRootOf, socketPath, runInDaemon, daemonControl };
