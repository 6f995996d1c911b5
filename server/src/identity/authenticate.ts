import type { IncomingHttpHeaders } from 'node:http';
import type { DataSource } from 'typeorm';
import { AppConfig, createContext, Principal, RequestContext } from '../core/context';
import { Role, Scope, ScopeMembership } from '../core/scope';
import { rethrowIfUnavailable } from '../core/outage';
import { isUuid } from '../core/text';
import { Capability } from '../core/access';
import { appliedSettingsOf, beginWithLookupStatement, literal, NO_SETTINGS, RequestDb } from '../core/rls';
import { ROLE_CAPABILITIES } from '../core/scope';
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
    // BEGIN, that check and the scope it implies in one round trip; the check and the set_config calls run in
    // gg_begin_session (migration 1769228000000), whose plans PostgreSQL keeps per connection (issue 12: the
    // same as one CTE of inlined literals was parsed and planned on every request). Ids are checked UUIDs, quoted anyway.
    const db = new RequestDb(ds, NO_SETTINGS);
    const all: Array<SetRow & { organisation_id: string | null; role: Role | null }> = await db.beginWith(
      `START TRANSACTION; SELECT * FROM public.gg_begin_session(${literal(claims.sid)}::uuid, ${literal(claims.sub)}::uuid, ${active ? `${literal(active)}::uuid` : 'NULL'}, ${ROLE_ARRAYS})`,
    );
    const begun = { db, applied: appliedSettingsOf(all[0]) };
    // The LEFT JOIN gives one row of NULLs when the session is not valid (no lookup row).
    const rows = all.filter((r) => r.role !== null || r.organisation_id !== null || r.set_user_id !== '');
    if (rows.length === 0) return createContext(ds, config, null, Scope.NONE, null, begun);
    const principal: Principal = { kind: 'user', userId: claims.sub, sessionId: claims.sid };
    let memberships: ScopeMembership[] = rows.filter((r) => r.organisation_id).map((r) => ({ organisationId: r.organisation_id!, role: r.role! }));
    // Acting for one chosen organisation narrows the scope to it (the client's organisation switcher).
    if (active) memberships = memberships.filter((m) => m.organisationId === active);
    return createContext(ds, config, principal, new Scope(memberships, false), active, begun);
  }
  return createContext(ds, config, null, Scope.NONE);
}

type SetRow = { set_org_ids: string; set_write_org_ids: string; set_admin_org_ids: string; set_user_id: string };
/** The roles that carry a capability, from the app's own table (so SQL and app cannot drift apart). */
const rolesWith = (c: Capability) => (Object.keys(ROLE_CAPABILITIES) as Role[]).filter((r) => ROLE_CAPABILITIES[r].includes(c));
/** gg_begin_session's last three arguments: the roles that read, record and administer. */
const ROLE_ARRAYS = [Capability.READ, Capability.RECORD, Capability.ADMINISTER].map((c) => `ARRAY[${rolesWith(c).map(literal).join(', ')}]::text[]`).join(', ');

async function apiKeyContext(ds: DataSource, config: AppConfig, key: string): Promise<RequestContext> {
  // Folded into the request's BEGIN and scope (one round trip): an API key reads in its organisation only.
  const db = new RequestDb(ds, NO_SETTINGS);
  const rows: Array<SetRow & { id: string | null; organisation_id: string | null }> = await db.beginWith(
    beginWithLookupStatement(`SELECT id, organisation_id FROM public.gg_api_key_lookup(${literal(sha256(key))}) LIMIT 1`, {
      orgIds: 'SELECT organisation_id::text FROM lookup',
      writeOrgIds: "SELECT ''",
      adminOrgIds: "SELECT ''",
      userId: "SELECT ''",
    }),
  );
  const begun = { db, applied: appliedSettingsOf(rows[0]) };
  if (!rows[0].id) return createContext(ds, config, null, Scope.NONE, null, begun);
  const { id, organisation_id } = rows[0] as { id: string; organisation_id: string };
  // An API key reads as a viewer of its organisation, and nothing more (Scope is read-only).
  return createContext(ds, config, { kind: 'apiKey', apiKeyId: id, organisationId: organisation_id }, new Scope([{ organisationId: organisation_id, role: Role.VIEWER }], true), organisation_id, begun);
}
