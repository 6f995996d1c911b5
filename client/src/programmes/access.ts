import type { MeQuery } from '../generated/graphql';

type Membership = MeQuery['me']['memberships'][number];

/** The user's memberships that count, given the organisation acted for (null: all of them). */
export function activeMemberships(memberships: Membership[], actingFor: string | null): Membership[] {
  return actingFor ? memberships.filter((m) => m.organisation.id === actingFor) : memberships;
}

/** Whether the user holds one of `roles` in the organisation, within the organisation acted for. */
export function hasRole(memberships: Membership[], actingFor: string | null, organisationId: string, roles: readonly string[]): boolean {
  return activeMemberships(memberships, actingFor).some((m) => m.organisation.id === organisationId && roles.includes(m.role));
}

/** Roles that record work with firms (enrol, complete, drop out). */
export const RECORDING_ROLES = ['CONSULTANT', 'EDITOR', 'ADMIN'] as const;
/** Roles that change an organisation's registers (create programmes, cluster activities, co-financing). */
export const EDITING_ROLES = ['EDITOR', 'ADMIN'] as const;
