import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import { createDataSource, DbTimeouts, dbTimeoutsFromEnv, openAppDatabase, openDatabase, SETUP_TIMEOUTS } from './core/db';
import { aggregateOptionsFromEnv, registerAggregateSource } from './core/aggregates';
import { expiredStateCleanupJob, scheduleJobs } from './core/jobs';
import { logger, serializeError } from './core/logger';
import { stopRateLimitSync } from './core/rate-limit';
import { withStartupLock } from './core/startup-lock';
import { contactPersonRetentionJob } from './journeys/contact-person.retention';
import { DASHBOARD_AUDIENCES } from './dashboards/dashboards.seed';
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './seed/demo';

export interface ServerOptions {
  databaseUrl: string;
  port?: number;
  host?: string;
  authSecret?: string;
  clientDir?: string;
  /** Load the demo data into an empty database (default true). */
  seedDemo?: boolean;
  demoFirmCount?: number;
  /** Connection and statement timeouts of the serving pool (default: from the environment, see core/db.ts). */
  dbTimeouts?: DbTimeouts;
  /** How long stop() waits for requests in flight before cutting them (SHUTDOWN_GRACE_MS, default 10 s). */
  shutdownGraceMs?: number;
  /** A streaming replica for reads (see core/db.ts). */
  databaseReadUrl?: string;
  /** Password of the app role (APP_DB_PASSWORD); outside production derived from the owner URL when unset. */
  appDbPassword?: string;
}

/** inFlight: requests in flight when the stop began; cut: responses closed before they were complete. */
export interface StopResult {
  forced: boolean;
  inFlight: number;
  answeredWhileDraining: number;
  cut: number;
}

export interface RunningServer {
  port: number;
  url: string;
  /** The owner's pool (background jobs), for raw SQL (`ds.query`) only: it has no entity metadata. */
  ds: DataSource;
  /** The app role's pool that serves requests (row-level security applies). */
  appDs: DataSource;
  /**
   * Graceful stop: stop accepting, answer every request in flight (up to the grace period, then cut the
   * rest), then close the pool. Calling it again with `force` cuts at once.
   */
  stop(opts?: { force?: boolean }): Promise<StopResult>;
}

/**
 * Whether a start has migrations to run or (with `seedDemo`) demo data to load. One statement; any error (an
 * empty database has no tables yet) means "yes", and the setup path decides under its lock as before.
 */
export async function setupNeeded(ds: DataSource, seedDemo: boolean): Promise<boolean> {
  const table = ds.options.migrationsTableName ?? 'migrations';
  try {
    const [row] = await ds.query(
      `SELECT array(SELECT name FROM "${table}") AS applied${seedDemo ? ', EXISTS (SELECT 1 FROM organisation) AS seeded' : ''}`,
    );
    const applied = new Set<string>(row.applied);
    // TypeORM names a migration by its `name`, else its class name (MigrationExecutor.getMigrations).
    const pending = ds.migrations.some((m) => !applied.has(m.name ?? m.constructor.name));
    return pending || (seedDemo && !row.seeded);
  } catch {
    return true;
  }
}

