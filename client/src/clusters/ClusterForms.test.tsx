import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockClient, renderWithClient } from '../ui/testing';
import { isoToLocalInput, NewPlacementProposal, RemoveClusterMemberButton, scoresFrom } from './ClusterForms';

afterEach(() => {
  cleanup();
  window.confirm = () => true;
});

const CRITERIA = ['VALUE_TO_LOCAL_FIRMS', 'ATTRACTION_AND_RETENTION', 'KNOWLEDGE_INSTITUTION_LINKS', 'NETWORK_AND_MATCHMAKING', 'RETURN_ON_PUBLIC_RESEARCH'];
const offices = [{ id: 'off-1', name: 'We Build Denmark, regionalt kontor Næstved' }];
const municipalities = [{ id: 'naestved', name: 'Næstved Kommune' }];

function fillScores(n = 5) {
  const fields = screen.getAllByTestId('placement-score-field');
  fields.slice(0, n).forEach((f, i) => {
    fireEvent.change(within(f).getByRole('combobox'), { target: { value: String((i % 5) + 1) } });
    fireEvent.change(within(f).getByRole('textbox'), { target: { value: `Begrundelse ${i + 1}` } });
  });
}

describe('a new placement proposal', () => {
  it('asks for all five criteria at once before sending anything, each error next to its field (Danish)', async () => {
    const api = mockClient({ mutations: { ClusterCreatePlacementProposal: { createOfficePlacementProposal: { proposal: { id: 'p', state: 'SUBMITTED', totalScore: 0 }, userErrors: [] } } } });
    renderWithClient(api.client, <NewPlacementProposal clusterId="wbd" offices={offices} municipalities={municipalities} />, 'da');
    fireEvent.click(screen.getByTestId('new-proposal'));
    const fields = screen.getAllByTestId('placement-score-field');
    expect(fields.map((f) => f.dataset.criterion)).toEqual(CRITERIA);
    expect(within(fields[0]).getByRole('combobox').closest('.field')!.querySelector('label')!.textContent).toBe('Værdi for lokale virksomheder');
    fillScores(3);
    fireEvent.click(screen.getByTestId('new-proposal-submit'));
    // The location and the two unscored criteria: all marked at once, the first one focused.
    await waitFor(() => expect(screen.getAllByText('Vælg et point fra 1 til 5.')).toHaveLength(2));
    expect(screen.getAllByText('Begrund pointene.')).toHaveLength(2);
    expect(screen.getByText('Angiv hvor kontoret skal ligge.')).toBeTruthy();
    expect(within(fields[3]).getByRole('combobox').getAttribute('aria-invalid')).toBe('true');
    expect(within(fields[0]).getByRole('combobox').getAttribute('aria-invalid')).toBeNull();
    expect(api.mutationCalls('ClusterCreatePlacementProposal')).toEqual([]);
  }, 30_000);

  it('sends the scores in the published order and places the server’s error on the criterion it names', async () => {
    const api = mockClient({
      mutations: {
        ClusterCreatePlacementProposal: {
          createOfficePlacementProposal: { proposal: null, userErrors: [{ field: ['input', 'scores', '2', 'reasoning'], code: 'TOO_LONG', message: 'reasoning too long', parameters: [{ name: 'constraint', value: 'maxLength' }, { name: 'max', value: '2000' }] }] },
        },
      },
    });
    renderWithClient(api.client, <NewPlacementProposal clusterId="wbd" offices={offices} municipalities={municipalities} />);
    fireEvent.click(screen.getByTestId('new-proposal'));
    fireEvent.change(screen.getByTestId('proposal-location'), { target: { value: 'Næstved, Banegårdspladsen' } });
    fillScores();
    fireEvent.click(screen.getByTestId('new-proposal-submit'));
    await waitFor(() => expect(api.mutationCalls('ClusterCreatePlacementProposal')).toHaveLength(1));
    const input = api.mutationCalls('ClusterCreatePlacementProposal')[0].input as { scores: Array<{ criterion: string; score: number }>; leadMunicipalityId: string; officeId: string | null };
    expect(input.scores.map((s) => s.criterion)).toEqual(CRITERIA);
    expect(input.scores.map((s) => s.score)).toEqual([1, 2, 3, 4, 5]);
    expect(input.leadMunicipalityId).toBe('naestved');
    expect(input.officeId).toBeNull();
    const third = screen.getAllByTestId('placement-score-field')[2];
    await waitFor(() => expect(within(third).getByText('At most 2000 characters.')).toBeTruthy());
    expect(within(third).getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
  }, 30_000);

  it('lets a cluster editor (no municipality of their own) pick the lead municipality', () => {
    renderWithClient(mockClient().client, <NewPlacementProposal clusterId="wbd" offices={offices} municipalities={[]} />, 'sv');
    fireEvent.click(screen.getByTestId('new-proposal'));
    expect(screen.getByLabelText('Ledande kommun')).toBeTruthy();
  });
});

describe('cluster helpers', () => {
  it('reads a proposal’s scores back in the published order, whatever order they came in', () => {
    const drafts = scoresFrom([{ criterion: 'RETURN_ON_PUBLIC_RESEARCH', score: 2, reasoning: 'b' }, { criterion: 'VALUE_TO_LOCAL_FIRMS', score: 4, reasoning: 'a' }]);
    expect(drafts.map((d) => [d.criterion, d.score])).toEqual([
      ['VALUE_TO_LOCAL_FIRMS', 4],
      ['ATTRACTION_AND_RETENTION', null],
      ['KNOWLEDGE_INSTITUTION_LINKS', null],
      ['NETWORK_AND_MATCHMAKING', null],
      ['RETURN_ON_PUBLIC_RESEARCH', 2],
    ]);
  });

  it('turns an ISO time into the local datetime-local value and back', () => {
    const local = isoToLocalInput('2027-03-04T08:00:00.000Z');
    expect(local).toMatch(/^2027-03-04T\d{2}:00$/);
    expect(new Date(local).toISOString()).toBe('2027-03-04T08:00:00.000Z');
    expect(isoToLocalInput(null)).toBe('');
  });

  it('removes a member only after the user confirms', async () => {
    const api = mockClient({ mutations: { ClusterRemoveMember: { removeClusterMember: { removedId: 'mem-1', userErrors: [] } } } });
    const confirm = vi.fn(() => false);
    window.confirm = confirm;
    renderWithClient(api.client, <RemoveClusterMemberButton memberId="mem-1" name="Næstved Kommune" />, 'da');
    fireEvent.click(screen.getByTestId('remove-cluster-member'));
    expect(confirm).toHaveBeenCalledWith('Fjern Næstved Kommune fra klyngen?');
    expect(api.mutationCalls('ClusterRemoveMember')).toEqual([]);
    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByTestId('remove-cluster-member'));
    await waitFor(() => expect(api.mutationCalls('ClusterRemoveMember')).toEqual([{ input: { id: 'mem-1' } }]));
  });
});
