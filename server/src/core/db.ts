import 'reflect-metadata';
import { DataSource, EntitySubscriberInterface, EventSubscriber } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { CountingLogger } from './query-counter';
import { databaseUnavailableReason, isBrokenConnection } from './outage';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { appDatabaseUrl, applyAppPassword, assertFencedRole, isLoginRefused, prepareAppRole } from './rls';
import { withStartupLock } from './startup-lock';

/**
 * How long the API waits for the database before answering 503 (see core/outage.ts). A database that is
 * down refuses at once; one that hangs (overloaded, paused, a network black hole) is cut off here.
 */
export interface DbTimeouts {
  /** Opening a connection, and waiting for a free one in the pool (pg `connectionTimeoutMillis`). */
  connectMs: number;
  /** PostgreSQL's own `statement_timeout` (the database cancels the statement: SQLSTATE 57014). 0 = none. */
  statementMs: number;
  /** Client-side limit for an answer (pg `query_timeout`), for a database too hung to cancel anything. 0 = none. */
  queryMs: number;
}

const envMs = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** DB_CONNECT_TIMEOUT_MS (3000), DB_STATEMENT_TIMEOUT_MS (5000), DB_QUERY_TIMEOUT_MS (statement + 2000). */
export function dbTimeoutsFromEnv(): DbTimeouts {
  const statementMs = envMs('DB_STATEMENT_TIMEOUT_MS', 5000);
  return {
    connectMs: envMs('DB_CONNECT_TIMEOUT_MS', 3000),
    statementMs,
    queryMs: envMs('DB_QUERY_TIMEOUT_MS', statementMs ? statementMs + 2000 : 0),
  };
}

/** No statement limits: migrations and loading demo data run long statements on purpose. */
export const SETUP_TIMEOUTS: DbTimeouts = { connectMs: 10_000, statementMs: 0, queryMs: 0 };

/**
 * A connection that timed out on our side or broke mid-statement is closed instead of going back to the
 * pool: otherwise it could still carry a half-sent transaction, which a later request's COMMIT on the same
 * connection would commit (a write its own client was told had failed). Closing the socket makes
 * PostgreSQL roll that transaction back, and TypeORM releases the query runner with the error so pg-pool
 * discards the client (the transaction's ROLLBACK then fails fast instead of waiting out another timeout).
 */
@EventSubscriber()
export class DropBrokenConnections implements EntitySubscriberInterface {
  /** RequestDb's direct query path does this itself (core/rls.ts), so it may skip TypeORM's broadcaster. */
  static readonly dropsBrokenConnections = true;

  afterQuery(event: AfterQueryEvent): void {
    if (event.success || !isBrokenConnection(event.error)) return;
    const client = (event.queryRunner as unknown as { databaseConnection?: { connection?: { stream?: { destroy(): void } } } }).databaseConnection;
    client?.connection?.stream?.destroy();
  }
}

/** One DataSource per process. Schema changes only ever come from migrations (never `synchronize`). */
export interface DatabaseOptions {
  poolSize?: number;
  echoSql?: boolean;
  /** Connection and statement timeouts (default: from the environment, see dbTimeoutsFromEnv). */
  timeouts?: DbTimeouts;
  /**
   * A streaming replica for reads (DATABASE_READ_URL). TypeORM then sends query-builder/find reads made
   * outside a transaction to the replica; writes, raw `ds.query()` calls and everything inside a
   * transaction (so every mutation, including its reads) go to the primary. Replica reads may lag the
   * primary by the replication delay. Each process then keeps a pool of `poolSize` for each of the two.
   */
  readUrl?: string;
  /**
   * A pool for raw SQL (`ds.query`, migrations) only: no entity metadata is built (~60 ms of CPU per pool at start-up),
   * so no repositories or query builders on it (the owner's and the aggregate pool in main.ts).
   */
  rawSqlOnly?: boolean;
}

export function createDataSource(url: string, opts: DatabaseOptions = {}): DataSource {
  const t = opts.timeouts ?? dbTimeoutsFromEnv();
  return new DataSource({
    type: 'postgres',
    ...(opts.readUrl ? { replication: { master: { url }, slaves: [{ url: opts.readUrl }] } } : { url }),
    entities: opts.rawSqlOnly ? [] : entities,
    migrations,
    subscribers: [DropBrokenConnections],
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logger: new CountingLogger(Boolean(opts.echoSql)),
    extra: {
      max: opts.poolSize ?? 10,
      ...(t.connectMs ? { connectionTimeoutMillis: t.connectMs } : {}),
      ...(t.statementMs ? { statement_timeout: t.statementMs } : {}),
      ...(t.queryMs ? { query_timeout: t.queryMs } : {}),
      // Notice a dead peer on idle pooled connections too.
      keepAlive: true,
    },
  });
}

export async function openDatabase(url: string, opts: DatabaseOptions = {}): Promise<DataSource> {
  const ds = createDataSource(url, opts);
  await ds.initialize();
  await withStartupLock(ds, () => ds.runMigrations()); // processes starting together migrate one at a time
  return ds;
}

/** Readiness: can we run a statement within `timeoutMs`? Never throws. */
export async function checkDatabase(ds: DataSource, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!ds.isInitialized) return { ok: false, reason: 'not-initialised' };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ds.query('SELECT 1'),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('readiness-timeout')), timeoutMs))),
    ]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e instanceof Error && e.message === 'readiness-timeout' ? 'timeout' : (databaseUnavailableReason(e) ?? 'error') };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The request pool: the app role (not the owner, no superuser), so row-level security applies to every
 * request. Prepared by the owner: role created if missing (cluster-wide, idempotent) and granted on this
 * database. `env` supplies APP_DATABASE_URL or APP_DB_PASSWORD (see core/rls.ts).
 */
export async function openAppDatabase(
  owner: DataSource,
  ownerUrl: string,
  opts: DatabaseOptions & { env?: NodeJS.ProcessEnv; mark?: (phase: string) => void } = {},
): Promise<DataSource> {
  return openAppDatabaseAs(owner, appDatabaseUrl(ownerUrl, opts.env), opts);
}

/** openAppDatabase for a given app role URL (and password, when the role is ours to create). */
export async function openAppDatabaseAs(
  owner: DataSource,
  app: { url: string; password: string | null },
  { mark, ...opts }: DatabaseOptions & { mark?: (phase: string) => void } = {},
): Promise<DataSource> {
  // One read-only check when nothing changed; grants (under the start-up lock, one transaction) only when needed.
  await prepareAppRole(owner, app);
  mark?.('appRoleMs');
  // Each request holds one connection for its transaction: a larger pool than the owner's.
  const open = async () => {
    const ds = createDataSource(app.url, { poolSize: Number(process.env.DB_POOL_SIZE ?? 20), ...opts });
    try {
      await ds.initialize();
      await assertFencedRole(ds);
    } catch (e) {
      await ds.destroy().catch(() => undefined);
      throw e;
    }
    return ds;
  };
  try {
    return await open();
  } catch (e) {
    // The pool's own first login doubles as the password check (no extra probe connection at every start):
    // refused means APP_DB_PASSWORD changed since the role was made - set it, then log in again.
    if (!isLoginRefused(e) || !(await applyAppPassword(owner, app))) throw e;
    return await open();
  }
}
