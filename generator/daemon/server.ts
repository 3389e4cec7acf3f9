/**
 * The generator daemon: one long-lived process per project folder that runs
 * `import`, `generate` and `build` for the launcher (generator/daemon/client.cjs
 * says when and why), one command at a time, with the command's output and
 * exit code sent back to the client. It stops after ten idle minutes
 * (`TRIGEN_DAEMON_IDLE_SECONDS`), when told (`launch.cjs daemon stop`), when
 * its socket or project folder goes away, and when a client runs other
 * generator code (a rebuilt bundle, edited runtime/ or templates/): that
 * client runs the command itself, and the next one starts a new daemon.
 *
 * After an import it emits the imported targets ahead (ahead.ts), which the
 * `generate` that usually follows takes when the spec is still the same.
 */
import { existsSync, statSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { setImmediate as giveWay } from 'node:timers/promises';
import { contentHash, fileStampsUnder, toolRoot } from '../build/cache.js';
import { listTargets } from '../commands/targets.js';
import { dropEarlyWorkers, emitAhead, settleAhead, specFingerprint } from './ahead.js';
import { markLongLived, runAfterReply, runWhenQuiet } from '../long-lived.js';
import { replayTotals } from '../normalize/replay.js';

/** Kept in step with generator/daemon/client.cjs. */
const PROTOCOL = 1;
const DEFAULT_IDLE_SECONDS = 600;
/** How often the daemon checks that its socket and project folder still exist. */
const HEALTH_CHECK_MS = 30_000;
/**
 * Quiet time after a command before the work it left for later runs: that
 * work then fills the time npm takes to start the next command (some 0.2 s),
 * one item at a time, and gives way as soon as a command comes in (the
 * emission ahead of `generate` goes first).
 */
const IDLE_WORK_MS = 20;
/** How long no command must have come before the work left for a quiet time (whenQuiet: disk caches for other processes) runs. */
const QUIET_WORK_MS = 1000;

type ControlRequest = { v: number; control: 'status' | 'stop' };
type CommandRequest = { v: number; bundle: string; runtime: string; argv: string[]; cwd: string; env: Record<string, string> };
type Request = ControlRequest | CommandRequest;

/** Size and mtime of every file the generator reads from its own folder at run time (not bundled). */
function toolInputs(): string {
  return contentHash(fileStampsUnder(toolRoot, ['runtime', 'templates']).join('\n'));
}

/** Each target's spec folder, as emission sees it (ahead.ts): which targets an import wrote. */
function specStamps(): Map<string, string> {
  return new Map(listTargets().map((target) => [target, specFingerprint(target)]));
}

/** Replace this process's environment with the client's (in place: child processes see it too). */
function useEnvironment(env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (!Object.hasOwn(env, key)) delete process.env[key];
  Object.assign(process.env, env);
}

function listen(path: string, onSocket: (socket: Socket) => void): Promise<ReturnType<typeof createServer> | undefined> {
  const attempt = () =>
    new Promise<ReturnType<typeof createServer> | 'in-use'>((resolveListen, reject) => {
      const server = createServer(onSocket);
      server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolveListen('in-use') : reject(error)));
      server.listen(path, () => resolveListen(server));
    });
  return attempt().then(async (first) => {
    if (first !== 'in-use') return first;
    // A daemon that answers owns the socket (two clients started one each); a dead one left its file.
    const alive = await new Promise<boolean>((r) => {
      const probe = connect(path);
      probe.once('connect', () => (probe.destroy(), r(true)));
      probe.once('error', () => r(false));
    });
    if (alive) return undefined;
    unlinkSync(path);
    const second = await attempt();
    return second === 'in-use' ? undefined : second;
  });
}

/**
 * Serve commands on the socket `args[0]` for clients whose bundle fingerprint
 * is `args[1]` and whose Node and options are `args[2]` (client.cjs's
 * runtimeId() in the client that started this process, with its Node and
 * environment).
 */
