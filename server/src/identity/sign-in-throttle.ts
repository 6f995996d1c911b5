/**
 * Slows down password guessing: after MAX_FAILURES failed sign-ins for one e-mail address within WINDOW_MS,
 * further attempts for it are refused until the window has passed - right password or not. Unknown and
 * known addresses are treated alike, so the lock reveals nothing about which accounts exist.
 * Kept in memory per server process (a restart clears it); several processes would need a shared store.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

interface Failures {
  count: number;
  firstAt: number;
}

export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until the address may try again, or 0 when it may try now. */
  lockedFor(email: string): number {
    const f = this.failures.get(email);
    if (!f) return 0;
    const elapsed = this.now() - f.firstAt;
    if (elapsed >= WINDOW_MS) {
      this.failures.delete(email);
      return 0;
    }
    return f.count >= MAX_FAILURES ? WINDOW_MS - elapsed : 0;
  }

  recordFailure(email: string): void {
    const f = this.failures.get(email);
    if (!f || this.now() - f.firstAt >= WINDOW_MS) this.failures.set(email, { count: 1, firstAt: this.now() });
    else f.count++;
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!); // bounded memory
  }

  recordSuccess(email: string): void {
    this.failures.delete(email);
  }
}

export const signInThrottle = new SignInThrottle();
