import { PortalProjectStatus } from './portal.entity';

/** The portal's calendar is Danish (Greater Copenhagen): a tender deadline is a day in Copenhagen. */
// Made on first use: building a time-zone formatter costs ~0.3 s of CPU, which at module load went into every start.
let day: Intl.DateTimeFormat | undefined;

/** Today in Copenhagen as YYYY-MM-DD (sv-SE formats days as ISO). */
export const portalToday = (now: Date = new Date()) =>
  (day ??= new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' })).format(now);

/** Whether a tender can still be bid in: it is a tender and its deadline (the whole day) has not passed. */
export const tenderOpen = (p: { isTender: boolean; tenderDeadline: string | null }, today: string = portalToday()) =>
  p.isTender && (p.tenderDeadline == null || p.tenderDeadline >= today);

/**
 * The status the API reports: the stored one, except that a project stored IN_TENDER whose tender
 * deadline has passed is no longer in tender - its tender is over and construction has not started,
 * so it is PLANNED again (until the editors record UNDER_CONSTRUCTION or CANCELLED). Nobody has to
 * remember to change the status on the deadline.
 */
export function effectivePortalStatus(p: { status: PortalProjectStatus; tenderDeadline: string | null }, today: string = portalToday()): PortalProjectStatus {
  if (p.status === PortalProjectStatus.IN_TENDER && p.tenderDeadline != null && p.tenderDeadline < today) return PortalProjectStatus.PLANNED;
  return p.status;
}
