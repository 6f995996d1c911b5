import { Client } from 'pg';
import { RunningServer } from '../main';
import { FaultProxy } from '../testing/fault-proxy';
import { OutageServer, startOutageServer } from '../testing/outage-server';

/**
 * The dashboard's panels run side by side on the aggregate pool (core/aggregates.ts) while the agreements
 * panel runs on the request's transaction: a database failure in any one of them is still answered as an
 * outage (HTTP 503, Retry-After, SERVICE_UNAVAILABLE; core/outage.ts), and leaves no slot or connection
 * taken - the next dashboard is answered. The real HTTP stack and PostgreSQL, through the fault proxy.
 * A pool of ONE aggregate connection and a short queue wait, so the queue's own limit is exercised too.
 */
process.env.AGGREGATE_POOL_SIZE = '1';
process.env.AGGREGATE_QUEUE_MS = '250';

let server: RunningServer;
let proxy: FaultProxy;
let db: { url: string; drop: () => Promise<void> };
let locker: Client;

const KEY = 'ggk_demo_kkr_midtjylland_read_only';
const DASHBOARD = `query($i: DashboardInput!) { dashboard(input: $i) { panels { kind total { events } } } }`;
const INPUT = { i: { from: '2025-12-01', to: '2026-11-30' } };

async function dashboard() {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query: DASHBOARD, variables: INPUT }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

function expectUnavailable(r: Awaited<ReturnType<typeof dashboard>>) {
  expect(r.status).toBe(503);
  expect(Number(r.retryAfter)).toBeGreaterThan(0);
  expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(r.body.data ?? null).toBeNull();
  expect(JSON.stringify(r.body)).not.toMatch(/ECONN|stack|timeout exceeded|\.js:|Query read|canceling statement/);
}

async function expectAnswered() {
  const r = await dashboard();
  expect(r.status).toBe(200);
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.dashboard.panels).toHaveLength(9);
}

/**
 * Two dashboards at once on the ONE aggregate connection: the second's panels queue behind the first's. On a loaded
 * machine that queue can outlast AGGREGATE_QUEUE_MS, and a 503 is then the right answer - but only the typed one.
 * What must hold is that nothing stays taken: a dashboard alone afterwards is answered.
 */
async function expectTwoAtOnceThenAnswered() {
  for (const r of await Promise.all([dashboard(), dashboard()])) {
    if (r.status === 200) expect(r.body.data.dashboard.panels).toHaveLength(9);
    else expectUnavailable(r);
  }
  await expectAnswered();
}

let outage: OutageServer;
beforeAll(async () => {
  outage = await startOutageServer();
  ({ server, proxy, db, direct: locker } = outage);
});

afterAll(async () => {
  await outage?.close();
});

describe('a dashboard during a database failure', () => {
  beforeEach(() => locker.query('BEGIN'));
  afterEach(() => locker.query('ROLLBACK'));

  it('answers normally with one aggregate connection (the panels queue for it)', async () => {
    await expectAnswered();
  });

  it('an aggregate panel whose statement times out (its rollup locked): 503, the other panels in flight notwithstanding', async () => {
    await locker.query('LOCK TABLE dashboard_growth_month IN ACCESS EXCLUSIVE MODE');
    expectUnavailable(await dashboard());
  });

  it('the agreements panel on the request\'s transaction times out: 503', async () => {
    await locker.query('LOCK TABLE service_agreement_follow_up IN ACCESS EXCLUSIVE MODE');
    expectUnavailable(await dashboard());
  });

  it('every panel waiting for the aggregate pool (held by other requests): 503 once the queue wait is over', async () => {
    await locker.query('LOCK TABLE dashboard_referral IN ACCESS EXCLUSIVE MODE');
    // Two dashboards at once: the second's panels wait behind the first's hung statement longer than AGGREGATE_QUEUE_MS.
    const [a, b] = await Promise.all([dashboard(), dashboard()]);
    expectUnavailable(a);
    expectUnavailable(b);
  });
});

describe('after the failures', () => {
  it('no slot or connection is left taken: dashboards are answered, also two at once', async () => {
    await expectAnswered();
    await expectTwoAtOnceThenAnswered();
  });

  it('a database that refuses connections: 503 (the key check or a panel, whichever comes first), then answered again', async () => {
    await proxy.down();
    try {
      expectUnavailable(await dashboard());
    } finally {
      await proxy.up();
    }
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`${server.url}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    // The pools reconnect cold (new backends plan every panel afresh), and this server's limits are tight
    // (one aggregate connection, 250 ms queue, 400 ms statements): on a loaded machine the first dashboard
    // may still be a 503 - what a client does then is retry after Retry-After. It must be answered within
    // a few retries, and then also two at once (nothing left taken).
    let answered = 0;
    for (let i = 0; i < 5 && answered !== 200; i++) {
      const r = await dashboard();
      answered = r.status;
      if (answered !== 200) {
        expectUnavailable(r);
        await new Promise((res) => setTimeout(res, 300));
      }
    }
    expect(answered).toBe(200);
    await expectTwoAtOnceThenAnswered();
  });
});
