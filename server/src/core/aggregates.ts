import type { DataSource } from 'typeorm';
import type { RequestContext } from './context';
import { ForbiddenError } from './errors';
import { logDatabaseUnavailable, ServiceUnavailableError } from './outage';

/**
 * Aggregates over other organisations' records (dashboard panels) cannot run under the caller's row-level
 * security: the policies would hide exactly the rows a regional figure counts. They run on the owner's
 * role instead - only through `aggregateQuery`, whose SQL must return aggregates (GROUP BY with
 * suppression applied by the caller, dashboards/suppression.ts), never rows. The one exception, the
 * drill-down's rows the caller may see under the journey-sharing rule, has its own entry point
 * (`visibleRowsQuery`, below), which builds the filtering statement itself. Registered once per process
 * (main.ts, testing/harness.ts) with a pool of their own (not the request pool, not the jobs' pool), so
 * dashboards cannot starve other requests of connections.
 *
 * At most `maxConcurrent` aggregate statements run at once in the process (the pool's size); the rest wait
 * here, first come first served, not in pg-pool's queue: pg-pool's wait shares `connectionTimeoutMillis`
 * with the TCP connect, which must stay short to notice a dead database, while a busy dashboard minute may
 * queue longer. A statement that waited more than `queueMs` is answered as unavailable (503) instead.
 */
export interface AggregateSourceOptions {
  /** Statements at once (give the pool at least this many connections). */
  maxConcurrent: number;
  /** Longest wait for a free slot before answering 503. */
  queueMs: number;
  /**
   * PostgreSQL work_mem of the pool's sessions: a national panel sorts ~30,000-55,000 rollup rows for its
   * distinct-firm counts, which at the default 4MB spill to disk (measured: growth work for Erhvervsstyrelsen
   * 446 -> 187 ms with 64MB). Bounded by the pool's size, so it cannot grow with the number of requests.
   */
  workMem?: string;
}

let source: DataSource | null = null;
let limits: AggregateSourceOptions = { maxConcurrent: 4, queueMs: 10_000, workMem: '32MB' };
let running = 0;
const waiting: Array<{ start: () => void; fail: (e: Error) => void; timer: NodeJS.Timeout }> = [];

export function registerAggregateSource(ds: DataSource, opts: Partial<AggregateSourceOptions> = {}): void {
  source = ds;
  limits = { ...limits, ...opts };
  const workMem = limits.workMem;
  if (workMem && /^\d+(kB|MB|GB)$/.test(workMem)) {
    // pg runs a client's queries in order: the SET goes before the first statement of every new connection.
    const pool = (ds.driver as unknown as { master?: { on(event: 'connect', fn: (c: { query(sql: string): Promise<unknown> }) => void): void } }).master;
    pool?.on('connect', (client) => void client.query(`SET work_mem = '${workMem}'`).catch(() => {}));
  }
}