/** Migrates the database, loads demo data once, and serves the API (and the built client). */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  // Where a start spends its time (issue 12: warm start under 5 s), logged once it listens.
  const phases: Record<string, number> = {};
  let last = Date.now();
  const mark = (phase: string) => ((phases[phase] = Date.now() - last), (last = Date.now()));
  // The owner's pool (background jobs, the app role's grants, the welcome text), with the serving timeouts. Raw
  // SQL only: no entity metadata to build for it (the app role's pool has its own).
  const ds = createDataSource(opts.databaseUrl, { timeouts: opts.dbTimeouts ?? dbTimeoutsFromEnv(), readUrl: opts.databaseReadUrl, rawSqlOnly: true });
  await ds.initialize();
  mark('ownerPoolMs');
  const seedDemo = opts.seedDemo ?? true;
  // Warm start (issue 12): one statement tells whether there is anything to migrate or seed; only then the
  // setup pool (its own entity metadata, connection and start-up lock) is opened.
  if (await setupNeeded(ds, seedDemo)) {
    // Migrations and demo data run long statements: a separate pool without statement timeouts.
    const setup = await openDatabase(opts.databaseUrl, { timeouts: SETUP_TIMEOUTS, poolSize: 2 });
    try {
      if (seedDemo) {
        // Under the start-up lock, so processes starting together on an empty database seed it once.
        const seeded = await withStartupLock(setup, async () =>
          (await setup.query('SELECT EXISTS (SELECT 1 FROM organisation) AS e'))[0].e ? null : seedDemoData(setup, { firmCount: opts.demoFirmCount }),
        );
        if (seeded) logger.info({ organisations: seeded.organisations.size, firms: seeded.firmCount, users: seeded.users.size }, 'Loaded demo data');
      }
    } finally {
      await setup.destroy();
    }
  }
  mark('migrateAndSeedMs');
  // Dashboard aggregates over other organisations' records (core/aggregates.ts): the owner role on a small pool of
  // their own, with the serving timeouts (statement timeout included), so dashboards cannot take the jobs' or the requests' connections.
  // Raw SQL only: no entity metadata to build for it.
  const aggregateOpts = aggregateOptionsFromEnv();
  const aggregates = createDataSource(opts.databaseUrl, { timeouts: opts.dbTimeouts ?? dbTimeoutsFromEnv(), poolSize: aggregateOpts.maxConcurrent, rawSqlOnly: true });
  await aggregates.initialize();
  registerAggregateSource(aggregates, aggregateOpts);
  mark('aggregatePoolMs');
  const authSecret = opts.authSecret ?? randomBytes(32).toString('hex');
  // Requests run as the app role (row-level security); the owner pool `ds` is for background jobs only.
  // Outside production the app role's password defaults to one derived from the owner URL, so every process
  // on one database agrees on it (each start sets it).
  const appDbPassword = opts.appDbPassword ?? process.env.APP_DB_PASSWORD
    ?? (process.env.NODE_ENV === 'production' ? undefined : createHash('sha256').update(`growth-graph-app:${opts.databaseUrl}`).digest('base64url').slice(0, 24));
  const appDs = await openAppDatabase(ds, opts.databaseUrl, {
    timeouts: opts.dbTimeouts ?? dbTimeoutsFromEnv(),
    readUrl: opts.databaseReadUrl,
    env: { APP_DATABASE_URL: process.env.APP_DATABASE_URL, APP_DB_PASSWORD: appDbPassword },
    mark, // appRoleMs: the role's preparation; appPoolMs: the request pool after it
  });
  mark('appPoolMs');
  const { server, apollo, lifecycle } = await createApp({ ds: appDs, config: { authSecret }, clientDir: opts.clientDir });
  mark('schemaAndAppMs');

  // Requests in flight, so a stop can answer them all and tell how many it had to cut (none, normally).
  const active = new Set<import('node:http').ServerResponse>();
  let answeredWhileDraining = 0;
  let cut = 0;
  server.prependListener('request', (_req, res) => {
    active.add(res);
    res.once('close', () => {
      active.delete(res);
      if (!res.writableFinished) cut++;
      else if (lifecycle.draining) answeredWhileDraining++;
    });
    // A request that arrives on a kept-alive connection while draining is answered, then the connection closes.
    if (lifecycle.draining) res.setHeader('connection', 'close');
  });

  const port = opts.port ?? 4000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, opts.host ?? '0.0.0.0', () => (server.off('error', reject), resolve()));
  });
  mark('listenMs');
  // Retention (daily) and cleanup of expired shared state (hourly), each once across all processes. Checked after
  // listen: no request needs them, and they run on the owner's pool, not the requests'.
  const jobs = scheduleJobs(ds, [contactPersonRetentionJob, expiredStateCleanupJob]);
  logger.info(phases, 'Start-up timings');
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const graceMs = opts.shutdownGraceMs ?? Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);

  let stopping: Promise<StopResult> | null = null;
  let forced = false;
  const force = () => {
    if (forced) return;
    forced = true;
    if (active.size) logger.warn({ inFlight: active.size }, 'Shutdown: cutting the requests still in flight');
    server.closeAllConnections();
  };
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    ds,
    appDs,
    stop(stopOpts = {}) {
      if (!stopping) {
        const atStart = active.size;
        stopping = (async () => {
          lifecycle.draining = true;
          // Responses still to come close their connection, so clients do not send more on it.
          for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close');
          await jobs.stop();
          logger.info({ inFlight: atStart, graceMs }, 'Shutdown: no longer accepting connections, answering requests in flight');
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Kept-alive connections without a request in flight are closed now and as soon as they become idle,
          // so shutdown does not wait for their keep-alive timeout.
          server.closeIdleConnections();
          const sweep = setInterval(() => server.closeIdleConnections(), 50);
          const grace = setTimeout(force, graceMs);
          await closed;
          clearInterval(sweep);
          clearTimeout(grace);
          await apollo.stop();
          // Every request is answered: the rate limiter shares its last counts and its timer stops (bounded wait).
          await stopRateLimitSync(appDs);
          // A hung database must not hold the exit: the pool gets a few seconds to close.
          await Promise.race([Promise.all([appDs.destroy().catch(() => {}), aggregates.destroy().catch(() => {}), ds.destroy().catch(() => {})]), new Promise((r) => setTimeout(r, 3000).unref())]);
          // Responses cut by a forced stop may not have seen their 'close' event yet: count them too.
          const cutTotal = cut + active.size;
          logger.info({ forced, answeredWhileDraining, cut: cutTotal }, 'Shutdown: done');
          return { forced, inFlight: atStart, answeredWhileDraining, cut: cutTotal };
        })();
      }
      if (stopOpts.force) force();
      return stopping;
    },
  };
}

