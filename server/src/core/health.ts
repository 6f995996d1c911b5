import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { checkDatabase } from './db';
import { logRateLimited } from './logger';
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE } from './outage';

/** Shared with main.ts: while draining for shutdown, /readyz says so (load balancers stop sending). */
export interface Lifecycle {
  draining: boolean;
}

/** READY_TIMEOUT_MS: how long /readyz waits for `SELECT 1` (default 2000). */
const readyTimeoutMs = () => Number(process.env.READY_TIMEOUT_MS ?? 2000);

/**
 * `/healthz`: the process is alive and serving HTTP (never touches the database - a restart would not
 * fix an outage). `/readyz`: the database answers within a short timeout; 503 with Retry-After when not.
 */
export function healthRoutes(app: Express, ds: DataSource, lifecycle: Lifecycle): void {
  app.get('/healthz', (_req, res) => void res.set('cache-control', 'no-store').json({ ok: true }));
  app.get('/readyz', async (_req, res) => {
    res.set('cache-control', 'no-store');
    if (lifecycle.draining) {
      res.status(503).set('retry-after', String(RETRY_AFTER_SECONDS)).json({ ok: false, database: 'unknown', reason: 'shutting-down' });
      return;
    }
    const r = await checkDatabase(ds, readyTimeoutMs());
    if (r.ok) {
      res.json({ ok: true, database: 'up' });
      return;
    }
    logRateLimited(`readyz:${r.reason}`, 'warn', { reason: r.reason }, 'Not ready: database unreachable');
    res.status(503).set('retry-after', String(RETRY_AFTER_SECONDS)).json({ ok: false, database: 'down', reason: r.reason });
  });
}

/**
 * Any error coded SERVICE_UNAVAILABLE (formatError gives database failures that code) makes the whole
 * response HTTP 503 with Retry-After. Errors thrown before the request pipeline (the context function)
 * carry the same status in their `http` extension (ServiceUnavailableError).
 */
export function availabilityPlugin(): ApolloServerPlugin {
  const listener = { willSendResponse: async ({ response }: { response: GraphQLResponse }) => markUnavailable(response) };
  return { requestDidStart: async () => listener };
}

/** availabilityPlugin's step (also called from the app's folded request plugin). */
export function markUnavailable(response: GraphQLResponse): void {
  const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
  if (!errors?.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE)) return;
  response.http.status = 503;
  response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
}