/** AGGREGATE_POOL_SIZE (4), AGGREGATE_QUEUE_MS (10,000) and AGGREGATE_WORK_MEM (32MB), for main.ts. */
export function aggregateOptionsFromEnv(): AggregateSourceOptions {
  const num = (name: string, fallback: number) => {
    const n = Number(process.env[name]);
    return process.env[name] && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return { maxConcurrent: num('AGGREGATE_POOL_SIZE', 4), queueMs: num('AGGREGATE_QUEUE_MS', 10_000), workMem: process.env.AGGREGATE_WORK_MEM || '32MB' };
}

function acquire(): Promise<void> {
  if (running < limits.maxConcurrent) {
    running++;
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => {
    const item = {
      start: () => {
        clearTimeout(item.timer);
        running++;
        resolve();
      },
      fail: reject,
      timer: setTimeout(() => {
        waiting.splice(waiting.indexOf(item), 1);
        logDatabaseUnavailable('aggregate-queue-timeout', 'aggregate');
        reject(new ServiceUnavailableError('aggregate-queue-timeout'));
      }, limits.queueMs),
    };
    waiting.push(item);
  });
}

function release(): void {
  running--;
  waiting.shift()?.start();
}

/** Runs an aggregate statement for a signed-in caller or API key; refuses anonymous callers. */
export async function aggregateQuery<T = any>(ctx: RequestContext, sql: string, params: unknown[]): Promise<T[]> {
  if (!ctx.principal) throw new ForbiddenError();
  return onAggregatePool<T>(sql, params);
}

/** A statement on the aggregate pool, in its slots (aggregateQuery and visibleRowsQuery only). */
async function onAggregatePool<T>(sql: string, params: unknown[]): Promise<T[]> {
  // No silent fallback to the request's connection: under row-level security it would return a wrong (partial) figure.
  if (!source) throw new Error('No aggregate source registered (registerAggregateSource in main.ts / testing/harness.ts).');
  const ds = source;
  await acquire();
  try {
    return await ds.query(sql, params);
  } finally {
    release();
  }
}

/**
 * The one declared exception to "aggregates, never rows": the rows behind a dashboard cell that the caller may
 * see (the drill-down). `candidates` selects the cell's rows with at least `firm_id` and `owner_id` (the
 * organisation the record belongs to), over every organisation, on the aggregate pool; this statement, built
 * here and nowhere else, lets through only rows of the caller's own organisations (`own`) or passing `sharing`,
 * the journey-sharing rule over `c.firm_id` / `c.owner_id` (journeys/journey.access.ts journeyEntryVisibleSql,
 * the rule of loadGrants), with its placeholders in `params`. Of the other rows the caller learns only how many
 * there are (`inCell` - `inSight`), never which. Signed-in users only: an API key gets aggregates, never rows.
 */
export interface VisibleRowsQuery {
  candidates: string;
  params: unknown[];
  sharing: string;
  own: string[];
  /** The candidates' columns the caller gets (firm_id and owner_id among them, if it needs them). */
  columns: string[];
  /** ORDER BY of the rows returned, over `s` (the candidates' columns). */
  orderBy: string;
  limit: number;
}

/** The statement of visibleRowsQuery (exported for the tests): one row at least, `visible` null when none is visible. */
export function visibleRowsStatement(q: Pick<VisibleRowsQuery, 'candidates' | 'sharing' | 'columns' | 'orderBy' | 'limit'>, ownParam: number): string {
  if (!Number.isInteger(q.limit) || q.limit < 1) throw new Error('visibleRowsStatement: limit must be a positive integer.');
  const cols = q.columns.map((c) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(c) || ['in_cell', 'in_sight', 'visible'].includes(c)) throw new Error(`visibleRowsStatement: bad column ${c}`);
    return `s.${c}`;
  });
  return `WITH c AS MATERIALIZED (${q.candidates}),
s AS MATERIALIZED (SELECT c.*, (c.owner_id = ANY($${ownParam}::uuid[]) OR ${q.sharing}) AS in_sight FROM c),
n AS (SELECT count(*)::int AS in_cell, (count(*) FILTER (WHERE s.in_sight))::int AS in_sight FROM s)
SELECT n.in_cell, n.in_sight, v.* FROM n LEFT JOIN LATERAL (
  SELECT true AS visible, ${cols.join(', ')} FROM s WHERE s.in_sight ORDER BY ${q.orderBy} LIMIT ${q.limit}) v ON true`;
}

export async function visibleRowsQuery<T extends object>(ctx: RequestContext, q: VisibleRowsQuery): Promise<{ inCell: number; inSight: number; rows: T[] }> {
  if (ctx.principal?.kind !== 'user') throw new ForbiddenError();
  const found: Array<{ in_cell: number; in_sight: number; visible: boolean | null } & Record<string, unknown>> = await onAggregatePool(
    visibleRowsStatement(q, q.params.length + 1), [...q.params, q.own]);
  const rows = found.filter((r) => r.visible).map(({ in_cell: _c, in_sight: _s, visible: _v, ...row }) => row as T);
  return { inCell: found[0]?.in_cell ?? 0, inSight: found[0]?.in_sight ?? 0, rows };
}

/**
 * Runs `tasks` with at most `concurrency` of them at once (one dashboard's panels: its share of the
 * aggregate pool), results in the order of `tasks`. After the first failure no further task starts, and
 * the failure is thrown once those already running have ended (none is left running behind the answer).
 */
export async function runBounded<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failure: { e: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]();
      } catch (e) {
        failure ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
  if (failure) throw (failure as { e: unknown }).e;
  return results;
}
