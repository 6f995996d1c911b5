import { ApolloServer } from '@apollo/server';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource, In } from 'typeorm';
import { AppConfig, RequestContext } from '../core/context';
import { registerAggregateSource } from '../core/aggregates';
import { createDataSource, openAppDatabase, openDatabase, SETUP_TIMEOUTS } from '../core/db';
import { formatError } from '../core/errors';
import { compiledExecutor, executorGateway } from '../core/executor';
import { requestTransactionPlugin } from '../core/rls';
import { countQueries, QueryTally } from '../core/query-counter';
import { authenticate } from '../identity/authenticate';
import { buildAppSchema } from '../schema';
import { DEMO_PASSWORD, seedDemoData, SeedResult } from '../seed/demo';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';

/**
 * Integration-test harness: a fresh database per test file on the real PostgreSQL started by Jest's
 * globalSetup, migrated by the real migrations, filled with the demo data, and the real schema and
 * access rules executed through Apollo (no HTTP, no mocks).
 */
export interface TestApp {
  /** The owner's connection: setup and assertions beside the API (row-level security does not apply). */
  ds: DataSource;
  /** The app role's pool, which every request uses (row-level security applies). */
  appDs: DataSource;
  seed: SeedResult;
  config: AppConfig;
  /** Runs an operation as the given caller. */
  exec<T = any>(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<ExecResult<T>>;
  /** Signs in a demo user and returns the bearer token. */
  tokenFor(email: string): Promise<string>;
  org(key: string): { id: string; name: string };
  /** Adds a user (demo password) with one membership, for roles the demo users do not cover. */
  addUser(email: string, orgKey: string, role: 'ADMIN' | 'EDITOR' | 'CONSULTANT' | 'VIEWER'): Promise<string>;
  close(): Promise<void>;
}

export type Caller = { token?: string; apiKey?: string; organisationId?: string; email?: string } | undefined;

export interface ExecResult<T> {
  data: T | null;
  errors: Array<{ message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }> | undefined;
  queries: QueryTally;
}

/** An empty database, or with `seeded` a copy of the demo data at that many firms (migrated, as a server would leave it). */
export async function createTestDatabase(opts: { template?: string; seeded?: number } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  if (opts.seeded !== undefined && !opts.template) return createTestDatabase({ template: (await seededTemplate(opts.seeded)).template });
  const admin = adminUrl();
  const name = `gg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"${opts.template ? ` TEMPLATE "${opts.template}"` : ''}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

function adminUrl(): string {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set (Jest globalSetup starts a PostgreSQL and sets it).');
  return admin;
}

/**
 * Migrating and seeding a database took most of a test file's time (6-20 s, ~40 files). The first file that
 * needs a seeded database of a size builds it once as a template database; every file after that gets a copy
 * (CREATE DATABASE ... TEMPLATE, well under a second). The template's name carries a hash of the server's
 * sources, so a changed migration or seed never meets an old template (a kept cluster drops the stale ones).
 * The demo keys (organisation and user keys -> ids) travel in the template's COMMENT; the entities are read
 * back from the copy, so a test gets the same SeedResult as from seeding it itself.
 */
async function seededTemplate(firmCount: number): Promise<{ template: string; keys: SeedKeys }> {
  const template = `gg_tpl_${sourceHash()}_${firmCount}`;
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    // Jest workers share the cluster: one builds, the others wait; copies are made one at a time too
    // (a template must have no other session while it is copied).
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    const found = await client.query(`SELECT shobj_description(oid, 'pg_database') AS keys FROM pg_database WHERE datname = $1`, [template]);
    if (found.rows.length) return { template, keys: JSON.parse(found.rows[0].keys) as SeedKeys };
    const stale = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'gg\\_tpl\\_%' AND datname NOT LIKE $1`, [`gg_tpl_${sourceHash()}_%`]);
    for (const { datname } of stale.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    const building = `${template}_building`;
    await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${building}"`);
    const url = new URL(adminUrl());
    url.pathname = `/${building}`;
    const ds = await openDatabase(url.toString(), { poolSize: 4, timeouts: SETUP_TIMEOUTS });
    let keys: SeedKeys;
    try {
      const seed = (await seedDemoData(ds, { firmCount }))!;
      keys = { organisations: idsOf(seed.organisations), users: idsOf(seed.users), firmCount: seed.firmCount };
    } finally {
      await ds.destroy();
    }
    await client.query(`COMMENT ON DATABASE "${building}" IS ${literalText(JSON.stringify(keys))}`);
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    return { template, keys };
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]).catch(() => undefined);
    await client.end();
  }
}

interface SeedKeys {
  organisations: Record<string, string>;
  users: Record<string, string>;
  firmCount: number;
}

