import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { AppConfig, RequestContext } from './core/context';
import { formatError } from './core/errors';
import { compiledExecutor, executorGateway } from './core/executor';
import { availabilityPlugin, healthRoutes, Lifecycle } from './core/health';
import { idempotencyPlugin } from './core/idempotency';
import { listCostPlugin } from './core/list-bounds';
import { logger } from './core/logger';
import { rateLimiter, trustProxySetting } from './core/rate-limit';
import { finalErrorHandler, graphqlBody, notFound, specStatusPlugin } from './http/http-layer';
import { requestTransactionPlugin } from './core/rls';
import { authenticate } from './identity/authenticate';
import { buildAppSchema } from './schema';

export interface AppOptions {
  /** The app role's pool (row-level security applies), never the owner's. */
  ds: DataSource;
  config: AppConfig;
  /** Built web client to serve at `/` (client/dist), if present. */
  clientDir?: string;
}

/** Express app with the GraphQL API at /graphql and the web client at /. */
export async function createApp({ ds, config, clientDir }: AppOptions) {
  const { schema } = buildAppSchema();
  const armor = new ApolloArmor({
    // Nested graph queries (organisation -> relationships -> organisation -> firms -> edges -> node) need depth.
    maxDepth: { n: 12 },
    // armor's cost rule cannot see types (a list without `first` counted as one object): core/list-bounds.ts
    // counts what a response can hold, lists and caps included, with the request's variables.
    costLimit: { enabled: false },
    maxAliases: { n: 15 },
    // armor's token limit parses the query once more inside a plugin hook, where a syntax error became a
    // 500: graphql-js' own `maxTokens` (parseOptions below) gives the same limit as a proper 400 syntax error.
    maxTokens: { enabled: false },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<RequestContext>({
    ...protection,
    parseOptions: { maxTokens: 2000 },
    // Compact JSON: Apollo's default indents every response, which multiplied the bytes (and the write cost) of nested reads.
    stringifyResult: (value) => JSON.stringify(value),
    // Operations run compiled (graphql-jit, core/executor.ts) rather than interpreted by graphql-js.
    gateway: executorGateway(schema, compiledExecutor(schema)),
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    // GRAPHQL_INTROSPECTION=true|false; else on outside production (npm start turns it on: a local tool's schema reader).
    introspection: process.env.GRAPHQL_INTROSPECTION ? process.env.GRAPHQL_INTROSPECTION === 'true' : process.env.NODE_ENV !== 'production',
    // Each request's one transaction is committed before its response goes out (core/rls.ts).
    // The cache-control plugin runs per field (~0.8 us of ~1.3 us per plain field) and no cache hints are set anywhere.
    plugins: [...(protection.plugins ?? []), listCostPlugin(schema), specStatusPlugin, availabilityPlugin(), requestTransactionPlugin(), idempotencyPlugin(ds), ApolloServerPluginCacheControlDisabled()],
    // main.ts drains requests on SIGTERM/SIGINT; Apollo's own handler would stop it mid-drain.
    stopOnTerminationSignals: false,
    logger: logger.child({ component: 'apollo' }),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // No ETag on API answers: res.send hashed every response body (100 kB for a nested read) for a header
  // nothing uses on POST. express.static keeps its own ETags for the client's files.
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting()); // req.ip = the client, not the proxy (TRUST_PROXY)
  const lifecycle: Lifecycle = { draining: false };
  healthRoutes(app, ds, lifecycle);
  app.use('/graphql', rateLimiter(ds, config)); // shared across processes (core/rate-limit.ts)
  app.use(
    '/graphql',
    ...graphqlBody(),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const ctx = await authenticate(ds, config, req.headers);
        // Authentication begins the transaction; a request Apollo refuses after that (400, no willSendResponse)
        // must still hand its connection back. After a normal request finish() has already run: a no-op.
        // (Only once the response went out: a client that hangs up early does not cut a mutation short.)
        res.once('close', () => {
          if (res.writableFinished) void ctx.db.finish(false).catch(() => undefined);
        });
        // req.ip parses X-Forwarded-For under TRUST_PROXY: only sign-in throttles read it, so only they pay for it.
        return Object.defineProperty(ctx, 'clientAddress', { get: () => req.ip ?? null, enumerable: true, configurable: true });
      },
    }),
  );
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes all get the single page.
    app.get(/^(?!\/graphql).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }
  // Anything else: a JSON 404; any error: a JSON answer without stack or paths (see http/http-layer.ts).
  app.use(notFound);
  app.use(finalErrorHandler);
  const server = http.createServer(app);
  return { app, server, apollo, lifecycle };
}
