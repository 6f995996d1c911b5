import { Client } from 'pg';
import { RunningServer, ServerOptions, startServer } from '../main';
import { FaultProxy } from './fault-proxy';
import { createTestDatabase } from './harness';

/**
 * The real server over HTTP on a fresh test database, reached through a fault proxy (testing/fault-proxy.ts)
 * that can refuse or black-hole on demand, plus a direct connection beside the proxy (locks, counts).
 * Shared by the outage tests (core/outage.test.ts, dashboards/dashboard.outage.test.ts).
 */
export interface OutageServer {
  server: RunningServer;
  proxy: FaultProxy;
  db: { url: string; drop: () => Promise<void> };
  /** Straight to PostgreSQL, not through the proxy; errors (e.g. a terminated backend) are ignored. */
  direct: Client;
  close(): Promise<void>;
}

export async function startOutageServer(opts: Partial<ServerOptions> = {}): Promise<OutageServer> {
  const db = await createTestDatabase();
  const u = new URL(db.url);
  const proxy = await FaultProxy.start({ host: u.hostname, port: Number(u.port) });
  const server = await startServer({
    databaseUrl: proxy.rewrite(db.url),
    port: 0,
    host: '127.0.0.1',
    demoFirmCount: 30,
    // Short limits so the tests are quick; production defaults are seconds (core/db.ts).
    dbTimeouts: { connectMs: 600, statementMs: 400, queryMs: 900 },
    shutdownGraceMs: 2000,
    ...opts,
  });
  const direct = new Client({ connectionString: db.url });
  direct.on('error', () => {});
  await direct.connect();
  return {
    server,
    proxy,
    db,
    direct,
    async close() {
      await proxy.up();
      await server.stop();
      await direct.end();
      await proxy.close();
      await db.drop();
    },
  };
}
