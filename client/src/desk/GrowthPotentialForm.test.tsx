import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient, renderWithClient } from '../ui/testing';
import { GrowthPotentialForm } from './GrowthPotentialForm';

afterEach(cleanup);

const org = { id: 'gh', name: 'Erhvervshus Midtjylland', kind: 'BUSINESS_HUB' };
const meAs = (role: string) => ({ memberships: [{ role, organisation: org }] }) as never;
const assessed = {
  level: 'HIGH',
  segment: 'GROWTH_FIRM',
  assessedAt: '2026-03-02T10:00:00.000Z',
  assessedBy: { id: 'u1', displayName: 'Mette Sørensen' },
  organisation: { id: 'gh', name: 'Erhvervshus Midtjylland' },
};

describe('assessing growth potential', () => {
  it('sends level, segment and reasoning, then shows the current level with who assessed it', async () => {
    let saved = false;
    const api = mockClient({
      queries: { DeskFirmGrowthPotential: () => ({ firm: { id: 'f1', growthPotential: saved ? assessed : null } }) },
      mutations: {
        DeskAssessGrowthPotential: () => {
          saved = true;
          return { assessGrowthPotential: { assessment: { id: 'a1', level: 'HIGH', segment: 'GROWTH_FIRM', rationale: 'Eksport til Tyskland', assessedAt: assessed.assessedAt }, userErrors: [] } };
        },
      },
    });
    renderWithClient(api.client, <GrowthPotentialForm firmId="f1" organisationId="gh" me={meAs('CONSULTANT')} actingFor={null} />, 'da');
    expect(screen.queryByTestId('growth-potential-current')).toBeNull();
    fireEvent.click(screen.getByTestId('growth-potential-open'));
    // Labels in Danish, from the enum values.
    const levels = [...screen.getByTestId('growth-potential-level').querySelectorAll('option')].map((o) => o.textContent);
    expect(levels).toEqual(['Vælg…', 'Højt', 'Middel', 'Lavt']);
    fireEvent.change(screen.getByTestId('growth-potential-level'), { target: { value: 'HIGH' } });
    fireEvent.change(screen.getByTestId('growth-potential-segment'), { target: { value: 'GROWTH_FIRM' } });
    fireEvent.change(screen.getByTestId('growth-potential-rationale'), { target: { value: ' Eksport til Tyskland ' } });
    fireEvent.click(screen.getByTestId('growth-potential-submit'));
    const current = await screen.findByTestId('growth-potential-current');
    expect(current.textContent).toContain('Gemt. Nuværende: Højt vækstpotentiale, Vækstvirksomhed. Vurderet af Mette Sørensen (Erhvervshus Midtjylland)');
    expect(api.mutationCalls('DeskAssessGrowthPotential')).toEqual([{ input: { firmId: 'f1', organisationId: 'gh', level: 'HIGH', segment: 'GROWTH_FIRM', rationale: 'Eksport til Tyskland' } }]);
    expect(api.queryCalls('DeskFirmGrowthPotential').length).toBeGreaterThanOrEqual(2);
  });

  it('names the organisation once when no person made the assessment (Swedish)', async () => {
    const api = mockClient({ queries: { DeskFirmGrowthPotential: { firm: { id: 'f1', growthPotential: { ...assessed, level: 'LOW', segment: 'ESTABLISHED', assessedBy: null } } } } });
    renderWithClient(api.client, <GrowthPotentialForm firmId="f1" organisationId="gh" me={meAs('CONSULTANT')} actingFor={null} />, 'sv');
    const current = await screen.findByTestId('growth-potential-current');
    expect(current.textContent).toBe('Nuvarande: Låg tillväxtpotential, Etablerat företag. Bedömd av Erhvervshus Midtjylland den 2 mars 2026.');
  });

  it('puts a user error next to its field, in Swedish', async () => {
    const api = mockClient({
      queries: { DeskFirmGrowthPotential: { firm: { id: 'f1', growthPotential: null } } },
      mutations: {
        DeskAssessGrowthPotential: {
          assessGrowthPotential: { assessment: null, userErrors: [{ field: ['input', 'rationale'], code: 'TOO_LONG', message: 'too long', parameters: [{ name: 'constraint', value: 'maxLength' }, { name: 'max', value: '2000' }] }] },
        },
      },
    });
    renderWithClient(api.client, <GrowthPotentialForm firmId="f1" organisationId="gh" me={meAs('EDITOR')} actingFor={null} />, 'sv');
    fireEvent.click(screen.getByTestId('growth-potential-open'));
    expect([...screen.getByTestId('growth-potential-segment').querySelectorAll('option')].map((o) => o.textContent)).toContain('Tillväxtföretag');
    fireEvent.change(screen.getByTestId('growth-potential-level'), { target: { value: 'LOW' } });
    fireEvent.change(screen.getByTestId('growth-potential-segment'), { target: { value: 'ENTREPRENEUR' } });
    fireEvent.click(screen.getByTestId('growth-potential-submit'));
    await waitFor(() => expect(screen.getByTestId('error-rationale').textContent).not.toBe(''));
    expect(screen.getByTestId('error-rationale').textContent).not.toContain('too long');
    expect(screen.getByTestId('growth-potential-rationale').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('growth-potential-current')).toBeNull();
  });

  it('is not offered to a viewer, nor without an organisation to record for', () => {
    const api = mockClient();
    renderWithClient(api.client, <GrowthPotentialForm firmId="f1" organisationId="gh" me={meAs('VIEWER')} actingFor={null} />);
    expect(screen.queryByTestId('growth-potential')).toBeNull();
    cleanup();
    renderWithClient(api.client, <GrowthPotentialForm firmId="f1" organisationId={null} me={meAs('ADMIN')} actingFor={null} />);
    expect(screen.queryByTestId('growth-potential')).toBeNull();
    expect(api.queryCalls('DeskFirmGrowthPotential')).toEqual([]);
  });
});
