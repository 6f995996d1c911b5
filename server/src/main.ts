import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import { openAppDatabase, openDatabase } from './core/db';
import { anonymiseExpiredContactPersons } from './journeys/contact-person.retention';
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './seed/demo';

export interface ServerOptions {
  databaseUrl: string;
  port?: number;
  host?: string;
  authSecret?: string;
  clientDir?: string;
  /** Load the demo data into an empty database (default true). */
  seedDemo?: boolean;
  demoFirmCount?: number;
  /** Password of the app role (APP_DB_PASSWORD); outside production a fresh one per start when unset. */
  appDbPassword?: string;
}

/** Migrates the database, loads demo data once, and serves the API (and the built client). */
export async function startServer(opts: ServerOptions) {
  const ds = await openDatabase(opts.databaseUrl);
  if (opts.seedDemo ?? true) {
    const seeded = await seedDemoData(ds, { firmCount: opts.demoFirmCount });
    if (seeded) console.log(`Loaded demo data: ${seeded.organisations.size} organisations, ${seeded.firmCount} firms, ${seeded.users.size} users.`);
  }
  // Retention: contact persons past their date are anonymised now and then once a day.
  const retention = async () => {
    const n = await anonymiseExpiredContactPersons(ds).catch((e) => (console.error('[retention]', e), 0));
    if (n) console.log(`Retention: anonymised ${n} contact person(s) past their retention date.`);
  };
  await retention();
  const retentionTimer = setInterval(retention, 24 * 3600_000).unref();
  const authSecret = opts.authSecret ?? randomBytes(32).toString('hex');
  // Requests run as the app role (row-level security); the owner connection above is for migrations,
  // seed and background jobs only.
  const appDbPassword = opts.appDbPassword ?? process.env.APP_DB_PASSWORD ?? (process.env.NODE_ENV === 'production' ? undefined : randomBytes(18).toString('base64url'));
  const appDs = await openAppDatabase(ds, opts.databaseUrl, { env: { APP_DATABASE_URL: process.env.APP_DATABASE_URL, APP_DB_PASSWORD: appDbPassword } });
  const { server, apollo } = await createApp({ ds: appDs, config: { authSecret }, clientDir: opts.clientDir });
  const port = opts.port ?? 4000;
  await new Promise<void>((resolve) => server.listen(port, opts.host ?? '0.0.0.0', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    ds,
    appDs,
    async stop() {
      clearInterval(retentionTimer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await appDs.destroy();
      await ds.destroy();
    },
  };
}

export async function printWelcome(url: string, ds: DataSource) {
  const rows: Array<{ email: string; roles: string }> = await ds.query(
    `SELECT u.email, string_agg(m.role || ' @ ' || o.name, ', ' ORDER BY o.name) AS roles
       FROM app_user u JOIN membership m ON m.user_id = u.id JOIN organisation o ON o.id = m.organisation_id
      WHERE u.email = ANY($1) GROUP BY u.email`,
    [DEMO_USERS.map((u) => u.email)],
  );
  const roles = new Map(rows.map((r) => [r.email, r.roles]));
  console.log(`
  Growth Graph is running.
    Web client:  ${url}/
    GraphQL API: ${url}/graphql

  Sign in with any demo user, password "${DEMO_PASSWORD}":
${DEMO_USERS.map((u) => `    ${u.email.padEnd(30)} ${roles.get(u.email) ?? '(not loaded)'}`).join('\n')}
  Read-only API key (KKR Midtjylland): ${DEMO_API_KEY}
  Press Ctrl-C to stop.
`);
}

// Run directly (docker compose): everything from the environment.
if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('DATABASE_URL is not set. Use `npm start` for an embedded PostgreSQL, or point DATABASE_URL at a server.');
    process.exit(1);
  }
  if (process.env.NODE_ENV === 'production' && !process.env.AUTH_SECRET) {
    console.error('AUTH_SECRET must be set in production (tokens are signed with it).');
    process.exit(1);
  }
  startServer({
    databaseUrl,
    port: Number(process.env.PORT ?? 4000),
    authSecret: process.env.AUTH_SECRET,
    clientDir: process.env.CLIENT_DIR ?? path.resolve(__dirname, '../../client/dist'),
    seedDemo: process.env.SEED_DEMO !== 'false',
    demoFirmCount: process.env.DEMO_FIRMS ? Number(process.env.DEMO_FIRMS) : undefined,
  }).then(
    (s) => {
      void printWelcome(s.url, s.ds);
      const shutdown = () => s.stop().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
