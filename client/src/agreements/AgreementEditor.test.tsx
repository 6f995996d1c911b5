import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgreementEditableFragment, UpdateAgreementDraftMutation, UpdateAgreementDraftMutationVariables } from '../generated/graphql';
import { EditAgreementPage } from './AgreementEditor';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const agreement = (over: { version: number; purpose: string; targetGroups: string[]; revision?: number }): AgreementEditableFragment => ({
  id: 'a1',
  kind: 'LOCAL_COOPERATION',
  state: 'DRAFT',
  version: over.version,
  currentVersionNumber: 1,
  inForceVersionNumber: null,
  hasPendingAmendment: false,
  canEdit: true,
  parties: [
    { id: 'p1', role: 'MUNICIPALITY', acceptedAt: '2026-01-01T00:00:00Z', organisation: { id: 'mun', name: 'Randers Kommune', kind: 'MUNICIPALITY' } },
    { id: 'p2', role: 'GROWTH_HOUSE', acceptedAt: null, organisation: { id: 'gh', name: 'Erhvervshus Midtjylland', kind: 'GROWTH_HOUSE' } },
  ],
  currentVersion: {
    id: 'v1',
    number: 1,
    revision: over.revision ?? over.version,
    title: 'Samarbejdsaftale',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    purpose: over.purpose,
    targetGroups: over.targetGroups,
    currency: 'DKK',
    amendmentReason: null,
    taskDivision: [],
    economy: [],
    kpis: [{ key: 'mappings', name: 'Vækstkortlægninger', metric: 'GROWTH_MAPPINGS', target: 40, unit: 'COUNT', periodStart: '2026-01-01', periodEnd: '2026-12-31', description: null, computed: true }],
  },
});

type Payload = UpdateAgreementDraftMutation['updateAgreementDraft'];
const ok = (a: AgreementEditableFragment): Payload => ({ agreement: a, current: null, userErrors: [] });

/** A client answering the edit query with `stored` and each save with the next of `answers`. */
function clientFor(stored: AgreementEditableFragment, answers: Payload[]) {
  const mock = mockClient({ query: () => ({ serviceAgreement: stored }), mutation: () => ({ updateAgreementDraft: answers.shift() }) });
  const sent = () => (mock.mutationCalls() as UpdateAgreementDraftMutationVariables[]).map((v) => v.input);
  return { client: mock.client, sent };
}

const renderEditor = (client: Client) =>
  render(
    <Provider value={client}>
      <EditAgreementPage id="a1" />
    </Provider>,
  );

