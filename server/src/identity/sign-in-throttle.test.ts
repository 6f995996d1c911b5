import type { DataSource } from 'typeorm';
import { openDatabase } from '../core/db';
import { createTestDatabase } from '../testing/harness';
import { SignInThrottle } from './sign-in-throttle';

// Real PostgreSQL: the counts are shared through the database, so that is what is tested.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ds: DataSource;
beforeAll(async () => {
  db = await createTestDatabase();
  ds = await openDatabase(db.url);
});
afterAll(async () => {
  await ds.destroy();
  await db.drop();
});

const settings = { maxPerEmail: 3, maxPerAddress: 5, windowSeconds: 900 };
/** Lets the window of every counter pass, instead of waiting 15 minutes. */
const windowPasses = () => ds.query(`UPDATE rate_limit_counter SET window_ends_at = now() - interval '1 second'`);

describe('sign-in throttle (shared in PostgreSQL)', () => {
  beforeEach(() => ds.query('DELETE FROM rate_limit_counter'));

  it('locks an e-mail address after maxPerEmail failures within the window, until the window has passed', async () => {
    const t = new SignInThrottle(settings);
    for (let i = 0; i < 2; i++) await t.recordFailure(ds, 'a@x.dk', '10.0.0.1');
    expect(await t.lockedFor(ds, 'a@x.dk', '10.0.0.1')).toBeNull();
    await t.recordFailure(ds, 'a@x.dk', '10.0.0.2'); // from another address: still the same e-mail
    const lock = await t.lockedFor(ds, 'a@x.dk', '10.0.0.3');
    expect(lock).toMatchObject({ reason: 'email' });
    expect(lock!.waitMs).toBeGreaterThan(890_000);
    expect(lock!.waitMs).toBeLessThanOrEqual(900_000);
    expect(await t.lockedFor(ds, 'b@x.dk', '10.0.0.3')).toBeNull();
    await windowPasses();
    expect(await t.lockedFor(ds, 'a@x.dk', '10.0.0.3')).toBeNull();
    // A new window starts from one.
    await t.recordFailure(ds, 'a@x.dk', '10.0.0.3');
    expect(await t.lockedFor(ds, 'a@x.dk', '10.0.0.3')).toBeNull();
  });

  it('locks a client address after maxPerAddress failures, whatever the e-mail', async () => {
    const t = new SignInThrottle(settings);
    for (let i = 0; i < 5; i++) await t.recordFailure(ds, `user${i}@x.dk`, '10.0.0.9');
    expect(await t.lockedFor(ds, 'someone-new@x.dk', '10.0.0.9')).toMatchObject({ reason: 'address' });
    expect(await t.lockedFor(ds, 'someone-new@x.dk', '10.0.0.10')).toBeNull();
    // Without a known address (e.g. in-process calls), only the e-mail counts.
    expect(await t.lockedFor(ds, 'someone-new@x.dk', null)).toBeNull();
  });

  it('a success clears the e-mail count but not the address count', async () => {
    const t = new SignInThrottle(settings);
    for (let i = 0; i < 2; i++) await t.recordFailure(ds, 'a@x.dk', '10.0.0.1');
    await t.recordSuccess(ds, 'a@x.dk');
    await t.recordFailure(ds, 'a@x.dk', '10.0.0.1');
    expect(await t.lockedFor(ds, 'a@x.dk', '10.0.0.1')).toBeNull();
    for (let i = 0; i < 2; i++) await t.recordFailure(ds, `other${i}@x.dk`, '10.0.0.1');
    expect(await t.lockedFor(ds, 'fresh@x.dk', '10.0.0.1')).toMatchObject({ reason: 'address' });
  });

  it('stores no e-mail address or client address in the table', async () => {
    const t = new SignInThrottle(settings);
    await t.recordFailure(ds, 'private@x.dk', '10.1.2.3');
    const rows: Array<{ key: string }> = await ds.query('SELECT key FROM rate_limit_counter');
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.key).not.toMatch(/private|10\.1\.2\.3/);
  });

  it('counts concurrent failures exactly (no lost increments)', async () => {
    const t = new SignInThrottle({ ...settings, maxPerEmail: 20 });
    await Promise.all(Array.from({ length: 20 }, () => t.recordFailure(ds, 'race@x.dk', '10.0.0.4')));
    expect(await t.lockedFor(ds, 'race@x.dk', null)).toMatchObject({ reason: 'email' });
    const [{ hits }] = await ds.query(`SELECT max(hits)::int AS hits FROM rate_limit_counter`);
    expect(hits).toBe(20);
  });
});
