import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgrammeDetailsQuery } from '../generated/graphql';
import { setLanguage } from '../ui/i18n';
import { mockClient, renderWithClient } from '../ui/testing';
import { EditProgrammePage } from './CreateProgrammePage';
import { shownProgrammeState } from './format';

afterEach(() => {
  cleanup();
  setLanguage('en', false);
});

const programme: NonNullable<ProgrammeDetailsQuery['programme']> = {
  id: 'p1',
  name: 'Vækstcamp Midt',
  kind: 'GROWTH_CAMP',
  state: 'OPEN',
  startsOn: '2026-09-01',
  endsOn: '2027-06-30',
  capacity: 35,
  availableSeats: 30,
  operator: { id: 'op', name: 'Erhvervshus Midtjylland' },
  eligibility: { growthPotentialLevels: ['HIGH'], industryCodePrefixes: ['62'], sizeClasses: [], regions: [] },
  description: null,
  version: 7,
  fundingSources: [
    { id: 'f1', funderName: 'EU Regionalfond', funder: null, sharePercent: 66.67, amount: 2500000 },
    { id: 'f2', funderName: null, funder: { id: 'region', name: 'Region Midtjylland' }, sharePercent: 33.33, amount: null },
  ],
  kpis: [{ id: 'k1', metric: 'Firms completed', target: 30, unit: 'firms' }],
  throughput: { enrolled: 5, completed: 0, droppedOut: 0, total: 5 },
};

describe('EditProgrammePage', () => {
  it('shows the programme in Danish number forms and sends the changes with the version (updateProgramme)', async () => {
    const { client, mutationCalls } = mockClient({
      queries: { ProgrammeDetails: { programme } },
      mutations: { UpdateProgramme: { updateProgramme: { programme: { id: 'p1', name: 'Vækstcamp Midt', state: 'OPEN', version: 8 }, userErrors: [] } } },
    });
    renderWithClient(client, <EditProgrammePage id="p1" canEdit={() => true} />, 'da');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Rediger “Vækstcamp Midt”');
    expect((screen.getByTestId('funding-0-sharePercent') as HTMLInputElement).value).toBe('66,67');
    expect((screen.getByTestId('funding-0-amount') as HTMLInputElement).value).toBe('2.500.000');
    fireEvent.change(screen.getByTestId('funding-0-amount'), { target: { value: '3.000.000' } });
    fireEvent.change(screen.getByLabelText('Kapacitet (virksomheder)'), { target: { value: '40' } });
    fireEvent.submit(screen.getByTestId('edit-programme-form'));
    await Promise.resolve();
    const [vars] = mutationCalls('UpdateProgramme') as Array<{ input: Record<string, unknown> }>;
    expect(vars.input).toMatchObject({ id: 'p1', expectedVersion: 7, capacity: 40, name: 'Vækstcamp Midt' });
    expect(vars.input.fundingSources).toEqual([
      { funderName: 'EU Regionalfond', sharePercent: 66.67, amount: 3000000 },
      { funderOrganisationId: 'region', sharePercent: 33.33 },
    ]);
    expect(vars.input).not.toHaveProperty('kind');
    expect(vars.input).not.toHaveProperty('operatorOrganisationId');
  });

  it('puts a server refusal next to the field, in Swedish', async () => {
    const { client } = mockClient({
      queries: { ProgrammeDetails: { programme } },
      mutations: {
        UpdateProgramme: {
          updateProgramme: { programme: null, userErrors: [{ field: ['input', 'endsOn'], message: 'The programme cannot end before it starts.', code: 'INVALID', parameters: [] }] },
        },
      },
    });
    renderWithClient(client, <EditProgrammePage id="p1" canEdit={() => true} />, 'sv');
    fireEvent.submit(screen.getByTestId('edit-programme-form'));
    expect((await screen.findByTestId('error-endsOn')).textContent).toBe('Programmet kan inte sluta innan det börjar.');
  });
});

describe('shownProgrammeState', () => {
  it('does not call a programme open for enrolment once its period has ended', () => {
    expect(shownProgrammeState({ state: 'OPEN', endsOn: '2026-11-30' }, '2026-12-01')).toBe('ENDED');
    expect(shownProgrammeState({ state: 'RUNNING', endsOn: '2026-12-01' }, '2026-12-01')).toBe('RUNNING');
    expect(shownProgrammeState({ state: 'CLOSED', endsOn: '2020-01-01' }, '2026-12-01')).toBe('CLOSED');
  });
});
