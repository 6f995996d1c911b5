import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnrolFirmMutation, ProgrammeDetailsQuery, ProgrammeEnrolmentsQuery } from '../generated/graphql';
import { ProgrammePage, type ProgrammeAccess } from './ProgrammePage';

afterEach(cleanup);

const programme: NonNullable<ProgrammeDetailsQuery['programme']> = {
  id: 'p1',
  name: 'Vækstiværksætterprogram Midtjylland',
  kind: 'ACCELERATOR',
  state: 'OPEN',
  startsOn: '2026-09-01',
  endsOn: '2027-06-30',
  capacity: 40,
  availableSeats: 35,
  description: null,
  version: 1,
  operator: { id: 'gh-midt', name: 'Erhvervshus Midtjylland' },
  eligibility: { growthPotentialLevels: ['HIGH', 'MEDIUM'], industryCodePrefixes: [], sizeClasses: ['MICRO', 'SMALL'], regions: [{ id: 'r1', name: 'Region Midtjylland' }] },
  fundingSources: [
    { id: 'f1', funderName: null, funder: { id: 'gh-midt', name: 'Erhvervshus Midtjylland' }, sharePercent: 33.33, amount: 1000 },
    { id: 'f2', funderName: 'EU Regionalfond', funder: null, sharePercent: 66.67, amount: null },
  ],
  kpis: [],
  throughput: { enrolled: 5, completed: 0, droppedOut: 1, total: 6 },
};

const refusal: EnrolFirmMutation = {
  enrolFirm: {
    enrolment: null,
    failedCriteria: ['GROWTH_POTENTIAL', 'REGION'],
    userErrors: [{ field: ['input', 'firmId'], code: 'NOT_ELIGIBLE', message: 'The firm is not eligible. Growth potential: the programme admits HIGH, MEDIUM; the firm is LOW.', parameters: [] }],
  },
};


/** A client answering each operation by name. */
const clientFor = (answers: Record<string, unknown>) => mockClient({ queries: answers, mutations: answers });

const operatorAccess: ProgrammeAccess = { canRecord: (id) => id === 'gh-midt', canEdit: () => false };
const outsiderAccess: ProgrammeAccess = { canRecord: () => false, canEdit: () => false };
const noEnrolments: ProgrammeEnrolmentsQuery = { programme: { id: 'p1', enrolments: null } };

describe('ProgrammePage', () => {
  it('shows the funding shares and their exact total, and seats free', () => {
    const { client } = clientFor({ ProgrammeDetails: { programme }, ProgrammeEnrolments: noEnrolments });
    render(
      <Provider value={client}>
        <ProgrammePage id="p1" access={outsiderAccess} />
      </Provider>,
    );
    expect(screen.getByTestId('funding-total').textContent).toBe('100 %');
    expect(within(screen.getByTestId('funding-sources')).getByText('33.33 %')).toBeTruthy();
    expect(screen.getByTestId('available-seats').textContent).toBe('35');
  });

  it('tells a non-operator that enrolled firms are the operator\'s, and offers no enrolment', () => {
    const { client } = clientFor({ ProgrammeDetails: { programme }, ProgrammeEnrolments: noEnrolments });
    render(
      <Provider value={client}>
        <ProgrammePage id="p1" access={outsiderAccess} />
      </Provider>,
    );
    expect(screen.getByTestId('enrolments-hidden')).toBeTruthy();
    expect(screen.queryByTestId('enrolments')).toBeNull();
    expect(screen.queryByTestId('enrol-firm')).toBeNull();
  });

  it('shows a refused enrolment with the reason and the criteria not met, and clears it when another firm is chosen', async () => {
    const firm = (id: string, name: string) => ({ id, name, cvr: '12345678', organisationsnummer: null, growthPotentialLevel: 'LOW' as const, sizeClass: 'MICRO' as const, municipality: null });
    const { client, executeMutation } = clientFor({
      ProgrammeDetails: { programme },
      ProgrammeEnrolments: { programme: { id: 'p1', enrolments: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } } satisfies ProgrammeEnrolmentsQuery,
      FirmFinder: { firms: { edges: [{ node: firm('f1', 'Low Growth ApS') }, { node: firm('f2', 'Other ApS') }], pageInfo: { hasNextPage: false } } },
      ProgrammeEligibilityCheck: { programmeEligibility: { eligible: false, failedCriteria: ['GROWTH_POTENTIAL'], reasons: ['Growth potential: …'] } },
      EnrolFirm: refusal,
    });
    render(
      <Provider value={client}>
        <ProgrammePage id="p1" access={operatorAccess} />
      </Provider>,
    );
    const form = screen.getByTestId('enrol-firm');
    fireEvent.change(within(form).getByTestId('firm-finder-input'), { target: { value: '12345678' } });
    fireEvent.click(within(form).getByTestId('firm-finder-submit'));
    fireEvent.click(within(form).getByRole('button', { name: 'Choose Low Growth ApS' }));
    expect(within(form).getByTestId('eligibility-hint').textContent).toContain('Does not meet: Growth potential');
    fireEvent.click(within(form).getByTestId('enrol-submit'));
    const alert = await screen.findByTestId('enrol-refusal');
    expect(executeMutation.mock.calls[0][0]).toMatchObject({ variables: { input: { programmeId: 'p1', firmId: 'f1' } } });
    // Worded from the code, not the server's developer English.
    expect(alert.textContent).toContain('The firm does not meet the programme’s criteria.');
    expect(alert.textContent).not.toContain('admits HIGH');
    expect(screen.getByTestId('failed-criteria').textContent).toBe('Criteria not met: Growth potential, Region');
    fireEvent.click(within(form).getByRole('button', { name: 'Choose Other ApS' }));
    expect(screen.queryByTestId('enrol-refusal')).toBeNull();
  });
});
