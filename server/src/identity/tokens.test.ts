import { signSessionToken, verifySessionToken } from './tokens';

// verifySessionToken remembers tokens it verified (until their expiry): the memo must never accept what
// jsonwebtoken would refuse.
describe('session token verification', () => {
  const user = '00000000-0000-4000-8000-000000000001';
  const session = '00000000-0000-4000-8000-000000000002';
  afterEach(() => jest.restoreAllMocks());

  it('accepts a token again from memory, and refuses it once it has expired', () => {
    const token = signSessionToken('secret-a', user, session, new Date(Date.now() + 60_000));
    expect(verifySessionToken('secret-a', token)).toEqual({ sub: user, sid: session });
    expect(verifySessionToken('secret-a', token)).toEqual({ sub: user, sid: session });
    const later = Date.now() + 61_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    expect(verifySessionToken('secret-a', token)).toBeNull();
  });

  it('refuses a remembered token under another secret, and a tampered one', () => {
    const token = signSessionToken('secret-a', user, session, new Date(Date.now() + 60_000));
    expect(verifySessionToken('secret-a', token)).not.toBeNull();
    expect(verifySessionToken('secret-b', token)).toBeNull();
    const [h, p, s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sid: session, sub: '00000000-0000-4000-8000-000000000003', iss: 'growth-graph', exp: 9999999999 })).toString('base64url')}.${s}`;
    expect(p).not.toBe(forged.split('.')[1]);
    expect(verifySessionToken('secret-a', forged)).toBeNull();
  });
});
