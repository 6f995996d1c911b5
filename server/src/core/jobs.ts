import type { DataSource } from 'typeorm';
import { deleteExpiredIdempotencyKeys } from './idempotency';
import { logger, logRateLimited, serializeError } from './logger';

/**
 * Periodic jobs that must run once per interval across ALL API processes on one database (not once per
 * process). Each process checks every few minutes; the first to claim a due job in `scheduled_job` runs
 * it. The claim is one atomic upsert, so two processes checking at the same moment cannot both win. A
 * failed run is made due again at once (any process retries it at its next check); a process that dies
 * mid-run leaves the job claimed until the interval has passed.
 */
export interface ScheduledJob {
  name: string;
  everySeconds: number;
  /** Returns a line for the log, or nothing when there was nothing to do. */
  run: (ds: DataSource) => Promise<string | void>;
}

const CHECK_EVERY_MS = 5 * 60_000;

/** Runs the job if it is due and this process claims it. Returns whether it ran. */
export async function runIfDue(ds: DataSource, job: ScheduledJob): Promise<boolean> {
  const claimed: unknown[] = await ds.query(
    `INSERT INTO scheduled_job AS j (name, last_started_at, runs) VALUES ($1, now(), 1)
     ON CONFLICT (name) DO UPDATE SET last_started_at = now(), runs = j.runs + 1
      WHERE j.last_started_at <= now() - make_interval(secs => $2)
     RETURNING 1`,
    [job.name, job.everySeconds],
  );
  if (claimed.length === 0) return false;
  try {
    const line = await job.run(ds);
    if (line) logger.info({ job: job.name }, line);
    await ds.query('UPDATE scheduled_job SET last_finished_at = now() WHERE name = $1', [job.name]);
  } catch (e) {
    logger.error({ job: job.name, err: serializeError(e) }, 'Job failed; it will be retried');
    await ds.query(`UPDATE scheduled_job SET last_started_at = '-infinity' WHERE name = $1`, [job.name]).catch(() => undefined);
  }
  return true;
}

/** Checks every job now and then every few minutes. `stop()` clears the timer (it never keeps Node alive). */
export function scheduleJobs(ds: DataSource, jobs: ScheduledJob[], checkEveryMs = CHECK_EVERY_MS) {
  let running: Promise<unknown> = Promise.resolve();
  const check = () =>
    (running = running.then(() =>
      Promise.all(jobs.map((j) => runIfDue(ds, j).catch((e) => logRateLimited(`jobs:${j.name}`, 'error', { job: j.name, err: serializeError(e) }, 'Cannot check a job')))),
    ));
  const timer = setInterval(check, checkEveryMs).unref();
  return {
    /** Resolves when the first check (at start-up) is done. */
    firstCheck: check(),
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}

/** Deletes idempotency keys past their 24 hours and rate-limit windows that have ended. */
export const expiredStateCleanupJob: ScheduledJob = {
  name: 'expired-state-cleanup',
  everySeconds: 3600,
  async run(ds) {
    const keys = await deleteExpiredIdempotencyKeys(ds);
    const [, windows] = await ds.query(`DELETE FROM rate_limit_counter WHERE window_ends_at < now() - interval '1 minute'`);
    if (keys || windows) return `Cleanup: deleted ${keys} expired idempotency key(s) and ${windows ?? 0} ended rate-limit window(s).`;
  },
};
