import type { MeQuery } from '../generated/graphql';

/**
 * The client's one role check (mirrors the server's roles; the server decides, this only hides what a
 * role may not do). Always honours the organisation switcher: acting for one organisation, the user's
 * roles elsewhere do not count.
 */
export type Capability = 'read' | 'record' | 'edit' | 'administer';
type Me = Pick<MeQuery['me'], 'memberships'>;
export type Membership = MeQuery['me']['memberships'][number];

const LEVEL: Record<Capability, number> = { read: 0, record: 1, edit: 2, administer: 3 };
/** VIEWER reads; CONSULTANT also records work with firms; EDITOR also changes registers; ADMIN also administers. */
const ROLE_LEVEL: Record<string, number> = { VIEWER: 0, CONSULTANT: 1, EDITOR: 2, ADMIN: 3 };

/** The user's memberships that count, given the organisation acted for (null: all of them). */
export function activeMemberships(me: Me, actingFor: string | null): Membership[] {
  return actingFor ? me.memberships.filter((m) => m.organisation.id === actingFor) : me.memberships;
}

/** Whether a role allows a capability. */
export const roleAllows = (role: string, capability: Capability) => (ROLE_LEVEL[role] ?? -1) >= LEVEL[capability];

/** Whether the user may do `capability` in organisation `organisationId`, acting for `actingFor`. */
export function can(me: Me, actingFor: string | null, organisationId: string | null | undefined, capability: Capability): boolean {
  if (!organisationId) return false;
  return activeMemberships(me, actingFor).some((m) => m.organisation.id === organisationId && roleAllows(m.role, capability));
}

/** Whether the user may do `capability` in any organisation they act for. */
export const canAnywhere = (me: Me, actingFor: string | null, capability: Capability) => activeMemberships(me, actingFor).some((m) => roleAllows(m.role, capability));

/** The memberships where the user may do `capability` (respecting the organisation switcher). */
export const membershipsWhere = (me: Me, actingFor: string | null, capability: Capability) => activeMemberships(me, actingFor).filter((m) => roleAllows(m.role, capability));

/** The organisations where the user may do `capability` (respecting the organisation switcher). */
export const organisationsWhere = (me: Me, actingFor: string | null, capability: Capability) => membershipsWhere(me, actingFor, capability).map((m) => m.organisation);

/** The acting role that matters most for the landing page: the highest role among the memberships acted for. */
export function highestRole(me: Me, actingFor: string | null): string | null {
  let best: string | null = null;
  for (const m of activeMemberships(me, actingFor)) if (best === null || (ROLE_LEVEL[m.role] ?? -1) > (ROLE_LEVEL[best] ?? -1)) best = m.role;
  return best;
}
