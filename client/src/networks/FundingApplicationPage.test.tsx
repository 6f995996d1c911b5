import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeQuery, NetworkFundingApplicationFullFragment } from '../generated/graphql';
import { FundingApplicationPage } from './FundingApplicationPage';

afterEach(cleanup);

const me = (role: string, organisationId: string): MeQuery['me'] => ({
  id: 'u1',
  displayName: 'Nicki Network',
  email: 'n@example.test',
  memberships: [{ id: 'm1', role: role as never, organisation: { id: organisationId, name: 'Org', kind: 'NETWORK', country: 'DK' } }],
});

const application = (over: Partial<NetworkFundingApplicationFullFragment> = {}): NetworkFundingApplicationFullFragment => ({
  id: 'app-1',
  projectName: 'Netværksmøder 2027',
  status: 'DRAFT',
  // Deliberately not the sum of the lines: the page must show the server's total, never its own.
  totalAmount: '9999.99',
  amountGranted: null,
  submittedAt: null,
  decidedAt: null,
  pool: { id: 'pool-1', name: 'Lokaludvalgets pulje', owner: { id: 'kk', name: 'København Kommune' } },
  applicant: { id: 'net-org', name: 'Erhvervsnetværk Amager Øst' },
  network: { id: 'net-1', name: 'Erhvervsnetværk Amager Øst' },
  version: 2,
  responsible: 'Arbejdsgruppen',
  purpose: null,
  rationale: null,
  targetGroup: null,
  activities: null,
  expectedShortTermResults: null,
  expectedLongTermResults: null,
  anchoringStrategy: null,
  partners: null,
  timeline: null,
  communication: null,
  secretariatContribution: null,
  workingGroupContribution: null,
  budgetLines: [
    { id: 'l1', position: 0, description: 'Lokaleleje', amount: '1600.00' },
    { id: 'l2', position: 1, description: 'Morgenmad', amount: '8000.00' },
  ],
  decisionReason: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  submittedBy: null,
  decidedBy: null,
  decidedByOrganisation: null,
  ...over,
});

/** The application always, and one answer for every mutation. */
const clientFor = (app: NetworkFundingApplicationFullFragment, mutationData: unknown = null) =>
  mockClient({ query: () => ({ fundingApplication: app }), mutation: () => mutationData });

describe('FundingApplicationPage', () => {
  it('shows the budget lines and the total computed by the server', () => {
    const { client } = clientFor(application());
    render(
      <Provider value={client}>
        <FundingApplicationPage id="app-1" me={me('EDITOR', 'net-org')} actingFor={null} />
      </Provider>,
    );
    expect(screen.getAllByTestId('budget-line')).toHaveLength(2);
    expect(screen.getByTestId('application-total').textContent).toBe('9,999.99 DKK');
  });

  it('submits a draft with the version seen, and shows a missing section next to that section', async () => {
    const rejected = {
      submitFundingApplication: {
        application: null,
        userErrors: [
          { field: ['input', 'purpose'], message: 'Fill in "purpose" before submitting.', code: 'REQUIRED' },
          { field: ['input', 'expectedVersion'], message: 'Someone else changed this application.', code: 'VERSION_CONFLICT' },
        ],
      },
    };
    const { client, executeMutation } = clientFor(application(), rejected);
    render(
      <Provider value={client}>
        <FundingApplicationPage id="app-1" me={me('EDITOR', 'net-org')} actingFor={null} />
      </Provider>,
    );
    // Submitting cannot be undone: it asks first, and a "no" sends nothing.
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    fireEvent.click(screen.getByTestId('submit-application'));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Submit the application?'));
    expect(executeMutation).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('submit-application'));
    const error = await screen.findByTestId('error-purpose');
    expect(error.textContent).toContain('Fill in "purpose"');
    expect(error.closest('[data-section]')?.getAttribute('data-section')).toBe('purpose');
    expect(screen.getByRole('alert').textContent).toContain('Someone else changed this application.');
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: unknown }];
    expect(operation.variables).toEqual({ input: { id: 'app-1', expectedVersion: 2 } });
  });

  it('offers edit/submit only to editors of the applicant, and the decision only to the pool owner', () => {
    const { client } = clientFor(application());
    const { unmount } = render(
      <Provider value={client}>
        <FundingApplicationPage id="app-1" me={me('CONSULTANT', 'net-org')} actingFor={null} />
      </Provider>,
    );
    expect(screen.queryByTestId('submit-application')).toBeNull();
    unmount();

    const submitted = clientFor(application({ status: 'SUBMITTED' }));
    render(
      <Provider value={submitted.client}>
        <FundingApplicationPage id="app-1" me={me('EDITOR', 'kk')} actingFor={null} />
      </Provider>,
    );
    expect(screen.queryByTestId('submit-application')).toBeNull();
    expect(screen.getByTestId('decision-form')).toBeTruthy();
    expect((screen.getByLabelText('Amount granted (DKK)') as HTMLInputElement).value).toBe('9999.99');
  });

  it('sends an approval with the amount, a rejection without one', () => {
    const { client, executeMutation } = clientFor(application({ status: 'SUBMITTED' }), { decideFundingApplication: { application: null, userErrors: [] } });
    render(
      <Provider value={client}>
        <FundingApplicationPage id="app-1" me={me('EDITOR', 'kk')} actingFor={null} />
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText('Amount granted (DKK)'), { target: { value: ' 5000 ' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: ' Godt projekt ' } });
    fireEvent.click(screen.getByTestId('decide-application'));
    fireEvent.click(screen.getByLabelText('Reject'));
    fireEvent.click(screen.getByTestId('decide-application'));
    const inputs = executeMutation.mock.calls.map(([op]) => (op.variables as { input: unknown }).input);
    expect(inputs).toEqual([
      { id: 'app-1', expectedVersion: 2, decision: 'APPROVED', reason: 'Godt projekt', amountGranted: '5000' },
      { id: 'app-1', expectedVersion: 2, decision: 'REJECTED', reason: 'Godt projekt' },
    ]);
  });
});
