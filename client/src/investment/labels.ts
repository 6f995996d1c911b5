import type { InquiryRole, InquiryState, PortalProjectKind, PortalProjectStatus, SectorFocus } from '../generated/graphql';
import { todayIso } from '../ui/format';
import { enumLabel } from '../ui/labels';
export { sectorLabel } from '../ui/labels';

export const SECTORS: SectorFocus[] = ['CLEANTECH', 'CONSTRUCTION', 'ENERGY', 'FOOD', 'ICT', 'LIFE_SCIENCE', 'LOGISTICS', 'MANUFACTURING', 'MARITIME', 'TOURISM', 'OTHER'];

export const PORTAL_KINDS: PortalProjectKind[] = ['BUILDING', 'INFRASTRUCTURE', 'URBAN_DEVELOPMENT', 'ENERGY'];
export const PORTAL_STATUSES: PortalProjectStatus[] = ['PLANNED', 'IN_TENDER', 'UNDER_CONSTRUCTION', 'COMPLETED', 'CANCELLED'];
export const portalKindLabel = (k: PortalProjectKind) => enumLabel('investment.kind', k);

/** What a portal project's status is shown as: the API's status, or TENDER_CLOSED for a tender whose deadline has passed. */
export type ShownPortalStatus = PortalProjectStatus | 'TENDER_CLOSED';
export const portalStatusLabel = (s: ShownPortalStatus) => enumLabel('investment.status', s);

export interface DatedProject {
  status: PortalProjectStatus;
  isTender: boolean;
  tenderDeadline?: string | null;
}

/** Whether the tender can still be bid in: a tender whose deadline (the whole day) is today or later, or has none. */
export const tenderOpen = (p: DatedProject, today: string = todayIso()) => p.isTender && (p.tenderDeadline == null || p.tenderDeadline >= today);

/**
 * The one place a portal project's shown status follows its dates: a tender whose deadline has
 * passed is never "in tender", even if the record still says so (the server also reports PLANNED
 * then; this covers a page left open over midnight). A closed tender not yet under construction
 * shows as "Tender closed".
 */
export function shownPortalStatus(p: DatedProject, today: string = todayIso()): ShownPortalStatus {
  const deadlinePassed = p.tenderDeadline != null && p.tenderDeadline < today;
  if (deadlinePassed && (p.status === 'IN_TENDER' || (p.isTender && p.status === 'PLANNED'))) return 'TENDER_CLOSED';
  return p.status;
}

export const INQUIRY_STATES: InquiryState[] = ['LEAD', 'ACTIVE', 'DELAYED', 'ELIMINATED', 'SUCCESSFUL'];
export const stateLabel = (s: InquiryState) => enumLabel('investment.state', s);
export const roleLabel = (r: InquiryRole) => enumLabel('investment.role', r);
