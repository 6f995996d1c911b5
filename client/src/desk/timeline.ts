import { countryLabel } from '../ui/countries';
import { formatAmount, formatDate } from '../ui/format';
import type { DeskTouchpointFragment } from '../generated/graphql';
import { humanize, sectorLabel } from '../ui/labels';
import { t } from '../ui/i18n';

// Labels in the active language; an enum value the catalogue does not know yet is shown humanised.
export const kindLabel = (kind: string) => t(`desk.kind.${kind}`, { defaultValue: humanize(kind) });

export const statusLabel = (status: string | null | undefined) => (status ? t(`desk.status.${status}`, { defaultValue: humanize(status) }) : '');
const channelLabel = (channel: string) => t(`desk.channel.${channel}`, { defaultValue: humanize(channel) });
export const decisionAreaLabel = (area: string) => t(`ui.wheel.decision.${area}`, { defaultValue: humanize(area) });
const row = (key: string) => t(`desk.row.${key}`);

const money = (n: number | null | undefined, currency: string | null | undefined) => (n == null ? null : formatAmount(n, currency));

/** The details of an entry as label/value rows (empty values left out). Growth-mapping scores are shown separately. */
export function detailRows(details: DeskTouchpointFragment['details']): Array<[string, string]> {
  const rows: Array<[string, string | null | undefined]> = [];
  switch (details.__typename) {
    case 'FirstContactDetails':
      rows.push([row('channel'), channelLabel(details.channel)], [row('topic'), details.topic]);
      break;
    case 'GrowthMappingDetails':
      rows.push([row('focusAreas'), details.focusAreas.map(decisionAreaLabel).join(', ')], [row('ambition'), details.ambition]);
      break;
    case 'MilestoneDetails':
      rows.push(
        [row('milestone'), details.title],
        [row('owner'), details.ownerName],
        [row('due'), formatDate(details.dueOn)],
        [
          row('status'),
          !details.previousStatus
            ? t('desk.status.new', { status: statusLabel(details.status) })
            : details.previousStatus === details.status
              ? statusLabel(details.status)
              : `${statusLabel(details.previousStatus)} → ${statusLabel(details.status)}`,
        ],
      );
      break;
    case 'GrowthPartnershipDetails':
      rows.push(
        [row('period'), `${formatDate(details.periodStart)} – ${formatDate(details.periodEnd)}`],
        [row('extraJobs'), String(details.committedExtraJobs)],
        [row('extraRevenue'), money(details.committedExtraRevenue, details.partnershipCurrency)],
        [row('extraExport'), money(details.committedExtraExport, details.partnershipCurrency)],
      );
      break;
    case 'ReferralDetails':
      rows.push(
        [row('to'), details.receiverOrganisation?.name],
        [row('reason'), details.reason],
        [row('statusNow'), details.referral ? statusLabel(details.referral.status) : null],
      );
      break;
    case 'ProgrammeEnrolmentDetails':
      rows.push([row('programme'), details.programmeName], [row('starts'), details.startsOn ? formatDate(details.startsOn) : null]);
      break;
    case 'ParticipationDetails':
      rows.push([row('name'), details.name], [row('role'), details.role]);
      break;
    case 'EventAttendanceDetails':
      rows.push([row('event'), details.eventName], [row('organiser'), details.organiserName]);
      break;
    case 'DelegationOrInquiryDetails':
      rows.push([row('kind'), t(`desk.inquiryKind.${details.inquiryKind}`, { defaultValue: humanize(details.inquiryKind) })], [row('from'), details.originCountry ? countryLabel(details.originCountry) : null], [row('sector'), details.sector ? sectorLabel(details.sector) : null]);
      break;
    case 'OutcomeReportDetails':
      rows.push(
        [row('measuredOn'), formatDate(details.measuredOn)],
        [row('source'), details.source === 'REGISTER_MEASURED' ? t('desk.source.REGISTER_MEASURED') : t('desk.source.SELF_REPORTED')],
        [row('jobs'), details.jobs == null ? null : String(details.jobs)],
        [row('revenue'), money(details.revenue, details.currency)],
        [row('export'), money(details.exportRevenue, details.currency)],
      );
      break;
    case 'NoteDetails':
      rows.push([row('note'), details.text]);
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
  return t('desk.hiddenNotice', { name });
}
