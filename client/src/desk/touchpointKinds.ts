import { t } from '../ui/i18n';
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

/** An option whose label is looked up when shown (in the language active then). */
const option = (value: string, key: string) => ({ value, get label() { return t(key); } });
const CHANNELS = ['MEETING', 'PHONE', 'EMAIL', 'EVENT', 'WEBSITE', 'REFERRAL', 'OTHER'].map((v) => option(v, `desk.channel.${v}`));
const CURRENCIES = ['DKK', 'SEK', 'EUR'].map((v) => ({ value: v, label: v }));

/** The two sources of outcome figures, which are never mixed. */
export const OUTCOME_SOURCE_LABELS = {
  get SELF_REPORTED() {
    return t('desk.source.SELF_REPORTED.long');
  },
  get REGISTER_MEASURED() {
    return t('desk.source.REGISTER_MEASURED');
  },
};

/** A field of a kind; its label (and hint) are looked up when shown: "desk.field.<kind>.<name>". */
function field(kind: RecordableKind, spec: Omit<FieldSpec, 'label' | 'hint'> & { hint?: boolean }): FieldSpec {
  const { hint, ...rest } = spec;
  const key = `desk.field.${kind}.${spec.name}`;
  const out = {
    ...rest,
    get label() {
      return t(key);
    },
  } as FieldSpec;
  // A getter, not a value: spreading a getter would fix the text in the language of the first import.
  if (hint) Object.defineProperty(out, 'hint', { get: () => t(`${key}.hint`), enumerable: true });
  return out;
}

export const FIELDS: Record<RecordableKind, readonly FieldSpec[]> = {
  FIRST_CONTACT: [
    field('FIRST_CONTACT', { name: 'channel', type: 'select', required: true, options: CHANNELS }),
    field('FIRST_CONTACT', { name: 'topic', type: 'text', maxLength: 500 }),
  ],
  NOTE: [field('NOTE', { name: 'text', type: 'textarea', required: true, maxLength: 4000 })],
  GROWTH_PARTNERSHIP: [
    field('GROWTH_PARTNERSHIP', { name: 'periodStart', type: 'date', required: true }),
    field('GROWTH_PARTNERSHIP', { name: 'periodEnd', type: 'date', required: true }),
    field('GROWTH_PARTNERSHIP', { name: 'committedExtraJobs', type: 'int', required: true }),
    field('GROWTH_PARTNERSHIP', { name: 'committedExtraRevenue', type: 'amount', required: true }),
    field('GROWTH_PARTNERSHIP', { name: 'committedExtraExport', type: 'amount', required: true }),
    field('GROWTH_PARTNERSHIP', { name: 'currency', type: 'select', required: true, options: CURRENCIES }),
  ],
  OUTCOME_REPORT: [
    field('OUTCOME_REPORT', {
      name: 'source',
      type: 'radio',
      required: true,
      options: [option('SELF_REPORTED', 'desk.source.SELF_REPORTED.long'), option('REGISTER_MEASURED', 'desk.source.REGISTER_MEASURED')],
      hint: true,
    }),
    field('OUTCOME_REPORT', { name: 'measuredOn', type: 'date', required: true }),
    field('OUTCOME_REPORT', { name: 'jobs', type: 'int' }),
    field('OUTCOME_REPORT', { name: 'revenue', type: 'amount' }),
    field('OUTCOME_REPORT', { name: 'exportRevenue', type: 'amount' }),
    field('OUTCOME_REPORT', { name: 'currency', type: 'select', options: CURRENCIES }),
  ],
  EVENT_ATTENDANCE: [
    field('EVENT_ATTENDANCE', { name: 'eventName', type: 'text', required: true, maxLength: 300 }),
    field('EVENT_ATTENDANCE', { name: 'organiserName', type: 'text', maxLength: 300 }),
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
      if (f.required) fail(f.name, f.type === 'radio' || f.type === 'select' ? t('desk.check.choose', { lower: f.label.toLowerCase(), label: f.label }) : t('desk.check.required', { label: f.label.replace(/ \(.*\)$/, '') }));
      value[f.name] = null;
      continue;
    }
    switch (f.type) {
      case 'int': {
        const n = parseAmount(raw);
        if (n == null || !Number.isInteger(n)) fail(f.name, t('desk.check.wholeNumber'));
        else value[f.name] = n;
        break;
      }
      case 'amount': {
        const n = parseAmount(raw);
        if (n == null) fail(f.name, t('desk.check.amount'));
        else value[f.name] = n;
        break;
      }
      case 'date':
        if (!DATE.test(raw)) fail(f.name, t('desk.check.date'));
        else value[f.name] = raw;
        break;
      case 'select':
      case 'radio':
        if (f.options && !f.options.some((o) => o.value === raw)) fail(f.name, t('desk.check.oneOf', { options: f.options.map((o) => o.label).join(', ') }));
        else value[f.name] = raw;
        break;
      default:
        if (f.maxLength && raw.length > f.maxLength) fail(f.name, t('desk.check.maxLength', { count: f.maxLength }));
        else value[f.name] = raw;
    }
  }
  if (kind === 'GROWTH_PARTNERSHIP' && typeof value.periodStart === 'string' && typeof value.periodEnd === 'string' && value.periodEnd <= value.periodStart) {
    fail('periodEnd', t('desk.check.periodOrder'));
  }
  if (kind === 'OUTCOME_REPORT') {
    if (value.jobs == null && value.revenue == null && value.exportRevenue == null && !errors[fieldKey(kind, 'jobs')] && !errors[fieldKey(kind, 'revenue')] && !errors[fieldKey(kind, 'exportRevenue')]) {
      fail('jobs', t('desk.error.outcomeReport.jobs.REQUIRED'));
    }
    if ((value.revenue != null || value.exportRevenue != null) && !value.currency) fail('currency', t('desk.error.outcomeReport.currency.REQUIRED'));
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
