import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InvestorPortalProjectFieldsFragment } from '../generated/graphql';
import { todayIso } from '../ui/format';
import { setLanguage } from '../ui/i18n';
import { mockClient, renderWithClient } from '../ui/testing';
import { PortalProjectForm, PortalProjectsPage } from './PortalProjectsPage';

afterEach(() => {
  cleanup();
  setLanguage('en', false);
  window.confirm = () => true;
});

const day = (offset: number) => todayIso(new Date(Date.now() + offset * 86_400_000));

const project = (over: Partial<InvestorPortalProjectFieldsFragment>): InvestorPortalProjectFieldsFragment => ({
  id: 'p1',
  title: 'Køge University Hospital expansion',
  description: null,
  kind: 'BUILDING',
  status: 'IN_TENDER',
  isTender: true,
  tenderDeadline: day(30),
  estimatedInvestmentDkk: '850000000.00',
  expectedStartYear: null,
  url: null,
  internalNotes: 'Two bidders so far.',
  listed: true,
  listedAt: '2026-09-01T08:00:00.000Z',
  version: 4,
  updatedAt: '2026-09-01T08:00:00.000Z',
  publicOwner: { id: 'r', name: 'Region Sjælland' },
  municipality: null,
  listingProblems: [],
  ...over,
});

const page = (nodes: InvestorPortalProjectFieldsFragment[]) => ({
  investorPortalProjects: { edges: nodes.map((node) => ({ cursor: node.id, node })), pageInfo: { hasNextPage: false, endCursor: null } },
});
const noChoices = { organisations: { edges: [] } };

describe('PortalProjectsPage', () => {
  it('shows an open tender in tender and one past its deadline as a closed tender, in Swedish', () => {
    const { client } = mockClient({
      queries: { InvestorPortalProjects: page([project({}), project({ id: 'p2', title: 'Ring 3', status: 'PLANNED', tenderDeadline: day(-1) })]), InvestmentOrganisationChoices: noChoices },
    });
    renderWithClient(client, <PortalProjectsPage canCreate />, 'sv');
    const [open, closed] = screen.getAllByTestId('portal-project');
    expect(within(open).getByTestId('portal-project-status').textContent).toContain('I upphandling');
    expect(within(open).getByTestId('portal-tender').dataset.open).toBe('true');
    expect(within(closed).getByTestId('portal-project-status').textContent).toContain('Upphandling avslutad');
    expect(within(closed).getByTestId('portal-project-status').textContent).not.toContain('I upphandling');
    expect(within(open).getByTestId('portal-project-status').textContent).toMatch(/sista anbudsdag/);
    // Money in the Swedish form: 850 000 000 DKK (no-break spaces).
    expect(open.textContent?.replace(/\s/g, ' ')).toContain('850 000 000 DKK');
  });

  it('withdraws a project from the portal only after confirming', () => {
    const { client, mutationCalls } = mockClient({
      queries: { InvestorPortalProjects: page([project({})]), InvestmentOrganisationChoices: noChoices },
      mutations: { InvestmentUpdatePortalProject: { updateInvestorPortalProject: { project: project({ listed: false, version: 5 }), userErrors: [] } } },
    });
    const confirm = vi.fn(() => false);
    window.confirm = confirm;
    renderWithClient(client, <PortalProjectsPage canCreate />, 'da');
    fireEvent.click(screen.getByTestId('withdraw-portal-project'));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Fjern “Køge University Hospital expansion” fra den offentlige investorportal?'));
    expect(mutationCalls('InvestmentUpdatePortalProject')).toEqual([]);
    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByTestId('withdraw-portal-project'));
    expect(mutationCalls('InvestmentUpdatePortalProject')).toEqual([{ input: { id: 'p1', expectedVersion: 4, listed: false } }]);
  });

  it('says why a listed project is not shown, in the user’s words', () => {
    const problem = { field: ['input', 'estimatedInvestmentDkk'], message: 'Listed projects need …', code: 'NOT_ALLOWED' as const, parameters: [] };
    const { client } = mockClient({ queries: { InvestorPortalProjects: page([project({ listingProblems: [problem] })]), InvestmentOrganisationChoices: noChoices } });
    renderWithClient(client, <PortalProjectsPage canCreate />, 'da');
    expect(screen.getByTestId('portal-project-listed').textContent).toContain('mindst 100 mio. kr.');
  });
});

describe('PortalProjectForm', () => {
  it('reads a Danish amount with thousands points, and puts the server’s errors next to their fields', async () => {
    const { client, mutationCalls } = mockClient({
      queries: { InvestmentOrganisationChoices: noChoices },
      mutations: {
        InvestmentCreatePortalProject: {
          createInvestorPortalProject: {
            project: null,
            userErrors: [{ field: ['input', 'tenderDeadline'], message: 'A project in tender needs a tender deadline today or later.', code: 'INVALID', parameters: [{ name: 'constraint', value: 'tenderOpen' }] }],
          },
        },
      },
    });
    renderWithClient(client, <PortalProjectForm agencies={[{ id: 'copcap', name: 'Copenhagen Capacity' }]} />, 'da');
    fireEvent.change(screen.getByLabelText('Titel'), { target: { value: 'Nyt supersygehus' } });
    fireEvent.change(screen.getByTestId('portal-project-investment'), { target: { value: '1.250.000.000' } });
    fireEvent.change(screen.getByTestId('portal-project-status-select'), { target: { value: 'IN_TENDER' } });
    fireEvent.click(screen.getByTestId('portal-project-is-tender'));
    fireEvent.change(screen.getByTestId('portal-project-deadline'), { target: { value: '2020-01-31' } });
    fireEvent.click(screen.getByTestId('save-portal-project'));
    expect(await screen.findByTestId('error-tenderDeadline')).toHaveProperty('textContent', 'Et projekt i udbud skal have en frist i dag eller senere.');
    expect(mutationCalls('InvestmentCreatePortalProject')[0]).toMatchObject({
      input: { ownerOrganisationId: 'copcap', title: 'Nyt supersygehus', estimatedInvestmentDkk: '1250000000', status: 'IN_TENDER', isTender: true, tenderDeadline: '2020-01-31' },
    });
  });

  it('refuses an amount that is no number before sending', () => {
    const { client, mutationCalls } = mockClient({ queries: { InvestmentOrganisationChoices: noChoices } });
    renderWithClient(client, <PortalProjectForm agencies={[{ id: 'copcap', name: 'Copenhagen Capacity' }]} />, 'sv');
    fireEvent.change(screen.getByTestId('portal-project-investment'), { target: { value: 'mycket' } });
    fireEvent.click(screen.getByTestId('save-portal-project'));
    expect(screen.getByTestId('error-estimatedInvestmentDkk').textContent).toBe('Ange beloppet i kronor, t.ex. 850 000 000.');
    expect(mutationCalls()).toEqual([]);
  });
});
