import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../ui/i18n';
import { entriesRead } from './AccessLogPanel';
import { nextActions } from './ReferralActions';
import { RecordTouchpointForm } from './RecordTouchpointForm';
import { detailRows, hiddenNotice, kindLabel } from './timeline';
import { buildDetails, FIELDS, OUTCOME_SOURCE_LABELS } from './touchpointKinds';
import { mockClient, renderWithClient } from '../ui/testing';

afterEach(() => {
  cleanup();
  setLanguage('en', false);
});

const milestone = { __typename: 'MilestoneDetails', milestoneId: 'm', title: 'Eksportplan', ownerName: 'CEO', dueOn: '2025-06-30', status: 'DONE', previousStatus: 'IN_PROGRESS' } as const;

describe('the desk in Danish and Swedish', () => {
  it('names kinds, statuses and detail rows in the active language, and follows a switch', () => {
    setLanguage('da', false);
    expect(kindLabel('GROWTH_MAPPING')).toBe('Vækstkortlægning');
    expect(detailRows(milestone)).toEqual([
      ['Milepæl', 'Eksportplan'],
      ['Ansvarlig', 'CEO'],
      ['Frist', '30. jun. 2025'],
      ['Status', 'I gang → Gennemført'],
    ]);
    expect(hiddenNotice('Væksthus Syd')).toContain('intet samtykke');
    setLanguage('sv', false);
    expect(kindLabel('REFERRAL')).toBe('Hänvisning');
    expect(detailRows({ ...milestone, previousStatus: null })).toContainEqual(['Status', 'Klar (ny)']);
  });

  it("an inquiry's sector code is worded on the timeline; a sector typed as text stays as written", () => {
    const inquiry = { __typename: 'DelegationOrInquiryDetails', inquiryKind: 'ESTABLISHMENT_INQUIRY', originCountry: 'DE', sector: 'LIFE_SCIENCE' } as never;
    setLanguage('da', false);
    expect(detailRows(inquiry)).toContainEqual(['Sektor', 'Life science']);
    expect(detailRows({ ...(inquiry as object), sector: 'MANUFACTURING' } as never)).toContainEqual(['Sektor', 'Produktion']);
    setLanguage('sv', false);
    expect(detailRows({ ...(inquiry as object), sector: 'MANUFACTURING' } as never)).toContainEqual(['Sektor', 'Tillverkning']);
    expect(detailRows({ ...(inquiry as object), sector: 'Havvind' } as never)).toContainEqual(['Sektor', 'Havvind']);
  });

  it('looks up field labels, options and checks when used, not when the module was loaded', () => {
    setLanguage('da', false);
    const source = FIELDS.OUTCOME_REPORT.find((f) => f.name === 'source')!;
    expect(source.label).toBe('Kilde til tallene');
    expect(source.hint).toContain('holdes adskilt');
    expect(source.options!.map((o) => o.label)).toEqual(['Selvrapporteret af virksomheden', 'Målt i registre']);
    expect(OUTCOME_SOURCE_LABELS.REGISTER_MEASURED).toBe('Målt i registre');
    expect(buildDetails('NOTE', { text: '' }).errors).toEqual({ 'note.text': ['Note skal udfyldes.'] });
    setLanguage('sv', false);
    expect(source.label).toBe('Källa till siffrorna');
    expect(buildDetails('GROWTH_PARTNERSHIP', { periodStart: '2026-01-01', periodEnd: '2025-01-01', committedExtraJobs: '1,5', committedExtraRevenue: '0', committedExtraExport: '0', currency: 'SEK' }).errors).toEqual({
      'growthPartnership.committedExtraJobs': ['Ange ett heltal, 0 eller mer.'],
      'growthPartnership.periodEnd': ['Perioden måste sluta efter att den börjar.'],
    });
  });

  it('counts entries read with plural forms and names referral actions', () => {
    setLanguage('da', false);
    const labels = new Map([['aaaaaaaa-1', { kind: 'NOTE', occurredAt: '2025-03-01T10:00:00.000Z' }]]);
    expect(entriesRead(['aaaaaaaa-1', 'bbbbbbbb-2'], labels)).toEqual([expect.stringMatching(/^Note fra 1\. mar\. 2025/), 'indgang bbbbbbbb']);
    expect(nextActions('SENT').map((a) => a.label)).toEqual(['Accepter', 'Afvis']);
    setLanguage('sv', false);
    expect(nextActions('FIRST_CONTACT').map((a) => a.label)).toEqual(['Avsluta']);
  });

  it('renders the record form in Swedish', () => {
    renderWithClient(mockClient({}).client, <RecordTouchpointForm firmId="f" organisationId="o" />, 'sv');
    expect(screen.getByRole('heading', { name: 'Registrera en kontakt' })).toBeTruthy();
    expect(screen.getByLabelText('Anteckning')).toBeTruthy();
    expect(screen.getByTestId('record-submit').textContent).toBe('Registrera anteckning');
  });
});
