import { placeUserErrors } from '../ui/userErrors';
import { toLocalInput } from '../ui/format';
import { describe, expect, it } from 'vitest';
import type { DeskFirmDataExportQuery, DeskTouchpointFragment } from '../generated/graphql';
import { entriesRead } from './AccessLogPanel';
import { categoryOf, contactInput, MASK, sensitiveDisplay } from './contactPersons';
import { correctInput } from './CorrectEntryForm';
import { administeredOrganisations, exportFileName, exportJson } from './DataExportButton';
import { recordInput } from './RecordTouchpointForm';
import { buildDetails, canCorrect, draftFromDetails, emptyDraft, kindKeys, parseAmount } from './touchpointKinds';

describe('buildDetails', () => {
  it('never presets the outcome source, and refuses a report without one, without figures, or with money but no currency', () => {
    const draft = emptyDraft('OUTCOME_REPORT');
    expect(draft.source).toBe('');
    const none = buildDetails('OUTCOME_REPORT', { ...draft, measuredOn: '2025-03-01' });
    expect(none.value).toBeNull();
    expect(none.errors).toEqual({
      'outcomeReport.source': ['Choose the source of the figures.'],
      'outcomeReport.jobs': ['Report at least one of jobs, revenue, export.'],
    });
    const noCurrency = buildDetails('OUTCOME_REPORT', { ...draft, source: 'SELF_REPORTED', measuredOn: '2025-03-01', exportRevenue: '10' });
    expect(noCurrency.errors).toEqual({ 'outcomeReport.currency': ['Give the currency of revenue and export.'] });
  });

  it('parses numbers (spaces as thousands separators, comma decimals), sends empty optional fields as null', () => {
    const built = buildDetails('OUTCOME_REPORT', { source: 'REGISTER_MEASURED', measuredOn: '2025-03-01', jobs: '12', revenue: '1 500 000,5', exportRevenue: '', currency: 'DKK' });
    expect(built.errors).toEqual({});
    expect(built.field).toBe('outcomeReport');
    expect(built.value).toEqual({ source: 'REGISTER_MEASURED', measuredOn: '2025-03-01', jobs: 12, revenue: 1500000.5, exportRevenue: null, currency: 'DKK' });
    expect(parseAmount('-3')).toBeNull();
    expect(parseAmount('1e6')).toBeNull();
  });

  it('wants whole jobs and a period that ends after it starts', () => {
    const built = buildDetails('GROWTH_PARTNERSHIP', {
      periodStart: '2025-06-01', periodEnd: '2025-01-01', committedExtraJobs: '2.5', committedExtraRevenue: '100', committedExtraExport: 'lots', currency: 'DKK',
    });
    expect(built.value).toBeNull();
    expect(built.errors).toEqual({
      'growthPartnership.committedExtraJobs': ['Give a whole number, 0 or more.'],
      'growthPartnership.committedExtraExport': ['Give an amount, 0 or more (digits only).'],
      'growthPartnership.periodEnd': ['The period must end after it starts.'],
    });
  });

  it("reads back an entry's details into the form (the partnership's aliased currency included)", () => {
    const details = {
      __typename: 'GrowthPartnershipDetails', periodStart: '2025-01-01', periodEnd: '2026-12-31', committedExtraJobs: 4, committedExtraRevenue: 2000000,
      committedExtraExport: 0, partnershipCurrency: 'EUR',
    } as const;
    const back = draftFromDetails(details)!;
    expect(back.kind).toBe('GROWTH_PARTNERSHIP');
    expect(buildDetails(back.kind, back.draft).value).toEqual({
      periodStart: '2025-01-01', periodEnd: '2026-12-31', committedExtraJobs: 4, committedExtraRevenue: 2000000, committedExtraExport: 0, currency: 'EUR',
    });
    expect(draftFromDetails({ __typename: 'GrowthMappingDetails', ambition: null, focusAreas: [], scores: [] })).toBeNull();
  });
});

describe('recordInput and correctInput', () => {
  it('puts the details under the kind\'s own input field only', () => {
    const { input, errors } = recordInput('f1', 'o1', 'EVENT_ATTENDANCE', { eventName: ' Growth camp ', organiserName: '' }, '2025-03-01T10:00:00.000Z', '  ');
    expect(errors).toEqual({});
    expect(input).toEqual({
      firmId: 'f1', organisationId: 'o1', kind: 'EVENT_ATTENDANCE', occurredAt: '2025-03-01T10:00:00.000Z', summary: null,
      eventAttendance: { eventName: 'Growth camp', organiserName: null },
    });
    expect(recordInput('f1', 'o1', 'NOTE', { text: 'x' }, null, '').errors).toEqual({ occurredAt: ['Give the time it happened.'] });
  });

  it('sends the time of a correction only when it was changed, and needs a reason', () => {
    const entry = { id: 't1', occurredAt: '2025-03-01T09:30:00.000Z' };
    const same = toLocalInput(new Date(entry.occurredAt));
    const kept = correctInput(entry, 'NOTE', { text: 'Corrected' }, ' Typo ', same, '');
    expect(kept.input).toEqual({ touchpointId: 't1', reason: 'Typo', summary: null, note: { text: 'Corrected' } });
    const moved = correctInput(entry, 'NOTE', { text: 'Corrected' }, 'Typo', '2025-03-02T08:00', 'Sum');
    expect(moved.input?.occurredAt).toBe(new Date(2025, 2, 2, 8, 0).toISOString());
    expect(correctInput(entry, 'NOTE', { text: '' }, ' ', same, '').errors).toEqual({ 'note.text': ['Note is required.'], reason: ['Say why the entry is corrected.'] });
  });

  it('maps the API\'s error paths to the kind\'s fields', () => {
    const g = placeUserErrors(
      [
        { field: ['input', 'outcomeReport', 'currency'], message: 'Give the currency', code: 'REQUIRED' },
        { field: ['input', 'outcomeReport'], message: 'needs outcomeReport', code: 'REQUIRED' },
        { field: ['input', 'occurredAt'], message: 'at most 14 days', code: 'INVALID' },
      ],
      [...kindKeys('OUTCOME_REPORT'), 'occurredAt'],
    );
    expect(g.byField).toEqual({ 'outcomeReport.currency': ['Give the currency'], outcomeReport: ['needs outcomeReport'], occurredAt: ['at most 14 days'] });
  });
});

