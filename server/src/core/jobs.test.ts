import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../testing/harness';
import { openDatabase } from './db';
import { runIfDue, ScheduledJob } from './jobs';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ds: DataSource;
let other: DataSource; // a second pool, as a second API process would have
beforeAll(async () => {
  db = await createTestDatabase();
  ds = await openDatabase(db.url);
  other = await openDatabase(db.url);
});
afterAll(async () => {
  await other.destroy();
  await ds.destroy();
  await db.drop();
});

describe('scheduled jobs run once across processes', () => {
  it('of many processes checking at the same moment, exactly one runs a due job; it is not due again within its interval', async () => {
    let runs = 0;
    const job: ScheduledJob = { name: 'test-once', everySeconds: 3600, run: async () => void runs++ };
    const ran = await Promise.all([ds, other, ds, other, ds, other].map((d) => runIfDue(d, job)));
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(await runIfDue(other, job)).toBe(false);
    // Once the interval has passed, it is due again.
    await ds.query(`UPDATE scheduled_job SET last_started_at = now() - interval '2 hours' WHERE name = 'test-once'`);
    expect(await runIfDue(other, job)).toBe(true);
    expect(runs).toBe(2);
    const [row] = await ds.query(`SELECT runs, last_finished_at IS NOT NULL AS finished FROM scheduled_job WHERE name = 'test-once'`);
    expect(row).toEqual({ runs: 2, finished: true });
  });

  it('a failed run is due again at once, so the next check (by any process) retries it', async () => {
    let attempts = 0;
    const job: ScheduledJob = {
      name: 'test-retry',
      everySeconds: 24 * 3600,
      run: async () => {
        if (++attempts === 1) throw new Error('database hiccup');
      },
    };
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await runIfDue(ds, job)).toBe(true);
    expect(await runIfDue(other, job)).toBe(true);
    expect(attempts).toBe(2);
    expect(await runIfDue(ds, job)).toBe(false);
  });
});
