import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { API_KEY_PREFIX, verifySessionToken } from '../identity/tokens';
import type { AppConfig } from './context';
import { logRateLimited, serializeError } from './logger';

/**
 * Fixed-window counters in PostgreSQL (table `rate_limit_counter`), so every API process on one
 * database counts the same hits. One statement counts a request against all its keys at once.
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
}

/**
 * Defaults are far above what one person, the test suites or the browser tests do (an office behind one
 * NAT address shares the per-address budget), and low enough to stop a runaway script.
 */
export function rateLimitSettingsFromEnv(): RateLimitSettings {
  return {
    windowSeconds: Math.max(1, envInt('RATE_LIMIT_WINDOW_SECONDS', 60)),
    perAddress: envInt('RATE_LIMIT_PER_ADDRESS', 3000),
    perAccount: envInt('RATE_LIMIT_PER_ACCOUNT', 1200),
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

/**
 * Per-address and per-account request limits for /graphql: over either, HTTP 429 with `Retry-After` and
 * a GraphQL-shaped body (`extensions.code` RATE_LIMITED).
 *
 * Fails OPEN, deliberately: when the counters cannot be written (database down or hung), the request goes
 * on, and its own database work gets the outage answer (503) instead of the limiter inventing a 500.
 * After such a failure the limiter stands aside for a few seconds, so a hung database does not make
 * every request wait for two timeouts, and the failure is logged once per pause, not per request.
 */
export function rateLimiter(ds: DataSource, config: AppConfig, settings: RateLimitSettings = rateLimitSettingsFromEnv()): RequestHandler {
  let standAsideUntil = 0;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS' || Date.now() < standAsideUntil) return next();
    const limits = new Map<string, { max: number; what: string }>();
    const address = req.ip ?? req.socket.remoteAddress;
    if (settings.perAddress > 0 && address) limits.set(`rl:addr:${addressBucket(address)}`, { max: settings.perAddress, what: 'address' });
    const account = settings.perAccount > 0 ? accountKey(config, req.headers.authorization) : null;
    if (account) limits.set(account, { max: settings.perAccount, what: 'account' });
    if (limits.size === 0) return next();
    countHits(ds, [...limits.keys()], settings.windowSeconds).then(
      (hits) => {
        const over = hits.filter((h) => h.hits > limits.get(h.key)!.max).sort((a, b) => b.retryAfter - a.retryAfter)[0];
        if (!over) return next();
        const what = limits.get(over.key)!.what;
        res.status(429).set('Retry-After', String(over.retryAfter)).json(
          rateLimitedBody(`Too many requests ${what === 'address' ? 'from this address' : 'for this account'}. Try again in ${over.retryAfter} seconds.`, over.retryAfter, what),
        );
      },
      (e) => {
        standAsideUntil = Date.now() + 5_000;
        logRateLimited('rate-limit-unavailable', 'warn', { err: serializeError(e) }, 'Rate-limit counters unavailable: letting requests through for 5 s');
        next();
      },
    );
  };
}
