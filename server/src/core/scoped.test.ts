import { randomUUID } from 'node:crypto';
import { Organisation } from '../organisations/organisation.entity';
import { ServiceAgreement } from '../agreements/agreement.entity';
import { Firm } from '../firms/firm.entity';
import { FirmChange } from '../firms/firm-change.entity';
import { createTestApp, TestApp } from '../testing/harness';
import { createContext, Principal, RequestContext } from './context';
import { ROW_RULES } from './row-rules';
import { Role, Scope } from './scope';
import { scoped } from './scoped';

/**
 * core/scoped.ts is the app's own wall: the visibility rule of core/row-rules.ts in the query itself.
 * These tests run it on the OWNER's connection, where PostgreSQL's row-level security does not apply
 * (the owner bypasses it), so whatever is filtered here is filtered by scoped() alone.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

const open: RequestContext[] = [];
/** A context on the owner's pool (no RLS) acting as an ADMIN of `organisationId`. */
const ownerConnectionAs = (organisationId: string, userId: string | null): RequestContext => {
  const principal: Principal = userId ? { kind: 'user', userId, sessionId: randomUUID() } : { kind: 'apiKey', apiKeyId: randomUUID(), organisationId };
  const ctx = createContext(app.ds, app.config, principal, new Scope([{ organisationId, role: userId ? Role.ADMIN : Role.VIEWER }], !userId));
  open.push(ctx);
  return ctx;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((ctx) => ctx.db.finish(false)));
});

const TYPED = '$1::uuid[] IS NOT DISTINCT FROM $1::uuid[] AND $2::uuid IS NOT DISTINCT FROM $2::uuid AND $3::uuid[] IS NOT DISTINCT FROM $3::uuid[]';

/** The organisation with the most members, and one of its members. */
async function busiestOrganisation(): Promise<{ id: string; userId: string }> {
  const [row] = await app.ds.query(
    `SELECT o.id, (SELECT m.user_id FROM membership m WHERE m.organisation_id = o.id ORDER BY m.created_at LIMIT 1) AS user_id
       FROM organisation o ORDER BY (SELECT count(*) FROM membership m WHERE m.organisation_id = o.id) DESC, o.name LIMIT 1`,
  );
  return { id: row.id, userId: row.user_id };
}

describe('scoped(): the row rule in the query, whatever the connection', () => {
  test('on the owner connection (RLS bypassed) every owned entity returns exactly the rows its rule allows', async () => {
    const org = await busiestOrganisation();
    const ctx = ownerConnectionAs(org.id, org.userId);
    const owned = app.ds.entityMetadatas.filter((m) => ROW_RULES[m.tableName]?.kind === 'owned' && m.tableType !== 'view');
    expect(owned.length).toBeGreaterThan(30);
    const mismatches: string[] = [];
    let filteredOut = 0;
    let tablesNarrowed = 0;
    for (const meta of owned) {
      const rule = ROW_RULES[meta.tableName] as Extract<(typeof ROW_RULES)[string], { kind: 'owned' }>;
      const keys = meta.primaryColumns.map((c) => c.databaseName);
      const keyOf = (r: Record<string, unknown>) => keys.map((k) => String(r[k])).join('|');
      const alias = 'scoped_row';
      const qb = scoped(ctx, meta.target, alias);
      keys.forEach((k, i) => (i === 0 ? qb.select(`"${alias}"."${k}"`, k) : qb.addSelect(`"${alias}"."${k}"`, k)));
      const got = (await qb.getRawMany()).map(keyOf).sort();
      const expected = (
        await app.ds.query(`SELECT ${keys.map((k) => `t."${k}"`).join(', ')} FROM ${meta.tableName} t WHERE ${TYPED} AND (${rule.oracle})`, [[org.id], org.userId, [org.id]])
      )
        .map(keyOf)
        .sort();
      // The same connection without scoped() sees every row: the owner is not fenced by RLS.
      const [{ n: total }] = await ctx.ds.query(`SELECT count(*)::int AS n FROM ${meta.tableName}`);
      if (got.join() !== expected.join()) mismatches.push(`${meta.tableName}: ${got.length} from scoped(), ${expected.length} by its rule`);
      filteredOut += total - got.length;
      if (got.length < total) tablesNarrowed++;
    }
    expect(mismatches).toEqual([]);
    // The rules really filtered on this connection (the seed has other organisations' rows in most tables).
    expect(filteredOut).toBeGreaterThan(0);
    expect(tablesNarrowed).toBeGreaterThan(10);
  });

  test('a service cannot drop the rule: where() adds to it, orWhere() is refused', async () => {
    const org = await busiestOrganisation();
    const ctx = ownerConnectionAs(org.id, org.userId);
    const [{ n: all }] = await app.ds.query(`SELECT count(*)::int AS n FROM service_agreement`);
    const mine = await scoped(ctx, ServiceAgreement, 'a').getCount();
    expect(mine).toBeLessThan(all);
    // A later where() would replace the first condition on a plain builder; here it adds.
    expect(await scoped(ctx, ServiceAgreement, 'a').where('1 = 1').getCount()).toBe(mine);
    expect(() => scoped(ctx, ServiceAgreement, 'a').orWhere('1 = 1')).toThrow(/orWhere/);
  });

  test('another organisation and a caller without scope get other rows and none', async () => {
    const org = await busiestOrganisation();
    const [{ id: other }] = await app.ds.query(
      `SELECT p.organisation_id AS id FROM service_agreement_party p
        WHERE NOT EXISTS (SELECT 1 FROM service_agreement_party q WHERE q.agreement_id = p.agreement_id AND q.organisation_id = $1) LIMIT 1`,
      [org.id],
    );
    const a = (await scoped(ownerConnectionAs(org.id, org.userId), ServiceAgreement, 'a').getMany()).map((x) => x.id);
    const b = (await scoped(ownerConnectionAs(other, randomUUID()), ServiceAgreement, 'a').getMany()).map((x) => x.id);
    expect(b.length).toBeGreaterThan(0);
    expect(b.some((id) => !a.includes(id))).toBe(true);
    const nobody = createContext(app.ds, app.config, null, Scope.NONE);
    open.push(nobody);
    expect(await scoped(nobody, ServiceAgreement, 'a').getCount()).toBe(0);
    // Register data stays readable without scope (the rule's `unscoped` part): register firms, not prospects.
    const [{ n: register }] = await app.ds.query(`SELECT count(*)::int AS n FROM firm WHERE status <> 'PROSPECT'`);
    expect(await scoped(nobody, Firm, 'f').getCount()).toBe(register);
  });

  test('public tables are not filtered; a rule whose subquery uses the same alias is refused', async () => {
    const org = await busiestOrganisation();
    const ctx = ownerConnectionAs(org.id, org.userId);
    const [{ n }] = await app.ds.query(`SELECT count(*)::int AS n FROM organisation`);
    expect(await scoped(ctx, Organisation, 'o').getCount()).toBe(n);
    // firm_change's rule reads `FROM firm f WHERE f.id = t.firm_id`: with alias f it would compare the firm with itself.
    expect(() => scoped(ctx, FirmChange, 'f')).toThrow(/alias "f"/);
  });
});
