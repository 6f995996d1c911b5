import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { API_KEY_PREFIX, verifySessionToken } from '../identity/tokens';
import type { AppConfig } from './context';
import { logger, logRateLimited, serializeError } from './logger';

/**
 * Fixed-window counters in PostgreSQL (table `rate_limit_counter`), so every API process on one
 * database counts the same hits. `countHits` (one statement per call) is what the sign-in throttle uses;
 * the request limiter counts in memory and shares its counts in the background (SharedRateCounts below).
 */
export interface Hit {
  key: string;
  hits: number;
  /** Seconds until the key's window ends (at least 1). */
  retryAfter: number;
}

/**
 * Counts one hit on each key (a fresh window of `windowSeconds` starts when the old one has ended).
 * Keys are upserted in sorted order so that two requests sharing keys cannot deadlock.
 */
// A DataSource only, never a transaction's EntityManager: the statement turns synchronous_commit off for its
// transaction, which inside a mutation's transaction would make that mutation's commit non-durable too.
export async function countHits(db: DataSource, keys: string[], windowSeconds: number): Promise<Hit[]> {
  if (keys.length === 0) return [];
  const rows: Array<{ key: string; hits: number; retry_after: number }> = await db.query(
    // synchronous_commit off for this statement's own (implicit) transaction only: the request does not wait
    // for a WAL flush per hit. A crash can lose the last few counts, which only hands out a few extra
    // requests (or sign-in guesses) in that window - harmless for a limiter; every other write stays durable.
    `INSERT INTO rate_limit_counter AS c (key, hits, window_ends_at)
     SELECT k, 1, now() + make_interval(secs => $2)
       FROM unnest($1::text[]) AS k CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit ORDER BY k
     ON CONFLICT (key) DO UPDATE
        SET hits = CASE WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END,
            window_ends_at = CASE WHEN c.window_ends_at <= now() THEN excluded.window_ends_at ELSE c.window_ends_at END
     RETURNING key, hits, greatest(1, ceil(extract(epoch FROM window_ends_at - now())))::int AS retry_after`,
    [[...new Set(keys)].sort(), windowSeconds],
  );
  return rows.map((r) => ({ key: r.key, hits: r.hits, retryAfter: r.retry_after }));
}

/** The current counts of keys whose window has not ended (nothing is counted). */
export async function peekHits(db: DataSource | EntityManager, keys: string[]): Promise<Hit[]> {
  if (keys.length === 0) return [];
  const rows: Array<{ key: string; hits: number; retry_after: number }> = await db.query(
    `SELECT key, hits, greatest(1, ceil(extract(epoch FROM window_ends_at - now())))::int AS retry_after
       FROM rate_limit_counter WHERE key = ANY($1::text[]) AND window_ends_at > now()`,
    [keys],
  );
  return rows.map((r) => ({ key: r.key, hits: r.hits, retryAfter: r.retry_after }));
}

export async function resetHits(db: DataSource | EntityManager, keys: string[]): Promise<void> {
  if (keys.length) await db.query('DELETE FROM rate_limit_counter WHERE key = ANY($1::text[])', [keys]);
}

/** Hashed, so the table holds no e-mail addresses or credentials (personal data stays out of it). */
export const hashedKey = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;

/**
 * The budget a client address counts against: an IPv4 address itself; for IPv6 its /64 network, since
 * one home or office gets a whole /64 and could otherwise rotate through fresh addresses.
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head, tail] = ip.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number >= 0 (got "${raw}").`);
  return n;
};

export interface RateLimitSettings {
  windowSeconds: number;
  /** Requests per window from one client address; 0 = no limit. */
  perAddress: number;
  /** Requests per window by one account (session user or API key), from any address; 0 = no limit. */
  perAccount: number;
  /** How often this process adds its counts to the shared ones in PostgreSQL and reads theirs back (ms). */
  syncMs: number;
  /** Most keys (addresses, accounts) one process tracks at a time; bounds the limiter's memory. */
  maxKeys: number;
}

