import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

export const SESSION_HOURS = 8;
const ISSUER = 'growth-graph';

export interface TokenClaims {
  sub: string;
  sid: string;
}

/** HS256 token naming the user and the session; expiry is enforced by the signature and by the session row. */
export function signSessionToken(secret: string, userId: string, sessionId: string, expiresAt: Date): string {
  return jwt.sign({ sid: sessionId }, secret, {
    algorithm: 'HS256',
    subject: userId,
    issuer: ISSUER,
    expiresIn: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

export function verifySessionToken(secret: string, token: string): TokenClaims | null {
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
    return { sub: claims.sub, sid: claims.sid };
  } catch {
    return null;
  }
}

export const API_KEY_PREFIX = 'ggk_';

export function newApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(24).toString('base64url');
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const sessionExpiry = () => new Date(Date.now() + SESSION_HOURS * 3600_000);
