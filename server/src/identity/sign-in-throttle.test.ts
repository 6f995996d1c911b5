import { MAX_FAILURES, SignInThrottle, WINDOW_MS } from './sign-in-throttle';

describe('sign-in throttle', () => {
  it('locks an address after MAX_FAILURES failures within the window, until the window has passed', () => {
    let now = 1_000_000;
    const t = new SignInThrottle(() => now);
    for (let i = 0; i < MAX_FAILURES - 1; i++) t.recordFailure('a@x.dk');
    expect(t.lockedFor('a@x.dk')).toBe(0);
    t.recordFailure('a@x.dk');
    expect(t.lockedFor('a@x.dk')).toBe(WINDOW_MS);
    expect(t.lockedFor('b@x.dk')).toBe(0);
    now += WINDOW_MS - 1;
    expect(t.lockedFor('a@x.dk')).toBe(1);
    now += 1;
    expect(t.lockedFor('a@x.dk')).toBe(0);
  });

  it('a success clears the count', () => {
    const t = new SignInThrottle(() => 0);
    for (let i = 0; i < MAX_FAILURES - 1; i++) t.recordFailure('a@x.dk');
    t.recordSuccess('a@x.dk');
    t.recordFailure('a@x.dk');
    expect(t.lockedFor('a@x.dk')).toBe(0);
  });
});