/**
 * Defaults, with the users in mind: a municipal business office or a growth house of 50-150 staff behind
 * one NAT address, each clicking through firms and journeys (a page is a few requests, typing in the firm
 * finder one per pause), stays far below 6000/min (100/s) per address. The busiest person, or a BI tool's
 * refresh paging through every firm with an API key (100,000 firms at first: 100 is 1000 requests), stays
 * below 3000/min (50/s) per account. A runaway script at a few hundred requests a second is stopped within
 * seconds by either.
 */
export function rateLimitSettingsFromEnv(): RateLimitSettings {
  return {
    windowSeconds: Math.max(1, envInt('RATE_LIMIT_WINDOW_SECONDS', 60)),
    perAddress: envInt('RATE_LIMIT_PER_ADDRESS', 6000),
    perAccount: envInt('RATE_LIMIT_PER_ACCOUNT', 3000),
    syncMs: Math.max(10, envInt('RATE_LIMIT_SYNC_MS', 250)),
    maxKeys: Math.max(100, envInt('RATE_LIMIT_MAX_KEYS', 50_000)),
  };
}

/**
 * Express's `trust proxy` from TRUST_PROXY: unset = trust no proxy (the socket address is the client);
 * a number = that many proxies in front (docker compose: 1, the client's nginx); otherwise a list of
 * addresses/subnets as Express takes it (e.g. "loopback, uniquelocal"). Without it, every client behind
 * the proxy would share the proxy's address and its budget.
 */
export function trustProxySetting(): boolean | number | string {
  const raw = process.env.TRUST_PROXY?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** Which account a request claims to be, from its credentials, without a database round trip. */
function accountKey(config: AppConfig, authorization: string | undefined): string | null {
  const [scheme, credential] = (authorization ?? '').split(' ', 2);
  if (!credential) return null;
  if (/^apikey$/i.test(scheme) || credential.startsWith(API_KEY_PREFIX)) return hashedKey('rl:key', credential);
  if (!/^bearer$/i.test(scheme)) return null;
  // Only a token this server signed names an account; a forged one is counted by address alone.
  const claims = verifySessionToken(config.authSecret, credential);
  return claims?.sub ? `rl:user:${claims.sub}` : null;
}

export function rateLimitedBody(message: string, retryAfter: number, limit: string) {
  return { errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit } }] };
}

interface Counter {
  /** When this key's window ends (ms since the epoch); the shared window's end once a sync has seen it. */
  windowEndsAt: number;
  /** The shared total at the last sync (every process's hits, this one's synced hits included). */
  known: number;
  /** Hits counted here and not yet added to the shared total. */
  unsynced: number;
  lastHitAt: number;
}

/** After a failed sync the limiter decides from memory alone for this long before trying again. */
const SYNC_PAUSE_MS = 5_000;
/** Keys without a hit for this long are no longer read back (their counts only matter on a next hit). */
const REFRESH_IDLE_MS = 10_000;
/** How long a stop waits for the last sync; a hung database must not hold the exit. */
const FINAL_SYNC_MS = 1_000;

const running = new Map<DataSource, Set<SharedRateCounts>>();

/**
 * Fixed-window request counts per key, kept in this process's memory and shared with the other API
 * processes on the database through `rate_limit_counter` in the background: every `syncMs` one statement
 * adds this process's new hits for all keys touched and reads back the shared totals (for keys hit in the
 * last seconds). A request is decided from the last-known shared total plus this process's own hits since,
 * so it never waits for the database: the limit may be passed by what other processes counted within one
 * interval, which for a limit of thousands a minute is a handful of requests.
 *
 * The counts are not confirmed writes: on a crash this process's hits of the last interval are lost (the
 * client gets those few requests extra). Memory is bounded: ended windows are dropped at each sync and at
 * most `maxKeys` keys are tracked (the oldest go first; a dropped key starts over from the shared count).
 */
