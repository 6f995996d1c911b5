import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MeQuery } from '../generated/graphql';
import { setLanguage } from '../ui/i18n';
import { mockClient, renderWithClient } from '../ui/testing';
import { NewInquiryPage } from './NewInquiryPage';

afterEach(() => {
  cleanup();
  setLanguage('en', false);
});

const me: MeQuery['me'] = {
  id: 'u1',
  displayName: 'Karin Koordinator',
  email: 'k@example.test',
  memberships: [{ id: 'm1', role: 'EDITOR', organisation: { id: 'region', name: 'Region Kalmar län', kind: 'REGION', country: 'SE' } }],
};
const choices = { organisations: { edges: [{ node: { id: 'bs', name: 'Business Sweden', kind: 'NATIONAL_AGENCY' } }] } };

describe('NewInquiryPage', () => {
  it('sends the country picked by its Swedish name as its ISO code ("Tyskland" is DE, never GE) and reads Swedish thousands spaces', async () => {
    const { client, mutationCalls } = mockClient({
      queries: { InvestmentOrganisationChoices: choices },
      mutations: { InvestmentCreateInquiry: { createEstablishmentInquiry: { inquiry: null, userErrors: [] } } },
    });
    renderWithClient(client, <NewInquiryPage me={me} actingFor={null} />, 'sv');
    fireEvent.change(screen.getByLabelText('Investerarens land'), { target: { value: 'Tyskland' } });
    fireEvent.change(screen.getByLabelText('Förväntad investering (kr)'), { target: { value: '2 500 000 000' } });
    fireEvent.change(screen.getByLabelText('Förväntade jobb'), { target: { value: '1 200' } });
    fireEvent.click(screen.getByTestId('save-inquiry'));
    await Promise.resolve();
    expect(mutationCalls('InvestmentCreateInquiry')[0]).toMatchObject({ input: { originCountry: 'DE', projectedInvestmentSek: '2500000000', projectedJobs: 1200 } });
  });

  it('refuses a country that is not on the list next to the field, without sending', () => {
    const { client, mutationCalls } = mockClient({ queries: { InvestmentOrganisationChoices: choices } });
    renderWithClient(client, <NewInquiryPage me={me} actingFor={null} />, 'en');
    fireEvent.change(screen.getByLabelText('Investor’s country'), { target: { value: 'Germ' } });
    fireEvent.click(screen.getByTestId('save-inquiry'));
    expect(screen.getByTestId('error-originCountry').textContent).toBe('Choose a country from the list.');
    expect(mutationCalls()).toEqual([]);
  });
});
