import type { FundingApplicationStatus } from '../generated/graphql';
import { enumLabel } from '../ui/labels';

/** The text sections of a funding application, in the order of the seed application (DA ansøgning om puljemidler). */
export const APPLICATION_SECTIONS = [
  { key: 'responsible', label: 'Project responsible', danish: 'Projektansvarlig', requiredForSubmit: true, short: true },
  { key: 'purpose', label: 'Purpose: what do we want to achieve?', danish: 'Hvad vil vi opnå', requiredForSubmit: true },
  { key: 'rationale', label: 'Why do we want it?', danish: 'Hvorfor vil vi det', requiredForSubmit: true },
  { key: 'targetGroup', label: 'Target group(s)', danish: 'Målgruppe(r)', requiredForSubmit: true },
  { key: 'activities', label: 'Activities', danish: 'Aktiviteter', requiredForSubmit: true },
  { key: 'expectedShortTermResults', label: 'Expected results, short term', danish: 'Forventede resultater, kort sigt' },
  { key: 'expectedLongTermResults', label: 'Expected results, long term', danish: 'Forventede resultater, langt sigt' },
  { key: 'anchoringStrategy', label: 'Anchoring strategy', danish: 'Forankringsstrategi' },
  { key: 'partners', label: 'Partners', danish: 'Samarbejdspartnere' },
  { key: 'timeline', label: 'Timeline', danish: 'Tidsplan' },
  { key: 'communication', label: 'Communication', danish: 'Kommunikationsstrategi' },
  { key: 'secretariatContribution', label: 'What the secretariat does', danish: 'Hvad skal sekretariatet bidrage med' },
  { key: 'workingGroupContribution', label: 'What the working group does', danish: 'Hvad skal arbejdsgruppen stå for' },
] as const;

export type SectionKey = (typeof APPLICATION_SECTIONS)[number]['key'];
/** A section's label in the user's language (networks/messages.ts: section.<key>). */
export const sectionLabel = (key: string) => enumLabel('networks.section', key);

/** The statuses of a funding application, in their order; worded in networks/messages.ts. */
export const STATUSES: FundingApplicationStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'];
export const statusLabel = (status: string) => enumLabel('networks.status', status);

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`status-badge status-${status.toLowerCase()}`} data-testid={testId} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
