import type { JourneyFilter, TouchpointKind } from '../generated/graphql';

/** The journey filters as kept in the URL (#/desk/firm/<id>?kind=...&org=...&from=YYYY-MM-DD&to=YYYY-MM-DD&corrected=hide). */
export interface JourneyFilterParams {
  kind?: string;
  org?: string;
  from?: string;
  to?: string;
  corrected?: string;
}

export const TOUCHPOINT_KINDS: TouchpointKind[] = [
  'FIRST_CONTACT', 'GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP', 'REFERRAL', 'PROGRAMME_ENROLMENT',
  'NETWORK_PARTICIPATION', 'CLUSTER_PARTICIPATION', 'EVENT_ATTENDANCE', 'DELEGATION_OR_INQUIRY', 'OUTCOME_REPORT', 'NOTE',
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Start of a local calendar day as an ISO instant; null for anything that is not a YYYY-MM-DD date. */
function startOfLocalDay(date: string, addDays = 0): string | null {
  if (!DATE.test(date)) return null;
  const [y, m, d] = date.split('-').map(Number);
  const at = new Date(y, m - 1, d + addDays);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/**
 * The API filter for the URL's filters. The period is whole local days and both ends are included:
 * `to` is sent as the start of the NEXT day, because the API's `to` is exclusive. Unknown kinds and
 * malformed dates are ignored rather than sent. Null when nothing filters.
 */
export function journeyFilterFromParams(params: JourneyFilterParams): JourneyFilter | null {
  const filter: JourneyFilter = {};
  if (params.kind && (TOUCHPOINT_KINDS as string[]).includes(params.kind)) filter.kinds = [params.kind as TouchpointKind];
  if (params.org) filter.organisationIds = [params.org];
  const from = params.from ? startOfLocalDay(params.from) : null;
  if (from) filter.from = from;
  const to = params.to ? startOfLocalDay(params.to, 1) : null;
  if (to) filter.to = to;
  if (params.corrected === 'hide') filter.includeSuperseded = false;
  return Object.keys(filter).length ? filter : null;
}

/** Only the filter parameters that are set (for the URL). */
export function cleanParams(params: JourneyFilterParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
}
