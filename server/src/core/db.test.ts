import { createTestDatabase } from '../testing/harness';
import { openDatabase } from './db';

// A "replica" that is a different database, so the test can see where each read goes.
describe('read replica (DATABASE_READ_URL)', () => {
  it('sends query-builder reads outside a transaction to the replica; raw queries, writes and transactions to the primary', async () => {
    const primary = await createTestDatabase();
    const replica = await createTestDatabase();
    const ds = await openDatabase(primary.url, { readUrl: replica.url });
    try {
      const name = (u: string) => new URL(u).pathname.slice(1);
      const viaBuilder = await ds.createQueryBuilder().select('current_database()', 'db').from('pg_database', 'd').limit(1).getRawOne();
      expect(viaBuilder.db).toBe(name(replica.url));
      expect((await ds.query('SELECT current_database() AS db'))[0].db).toBe(name(primary.url));
      const inTransaction = await ds.transaction((em) => em.createQueryBuilder().select('current_database()', 'db').from('pg_database', 'd').limit(1).getRawOne());
      expect(inTransaction.db).toBe(name(primary.url));
      // Migrations ran on the primary only.
      expect((await ds.query(`SELECT to_regclass('organisation') IS NOT NULL AS ok`))[0].ok).toBe(true);
    } finally {
      await ds.destroy();
      await primary.drop();
      await replica.drop();
    }
  });
});
