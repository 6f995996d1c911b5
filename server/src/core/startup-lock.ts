import type { DataSource } from 'typeorm';

/** Arbitrary constant naming "Growth Graph start-up" among PostgreSQL advisory locks. */
const STARTUP_LOCK = 7_042_026_001;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so API processes starting at the same time on
 * one database migrate and seed one after the other instead of racing (both creating the migrations
 * table, both loading the demo data). A session-level lock on one pooled connection; the work itself may
 * use other connections. If a process dies while holding it, PostgreSQL releases it with the connection.
 */
export async function withStartupLock<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  const qr = ds.createQueryRunner('master');
  await qr.connect();
  try {
    await qr.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    try {
      return await work();
    } finally {
      await qr.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    }
  } finally {
    await qr.release();
  }
}
