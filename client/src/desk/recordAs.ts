import type { MeQuery } from '../generated/graphql';
import { membershipsWhere } from '../ui/access';

export interface OrganisationOption {
  id: string;
  name: string;
}

/**
 * The organisations the user may record journey work for, narrowed to the one acted for when the
 * organisation switcher is set. With exactly one, mutations can leave organisationId out (the API
 * defaults to it); with several the user has to choose.
 */
export function recordingOrganisations(me: Pick<MeQuery['me'], 'memberships'>, actingFor: string | null): OrganisationOption[] {
  return membershipsWhere(me, actingFor, 'record').map((m) => ({ id: m.organisation.id, name: m.organisation.name }));
}

/** Which of the user's organisations records work from the desk. */
export interface RecordAs {
  options: OrganisationOption[];
  /** The chosen organisation, or null when the user may not record for any (VIEWER). */
  organisationId: string | null;
  choose: (id: string) => void;
}
