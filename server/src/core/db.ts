import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CountingLogger } from './query-counter';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { withStartupLock } from './startup-lock';

/** One DataSource per process. Schema changes only ever come from migrations (never `synchronize`). */
export interface DatabaseOptions {
  poolSize?: number;
  echoSql?: boolean;
  /**
   * A streaming replica for reads (DATABASE_READ_URL). TypeORM then sends query-builder/find reads made
   * outside a transaction to the replica; writes, raw `ds.query()` calls and everything inside a
   * transaction (so every mutation, including its reads) go to the primary. Replica reads may lag the
   * primary by the replication delay. Each process then keeps a pool of `poolSize` for each of the two.
   */
  readUrl?: string;
}

export function createDataSource(url: string, opts: DatabaseOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    ...(opts.readUrl ? { replication: { master: { url }, slaves: [{ url: opts.readUrl }] } } : { url }),
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

export async function openDatabase(url: string, opts: DatabaseOptions = {}): Promise<DataSource> {
  const ds = createDataSource(url, opts);
  await ds.initialize();
  await withStartupLock(ds, () => ds.runMigrations()); // processes starting together migrate one at a time
  return ds;
}
