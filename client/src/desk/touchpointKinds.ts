import type { DeskTouchpointFragment, RecordTouchpointInput, TouchpointKind } from '../generated/graphql';

/**
 * The touchpoint kinds recorded with the desk's generic "Record" tool, with the fields of each kind.
 * (Growth mapping, milestones and referrals have their own tools; enrolments, participation and
 * inquiries are recorded by the programme, cluster, network and investment areas.)
 */
export const RECORDABLE_KINDS = ['FIRST_CONTACT', 'NOTE', 'GROWTH_PARTNERSHIP', 'OUTCOME_REPORT', 'EVENT_ATTENDANCE'] as const satisfies readonly TouchpointKind[];
export type RecordableKind = (typeof RECORDABLE_KINDS)[number];

export const isRecordableKind = (kind: string): kind is RecordableKind => (RECORDABLE_KINDS as readonly string[]).includes(kind);

/** The input object (of RecordTouchpointInput / CorrectTouchpointInput) that carries each kind's details. */
export const DETAILS_FIELD = {
  FIRST_CONTACT: 'firstContact',
  NOTE: 'note',
  GROWTH_PARTNERSHIP: 'growthPartnership',
  OUTCOME_REPORT: 'outcomeReport',
  EVENT_ATTENDANCE: 'eventAttendance',
} as const satisfies Record<RecordableKind, keyof RecordTouchpointInput>;

export type FieldType = 'text' | 'textarea' | 'select' | 'radio' | 'date' | 'int' | 'amount';

export interface FieldSpec {
  /** Name in the details input object (the form key is `<detailsField>.<name>`, as the API's error paths). */
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  options?: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  maxLength?: number;
}

const CHANNELS = ['MEETING', 'PHONE', 'EMAIL', 'EVENT', 'WEBSITE', 'REFERRAL', 'OTHER'].map((v) => ({ value: v, label: v.charAt(0) + v.slice(1).toLowerCase() }));
const CURRENCIES = ['DKK', 'SEK', 'EUR'].map((v) => ({ value: v, label: v }));

/** The two sources of outcome figures, which are never mixed. */
export const OUTCOME_SOURCE_LABELS = {
  SELF_REPORTED: 'Self-reported by the firm',
  REGISTER_MEASURED: 'Measured on registers',
} as const;

export const FIELDS: Record<RecordableKind, readonly FieldSpec[]> = {
  FIRST_CONTACT: [
    { name: 'channel', label: 'Channel', type: 'select', required: true, options: CHANNELS },
    { name: 'topic', label: 'What the firm wanted (optional)', type: 'text', maxLength: 500 },
  ],
  NOTE: [{ name: 'text', label: 'Note', type: 'textarea', required: true, maxLength: 4000 }],
  GROWTH_PARTNERSHIP: [
    { name: 'periodStart', label: 'Period starts', type: 'date', required: true },
    { name: 'periodEnd', label: 'Period ends', type: 'date', required: true },
    { name: 'committedExtraJobs', label: 'Committed extra jobs (full-time)', type: 'int', required: true },
    { name: 'committedExtraRevenue', label: 'Committed extra yearly revenue', type: 'amount', required: true },
    { name: 'committedExtraExport', label: 'Committed extra yearly export', type: 'amount', required: true },
    { name: 'currency', label: 'Currency', type: 'select', required: true, options: CURRENCIES },
  ],
  OUTCOME_REPORT: [
    {
      name: 'source',
      label: 'Source of the figures',
      type: 'radio',
      required: true,
      options: [
        { value: 'SELF_REPORTED', label: OUTCOME_SOURCE_LABELS.SELF_REPORTED },
        { value: 'REGISTER_MEASURED', label: OUTCOME_SOURCE_LABELS.REGISTER_MEASURED },
      ],
      hint: 'Self-reported and register-measured figures are kept apart: choose the one these figures come from.',
    },
    { name: 'measuredOn', label: 'Figures as of', type: 'date', required: true },
    { name: 'jobs', label: 'Jobs (full-time employees)', type: 'int' },
    { name: 'revenue', label: 'Revenue', type: 'amount' },
    { name: 'exportRevenue', label: 'Export', type: 'amount' },
    { name: 'currency', label: 'Currency (for revenue and export)', type: 'select', options: CURRENCIES },
  ],
  EVENT_ATTENDANCE: [
    { name: 'eventName', label: 'Event', type: 'text', required: true, maxLength: 300 },
    { name: 'organiserName', label: 'Organiser (optional)', type: 'text', maxLength: 300 },
  ],
};

/** The form's values of one kind's fields, as typed (strings; '' = empty). */
export type KindDraft = Record<string, string>;

export const fieldKey = (kind: RecordableKind, name: string) => `${DETAILS_FIELD[kind]}.${name}`;

/** Every form key of a kind (for mapping the API's user errors), including the details object itself. */
export const kindKeys = (kind: RecordableKind) => [DETAILS_FIELD[kind], ...FIELDS[kind].map((f) => fieldKey(kind, f.name))];

