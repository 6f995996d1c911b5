import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { DataSource, EntityManager, QueryFailedError, QueryRunner, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { QueryResult } from 'typeorm/query-runner/QueryResult';
import { Capability } from './access';
import type { Principal, RequestContext } from './context';
import { databaseUnavailableReason, isBrokenConnection, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE } from './outage';
import { usePreparedStatements } from './prepared';
import type { Scope } from './scope';
import { withStartupLock } from './startup-lock';

/**
 * The second wall: PostgreSQL row-level security (RLS) behind the app's own visibility rules.
 *
 * Two database roles:
 * - the OWNER (DATABASE_URL): owns the tables, runs migrations, the demo seed and background jobs;
 * - the APP role (`growth_graph_app`, APP_DATABASE_URL or derived): a LOGIN role that owns nothing and is
 *   no superuser. Every request runs as it, so every owned table's policies apply (ENABLE + FORCE RLS).
 *
 * Each request gets ONE transaction on ONE connection of the app pool, begun lazily on its first statement
 * together with the caller's scope (`set_config('app.org_ids', ..., true)` etc., local to the transaction)
 * and committed when the response is sent. Without a scope the policies show nothing.
 */
export const APP_ROLE = 'growth_graph_app';

/** The caller's scope as the policies read it (see the RLS migration's gg_* functions). */
export interface RlsSettings {
  /** Organisations the caller may read in (READ). */
  orgIds: readonly string[];
  /** Organisations the caller may write in at all (RECORD; an API key has none). */
  writeOrgIds: readonly string[];
  /** Organisations the caller administers. */
  adminOrgIds: readonly string[];
  /** The signed-in user, or null (API key, anonymous). */
  userId: string | null;
}

/** The values set_config stored, as beginWith's rows report them. */
export function appliedSettingsOf(row: { set_org_ids: string; set_write_org_ids: string; set_admin_org_ids: string; set_user_id: string }): RlsSettings {
  return {
    orgIds: idsOf(row.set_org_ids),
    writeOrgIds: idsOf(row.set_write_org_ids),
    adminOrgIds: idsOf(row.set_admin_org_ids),
    userId: row.set_user_id || null,
  };
}

export function rlsSettingsOf(principal: Principal | null, scope: Scope): RlsSettings {
  return {
    orgIds: scope.organisationIds(Capability.READ),
    writeOrgIds: scope.organisationIds(Capability.RECORD),
    adminOrgIds: scope.organisationIds(Capability.ADMINISTER),
    userId: principal?.kind === 'user' ? principal.userId : null,
  };
}

export const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** No scope at all (what the policies see before authentication has answered). */
export const NO_SETTINGS: RlsSettings = { orgIds: [], writeOrgIds: [], adminOrgIds: [], userId: null };

/**
 * BEGIN, the caller's credential check and the scope it implies in ONE round trip (issue 12): `lookup` is a
 * SELECT whose rows feed `settings` (SQL expressions over a CTE named `lookup`). Returns the lookup's rows,
 * each with the four values set_config stored (`set_org_ids` ...); `RequestDb.rescope` compares them with the
 * scope the app computes from the same rows and corrects them when they differ, so the app stays the authority.
 */
export function beginWithLookupStatement(lookup: string, settings: { orgIds: string; writeOrgIds: string; adminOrgIds: string; userId: string }): string {
  return (
    `START TRANSACTION; WITH lookup AS MATERIALIZED (${lookup}), s AS MATERIALIZED (SELECT ` +
    `set_config('app.org_ids', coalesce((${settings.orgIds}), ''), true) AS set_org_ids, ` +
    `set_config('app.write_org_ids', coalesce((${settings.writeOrgIds}), ''), true) AS set_write_org_ids, ` +
    `set_config('app.admin_org_ids', coalesce((${settings.adminOrgIds}), ''), true) AS set_admin_org_ids, ` +
    `set_config('app.user_id', coalesce((${settings.userId}), ''), true) AS set_user_id) ` +
    `SELECT * FROM s LEFT JOIN lookup ON true`
  );
}

/** Same ids as sets; the common case (same order) without copies or sorting. */
const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && (a.every((x, i) => x === b[i]) || [...a].sort().join(',') === [...b].sort().join(','));
const idsOf = (v: string) => (v ? v.split(',') : []);

/** The statement that begins a request's transaction and sets its scope (one round trip). */
export function beginStatement(s: RlsSettings): string {
  return (
    'START TRANSACTION; SELECT ' +
    [
      `set_config('app.org_ids', ${literal(s.orgIds.join(','))}, true)`,
      `set_config('app.write_org_ids', ${literal(s.writeOrgIds.join(','))}, true)`,
      `set_config('app.admin_org_ids', ${literal(s.adminOrgIds.join(','))}, true)`,
      `set_config('app.user_id', ${literal(s.userId ?? '')}, true)`,
    ].join(', ')
  );
}

/**
 * One request's database access: a query runner of the app pool whose statements are serialised (pg
 * refuses parallel queries on one client; loaders run in parallel), inside one transaction begun lazily.
 * `facade` stands in for the DataSource in `ctx.ds`: getRepository, query, createQueryBuilder, manager and
 * transaction (a savepoint) all run on this request's transaction; anything else falls through to the app
 * pool without a scope, where the policies show nothing.
 */
export class RequestDb {
  // Built on first use (issue 12: a request that never reaches the database, e.g. `{ __typename }` or a refused
  // query, paid for a query runner, five bound closures and the facade's property descriptors).
  private ownRunner: QueryRunner | null = null;
  private ownFacade: DataSource | null = null;
  private begun = false;
  private finished = false;
  private wrote = false;
  /** The scope set_config last stored in the open transaction when it differs from `settings` (see rescope). */
  private stale = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly appDs: DataSource, private settings: RlsSettings) {}

  get runner(): QueryRunner {
    return this.ownRunner ?? this.createRunner();
  }

  get facade(): DataSource {
    return this.ownFacade ?? this.createFacade();
  }

  private createRunner(): QueryRunner {
    const appDs = this.appDs;
    const runner = appDs.createQueryRunner();
    this.ownRunner = runner;
    const rawQuery = runner.query.bind(runner);
    const rawStart = runner.startTransaction.bind(runner);
    // Straight to the pg client when TypeORM's per-statement events have no listener but ours (issue 12: its
    // QueryRunner.query awaited the broadcaster twice and built result objects for every statement).
    const direct = appDs.subscribers.every((s) => (s.constructor as { dropsBrokenConnections?: boolean }).dropsBrokenConnections === true);
    runner.query = ((query: string, parameters?: any[], structured?: boolean) =>
      this.serial(async () => {
        await this.begin();
        try {
          return await (direct ? this.directQuery(query, parameters, structured) : rawQuery(query, parameters, structured as any));
        } catch (e) {
          await this.recover();
          throw e;
        }
      })) as QueryRunner['query'];
    // A released savepoint is a mutation's writes: from then on the transaction must commit as a whole.
    const rawCommit = runner.commitTransaction.bind(runner);
    runner.commitTransaction = async () => {
      await rawCommit();
      this.wrote = true;
    };
    // A nested transaction (runMutation) becomes a savepoint of the request's transaction.
    runner.startTransaction = async (isolation) => {
      await this.serial(() => this.begin());
      return rawStart(isolation);
    };
    return runner;
  }

  private createFacade(): DataSource {
    const appDs = this.appDs;
    const runner = this.runner;
    const manager = runner.manager;
    this.ownFacade = Object.create(appDs, {
      manager: { value: manager },
      getRepository: { value: (target: any) => manager.getRepository(target) },
      query: { value: (query: string, parameters?: any[]) => manager.query(query, parameters) },
      createQueryBuilder: {
        value: (entityOrRunner?: any, alias?: string) =>
          entityOrRunner === undefined || (typeof entityOrRunner === 'object' && 'manager' in entityOrRunner && 'query' in entityOrRunner)
            ? appDs.createQueryBuilder(runner)
            : appDs.createQueryBuilder(entityOrRunner, alias as string, runner),
      },
      transaction: { value: (...args: any[]) => (manager.transaction as any)(...args) },
    }) as DataSource;
    return this.ownFacade;
  }

  /**
   * What PostgresQueryRunner.query does, minus the broadcaster: counted and logged the same (CountingLogger,
   * slow statements), the same results (rows; [rows, rowCount] for UPDATE/DELETE; QueryResult when structured),
   * failures as QueryFailedError wrapping the driver's error (core/outage.ts maps it), and a broken connection
   * closed as DropBrokenConnections does.
   */
  private async directQuery(query: string, parameters: any[] | undefined, structured: boolean | undefined): Promise<any> {
    const runner = this.runner;
    if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    if (parameters && !Array.isArray(parameters)) throw new TypeError('Named parameters are not supported.');
    const client = await this.client();
    const log = this.appDs.logger;
    log.logQuery(query, parameters, runner);
    const start = Date.now();
    let raw: { rows?: any[]; rowCount?: number | null; command?: string } | undefined;
    try {
      raw = await client.query(query, parameters);
    } catch (err) {
      log.logQueryError(err as Error, query, parameters, runner);
      if (isBrokenConnection(err)) (client as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      throw new QueryFailedError(query, parameters, err as Error);
    }
    const ms = Date.now() - start;
    const max = this.appDs.options.maxQueryExecutionTime;
    if (max && ms > max) log.logQuerySlow(ms, query, parameters, runner);
    const result = new QueryResult();
    if (raw) {
      if (Object.prototype.hasOwnProperty.call(raw, 'rows')) result.records = raw.rows!;
      if (Object.prototype.hasOwnProperty.call(raw, 'rowCount')) result.affected = raw.rowCount ?? undefined;
      result.raw = raw.command === 'DELETE' || raw.command === 'UPDATE' ? [raw.rows, raw.rowCount] : raw.rows;
      if (!structured) return result.raw;
    }
    return result;
  }

  /** Narrows or widens the scope for the rest of this request (sign-in: the new session's user). */
  async setUser(em: EntityManager, userId: string): Promise<void> {
    this.settings = { ...this.settings, userId };
    await em.query(`SELECT set_config('app.user_id', $1, true)`, [userId]);
  }

  /**
   * Begins the transaction with `sql` (beginWithLookupStatement) and returns the rows of its last statement.
   * On failure the connection goes back to the pool and the error is rethrown.
   */
  async beginWith(sql: string): Promise<any[]> {
    try {
      return await this.serial(async () => {
        if (this.begun || this.finished) throw new Error('beginWith must be the request\'s first statement.');
        this.begun = true;
        this.appDs.logger.logQuery(sql, undefined, this.runner);
        const results = await (await this.client()).query(sql);
        const r = this.runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
        r.isTransactionActive = true;
        r.transactionDepth = 1;
        const last = Array.isArray(results) ? results[results.length - 1] : results;
        return last.rows as any[];
      });
    } catch (e) {
      await this.finish(false).catch(() => undefined);
      throw e;
    }
  }

  /**
   * The scope the app computed from the credential check. `applied`: what beginWith's statement stored; when
   * it differs (as sets) the next statement is preceded by the usual set_config statement.
   */
  rescope(settings: RlsSettings, applied: RlsSettings): this {
    this.settings = settings;
    this.stale =
      this.begun &&
      !(
        sameIds(settings.orgIds, applied.orgIds) &&
        sameIds(settings.writeOrgIds, applied.writeOrgIds) &&
        sameIds(settings.adminOrgIds, applied.adminOrgIds) &&
        (settings.userId ?? '') === (applied.userId ?? '')
      );
    return this;
  }

  /** Resolves once every statement queued so far (e.g. the COMMIT of willSendResponse) has run. */
  settled(): Promise<void> {
    return this.serial(async () => undefined);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The connection, sending texts marked `prepared` as named statements (core/prepared.ts). */
  private async client(): Promise<{ query(sql: string, parameters?: any[]): Promise<any> }> {
    // The runner keeps one connection until it is released: look it up once.
    return (this.connection ??= usePreparedStatements((await this.runner.connect()) as any));
  }

  private connection: { query(sql: string, parameters?: any[]): Promise<any> } | null = null;

  /**
   * A failed statement aborts a PostgreSQL transaction. Before any write, start afresh (lazily, on the next
   * statement), so one failing read does not fail the request's other fields; inside a savepoint the
   * mutation rolls back to it; after a write the commit reports the failure.
   */
  private async recover(): Promise<void> {
    const r = this.runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    if (!this.begun || this.wrote || r.transactionDepth !== 1) return;
    r.isTransactionActive = false;
    r.transactionDepth = 0;
    this.begun = false;
    this.appDs.logger.logQuery('ROLLBACK', undefined, this.runner);
    await (await this.client()).query('ROLLBACK');
  }

  /** Runs with the queue held: BEGIN and the scope in one statement, counted like any other. */
  private async begin(): Promise<void> {
    if (this.begun && this.stale) {
      this.stale = false;
      const sql = beginStatement(this.settings).replace(/^START TRANSACTION; /, '');
      this.appDs.logger.logQuery(sql, undefined, this.runner);
      await (await this.client()).query(sql);
    }
    if (this.begun) return;
    if (this.finished) throw new Error('The request has ended; its transaction is closed.');
    this.begun = true;
    const sql = beginStatement(this.settings);
    this.appDs.logger.logQuery(sql, undefined, this.runner);
    await (await this.client()).query(sql);
    const r = this.runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    r.isTransactionActive = true;
    r.transactionDepth = 1;
  }

  /** Commits (or rolls back) and hands the connection back. Throws when the commit did not happen. */
  async finish(commit: boolean): Promise<void> {
    await this.serial(async () => {
      if (this.finished) return;
      this.finished = true;
      try {
        if (!this.begun) return;
        const r = this.runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
        const open = r.transactionDepth;
        r.isTransactionActive = false;
        r.transactionDepth = 0;
        const sql = commit && open === 1 ? 'COMMIT' : 'ROLLBACK';
        this.appDs.logger.logQuery(sql, undefined, this.runner);
        const result = await (await this.client()).query(sql);
        // COMMIT of a transaction that had failed answers ROLLBACK: nothing was saved.
        if (commit && (sql !== 'COMMIT' || result?.command !== 'COMMIT')) throw new Error('The request\'s transaction was rolled back.');
      } finally {
        if (this.ownRunner) await this.ownRunner.release();
      }
    });
  }
}

/** Apollo plugin: ends each request's transaction before the response goes out. */
export function requestTransactionPlugin(): ApolloServerPlugin<RequestContext> {
  // One listener object for every request (no closures per request).
  const listener = { willSendResponse: finishRequestTransaction };
  return { requestDidStart: async () => listener };
}

/** requestTransactionPlugin's step (also called first in the app's folded request plugin). */
export async function finishRequestTransaction({ contextValue, response }: { contextValue: RequestContext; response: GraphQLResponse }): Promise<void> {
  const db = contextValue.db;
  if (!db) return;
  try {
    await db.finish(true);
  } catch (e) {
    if (response.body.kind !== 'single') return;
    // A database outage is answered as one (503, core/outage.ts), whether the request already saw it or
    // only its COMMIT did; nothing was saved either way.
    const sawOutage = response.body.singleResult.errors?.some((x) => x.extensions?.code === SERVICE_UNAVAILABLE);
    if (sawOutage || databaseUnavailableReason(e)) {
      response.body.singleResult.data = null;
      response.body.singleResult.errors = [new GraphQLError(UNAVAILABLE_MESSAGE, { extensions: { code: SERVICE_UNAVAILABLE } })];
      response.http.status = 503;
      response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      return;
    }
    // The writes of this request were not saved: say so instead of returning their results.
    response.body.singleResult.data = null;
    response.body.singleResult.errors = [
      new GraphQLError('The request could not be completed; nothing was saved. Try again.', { extensions: { code: 'TRANSACTION_FAILED' } }),
    ];
  }
}

// ---------------------------------------------------------------------------------------------------
// The app role: created (or checked) by the owner at start, granted per database.

/** The app role's connection URL: APP_DATABASE_URL, else DATABASE_URL with the app role and APP_DB_PASSWORD. */
export function appDatabaseUrl(ownerUrl: string, env: NodeJS.ProcessEnv = process.env): { url: string; password: string | null; explicit: boolean } {
  if (env.APP_DATABASE_URL) return { url: env.APP_DATABASE_URL, password: null, explicit: true };
  const password = env.APP_DB_PASSWORD;
  if (!password) throw new Error('Set APP_DB_PASSWORD (the password of the app role) or APP_DATABASE_URL.');
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = password;
  return { url: u.toString(), password, explicit: false };
}

const isCode = (e: unknown, ...codes: string[]) => codes.includes((e as { code?: string })?.code ?? '');

/** Columns the app role must neither read nor write (the fence of migrations 1769110000000, 1769211000000). */
const SECRET_COLUMNS: Record<string, string[]> = { app_user: ['password_hash'] };

/**
 * One read-only statement: is the app role already prepared on this database? True only when the role exists
 * (no superuser, no BYPASSRLS), may connect and use the schema, every table has SELECT/INSERT/UPDATE/DELETE
 * (the fenced table: every column but the secret ones, the secret ones not at all), views are read-only,
 * every sequence has USAGE/SELECT, the migrations table has nothing and the fence's function is granted.
 * A table, column or sequence from a new migration makes it false, so the next start grants it.
 * Privileges are effective ones (has_*_privilege), so a false answer only costs the full preparation.
 */
export function preparedCheckStatement(role: string): string {
  const secret = Object.entries(SECRET_COLUMNS)
    .flatMap(([t, cols]) => cols.map((c) => `(${literal(t)}, ${literal(c)})`))
    .join(', ');
  const fencedTables = Object.keys(SECRET_COLUMNS).map(literal).join(', ');
  return `WITH r AS (SELECT oid, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ${literal(role)}),
  fence AS (SELECT to_regprocedure('public.gg_fence_secret_columns(name)') IS NOT NULL AS on_,
                   to_regprocedure('public.gg_set_own_password_hash(uuid,text)') AS fn),
  secret(t, c) AS (VALUES ${secret}),
  tbl AS (SELECT c.oid, c.relname, c.relkind FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))
SELECT (NOT r.rolsuper AND NOT r.rolbypassrls
  AND has_database_privilege(r.oid, current_database(), 'CONNECT')
  AND has_schema_privilege(r.oid, 'public', 'USAGE')
  AND NOT EXISTS (SELECT 1 FROM tbl WHERE tbl.relname = 'migrations'
                   AND has_table_privilege(r.oid, tbl.oid, 'SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER'))
  AND NOT EXISTS (SELECT 1 FROM tbl WHERE tbl.relkind = 'v'
                   AND NOT (has_table_privilege(r.oid, tbl.oid, 'SELECT') AND NOT has_table_privilege(r.oid, tbl.oid, 'INSERT,UPDATE,DELETE,TRUNCATE')))
  AND NOT EXISTS (SELECT 1 FROM tbl WHERE tbl.relkind <> 'v' AND tbl.relname <> 'migrations'
                   AND NOT (has_table_privilege(r.oid, tbl.oid, 'INSERT') AND has_table_privilege(r.oid, tbl.oid, 'DELETE')
                   AND CASE WHEN fence.on_ AND tbl.relname IN (${fencedTables})
                     THEN NOT has_table_privilege(r.oid, tbl.oid, 'SELECT,UPDATE')
                      AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = tbl.oid AND a.attnum > 0 AND NOT a.attisdropped
                            AND CASE WHEN (tbl.relname, a.attname::text) IN (SELECT t, c FROM secret)
                              THEN has_column_privilege(r.oid, tbl.oid, a.attnum, 'SELECT') OR has_column_privilege(r.oid, tbl.oid, a.attnum, 'UPDATE')
                              ELSE NOT (has_column_privilege(r.oid, tbl.oid, a.attnum, 'SELECT') AND has_column_privilege(r.oid, tbl.oid, a.attnum, 'UPDATE')) END)
                     ELSE has_table_privilege(r.oid, tbl.oid, 'SELECT') AND has_table_privilege(r.oid, tbl.oid, 'UPDATE') END))
  AND NOT EXISTS (SELECT 1 FROM pg_class s WHERE s.relnamespace = 'public'::regnamespace AND s.relkind = 'S'
                   AND NOT (has_sequence_privilege(r.oid, s.oid, 'USAGE') AND has_sequence_privilege(r.oid, s.oid, 'SELECT')))
  AND (NOT fence.on_ OR fence.fn IS NULL OR has_function_privilege(r.oid, fence.fn, 'EXECUTE'))) AS prepared
FROM r, fence`;
}

/**
 * Makes sure the app role exists and may use this database (idempotent; roles are cluster-wide, so many
 * test databases in one cluster share it). Creates it only when we derived its URL (it needs CREATEROLE);
 * with APP_DATABASE_URL the role is the administrator's, and only the grants are ours.
 *
 * Every start runs it, so it first asks one read-only question (preparedCheckStatement): nothing changed,
 * nothing written - each GRANT rewrites catalog rows and flushes WAL, ~10 of them cost 0.2-1.2 s on a busy
 * machine. Only when something is missing does it take the start-up lock (processes starting together would
 * GRANT at once: "tuple concurrently updated") and grant everything in ONE transaction. A changed password
 * is not visible to the owner (pg_authid is the superuser's): openAppDatabase applies it when the app pool's
 * login is refused (applyAppPassword).
 */
export async function prepareAppRole(owner: DataSource, app: { url: string; password: string | null }): Promise<'unchanged' | 'granted'> {
  const role = decodeURIComponent(new URL(app.url).username || APP_ROLE);
  const [check] = await owner.query(preparedCheckStatement(role));
  if (check?.prepared === true) return 'unchanged';
  await withStartupLock(owner, () => grantAppRole(owner, role, app.password));
  return 'granted';
}

async function grantAppRole(owner: DataSource, role: string, password: string | null): Promise<void> {
  const ident = `"${role.replace(/"/g, '""')}"`;
  if (password !== null) {
    try {
      await owner.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(role)}) THEN
          CREATE ROLE ${ident} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal(password)};
        END IF; END $$`);
    } catch (e) {
      // Another process (of another database of the cluster: the lock is per database) created it at the same moment.
      if (!isCode(e, '42710', '23505')) throw e;
    }
  }
  // One simple-protocol message of several statements: PostgreSQL runs it as one transaction (one WAL flush).
  // Grants are per database (and repeated, so tables of later migrations are covered too).
  await owner.query(`DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO %s', current_database(), ${literal(ident)}); END $$;
    GRANT USAGE ON SCHEMA public TO ${ident};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ident};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident};
    -- The blanket GRANT gave table-wide SELECT and UPDATE back: password hashes stay the owner's, neither read nor
    -- written by the app role (migrations 1769110000000, 1769211000000; changes go through gg_set_own_password_hash).
    DO $$ BEGIN
      IF to_regprocedure('public.gg_fence_secret_columns(name)') IS NOT NULL THEN PERFORM public.gg_fence_secret_columns(${literal(role)}); END IF;
    END $$;
    -- Views are read-only windows (owned by the owner, so writing through one would skip the policies).
    DO $$ DECLARE v record; BEGIN
      FOR v IN SELECT viewname FROM pg_views WHERE schemaname = 'public' LOOP
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.%I FROM %s', v.viewname, ${literal(ident)});
      END LOOP;
      -- The migrations table is the owner's business.
      IF to_regclass('public.migrations') IS NOT NULL THEN EXECUTE format('REVOKE ALL ON TABLE public.migrations FROM %s', ${literal(ident)}); END IF;
    END $$`);
}

/** Existing role, other password (e.g. APP_DB_PASSWORD changed): set ours (under the lock, one writer at a time). */
export async function applyAppPassword(owner: DataSource, app: { url: string; password: string | null }): Promise<boolean> {
  if (app.password === null) return false;
  const role = decodeURIComponent(new URL(app.url).username || APP_ROLE);
  const password = app.password;
  await withStartupLock(owner, () => owner.query(`ALTER ROLE "${role.replace(/"/g, '""')}" WITH PASSWORD ${literal(password)}`));
  return true;
}

/** The login itself was refused (wrong password), not the database being down. */
export const isLoginRefused = (e: unknown) => isCode(e, '28P01', '28000');

/** Refuses to serve requests through a role that would bypass the policies. */
export async function assertFencedRole(app: DataSource): Promise<void> {
  const [r] = await app.query(
    `SELECT r.rolsuper, r.rolbypassrls,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_get_userbyid(c.relowner) = current_user) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  if (r.rolsuper || r.rolbypassrls || r.owns) {
    throw new Error('The app database role must not be a superuser, bypass RLS or own tables (set APP_DATABASE_URL to a separate role).');
  }
}
