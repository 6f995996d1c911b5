import type { DataSource, EntityManager } from 'typeorm';
import { addressBucket, countHits, hashedKey, peekHits, resetHits } from '../core/rate-limit';

/**
 * Slows down password guessing: after `maxPerEmail` failed sign-ins for one e-mail address, or
 * `maxPerAddress` failed sign-ins from one client address (any e-mail), within the window (counted from
 * the first failure), further attempts are refused until the window has passed - right password or not.
 * Unknown and known e-mail addresses are treated alike, so a lock reveals nothing about which accounts exist.
 *
 * The counts live in PostgreSQL (`rate_limit_counter`, keys hashed), so all API processes on one
 * database share them. Use the DataSource, never the mutation's transaction: a failed sign-in rolls its
 * transaction back, and the failure must still count. If the database cannot be reached the error is
 * thrown (fail closed: no password is checked unthrottled) and the request gets the outage answer.
 */
export interface SignInThrottleSettings {
  maxPerEmail: number;
  maxPerAddress: number;
  windowSeconds: number;
}

const envInt = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return process.env[name] && Number.isInteger(n) && n > 0 ? n : fallback;
};

export const settingsFromEnv = (): SignInThrottleSettings => ({
  maxPerEmail: envInt('SIGN_IN_MAX_FAILURES_PER_EMAIL', 10),
  // An office behind one NAT address has many people who mistype; a guessing script has more.
  maxPerAddress: envInt('SIGN_IN_MAX_FAILURES_PER_ADDRESS', 100),
  windowSeconds: envInt('SIGN_IN_WINDOW_SECONDS', 15 * 60),
});

export interface Lock {
  /** Which limit is reached. */
  reason: 'email' | 'address';
  /** Milliseconds until it may try again. */
  waitMs: number;
}

export class SignInThrottle {
  /** Without fixed settings, the environment is read on each use (so tests and operators can change it). */
  constructor(private readonly fixed?: SignInThrottleSettings) {}

  get settings(): SignInThrottleSettings {
    return this.fixed ?? settingsFromEnv();
  }

  private keys(email: string, address: string | null | undefined) {
    return { email: hashedKey('signin:email', email), address: address ? hashedKey('signin:addr', addressBucket(address)) : null };
  }

  /** The lock in force for this e-mail or client address, or null when it may try now. One statement. */
  async lockedFor(db: DataSource | EntityManager, email: string, address?: string | null): Promise<Lock | null> {
    const k = this.keys(email, address);
    const hits = await peekHits(db, k.address ? [k.email, k.address] : [k.email]);
    let lock: Lock | null = null;
    for (const h of hits) {
      const reason = h.key === k.email ? 'email' : 'address';
      const max = reason === 'email' ? this.settings.maxPerEmail : this.settings.maxPerAddress;
      if (h.hits >= max && (!lock || h.retryAfter * 1000 > lock.waitMs)) lock = { reason, waitMs: h.retryAfter * 1000 };
    }
    return lock;
  }

  /** On its own connection (countHits: not inside a request's transaction). */
  async recordFailure(db: DataSource, email: string, address?: string | null): Promise<void> {
    const k = this.keys(email, address);
    await countHits(db, k.address ? [k.email, k.address] : [k.email], this.settings.windowSeconds);
  }

  /** A right password clears the e-mail's count (not the address's: one success must not reset a guesser). */
  async recordSuccess(db: DataSource | EntityManager, email: string): Promise<void> {
    await resetHits(db, [this.keys(email, null).email]);
  }
}

export const signInThrottle = new SignInThrottle();
