import type { MeQuery } from './generated/graphql';
import { activeMemberships, roleAllows } from './ui/access';

type Me = Pick<MeQuery['me'], 'memberships'>;

/**
 * Where a role's work is, right after sign-in (the hash to open):
 *   an ADMIN anywhere            -> that organisation's page (members, keys, profile)
 *   an EDITOR of a municipality  -> the agreements (resultatkontrakt, samarbejdsaftale, opfølgning)
 *   a CONSULTANT anywhere        -> the consultant's worklist (#/desk)
 *   an EDITOR elsewhere          -> that organisation's page
 *   a VIEWER (or partner)        -> the dashboard (#/dashboards) when that area exists, else the organisation
 */
export function landingHash(me: Me, actingFor: string | null, hasArea: (key: string) => boolean): string {
  const ms = activeMemberships(me, actingFor);
  const org = (m: (typeof ms)[number] | undefined) => (m ? `#/organisations/${encodeURIComponent(m.organisation.id)}` : '#/organisations');
  const admin = ms.find((m) => m.role === 'ADMIN');
  if (admin) return org(admin);
  if (hasArea('agreements') && ms.some((m) => m.role === 'EDITOR' && m.organisation.kind === 'MUNICIPALITY')) return '#/agreements';
  if (hasArea('desk') && ms.some((m) => m.role === 'CONSULTANT')) return '#/desk';
  const editor = ms.find((m) => roleAllows(m.role, 'edit'));
  if (editor) return org(editor);
  return hasArea('dashboards') ? '#/dashboards' : org(ms[0]);
}
