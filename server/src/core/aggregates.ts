import type { DataSource } from 'typeorm';
import type { RequestContext } from './context';
import { ForbiddenError } from './errors';

/**
 * Aggregates over other organisations' records (dashboard panels) cannot run under the caller's row-level
 * security: the policies would hide exactly the rows a regional figure counts. They run on the owner's
 * pool instead - only through `aggregateQuery`, whose SQL must return aggregates (GROUP BY with
 * suppression applied by the caller, dashboards/suppression.ts), never rows. Registered once per process
 * (main.ts, testing/harness.ts).
 */
let source: DataSource | null = null;

export function registerAggregateSource(ds: DataSource): void {
  source = ds;
}

/** Runs an aggregate statement for a signed-in caller or API key; refuses anonymous callers. */
export async function aggregateQuery<T = any>(ctx: RequestContext, sql: string, params: unknown[]): Promise<T[]> {
  if (!ctx.principal) throw new ForbiddenError();
  // No silent fallback to the request's connection: under row-level security it would return a wrong (partial) figure.
  if (!source) throw new Error('No aggregate source registered (registerAggregateSource in main.ts / testing/harness.ts).');
  return source.query(sql, params);
}
