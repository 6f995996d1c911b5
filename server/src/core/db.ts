import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CountingLogger } from './query-counter';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { appDatabaseUrl, assertFencedRole, prepareAppRole } from './rls';

/** One DataSource per process. Schema changes only ever come from migrations (never `synchronize`). */
export function createDataSource(url: string, opts: { poolSize?: number; echoSql?: boolean } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logger: new CountingLogger(Boolean(opts.echoSql)),
    extra: { max: opts.poolSize ?? 10 },
  });
}

export async function openDatabase(url: string, opts: { poolSize?: number; echoSql?: boolean } = {}): Promise<DataSource> {
  const ds = createDataSource(url, opts);
  await ds.initialize();
  await ds.runMigrations();
  return ds;
}

/**
 * The request pool: the app role (not the owner, no superuser), so row-level security applies to every
 * request. Prepared by the owner: role created if missing (cluster-wide, idempotent) and granted on this
 * database. `env` supplies APP_DATABASE_URL or APP_DB_PASSWORD (see core/rls.ts).
 */
export async function openAppDatabase(
  owner: DataSource,
  ownerUrl: string,
  opts: { poolSize?: number; echoSql?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<DataSource> {
  const app = appDatabaseUrl(ownerUrl, opts.env);
  await prepareAppRole(owner, app);
  const ds = createDataSource(app.url, opts);
  await ds.initialize();
  await assertFencedRole(ds);
  return ds;
}
