import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

export const SESSION_HOURS = 8;
const ISSUER = 'growth-graph';

export interface TokenClaims {
  sub: string;
  sid: string;
}

/**
 * The HMAC key as a KeyObject, made once per secret: given a string, jsonwebtoken first tries to parse it
 * as a public key (crypto.createPublicKey, which throws) on every verify - 1.6 % of CPU under load.
 */
const keys = new Map<string, KeyObject>();
function keyFor(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 16) keys.clear(); // one secret per process; tests make a few
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** HS256 token naming the user and the session; expiry is enforced by the signature and by the session row. */
export function signSessionToken(secret: string, userId: string, sessionId: string, expiresAt: Date): string {
  return jwt.sign({ sid: sessionId }, keyFor(secret), {
    algorithm: 'HS256',
    subject: userId,
    issuer: ISSUER,
    expiresIn: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

/**
 * Tokens this process has verified, until their `exp`: a client sends the same token with every request, and
 * the rate limiter and authentication each check it (jsonwebtoken's decode + HMAC was ~4 % of a small request's
 * CPU). Only tokens that passed verification get in, keyed by the whole token (signature included) and the
 * secret; revocation is still the session row's business (checked on every request).
 */
const verified = new Map<string, { secret: string; claims: TokenClaims; expiresAtMs: number }>();
const VERIFIED_MAX = 10_000;

export function verifySessionToken(secret: string, token: string): TokenClaims | null {
  const hit = verified.get(token);
  if (hit && hit.secret === secret) {
    if (Date.now() < hit.expiresAtMs) return hit.claims;
    verified.delete(token);
  }
  try {
    const claims = jwt.verify(token, keyFor(secret), { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
    const result: TokenClaims = Object.freeze({ sub: claims.sub, sid: claims.sid });
    if (typeof claims.exp === 'number') {
      if (verified.size >= VERIFIED_MAX) verified.clear();
      verified.set(token, { secret, claims: result, expiresAtMs: claims.exp * 1000 });
    }
    return result;
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
