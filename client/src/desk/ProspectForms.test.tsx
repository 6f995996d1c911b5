import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockClient, renderWithClient } from '../ui/testing';
import { ContactPersonsPanel } from './ContactPersonsPanel';
import { CreateProspectForm, LinkIdentifierForm, linkOutcome } from './ProspectForms';

afterEach(() => {
  cleanup();
  window.location.hash = '';
  window.confirm = () => true;
});

const recordAs = { options: [{ id: 'gh', name: 'Erhvervshus Midtjylland' }], organisationId: 'gh', choose: () => {} };
const prospect = { id: 'p1', name: 'Mette Jensen (iværksætter)', status: 'PROSPECT', version: 3, country: 'DK', cvr: null, organisationsnummer: null, recordedBy: { id: 'gh', name: 'Erhvervshus Midtjylland' }, mergedInto: null };

describe('creating a prospect', () => {
  it('records a would-be entrepreneur without CVR for the chosen organisation, and opens it on the desk', async () => {
    const api = mockClient({ mutations: { DeskCreateProspect: { createFirm: { firm: { id: 'p1', name: 'Mette Jensen', status: 'PROSPECT' }, userErrors: [] } } } });
    renderWithClient(api.client, <CreateProspectForm recordAs={recordAs} />, 'da');
    fireEvent.click(screen.getByTestId('new-prospect'));
    expect(screen.getByRole('heading', { name: 'Nyt iværksætteremne' })).toBeTruthy();
    fireEvent.change(screen.getByTestId('prospect-name'), { target: { value: ' Mette Jensen ' } });
    fireEvent.click(screen.getByTestId('create-prospect-submit'));
    await waitFor(() => expect(window.location.hash).toBe('#/desk/firm/p1'));
    expect(api.mutationCalls('DeskCreateProspect')).toEqual([{ input: { name: 'Mette Jensen', country: 'DK', recordedByOrganisationId: 'gh' } }]);
  });

  it('is not offered to someone who may not record', () => {
    renderWithClient(mockClient().client, <CreateProspectForm recordAs={{ options: [], organisationId: null, choose: () => {} }} />);
    expect(screen.queryByTestId('new-prospect')).toBeNull();
  });
});

