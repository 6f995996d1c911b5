import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { AppConfig, RequestContext, withClientAddressOf } from './core/context';
import { formatError } from './core/errors';
import { compiledExecutor, executorGateway } from './core/executor';
import { healthRoutes, Lifecycle, markUnavailable } from './core/health';
import { idempotencyPlugin } from './core/idempotency';
import { checkListCost } from './core/list-bounds';
import { logger } from './core/logger';
import { rateLimiter, trustProxySetting } from './core/rate-limit';
import { applySpecStatus, finalErrorHandler, graphqlBody, notFound } from './http/http-layer';
import { leanGraphql } from './http/lean';
import { finishRequestTransaction } from './core/rls';
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
  // Armor's only plugin masks "Did you mean" in errors: folded into requestPlugin (one plugin, not six, per request).
  const { plugins: armorPlugins, ...armorRules } = protection;
  if ((armorPlugins ?? []).length !== 1) throw new Error('graphql-armor: expected only its field-suggestion plugin (see requestPlugin).');
  const apollo = new ApolloServer<RequestContext>({
    ...armorRules,
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
    plugins: [requestPlugin(schema), idempotencyPlugin(ds), ApolloServerPluginCacheControlDisabled()],
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
  const limiter = rateLimiter(ds, config); // shared across processes (core/rate-limit.ts)
  const context = async ({ req, res }: { req: Request; res: Response }) => {
    const ctx = await authenticate(ds, config, req.headers);
    // Authentication begins the transaction; a request Apollo refuses after that (400, no willSendResponse)
    // must still hand its connection back. After a normal request finish() has already run: a no-op.
    // (Only once the response went out: a client that hangs up early does not cut a mutation short.)
    res.once('close', () => {
      if (res.writableFinished) void ctx.db.finish(false).catch(() => undefined);
    });
    // req.ip parses X-Forwarded-For under TRUST_PROXY: only sign-in throttles read it, so only they pay for it.
    return withClientAddressOf(ctx, req);
  };
  // What the lean path (http/lean.ts) does not take: other methods, encoded bodies, wrong types - Express's answers.
  app.use('/graphql', limiter);
  app.use('/graphql', ...graphqlBody(), expressMiddleware(apollo, { context }));
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes all get the single page.
    app.get(/^(?!\/graphql).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }
  // Anything else: a JSON 404; any error: a JSON answer without stack or paths (see http/http-layer.ts).
  app.use(notFound);
  app.use(finalErrorHandler);
  // POST /graphql with a plain JSON body skips Express (http/lean.ts); everything else is Express's.
  const server = http.createServer(leanGraphql({ app, apollo, limiter, context }));
  return { app, server, apollo, lifecycle };
}

/**
 * The app's own per-request steps as ONE plugin with one shared listener object (issue 12: six plugins each
 * built a listener per request). willSendResponse runs its steps in order: the transaction's end first (it may
 * turn the answer into a 503 or TRANSACTION_FAILED), then the 503 of any SERVICE_UNAVAILABLE error, then the
 * spec's 200 for request errors sent as application/json.
 */
function requestPlugin(schema: GraphQLSchema): ApolloServerPlugin<RequestContext> {
  const listener: GraphQLRequestListener<RequestContext> = {
    async didResolveOperation(rc) {
      checkListCost(schema, rc);
    },
    async didEncounterErrors({ errors }) {
      // graphql-armor's block-field-suggestions (its default mask).
      for (const error of errors) (error as { message: string }).message = error.message.replace(/Did you mean ".+"/g, '[Suggestion hidden]');
    },
    async willSendResponse(rc) {
      await finishRequestTransaction(rc);
      markUnavailable(rc.response);
      applySpecStatus(rc);
    },
  };
  return { requestDidStart: async () => listener };
}
