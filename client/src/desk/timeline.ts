import { formatAmount, formatDate } from '../ui/format';
import type { DeskTouchpointFragment } from '../generated/graphql';
import { humanize } from '../ui/labels';

const KIND_LABELS: Record<string, string> = {
  FIRST_CONTACT: 'First contact',
  GROWTH_MAPPING: 'Growth mapping',
  GROWTH_PLAN_MILESTONE: 'Growth-plan milestone',
  GROWTH_PARTNERSHIP: 'Growth partnership',
  REFERRAL: 'Referral',
  PROGRAMME_ENROLMENT: 'Programme enrolment',
  NETWORK_PARTICIPATION: 'Network participation',
  CLUSTER_PARTICIPATION: 'Cluster participation',
  EVENT_ATTENDANCE: 'Event attendance',
  DELEGATION_OR_INQUIRY: 'Delegation or inquiry',
  OUTCOME_REPORT: 'Outcome report',
  NOTE: 'Note',
};
export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? humanize(kind);

const STATUS_LABELS: Record<string, string> = { FIRST_CONTACT: 'First contact made' };
export const statusLabel = (status: string | null | undefined) => (status ? (STATUS_LABELS[status] ?? humanize(status)) : '');

const money = (n: number | null | undefined, currency: string | null | undefined) => (n == null ? null : formatAmount(n, currency));

/** The details of an entry as label/value rows (empty values left out). Growth-mapping scores are shown separately. */
export function detailRows(details: DeskTouchpointFragment['details']): Array<[string, string]> {
  const rows: Array<[string, string | null | undefined]> = [];
  switch (details.__typename) {
    case 'FirstContactDetails':
      rows.push(['Channel', humanize(details.channel)], ['Topic', details.topic]);
      break;
    case 'GrowthMappingDetails':
      rows.push(['Focus areas', details.focusAreas.map(humanize).join(', ')], ['Ambition', details.ambition]);
      break;
    case 'MilestoneDetails':
      rows.push(
        ['Milestone', details.title],
        ['Owner', details.ownerName],
        ['Due', formatDate(details.dueOn)],
        [
          'Status',
          !details.previousStatus
            ? `${statusLabel(details.status)} (new)`
            : details.previousStatus === details.status
              ? statusLabel(details.status)
              : `${statusLabel(details.previousStatus)} → ${statusLabel(details.status)}`,
        ],
      );
      break;
    case 'GrowthPartnershipDetails':
      rows.push(
        ['Period', `${formatDate(details.periodStart)} – ${formatDate(details.periodEnd)}`],
        ['Extra jobs', String(details.committedExtraJobs)],
        ['Extra revenue', money(details.committedExtraRevenue, details.partnershipCurrency)],
        ['Extra export', money(details.committedExtraExport, details.partnershipCurrency)],
      );
      break;
    case 'ReferralDetails':
      rows.push(
        ['To', details.receiverOrganisation?.name],
        ['Reason', details.reason],
        ['Status now', details.referral ? statusLabel(details.referral.status) : null],
      );
      break;
    case 'ProgrammeEnrolmentDetails':
      rows.push(['Programme', details.programmeName], ['Starts', details.startsOn ? formatDate(details.startsOn) : null]);
      break;
    case 'ParticipationDetails':
      rows.push(['Name', details.name], ['Role', details.role]);
      break;
    case 'EventAttendanceDetails':
      rows.push(['Event', details.eventName], ['Organiser', details.organiserName]);
      break;
    case 'DelegationOrInquiryDetails':
      rows.push(['Kind', humanize(details.inquiryKind)], ['From', details.originCountry], ['Sector', details.sector]);
      break;
    case 'OutcomeReportDetails':
      rows.push(
        ['Measured on', formatDate(details.measuredOn)],
        ['Source', details.source === 'REGISTER_MEASURED' ? 'Measured on registers' : 'Self-reported'],
        ['Jobs', details.jobs == null ? null : String(details.jobs)],
        ['Revenue', money(details.revenue, details.currency)],
        ['Export', money(details.exportRevenue, details.currency)],
      );
      break;
    case 'NoteDetails':
      rows.push(['Note', details.text]);
      break;
  }
  return rows.filter((r): r is [string, string] => !!r[1]);
}

/** How an entry stands in the history: current, superseded by a correction, or itself a correction. */
export function correctionState(t: Pick<DeskTouchpointFragment, 'supersedesId' | 'supersededById'>): 'current' | 'superseded' | 'correction' | 'corrected-correction' {
  if (t.supersededById) return t.supersedesId ? 'corrected-correction' : 'superseded';
  return t.supersedesId ? 'correction' : 'current';
}

/** A sentence for the organisations whose entries are hidden from the caller. */
export function hiddenNotice(name: string): string {
  return `${name} also works with this firm — details not shared with you (no consent or referral).`;
}