describe('linking a prospect to its CVR', () => {
  it('says so when the CVR belonged to a registered firm: the prospect was merged into it, with a link there', async () => {
    const merged = { ...prospect, status: 'MERGED', version: 4, mergedInto: { id: 'f-real', name: 'Jensen Design ApS', cvr: '12345674', organisationsnummer: null } };
    const api = mockClient({ queries: { DeskProspect: { firm: prospect } }, mutations: { DeskLinkFirmIdentifier: { linkFirmIdentifier: { firm: merged, userErrors: [] } } } });
    renderWithClient(api.client, <LinkIdentifierForm firmId="p1" status="PROSPECT" />, 'da');
    fireEvent.change(await screen.findByTestId('link-identifier-value'), { target: { value: '1234 5674' } });
    fireEvent.click(screen.getByTestId('link-identifier-submit'));
    const notice = await screen.findByTestId('link-outcome');
    expect(notice.dataset.outcome).toBe('merged');
    expect(notice.textContent).toContain('CVR 12345674 tilhører Jensen Design ApS, som allerede var registreret');
    expect(screen.getByTestId('merged-into-link').getAttribute('href')).toBe('#/desk/firm/f-real');
    expect(api.mutationCalls('DeskLinkFirmIdentifier')).toEqual([{ input: { firmId: 'p1', expectedVersion: 3, cvr: '12345674' } }]);
  });

  it('puts an invalid CVR next to the field, in words', async () => {
    const api = mockClient({
      queries: { DeskProspect: { firm: prospect } },
      mutations: { DeskLinkFirmIdentifier: { linkFirmIdentifier: { firm: null, userErrors: [{ field: ['input', 'cvr'], code: 'INVALID_IDENTIFIER', message: 'cvr fails mod 11', parameters: [] }] } } },
    });
    renderWithClient(api.client, <LinkIdentifierForm firmId="p1" status="PROSPECT" />);
    fireEvent.change(await screen.findByTestId('link-identifier-value'), { target: { value: '12345678' } });
    fireEvent.click(screen.getByTestId('link-identifier-submit'));
    await waitFor(() => expect(screen.getByTestId('error-cvr').textContent).toBe('This is not a valid CVR number or organisationsnummer.'));
    expect(screen.getByTestId('link-identifier-value').getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps saying what happened when the page refetches the firm as MERGED; a merged prospect opened later says it was merged', async () => {
    const merged = { ...prospect, status: 'MERGED', version: 4, mergedInto: { id: 'f-real', name: 'Jensen Design ApS', cvr: '12345674', organisationsnummer: null } };
    const api = mockClient({ queries: { DeskProspect: { firm: prospect } }, mutations: { DeskLinkFirmIdentifier: { linkFirmIdentifier: { firm: merged, userErrors: [] } } } });
    const view = renderWithClient(api.client, <LinkIdentifierForm firmId="p1" status="PROSPECT" />);
    fireEvent.change(await screen.findByTestId('link-identifier-value'), { target: { value: '12345674' } });
    fireEvent.click(screen.getByTestId('link-identifier-submit'));
    await screen.findByTestId('link-outcome');
    view.rerender(<Provider value={api.client}><LinkIdentifierForm firmId="p1" status="MERGED" mergedInto={merged.mergedInto} /></Provider>);
    expect(screen.getByTestId('link-outcome').dataset.outcome).toBe('merged');
    expect(screen.queryByTestId('merged-notice')).toBeNull();
    cleanup();
    renderWithClient(api.client, <LinkIdentifierForm firmId="p1" status="MERGED" mergedInto={merged.mergedInto} />);
    expect(screen.getByTestId('merged-notice').textContent).toContain('This prospect was merged into Jensen Design ApS.');
    expect(screen.queryByTestId('link-identifier-form')).toBeNull();
  });

  it('tells apart a prospect that became a register firm from one that merged', () => {
    expect(linkOutcome({ status: 'REGISTERED', cvr: '12345674' })).toEqual({ kind: 'registered', identifier: 'CVR 12345674' });
    expect(linkOutcome({ status: 'MERGED', mergedInto: { id: 'x', name: 'X', organisationsnummer: '5566778899' } })).toEqual({ kind: 'merged', into: { id: 'x', name: 'X' }, identifier: 'Org.nr 556677-8899' });
  });
});

describe('erasing a contact person', () => {
  const person = {
    id: 'c1', name: 'Hanne Holm', role: 'CEO', email: 'h@example.test', phone: null, version: 1, createdAt: '2026-01-01T10:00:00Z',
    organisation: { id: 'gh', name: 'Erhvervshus Midtjylland' },
    sensitiveNote: { category: 'SENSITIVE', masked: true, present: false, value: null },
    fieldCategories: [],
  };
  const setup = () =>
    mockClient({
      queries: { DeskContactPersons: { contactPersons: [person] } },
      mutations: { DeskAnonymiseContactPerson: { anonymiseContactPerson: { contactPerson: { ...person, name: '(erased)' }, userErrors: [] } } },
    });

  it('asks to confirm, and erases nothing when the user says no', async () => {
    const api = setup();
    const confirm = vi.fn(() => false);
    window.confirm = confirm;
    renderWithClient(api.client, <ContactPersonsPanel firmId="f1" organisationId="gh" recordingOrganisationIds={['gh']} erasingOrganisationIds={['gh']} />, 'da');
    fireEvent.click(await screen.findByTestId('erase-start'));
    fireEvent.change(screen.getByTestId('erase-reason'), { target: { value: 'Anmodning om sletning' } });
    fireEvent.click(screen.getByTestId('erase-submit'));
    expect(confirm).toHaveBeenCalledOnce();
    expect(confirm.mock.calls[0]).toEqual([expect.stringContaining('Slet Hanne Holms personoplysninger nu?')]);
    expect(confirm.mock.calls[0]).toEqual([expect.stringContaining('Det kan ikke fortrydes.')]);
    expect(api.mutationCalls('DeskAnonymiseContactPerson')).toEqual([]);
  });

  it('erases with the reason once confirmed', async () => {
    const api = setup();
    renderWithClient(api.client, <ContactPersonsPanel firmId="f1" organisationId="gh" recordingOrganisationIds={['gh']} erasingOrganisationIds={['gh']} />);
    fireEvent.click(await screen.findByTestId('erase-start'));
    fireEvent.change(screen.getByTestId('erase-reason'), { target: { value: 'Request for erasure' } });
    fireEvent.click(screen.getByTestId('erase-submit'));
    await waitFor(() => expect(api.mutationCalls('DeskAnonymiseContactPerson')).toEqual([{ input: { contactPersonId: 'c1', reason: 'Request for erasure' } }]));
  });

  it('is not offered to a consultant (erasure needs "edit" in the holding organisation)', async () => {
    renderWithClient(setup().client, <ContactPersonsPanel firmId="f1" organisationId="gh" recordingOrganisationIds={['gh']} erasingOrganisationIds={[]} />);
    await screen.findByTestId('contact-person');
    expect(screen.queryByTestId('erase-start')).toBeNull();
  });
});

describe('a prospect without a name', () => {
  it('is refused by the client, worded next to the field, and nothing is sent', async () => {
    const api = mockClient();
    renderWithClient(api.client, <CreateProspectForm recordAs={recordAs} />, 'sv');
    fireEvent.click(screen.getByTestId('new-prospect'));
    fireEvent.click(screen.getByTestId('create-prospect-submit'));
    await waitFor(() => expect(screen.getByTestId('error-name').textContent).toBe('Ange namnet på personen eller det planerade företaget.'));
    expect(screen.getByTestId('prospect-name').getAttribute('aria-invalid')).toBe('true');
    expect(api.mutationCalls()).toEqual([]);
  });
});
