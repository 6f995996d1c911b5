import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { AppConfig, RequestContext } from './core/context';
import { formatError } from './core/errors';
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
    // A fragment costs what its fields cost (by default a spread counts as one more level of depth, which
    // refused ordinary client queries written with fragments).
    costLimit: { maxCost: 50000, flattenFragments: true },
    maxAliases: { n: 15 },
    maxTokens: { n: 2000 },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<RequestContext>({
    ...protection,
    // Each request's one transaction is committed before its response goes out.
    plugins: [...(protection.plugins ?? []), requestTransactionPlugin()],
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    introspection: process.env.NODE_ENV !== 'production',
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ req }) => authenticate(ds, config, req.headers) }),
  );
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes all get the single page.
    app.get(/^(?!\/graphql).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }
  const server = http.createServer(app);
  return { app, server, apollo };
}
