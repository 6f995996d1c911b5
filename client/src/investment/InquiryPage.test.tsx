import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvestmentInquiryFullFragment, MeQuery } from '../generated/graphql';
import { InquiryPage } from './InquiryPage';

afterEach(cleanup);

const me: MeQuery['me'] = {
  id: 'u1',
  displayName: 'Karin Koordinator',
  email: 'k@example.test',
  memberships: [
    { id: 'm1', role: 'EDITOR', organisation: { id: 'region', name: 'Region Kalmar län', kind: 'REGION', country: 'SE' } },
    { id: 'm2', role: 'CONSULTANT', organisation: { id: 'kalmar', name: 'Kalmar kommun', kind: 'MUNICIPALITY', country: 'SE' } },
  ],
};

const inquiry = (over: Partial<InvestmentInquiryFullFragment>): InvestmentInquiryFullFragment => ({
  id: 'inq-1',
  codeName: 'EI-K4LM2Q',
  displayName: 'EI-K4LM2Q',
  confidentialProjectName: null,
  myRole: 'OBSERVER',
  state: 'ACTIVE',
  sector: 'ENERGY',
  originCountry: 'DE',
  projectedJobs: 250,
  projectedInvestmentSek: '1200000000.00',
  realisedJobs: null,
  realisedInvestmentSek: null,
  receivedAt: '2025-09-02T08:30:00.000Z',
  version: 3,
  coordinator: { id: 'region', name: 'Region Kalmar län' },
  receivedFrom: { id: 'bs', name: 'Business Sweden' },
  summary: null,
  evidence: null,
  updatedAt: '2025-10-14T13:00:00.000Z',
  establishedIn: null,
  establishedFirm: null,
  group: null,
  offers: [],
  stateHistory: null,
  ...over,
});

const clientFor = (data: InvestmentInquiryFullFragment, mutationData: unknown = null) => mockClient({ query: () => ({ establishmentInquiry: data }), mutation: () => mutationData });

describe('InquiryPage', () => {
  it('shows an observer the code name only, and no pipeline controls', () => {
    const { client } = clientFor(inquiry({}));
    render(
      <Provider value={client}>
        <InquiryPage id="inq-1" me={me} actingFor={null} />
      </Provider>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('EI-K4LM2Q');
    expect(screen.getByTestId('code-name-only')).toBeTruthy();
    expect(screen.queryByText('Confidential')).toBeNull();
    expect(screen.queryByTestId('state-form')).toBeNull();
    expect(screen.getByTestId('projected-jobs').textContent).toBe('250');
    expect(screen.getByTestId('realised-jobs').textContent).toBe('—');
  });

  it('shows a handler the confidential name, and moving to SUCCESSFUL without evidence shows the error at the evidence', async () => {
    const refused = {
      changeEstablishmentInquiryState: {
        inquiry: null,
        userErrors: [{ field: ['input', 'evidence'], message: 'A case counts as successful only with evidence recorded.', code: 'REQUIRED' }],
      },
    };
    const { client, executeMutation } = clientFor(
      inquiry({ myRole: 'COORDINATOR', confidentialProjectName: 'Project Nordlicht', displayName: 'Project Nordlicht', group: [{ id: 'kalmar', name: 'Kalmar kommun' }] }),
      refused,
    );
    render(
      <Provider value={client}>
        <InquiryPage id="inq-1" me={me} actingFor={null} />
      </Provider>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Project Nordlicht');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Confidential');
    expect(screen.getByTestId('inquiry-code-name').textContent).toBe('EI-K4LM2Q');
    fireEvent.change(screen.getByTestId('state-select'), { target: { value: 'SUCCESSFUL' } });
    fireEvent.click(screen.getByTestId('change-state'));
    const error = await screen.findByTestId('error-evidence');
    expect(error.textContent).toContain('only with evidence');
    expect(error.closest('fieldset')?.getAttribute('data-testid')).toBe('evidence-fieldset');
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: unknown }];
    expect(operation.variables).toEqual({ input: { id: 'inq-1', expectedVersion: 3, toState: 'SUCCESSFUL' } });
  });

  it('offers a group municipality the user records for a way to make its offer', () => {
    const { client } = clientFor(
      inquiry({ myRole: 'COORDINATOR', confidentialProjectName: 'P', group: [{ id: 'kalmar', name: 'Kalmar kommun' }, { id: 'nybro', name: 'Nybro kommun' }] }),
    );
    render(
      <Provider value={client}>
        <InquiryPage id="inq-1" me={me} actingFor={null} />
      </Provider>,
    );
    expect(screen.getByTestId('offer-form').textContent).toContain('For Kalmar kommun');
  });
});