export async function serveDaemon(args: string[], run: (argv: string[]) => Promise<void>): Promise<void> {
  const [socketPath, bundle, runtime] = args;
  if (!socketPath || !bundle || !runtime) throw new Error('usage: launch.cjs __daemon <socket> <bundle fingerprint> <runtime>');
  const inputs = toolInputs();
  markLongLived();
  const idleLimitMs = Math.max(1, Number(process.env.TRIGEN_DAEMON_IDLE_SECONDS) || DEFAULT_IDLE_SECONDS) * 1000;
  const projectRoot = process.cwd();
  let served = 0;
  /** The last commands run, with their time in this process (for `daemon status`). */
  const recent: Array<{ command: string; exit: number; ms: number; waitedMs: number; note?: string }> = [];
  let lastActive = Date.now();
  let queue: Promise<void> = Promise.resolve();
  let stopping = false;
  /** Commands received and not yet answered. */
  let waiting = 0;

  // The command's output goes to the client that asked for it (worker threads' output is piped through these too).
  let sink: Socket | undefined;
  const forward = (key: 'out' | 'err') =>
    ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (sink && !sink.destroyed) sink.write(JSON.stringify({ [key]: text }) + '\n');
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = forward('out');
  process.stderr.write = forward('err');

  // Work left for idle time (runAfterReply: caches nothing in this process reads back) runs once no command has come
  // for IDLE_WORK_MS, the work left for a quiet time (whenQuiet) after QUIET_WORK_MS, and both before the daemon stops.
  let idleWork: NodeJS.Timeout | undefined;
  let quietWork: NodeJS.Timeout | undefined;
  const interrupted = () => waiting > 0 || stopping;
  const armIdleWork = () => {
    if (idleWork) clearTimeout(idleWork);
    if (quietWork) clearTimeout(quietWork);
    // Never while a command waits or runs: it re-arms this when it ends.
    idleWork = setTimeout(
      () =>
        void settleAhead().then(async () => {
          if (waiting > 0) return;
          await runAfterReply(interrupted);
          if (!interrupted()) quietWork = setTimeout(() => void (waiting === 0 ? runWhenQuiet(interrupted) : undefined), QUIET_WORK_MS);
        }),
      IDLE_WORK_MS,
    );
  };
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdle = () => {
    lastActive = Date.now();
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void stop(), idleLimitMs);
  };
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server?.close();
    await queue.catch(() => undefined);
    await settleAhead();
    await runAfterReply();
    await runWhenQuiet();
    // Only our own socket: a daemon started after this one stopped listening may have made a new one there.
    if (ownSocket()) {
      try {
        unlinkSync(socketPath);
      } catch {
        // Already gone.
      }
    }
    process.exit(0);
  };
  const status = () => ({ pid: process.pid, served, idleMs: Date.now() - lastActive, idleLimitMs, recent });

  const handle = async (socket: Socket, request: CommandRequest, received: number) => {
    if (request.v !== PROTOCOL) {
      socket.end(JSON.stringify({ stale: true }) + '\n');
      return void stop();
    }
    if (stopping || request.bundle !== bundle || request.runtime !== runtime || toolInputs() !== inputs) {
      socket.end(JSON.stringify({ stale: true }) + '\n');
      return void stop();
    }
    if (idleWork) clearTimeout(idleWork);
    if (idleTimer) clearTimeout(idleTimer);
    await settleAhead();
    const before = request.argv[0] === 'import' ? specStamps() : undefined;
    sink = socket;
    process.exitCode = undefined;
    const started = performance.now();
    const stepsBefore = replayTotals();
    try {
      useEnvironment(request.env);
      process.chdir(request.cwd);
      await run(request.argv);
    } finally {
      sink = undefined;
    }
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    served++;
    const ms = Math.round(performance.now() - started);
    const steps = replayTotals();
    const replayed = steps.replayed - stepsBefore.replayed;
    const all = replayed + steps.computed - stepsBefore.computed;
    recent.push({ command: request.argv.join(' '), exit: code, ms, waitedMs: Math.round(started - received), ...(all > 0 ? { note: `normalize replayed ${replayed} of ${all} steps` } : {}) });
    if (recent.length > 10) recent.shift();
    armIdle();
    socket.end(JSON.stringify({ exit: code }) + '\n');
    const written = before && code === 0 ? [...specStamps()].filter(([target, stamp]) => before.get(target) !== stamp).map(([target]) => target) : [];
    // Once the reply has gone out (the client exits meanwhile): the emission ahead, which the next
    // command most likely waits for; the caches the command left to write once this process is idle.
    await giveWay();
    written.forEach(emitAhead);
    dropEarlyWorkers();
    armIdleWork();
  };

  const server = await listen(socketPath, (socket) => {
    socket.setEncoding('utf8');
    let buffered = '';
    const onData = (chunk: string) => {
      buffered += chunk;
      const nl = buffered.indexOf('\n');
      if (nl === -1) return;
      socket.off('data', onData);
      let request: Request;
      try {
        request = JSON.parse(buffered.slice(0, nl)) as Request;
      } catch {
        socket.destroy();
        return;
      }
      // Status and stop are answered at once, even while a command runs (stop lets it finish).
      if ('control' in request && request.v === PROTOCOL) {
        socket.end(JSON.stringify({ status: status() }) + '\n');
        if (request.control === 'stop') void stop();
        return;
      }
      const command = request as CommandRequest;
      waiting++;
      const received = performance.now();
      queue = queue.then(() => handle(socket, command, received)).finally(() => waiting--).catch(() => {
        socket.destroy();
      });
    };
    socket.on('data', onData);
    socket.on('error', () => undefined);
  });
  if (!server) return;
  const socketIno = statSync(socketPath, { throwIfNoEntry: false })?.ino;
  const ownSocket = () => socketIno !== undefined && statSync(socketPath, { throwIfNoEntry: false })?.ino === socketIno;

  // A failure outside any command's own handling leaves state nobody vouches for: end the command
  // without an exit code (its client runs it again in its own process) and stop.
  const fail = () => {
    sink?.destroy();
    sink = undefined;
    void stop();
  };
  // A signal (a shutdown, `kill`) stops it as idleness does: pending work done, socket removed.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void stop());
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  setInterval(() => {
    if (!ownSocket() || !existsSync(projectRoot)) void stop();
  }, HEALTH_CHECK_MS).unref();
  armIdle();
}
