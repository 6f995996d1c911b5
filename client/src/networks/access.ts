import type { MeQuery } from '../generated/graphql';

/** What a role lets a member do (mirrors the server's roles; the server decides, this only hides controls). */
export type Capability = 'read' | 'record' | 'edit' | 'administer';
const LEVEL: Record<Capability, number> = { read: 0, record: 1, edit: 2, administer: 3 };
const ROLE_LEVEL: Record<string, number> = { VIEWER: 0, CONSULTANT: 1, EDITOR: 2, ADMIN: 3 };

/**
 * Whether the user may do `capability` in organisation `organisationId`, acting for `actingFor`
 * (the organisation switcher: null = all of the user's organisations).
 */
export function can(me: Pick<MeQuery['me'], 'memberships'>, actingFor: string | null, organisationId: string | null | undefined, capability: Capability): boolean {
  if (!organisationId) return false;
  if (actingFor && actingFor !== organisationId) return false;
  return me.memberships.some((m) => m.organisation.id === organisationId && (ROLE_LEVEL[m.role] ?? -1) >= LEVEL[capability]);
}

/** The organisations where the user may do `capability` (respecting the organisation switcher). */
export function organisationsWhere(me: Pick<MeQuery['me'], 'memberships'>, actingFor: string | null, capability: Capability) {
  return me.memberships.filter((m) => can(me, actingFor, m.organisation.id, capability)).map((m) => m.organisation);
}
