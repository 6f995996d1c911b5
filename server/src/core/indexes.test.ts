import { openDatabase } from './db';
import { createTestDatabase } from '../testing/harness';

/**
 * TypeORM does not index foreign-key columns, and PostgreSQL does not either: an unindexed FK makes every
 * lookup by it (and every delete of the referenced row) a sequential scan. Read from pg_catalog, so a new
 * entity with an unindexed FK fails here.
 */
export const UNINDEXED_FOREIGN_KEYS = `
  SELECT c.conrelid::regclass::text AS "table", c.conname AS "constraint",
         (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS "columns"
    FROM pg_constraint c
   WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
     AND NOT EXISTS (
       -- an index whose leading columns are exactly the FK's columns (any order); partial indexes on
       -- "col IS NOT NULL" serve "col = $1" too, so they count
       SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
   ORDER BY 1, 3`;

describe('indexes', () => {
  it('every foreign-key column is the leading column of an index', async () => {
    const db = await createTestDatabase();
    const ds = await openDatabase(db.url);
    try {
      const fks = await ds.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
      expect(fks[0].n).toBeGreaterThan(20); // the check below looks at real constraints
      const missing = await ds.query(UNINDEXED_FOREIGN_KEYS);
      expect(missing.map((m: { table: string; columns: string }) => `${m.table}(${m.columns})`)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
