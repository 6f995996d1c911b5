import type { IncomingHttpHeaders } from 'node:http';
import type { DataSource } from 'typeorm';
import { AppConfig, createContext, Principal, RequestContext } from '../core/context';
import { Role, Scope, ScopeMembership } from '../core/scope';
import { rethrowIfUnavailable } from '../core/outage';
import { isUuid } from '../core/text';
import { API_KEY_PREFIX, sha256, verifySessionToken } from './tokens';

/**
 * `ds` is the app role's pool (row-level security applies); authentication is its only unscoped use,
 * through the narrow SECURITY DEFINER functions of the RLS migration (never the owner connection).
 *
 * Turns the request's credentials into a context. One SQL statement: the session (not revoked, not
 * expired) or API key (not revoked) together with the memberships that make up the caller's scope.
 * Missing, forged or expired credentials give an anonymous context (and so UNAUTHENTICATED on anything
 * that needs a caller).
 *
 * Runs in Apollo's context function, before any resolver: when the database is down or hung, the error
 * becomes ServiceUnavailableError (HTTP 503, Retry-After, SERVICE_UNAVAILABLE) instead of a 500.
 */
export async function authenticate(ds: DataSource, config: AppConfig, headers: IncomingHttpHeaders): Promise<RequestContext> {
  try {
    return await resolveCaller(ds, config, headers);
  } catch (e) {
    return rethrowIfUnavailable(e, 'authenticate');
  }
}

async function resolveCaller(ds: DataSource, config: AppConfig, headers: IncomingHttpHeaders): Promise<RequestContext> {
  const header = headers.authorization ?? '';
  const [scheme, credential] = header.split(' ', 2);
  const active = typeof headers['x-organisation-id'] === 'string' && isUuid(headers['x-organisation-id']) ? headers['x-organisation-id'] : null;

  if (/^bearer$/i.test(scheme ?? '') && credential?.startsWith(API_KEY_PREFIX)) return apiKeyContext(ds, config, credential);
  if (/^apikey$/i.test(scheme ?? '') && credential) return apiKeyContext(ds, config, credential);
  if (/^bearer$/i.test(scheme ?? '') && credential) {
    const claims = verifySessionToken(config.authSecret, credential);
    if (!claims || !isUuid(claims.sid) || !isUuid(claims.sub)) return createContext(ds, config, null, Scope.NONE);
    // The app role reads no session or membership without a scope: a SECURITY DEFINER function (RLS
    // migration) answers only this question, for a session id and user id the signed token vouches for.
    const rows: Array<{ organisation_id: string | null; role: Role | null }> = await ds.query(
      'SELECT organisation_id, role FROM gg_session_memberships($1, $2)',
      [claims.sid, claims.sub],
    );
    if (rows.length === 0) return createContext(ds, config, null, Scope.NONE);
    const principal: Principal = { kind: 'user', userId: claims.sub, sessionId: claims.sid };
    let memberships: ScopeMembership[] = rows.filter((r) => r.organisation_id).map((r) => ({ organisationId: r.organisation_id!, role: r.role! }));
    // Acting for one chosen organisation narrows the scope to it (the client's organisation switcher).
    if (active) memberships = memberships.filter((m) => m.organisationId === active);
    return createContext(ds, config, principal, new Scope(memberships, false), active);
  }
  return createContext(ds, config, null, Scope.NONE);
}

async function apiKeyContext(ds: DataSource, config: AppConfig, key: string): Promise<RequestContext> {
  const rows: Array<{ id: string; organisation_id: string }> = await ds.query(
    'SELECT id, organisation_id FROM gg_api_key_lookup($1)',
    [sha256(key)],
  );
  if (rows.length === 0) return createContext(ds, config, null, Scope.NONE);
  const { id, organisation_id } = rows[0];
  // An API key reads as a viewer of its organisation, and nothing more (Scope is read-only).
  return createContext(ds, config, { kind: 'apiKey', apiKeyId: id, organisationId: organisation_id }, new Scope([{ organisationId: organisation_id, role: Role.VIEWER }], true), organisation_id);
}
