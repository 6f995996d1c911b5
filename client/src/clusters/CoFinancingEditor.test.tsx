import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoFinancingDetailsFragment, UpdateOfficeCoFinancingMutation } from '../generated/graphql';
import { CoFinancingEditor } from './CoFinancingEditor';

afterEach(cleanup);

const existing: CoFinancingDetailsFragment = {
  id: 'c1',
  title: 'Tværkommunal medfinansiering',
  version: 3,
  modelDescription: 'K17-modellen',
  benefits: ['ACTIVITY_UPDATES'],
  benefitsDescription: null,
  shares: [
    { id: 's1', sharePercent: 60, shareBasisPoints: 6000, municipality: { id: 'm370', name: 'Næstved Kommune' } },
    { id: 's2', sharePercent: 40, shareBasisPoints: 4000, municipality: { id: 'm329', name: 'Ringsted Kommune' } },
  ],
  annualAmounts: [{ id: 'a1', year: 2026, amount: 750_000 }],
  allocations: [],
};

const municipalities = {
  organisations: {
    edges: [
      { node: { id: 'm370', name: 'Næstved Kommune' } },
      { node: { id: 'm329', name: 'Ringsted Kommune' } },
    ],
  },
};

const clientFor = (mutationAnswer: UpdateOfficeCoFinancingMutation) => mockClient({ queries: { CoFinancingMunicipalities: municipalities }, mutation: () => mutationAnswer });

describe('CoFinancingEditor', () => {
  it('shows the live total, sends the edit with the version it was based on, and puts the server\'s refusal next to the total', async () => {
    const message = 'The shares must add up to exactly 100 % (they add up to 105.00 %).';
    const { client, executeMutation } = clientFor({
      updateOfficeCoFinancing: { coFinancing: null, userErrors: [{ field: ['input', 'shares'], message, code: 'SHARES_DO_NOT_ADD_UP', parameters: [] }] },
    });
    const onDone = vi.fn();
    render(
      <Provider value={client}>
        <CoFinancingEditor existing={existing} onDone={onDone} />
      </Provider>,
    );
    expect(screen.getByTestId('share-form-total').textContent).toBe('Total 100 %');
    fireEvent.change(screen.getByTestId('share-0'), { target: { value: '65' } });
    expect(screen.getByTestId('share-form-total').textContent).toBe('Total 105 %: must be exactly 100 %');
    fireEvent.click(screen.getByTestId('co-financing-save'));
    expect(await screen.findByTestId('error-shares')).toHaveProperty('textContent', 'The shares must add up to exactly 100 %.');
    expect(executeMutation.mock.calls[0][0]).toMatchObject({
      variables: {
        input: {
          id: 'c1',
          expectedVersion: 3,
          shares: [
            { municipalityId: 'm370', sharePercent: 65 },
            { municipalityId: 'm329', sharePercent: 40 },
          ],
          annualAmounts: [{ year: 2026, amount: 750_000 }],
        },
      },
    });
    expect(screen.queryByTestId('form-errors')).toBeNull(); // placed next to the total, not at the top
    expect(onDone).not.toHaveBeenCalled();
  });

  it('puts a row\'s error on that row, and a version conflict at the top', async () => {
    const { client } = clientFor({
      updateOfficeCoFinancing: {
        coFinancing: null,
        userErrors: [
          { field: ['input', 'shares', '1', 'municipalityId'], message: 'This municipality has a share already.', code: 'DUPLICATE', parameters: [] },
          { field: ['input', 'expectedVersion'], message: 'Someone else changed this co-financing (now version 4). Reload and try again.', code: 'VERSION_CONFLICT', parameters: [] },
        ],
      },
    });
    render(
      <Provider value={client}>
        <CoFinancingEditor existing={existing} onDone={() => {}} />
      </Provider>,
    );
    fireEvent.click(screen.getByTestId('co-financing-save'));
    expect((await screen.findByTestId('error-shares.1.municipalityId')).textContent).toBe('This municipality has a share already.');
    expect(screen.getByLabelText('Municipality 2').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('form-errors').textContent).toContain('Someone else changed this in the meantime.');
  });

  it('does not send shares that are not numbers', () => {
    const { client, executeMutation } = clientFor({ updateOfficeCoFinancing: { coFinancing: null, userErrors: [] } });
    render(
      <Provider value={client}>
        <CoFinancingEditor existing={existing} onDone={() => {}} />
      </Provider>,
    );
    fireEvent.change(screen.getByTestId('share-1'), { target: { value: 'forty' } });
    fireEvent.click(screen.getByTestId('co-financing-save'));
    expect(screen.getByTestId('error-shares.1.sharePercent').textContent).toBe('Enter the share in percent, e.g. 15 or 33.33.');
    expect(executeMutation).not.toHaveBeenCalled();
  });
});