export class SharedRateCounts {
  private readonly counters = new Map<string, Counter>();
  private readonly timer: NodeJS.Timeout;
  private syncing: Promise<void> | null = null;
  private pausedUntil = 0;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly settings: Pick<RateLimitSettings, 'windowSeconds' | 'syncMs' | 'maxKeys'>,
  ) {
    this.timer = setInterval(() => {
      if (!this.ds.isInitialized) return void this.stop();
      if (!this.syncing && Date.now() >= this.pausedUntil) void this.sync();
    }, settings.syncMs);
    this.timer.unref(); // never what keeps the process alive
    if (!running.has(ds)) running.set(ds, new Set());
    running.get(ds)!.add(this);
  }

  /** Counts one hit on `key`: the key's hits in its window so far (all processes, as far as known) and seconds left. */
  hit(key: string, now = Date.now()): { hits: number; retryAfter: number } {
    let c = this.counters.get(key);
    if (c && c.windowEndsAt <= now) {
      this.counters.delete(key); // the window has ended: its unsynced hits belong to it and are dropped with it
      c = undefined;
    }
    if (!c) {
      if (this.counters.size >= this.settings.maxKeys) this.makeRoom(now);
      c = { windowEndsAt: now + this.settings.windowSeconds * 1000, known: 0, unsynced: 0, lastHitAt: now };
      this.counters.set(key, c);
    }
    c.unsynced++;
    c.lastHitAt = now;
    return { hits: c.known + c.unsynced, retryAfter: Math.max(1, Math.ceil((c.windowEndsAt - now) / 1000)) };
  }

  get trackedKeys(): number {
    return this.counters.size;
  }

  private makeRoom(now: number) {
    for (const [key, c] of this.counters) if (c.windowEndsAt <= now) this.counters.delete(key);
    // Still full: the oldest tenth goes (Map order is insertion order, and a new window re-inserts its key).
    let drop = this.counters.size - this.settings.maxKeys + Math.ceil(this.settings.maxKeys / 10);
    for (const key of this.counters.keys()) {
      if (drop-- <= 0) break;
      this.counters.delete(key);
    }
  }

  /**
   * One statement: adds the new hits of every key touched since the last sync (a fresh window where the
   * shared one has ended) and reads back the shared totals of keys hit lately. Never throws: on failure the
   * hits stay unsynced for the next try, the limiter decides from memory meanwhile, and it is logged once.
   */
  sync(): Promise<void> {
    if (this.syncing) return this.syncing;
    const run = this.syncOnce().finally(() => (this.syncing = null));
    this.syncing = run;
    return run;
  }

  private async syncOnce(): Promise<void> {
    const now = Date.now();
    const sent = new Map<string, { counter: Counter; delta: number }>();
    for (const [key, c] of this.counters) {
      if (c.windowEndsAt <= now) this.counters.delete(key);
      else if (c.unsynced > 0 || now - c.lastHitAt < REFRESH_IDLE_MS) sent.set(key, { counter: c, delta: c.unsynced });
    }
    if (sent.size === 0 || !this.ds.isInitialized) return;
    const keys = [...sent.keys()].sort(); // upserted in key order, so two processes' syncs cannot deadlock
    try {
      const rows: Array<{ key: string; hits: number; ms_left: number }> = await this.ds.query(
        // synchronous_commit off for this statement's own transaction only (as countHits): the counts are not
        // worth a WAL flush; a crash loses at most the last interval's hits.
        `WITH d AS (SELECT * FROM unnest($1::text[], $2::int[]) AS d(key, delta)),
         up AS (
           INSERT INTO rate_limit_counter AS c (key, hits, window_ends_at)
           SELECT d.key, d.delta, now() + make_interval(secs => $3)
             FROM d CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
            WHERE d.delta > 0 ORDER BY d.key
           ON CONFLICT (key) DO UPDATE
              SET hits = CASE WHEN c.window_ends_at <= now() THEN excluded.hits ELSE c.hits + excluded.hits END,
                  window_ends_at = CASE WHEN c.window_ends_at <= now() THEN excluded.window_ends_at ELSE c.window_ends_at END
           RETURNING c.key, c.hits, c.window_ends_at)
         SELECT key, hits, (extract(epoch FROM window_ends_at - now()) * 1000)::int AS ms_left FROM up
         UNION ALL
         SELECT c.key, c.hits, (extract(epoch FROM c.window_ends_at - now()) * 1000)::int
           FROM rate_limit_counter c JOIN d ON d.key = c.key
          WHERE d.delta = 0 AND c.window_ends_at > now()`,
        [keys, keys.map((k) => sent.get(k)!.delta), this.settings.windowSeconds],
      );
      const at = Date.now();
      for (const row of rows) {
        const s = sent.get(row.key);
        // Skipped when the key's window ended here meanwhile (a new counter has taken its place).
        if (!s || this.counters.get(row.key) !== s.counter) continue;
        s.counter.known = row.hits;
        s.counter.unsynced -= s.delta; // hits counted while the statement ran stay for the next sync
        s.counter.windowEndsAt = at + row.ms_left; // the shared window, so all processes agree on Retry-After
      }
      if (this.failing) logger.info('Rate-limit counters are shared again');
      this.failing = false;
    } catch (e) {
      this.pausedUntil = Date.now() + SYNC_PAUSE_MS;
      if (!this.failing) {
        logRateLimited('rate-limit-unavailable', 'warn', { err: serializeError(e) }, 'Rate-limit counters cannot be shared: limiting from this process\'s counts until the database answers');
      }
      this.failing = true;
    }
  }

  /** Stops the timer and shares the last hits (bounded wait: a hung database does not hold a shutdown). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    const onDs = running.get(this.ds);
    onDs?.delete(this);
    if (onDs?.size === 0) running.delete(this.ds); // no reference to a closed pool is kept
    if (!this.ds.isInitialized) return;
    const last = (async () => {
      await this.syncing;
      await this.sync();
    })();
    await Promise.race([last, new Promise((r) => setTimeout(r, FINAL_SYNC_MS).unref())]);
  }
}

/** Shares the request counts of every limiter on `ds` now (tests; normally the timer does it). */
export async function syncRateLimits(ds: DataSource): Promise<void> {
  await Promise.all([...(running.get(ds) ?? [])].map((c) => c.sync()));
}