const idsOf = (m: Map<string, { id: string }>) => Object.fromEntries([...m].map(([k, v]) => [k, v.id]));
const literalText = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function seedFromKeys(ds: DataSource, keys: SeedKeys): Promise<SeedResult> {
  const byId = async <T extends { id: string }>(entity: new () => T, ids: Record<string, string>) => {
    const rows = await ds.getRepository(entity).findBy({ id: In(Object.values(ids)) } as never);
    const found = new Map(rows.map((r) => [r.id, r]));
    return new Map(Object.entries(ids).map(([k, id]) => [k, found.get(id)!]));
  };
  return { organisations: await byId(Organisation, keys.organisations), users: await byId(User, keys.users), firmCount: keys.firmCount };
}

let hashed: string | undefined;
/** A short hash of every server source file (tests excepted): migrations, entities and seeds are all in there. */
function sourceHash(): string {
  if (hashed) return hashed;
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) h.update(file).update(fs.readFileSync(file));
    }
  };
  walk(path.join(__dirname, '..'));
  return (hashed = h.digest('hex').slice(0, 12));
}

export async function createTestApp(opts: { firmCount?: number } = {}): Promise<TestApp> {
  const { template, keys } = await seededTemplate(opts.firmCount ?? 400);
  const db = await createTestDatabase({ template });
  // No statement timeouts here: a loaded CI machine must not turn a slow test into a 503 (core/outage.test.ts
  // tests the timeouts on purpose).
  const ds = await openDatabase(db.url, { poolSize: 20, timeouts: SETUP_TIMEOUTS });
  const seed = await seedFromKeys(ds, keys);
  // One app-role password for every test database of the cluster (the role is cluster-wide).
  // The dashboards' aggregate pool of its own, as in main.ts (bounded: one dashboard runs a few panels at once).
  const aggregates = createDataSource(db.url, { poolSize: 4, timeouts: SETUP_TIMEOUTS });
  await aggregates.initialize();
  registerAggregateSource(aggregates, { maxConcurrent: 4 });
  const appDs = await openAppDatabase(ds, db.url, { poolSize: 20, env: { ...process.env, APP_DB_PASSWORD: process.env.APP_DB_PASSWORD ?? 'growth_graph_app_test' } });
  const config: AppConfig = { authSecret: randomBytes(32).toString('hex') };
  const { schema } = buildAppSchema();
  const apollo = new ApolloServer<RequestContext>({
    // The app's executor (core/executor.ts), so every test runs operations as the server does.
    gateway: executorGateway(schema, compiledExecutor(schema)),
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [requestTransactionPlugin()],
  });
  await apollo.start();
  const tokens = new Map<string, string>();

  const app: TestApp = {
    ds,
    appDs,
    seed,
    config,
    async exec(query, variables, as) {
      let token = as?.token;
      if (as?.email) token = await app.tokenFor(as.email);
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (as?.apiKey) headers.authorization = `ApiKey ${as.apiKey}`;
      if (as?.organisationId) headers['x-organisation-id'] = as.organisationId;
      const contextValue = await authenticate(appDs, config, headers);
      const { result, tally } = await countQueries(() => apollo.executeOperation({ query, variables }, { contextValue }));
      if (result.body.kind !== 'single') throw new Error('incremental delivery not expected');
      return { data: (result.body.singleResult.data ?? null) as any, errors: result.body.singleResult.errors as any, queries: tally };
    },
    async tokenFor(email) {
      if (!tokens.has(email)) {
        const r = await app.exec('mutation($i: SignInInput!) { signIn(input: $i) { token userErrors { message } } }', {
          i: { email, password: DEMO_PASSWORD },
        });
        const token = r.data?.signIn?.token;
        if (!token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(r.errors ?? r.data)}`);
        tokens.set(email, token);
      }
      return tokens.get(email)!;
    },
    org(key) {
      const o = seed.organisations.get(key);
      if (!o) throw new Error(`no demo organisation ${key}`);
      return o;
    },
    async addUser(email, orgKey, role) {
      const [{ id }] = await ds.query(
        `INSERT INTO app_user (email, display_name, password_hash) SELECT $1, $1, password_hash FROM app_user ORDER BY created_at LIMIT 1 RETURNING id`,
        [email],
      );
      await ds.query('INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, $3)', [id, app.org(orgKey).id, role]);
      return id;
    },
    async close() {
      await apollo.stop();
      await appDs.destroy();
      await aggregates.destroy();
      await ds.destroy();
      await db.drop();
    },
  };
  return app;
}

/** The error codes of a result, for compact assertions. */
export const codes = (r: ExecResult<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);