export async function printWelcome(url: string, ds: DataSource) {
  const rows: Array<{ email: string; roles: string }> = await ds.query(
    `SELECT u.email, string_agg(m.role || ' @ ' || o.name, ', ' ORDER BY o.name) AS roles
       FROM app_user u JOIN membership m ON m.user_id = u.id JOIN organisation o ON o.id = m.organisation_id
      WHERE u.email = ANY($1) GROUP BY u.email`,
    [[...DEMO_USERS.map((u) => u.email), ...DASHBOARD_AUDIENCES.flatMap((a) => (a.email ? [a.email] : []))]],
  );
  const audiences = DASHBOARD_AUDIENCES.filter((a) => a.email);
  const roles = new Map(rows.map((r) => [r.email, r.roles]));
  logger.info({ url, graphql: `${url}/graphql` }, `
  Growth Graph is running.
    Web client:  ${url}/
    GraphQL API: ${url}/graphql

  Sign in with any demo user, password "${DEMO_PASSWORD}":
${DEMO_USERS.map((u) => `    ${u.email.padEnd(30)} ${roles.get(u.email) ?? '(not loaded)'}`).join('\n')}

  Partner dashboards (#/dashboards), a viewer and a read-only API key per audience:
${audiences.map((a) => `    ${a.email!.padEnd(30)} ${roles.get(a.email!) ?? '(not loaded)'}\n    ${''.padEnd(30)} API key ${a.apiKey}`).join('\n')}
  Read-only API key (KKR Midtjylland): ${DEMO_API_KEY}
  Press Ctrl-C to stop (twice to force).
`);
}

/** SIGTERM/SIGINT stop gracefully; a second signal forces (cuts requests, exits at once). */
export function stopOnSignals(stop: (force: boolean) => Promise<unknown>, after: (code: number) => void) {
  let signals = 0;
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // npm forwards the terminal's SIGINT, so one Ctrl-C can arrive twice: "again" means a second later.
    if (signals && Date.now() - firstAt < 1000) return;
    signals++;
    if (signals === 1) {
      firstAt = Date.now();
      logger.info({ signal }, 'Stopping (send the signal again to force)');
      stop(false).then(() => after(0), (e) => (logger.error({ err: serializeError(e) }, 'Shutdown failed'), after(1)));
    } else {
      logger.warn({ signal }, 'Forced stop');
      void stop(true);
      setTimeout(() => after(130), 200).unref();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

// Run directly (docker compose): everything from the environment.
if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    logger.fatal('DATABASE_URL is not set. Use `npm start` for an embedded PostgreSQL, or point DATABASE_URL at a server.');
    process.exit(1);
  }
  if (process.env.NODE_ENV === 'production' && !process.env.AUTH_SECRET) {
    logger.fatal('AUTH_SECRET must be set in production (tokens are signed with it).');
    process.exit(1);
  }
  startServer({
    databaseUrl,
    port: Number(process.env.PORT ?? 4000),
    authSecret: process.env.AUTH_SECRET,
    clientDir: process.env.CLIENT_DIR ?? path.resolve(__dirname, '../../client/dist'),
    seedDemo: process.env.SEED_DEMO !== 'false',
    demoFirmCount: process.env.DEMO_FIRMS ? Number(process.env.DEMO_FIRMS) : undefined,
    databaseReadUrl: process.env.DATABASE_READ_URL || undefined,
  }).then(
    (s) => {
      void printWelcome(s.url, s.ds).catch(() => {});
      stopOnSignals((force) => s.stop({ force }), (code) => process.exit(code));
    },
    (e) => {
      logger.fatal({ err: serializeError(e) }, 'Could not start');
      process.exit(1);
    },
  );
}
