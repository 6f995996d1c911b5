import { openDatabase } from './db';
import { createTestDatabase } from '../testing/harness';

describe('migrations', () => {
  it('bring an empty database exactly to the entities (no drift, no synchronize)', async () => {
    const db = await createTestDatabase();
    const ds = await openDatabase(db.url);
    try {
      expect(ds.options.synchronize).toBe(false);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      // Running them again is a no-op.
      expect(await ds.runMigrations()).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