describe('editing an agreement', () => {
  it('shows the user errors next to the fields they name, and the rest at the top', async () => {
    const { client } = clientFor(agreement({ version: 1, purpose: 'P', targetGroups: [] }), [
      {
        agreement: null,
        current: null,
        userErrors: [
          { field: ['input', 'content', 'periodEnd'], message: 'The period ends (2025-12-31) before it starts (2026-01-01).', code: 'INVALID', parameters: [] },
          { field: ['input', 'content', 'kpis', '0', 'target'], message: 'A KPI needs a target.', code: 'REQUIRED', parameters: [] },
          { field: ['input', 'agreementId'], message: 'An agreement that is EXPIRED cannot be changed.', code: 'IMMUTABLE', parameters: [] },
        ],
      },
    ]);
    renderEditor(client);
    fireEvent.click(screen.getByTestId('save-agreement'));
    const periodEnd = screen.getByLabelText('Period ends');
    await waitFor(() => expect(periodEnd.getAttribute('aria-invalid')).toBe('true'));
    // Worded by the client from code + field, not the server's English message.
    expect(document.getElementById(periodEnd.getAttribute('aria-describedby')!)?.textContent).toBe('The period must end after it starts.');
    expect(document.getElementById('f-content-kpis-0-target-error')?.textContent).toBe('Give the KPI a target.');
    expect(screen.getByLabelText('Period starts').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByTestId('user-errors').textContent).toContain('This can no longer be changed.');
    expect(screen.getByTestId('user-errors').textContent).not.toContain('Give the KPI a target.');
    expect(screen.getByTestId('user-errors').textContent).not.toContain('EXPIRED');
  });

  it('on VERSION_CONFLICT shows yours and theirs side by side; re-applying mine and saving names the new version', async () => {
    const stored = agreement({ version: 1, purpose: 'Original', targetGroups: ['Iværksættere'] });
    const current = agreement({ version: 2, purpose: 'Written by A', targetGroups: ['Iværksættere'] });
    const saved = agreement({ version: 3, purpose: 'Written by A', targetGroups: ['Iværksættere', 'Eksport (B)'] });
    const { client, sent } = clientFor(stored, [
      { agreement: null, current, userErrors: [{ field: ['input', 'expectedVersion'], message: 'Someone else changed this agreement.', code: 'VERSION_CONFLICT', parameters: [] }] },
      ok(saved),
    ]);
    renderEditor(client);
    fireEvent.change(screen.getByLabelText('Target groups'), { target: { value: 'Iværksættere\nEksport (B)' } });
    fireEvent.click(screen.getByTestId('save-agreement'));

    const view = await screen.findByTestId('conflict-view');
    const row = (label: string) => within(view).getAllByTestId('conflict-row').find((r) => r.querySelector('th')?.textContent?.startsWith(label))!;
    expect(within(row('Purpose')).getByTestId('conflict-mine').textContent).toBe('Original');
    expect(within(row('Purpose')).getByTestId('conflict-theirs').textContent).toBe('Written by A');
    expect(within(row('Target groups')).getByTestId('conflict-mine').textContent).toBe('Iværksættere; Eksport (B)');
    expect(row('Purpose').dataset.differs).toBe('true');
    expect(row('Title').dataset.differs).toBe('false');
    expect(sent()[0].expectedVersion).toBe(1);

    fireEvent.click(screen.getByTestId('conflict-reapply'));
    expect((screen.getByLabelText('Purpose') as HTMLTextAreaElement).value).toBe('Written by A');
    expect((screen.getByLabelText('Target groups') as HTMLTextAreaElement).value).toBe('Iværksættere\nEksport (B)');
    fireEvent.click(screen.getByTestId('save-agreement'));
    await waitFor(() => expect(sent()).toHaveLength(2));
    expect(sent()[1]).toMatchObject({ agreementId: 'a1', expectedVersion: 2, content: { purpose: 'Written by A', targetGroups: ['Iværksættere', 'Eksport (B)'] } });
    expect(sent()[1].parties).toBeUndefined();
    await waitFor(() => expect(window.location.hash).toBe('#/agreements/a1?saved=3'));
  });

  it('"take theirs" discards my edit and bases the next save on the current version', async () => {
    const current = agreement({ version: 4, purpose: 'Theirs', targetGroups: [] });
    const { client, sent } = clientFor(agreement({ version: 3, purpose: 'Base', targetGroups: [] }), [
      { agreement: null, current, userErrors: [{ field: ['input', 'expectedVersion'], message: 'Conflict', code: 'VERSION_CONFLICT', parameters: [] }] },
      ok(agreement({ version: 5, purpose: 'Theirs', targetGroups: [] })),
    ]);
    renderEditor(client);
    fireEvent.change(screen.getByLabelText('Purpose'), { target: { value: 'Mine' } });
    fireEvent.click(screen.getByTestId('save-agreement'));
    fireEvent.click(await screen.findByTestId('conflict-take-theirs'));
    expect((screen.getByLabelText('Purpose') as HTMLTextAreaElement).value).toBe('Theirs');
    fireEvent.click(screen.getByTestId('save-agreement'));
    await waitFor(() => expect(sent()).toHaveLength(2));
    expect(sent()[1]).toMatchObject({ expectedVersion: 4, content: { purpose: 'Theirs' } });
  });
});