/** Shutdown (main.ts): stops the limiters' syncs on `ds` after sharing their last counts. */
export async function stopRateLimitSync(ds: DataSource): Promise<void> {
  await Promise.all([...(running.get(ds) ?? [])].map((c) => c.stop()));
}

/**
 * Per-address and per-account request limits for /graphql: over either, HTTP 429 with `Retry-After` and
 * a GraphQL-shaped body (`extensions.code` RATE_LIMITED). Decided in memory (SharedRateCounts): no
 * database round trip on a request's path.
 *
 * Fails OPEN, deliberately: when the shared counts cannot be reached (database down or hung), requests are
 * limited by this process's own counts only, and a request's own database work gets the outage answer (503)
 * instead of the limiter inventing a 500.
 */
export function rateLimiter(ds: DataSource, config: AppConfig, settings: RateLimitSettings = rateLimitSettingsFromEnv()): RequestHandler {
  const counts = settings.perAddress > 0 || settings.perAccount > 0 ? new SharedRateCounts(ds, settings) : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!counts || req.method === 'OPTIONS') return next();
    const now = Date.now();
    let over: { retryAfter: number; what: string } | null = null;
    const address = req.ip ?? req.socket.remoteAddress;
    if (settings.perAddress > 0 && address) {
      const h = counts.hit(`rl:addr:${addressBucket(address)}`, now);
      if (h.hits > settings.perAddress) over = { retryAfter: h.retryAfter, what: 'address' };
    }
    const account = settings.perAccount > 0 ? accountKey(config, req.headers.authorization) : null;
    if (account) {
      const h = counts.hit(account, now);
      if (h.hits > settings.perAccount && (!over || h.retryAfter > over.retryAfter)) over = { retryAfter: h.retryAfter, what: 'account' };
    }
    if (!over) return next();
    res.status(429).set('Retry-After', String(over.retryAfter)).json(
      rateLimitedBody(`Too many requests ${over.what === 'address' ? 'from this address' : 'for this account'}. Try again in ${over.retryAfter} seconds.`, over.retryAfter, over.what),
    );
  };
}