describe('canCorrect', () => {
  const entry = (over: Partial<DeskTouchpointFragment>) =>
    ({ supersededById: null, organisation: { id: 'ours', name: 'Us', kind: 'GROWTH_HOUSE' }, details: { __typename: 'NoteDetails', text: 'x' }, ...over }) as DeskTouchpointFragment;
  it('offers a correction of our current entries of a kind with a form, only', () => {
    expect(canCorrect(entry({}), ['ours'])).toBe(true);
    expect(canCorrect(entry({ supersededById: 't2' }), ['ours'])).toBe(false);
    expect(canCorrect(entry({ organisation: { id: 'theirs', name: 'Them', kind: 'GROWTH_HOUSE' } }), ['ours'])).toBe(false);
    expect(canCorrect(entry({ details: { __typename: 'ReferralDetails', reason: 'r', receiverOrganisation: null, referral: null } }), ['ours'])).toBe(false);
  });
});

describe('contact persons', () => {
  const note = (over: object) => ({ category: 'SENSITIVE' as const, masked: true, present: true, value: null, ...over });
  it('masks a sensitive note until this user revealed it, and says when none is recorded', () => {
    expect(sensitiveDisplay(note({}), undefined)).toEqual({ state: 'masked', text: MASK });
    expect(sensitiveDisplay(note({}), 'Sick leave')).toEqual({ state: 'revealed', text: 'Sick leave' });
    expect(sensitiveDisplay(note({ present: false }), undefined)).toEqual({ state: 'absent', text: 'None recorded' });
    // A masked value is never shown, even if one came along.
    expect(sensitiveDisplay(note({ value: 'leak' }), undefined).state).toBe('masked');
  });

  it("takes each field's category from the API, and sends empty optional fields as null", () => {
    expect(categoryOf({ fieldCategories: [{ field: 'email', category: 'SENSITIVE' }] }, 'email')).toBe('SENSITIVE');
    expect(categoryOf(null, 'email')).toBe('CONTACT');
    expect(categoryOf(null, 'somethingNew')).toBe('SENSITIVE');
    expect(contactInput('f', 'o', { name: ' Karen ', role: '', email: ' ', phone: '+45 12', sensitiveNote: '' })).toEqual({
      firmId: 'f', organisationId: 'o', name: 'Karen', role: null, email: null, phone: '+45 12', sensitiveNote: null,
    });
  });
});

describe('access log and export', () => {
  it('names the entries read by kind and time, and unknown ones by a short id', () => {
    const labels = new Map([['aaaaaaaa-1', { kind: 'OUTCOME_REPORT', occurredAt: '2025-03-01T10:00:00.000Z' }]]);
    const [known, unknown] = entriesRead(['aaaaaaaa-1', 'bbbbbbbb-2222'], labels);
    expect(known).toMatch(/^Outcome report of 1 Mar 2025, /);
    expect(unknown).toBe('entry bbbbbbbb');
  });

  it('offers the export to admins of the organisation acted for, as a JSON file named by the firm', () => {
    const me = {
      memberships: [
        { id: '1', role: 'ADMIN' as const, organisation: { id: 'midt', name: 'Erhvervshus Midtjylland', kind: 'GROWTH_HOUSE' as const, country: 'DK' as const } },
        { id: '2', role: 'VIEWER' as const, organisation: { id: 'kkr', name: 'KKR Midtjylland', kind: 'REGIONAL_COUNCIL' as const, country: 'DK' as const } },
      ],
    };
    expect(administeredOrganisations(me, null)).toEqual([{ id: 'midt', name: 'Erhvervshus Midtjylland' }]);
    expect(administeredOrganisations(me, 'kkr')).toEqual([]);
    const data = {
      __typename: 'FirmDataExport',
      generatedAt: '2025-03-12T10:00:00.000Z',
      firm: { __typename: 'Firm', id: 'f', name: 'Bach ApS', cvr: '12345678', organisationsnummer: null },
      organisation: { id: 'midt', name: 'Erhvervshus Midtjylland' },
      touchpoints: [{ __typename: 'Touchpoint', id: 't', details: { __typename: 'NoteDetails', text: 'x' } }],
    } as unknown as DeskFirmDataExportQuery['firmDataExport'];
    expect(exportFileName(data)).toBe('data-access-export-12345678-erhvervshus-midtjylland-2025-03-12.json');
    const json = JSON.parse(exportJson(data));
    expect(json.firm).toEqual({ id: 'f', name: 'Bach ApS', cvr: '12345678', organisationsnummer: null });
  });
});