/** A fresh draft: empty, except defaults that are safe (DKK, a meeting). The outcome source is never preset. */
export function emptyDraft(kind: RecordableKind): KindDraft {
  const draft: KindDraft = Object.fromEntries(FIELDS[kind].map((f) => [f.name, '']));
  if (kind === 'FIRST_CONTACT') draft.channel = 'MEETING';
  if (kind === 'GROWTH_PARTNERSHIP') draft.currency = 'DKK';
  return draft;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A number typed into the form: spaces allowed as thousands separators, a comma or a point as decimal mark. */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(/[\s\u00a0_]/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

export interface BuiltDetails {
  /** The details object to send, under `field` of the input; null when the draft has errors. */
  field: (typeof DETAILS_FIELD)[RecordableKind];
  value: Record<string, unknown> | null;
  /** Problems found before sending, by form key. */
  errors: Record<string, string[]>;
}

/**
 * The details input of a kind from the form's draft: numbers parsed, empty optional fields sent as null,
 * checked for what the API would refuse anyway (required fields, whole non-negative numbers, the
 * period's order, a currency with money, at least one outcome figure).
 */
export function buildDetails(kind: RecordableKind, draft: KindDraft): BuiltDetails {
  const errors: Record<string, string[]> = {};
  const value: Record<string, unknown> = {};
  const fail = (name: string, message: string) => (errors[fieldKey(kind, name)] ??= []).push(message);
  for (const f of FIELDS[kind]) {
    const raw = (draft[f.name] ?? '').trim();
    if (!raw) {
      if (f.required) fail(f.name, f.type === 'radio' || f.type === 'select' ? `Choose the ${f.label.toLowerCase()}.` : `${f.label.replace(/ \(.*\)$/, '')} is required.`);
      value[f.name] = null;
      continue;
    }
    switch (f.type) {
      case 'int': {
        const n = parseAmount(raw);
        if (n == null || !Number.isInteger(n)) fail(f.name, 'Give a whole number, 0 or more.');
        else value[f.name] = n;
        break;
      }
      case 'amount': {
        const n = parseAmount(raw);
        if (n == null) fail(f.name, 'Give an amount, 0 or more (digits only).');
        else value[f.name] = n;
        break;
      }
      case 'date':
        if (!DATE.test(raw)) fail(f.name, 'Give a date (YYYY-MM-DD).');
        else value[f.name] = raw;
        break;
      case 'select':
      case 'radio':
        if (f.options && !f.options.some((o) => o.value === raw)) fail(f.name, `Choose one of: ${f.options.map((o) => o.label).join(', ')}.`);
        else value[f.name] = raw;
        break;
      default:
        if (f.maxLength && raw.length > f.maxLength) fail(f.name, `At most ${f.maxLength} characters.`);
        else value[f.name] = raw;
    }
  }
  if (kind === 'GROWTH_PARTNERSHIP' && typeof value.periodStart === 'string' && typeof value.periodEnd === 'string' && value.periodEnd <= value.periodStart) {
    fail('periodEnd', 'The period must end after it starts.');
  }
  if (kind === 'OUTCOME_REPORT') {
    if (value.jobs == null && value.revenue == null && value.exportRevenue == null && !errors[fieldKey(kind, 'jobs')] && !errors[fieldKey(kind, 'revenue')] && !errors[fieldKey(kind, 'exportRevenue')]) {
      fail('jobs', 'Report at least one of jobs, revenue, export.');
    }
    if ((value.revenue != null || value.exportRevenue != null) && !value.currency) fail('currency', 'Give the currency of revenue and export.');
  }
  return { field: DETAILS_FIELD[kind], value: Object.keys(errors).length ? null : value, errors };
}

const str = (v: unknown) => (v == null ? '' : String(v));

/** A draft holding an entry's current details, to correct it. Null for kinds this form does not handle. */
export function draftFromDetails(details: DeskTouchpointFragment['details']): { kind: RecordableKind; draft: KindDraft } | null {
  switch (details.__typename) {
    case 'FirstContactDetails':
      return { kind: 'FIRST_CONTACT', draft: { channel: details.channel, topic: str(details.topic) } };
    case 'NoteDetails':
      return { kind: 'NOTE', draft: { text: details.text } };
    case 'GrowthPartnershipDetails':
      return {
        kind: 'GROWTH_PARTNERSHIP',
        draft: {
          periodStart: details.periodStart,
          periodEnd: details.periodEnd,
          committedExtraJobs: str(details.committedExtraJobs),
          committedExtraRevenue: str(details.committedExtraRevenue),
          committedExtraExport: str(details.committedExtraExport),
          currency: details.partnershipCurrency,
        },
      };
    case 'OutcomeReportDetails':
      return {
        kind: 'OUTCOME_REPORT',
        draft: {
          source: details.source,
          measuredOn: details.measuredOn,
          jobs: str(details.jobs),
          revenue: str(details.revenue),
          exportRevenue: str(details.exportRevenue),
          currency: str(details.currency),
        },
      };
    case 'EventAttendanceDetails':
      return { kind: 'EVENT_ATTENDANCE', draft: { eventName: details.eventName, organiserName: str(details.organiserName) } };
    default:
      return null;
  }
}

/**
 * Whether the desk offers "Correct" on an entry: one of our organisations recorded it, it is the newest
 * version (a superseded entry is corrected through its correction), and its kind has a form here.
 */
export function canCorrect(entry: Pick<DeskTouchpointFragment, 'supersededById' | 'organisation' | 'details'>, recordingOrganisationIds: readonly string[]): boolean {
  return !entry.supersededById && recordingOrganisationIds.includes(entry.organisation.id) && draftFromDetails(entry.details) !== null;
}
