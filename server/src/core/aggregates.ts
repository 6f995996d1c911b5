import type { DataSource } from 'typeorm';
import type { RequestContext } from './context';
import { ForbiddenError } from './errors';
import { logDatabaseUnavailable, ServiceUnavailableError } from './outage';

/**
 * Aggregates over other organisations' records (dashboard panels) cannot run under the caller's row-level
 * security: the policies would hide exactly the rows a regional figure counts. They run on the owner's
 * role instead - only through `aggregateQuery`, whose SQL must return aggregates (GROUP BY with
 * suppression applied by the caller, dashboards/suppression.ts), never rows. Registered once per process
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
