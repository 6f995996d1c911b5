import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MeQuery } from '../generated/graphql';
import { mockClient, renderWithClient } from '../ui/testing';
import { MeetingRegistrationPage } from './MeetingRegistrationPage';
import { CreateNetworkForm, ScheduleMeetingForm } from './NetworkForms';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const me = (role: string): MeQuery['me'] => ({
  id: 'u1',
  displayName: 'Nicki Network',
  email: 'n@example.test',
  memberships: [
    { id: 'm1', role: role as never, organisation: { id: 'kk', name: 'København Kommune', kind: 'MUNICIPALITY', country: 'DK' } },
    { id: 'm2', role: 'VIEWER' as never, organisation: { id: 'kkr', name: 'KKR Hovedstaden', kind: 'REGIONAL_COUNCIL', country: 'DK' } },
  ],
});

const userError = (field: string[], code: string) => ({ field, code, message: 'English for API users', parameters: [] });

describe('creating a network', () => {
  it('is offered only where the user may edit, owned by that organisation, and opens the new network', async () => {
    const api = mockClient({ mutations: { NetworkCreate: { createNetwork: { network: { id: 'net-9', name: 'Erhvervsnetværk Valby' }, userErrors: [] } } } });
    renderWithClient(api.client, <CreateNetworkForm me={me('EDITOR')} actingFor={null} />, 'da');
    fireEvent.click(screen.getByTestId('new-network'));
    expect(screen.getByRole('heading', { name: 'Nyt netværk' })).toBeTruthy();
    // Only the organisation with "edit" is offered as owner (not the KKR, where the user only reads).
    const owner = screen.getByTestId('create-network-owner') as HTMLSelectElement;
    expect([...owner.options].map((o) => o.textContent)).toEqual(['København Kommune']);
    fireEvent.change(screen.getByTestId('network-name'), { target: { value: '  Erhvervsnetværk Valby ' } });
    fireEvent.click(screen.getByTestId('create-network-submit'));
    await waitFor(() => expect(window.location.hash).toBe('#/networks/net-9'));
    expect(api.mutationCalls('NetworkCreate')).toEqual([
      { input: { name: 'Erhvervsnetværk Valby', description: null, ownerOrganisationId: 'kk', secretariatOrganisationId: null, organisationId: null } },
    ]);
  });

  it('is not offered to a viewer', () => {
    const api = mockClient();
    renderWithClient(api.client, <CreateNetworkForm me={me('VIEWER')} actingFor={null} />);
    expect(screen.queryByTestId('new-network')).toBeNull();
  });

  it('shows the server’s error next to the name, in the user’s language', async () => {
    const api = mockClient({ mutations: { NetworkCreate: { createNetwork: { network: null, userErrors: [userError(['input', 'name'], 'REQUIRED')] } } } });
    renderWithClient(api.client, <CreateNetworkForm me={me('EDITOR')} actingFor={null} />, 'sv');
    fireEvent.click(screen.getByTestId('new-network'));
    fireEvent.click(screen.getByTestId('create-network-submit'));
    await waitFor(() => expect(screen.getByTestId('error-name').textContent).toBe('Fyll i det här fältet.'));
    expect(screen.getByTestId('network-name').getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).not.toContain('English for API users');
  });
});

describe('scheduling a meeting', () => {
  it('sends title, date and place, then confirms with the date in the user’s format', async () => {
    const meeting = { id: 'mt1', heldOn: '2027-02-03', title: 'Morgenmøde', location: 'Amager Bio', registrationCount: 0, attendeeCount: null, attendanceRecordedAt: null, version: 1 };
    const api = mockClient({ mutations: { NetworkScheduleMeeting: { scheduleNetworkMeeting: { meeting, userErrors: [] } } } });
    renderWithClient(api.client, <ScheduleMeetingForm networkId="net-1" />, 'da');
    fireEvent.click(screen.getByTestId('schedule-meeting'));
    fireEvent.change(screen.getByTestId('meeting-title'), { target: { value: 'Morgenmøde' } });
    fireEvent.change(screen.getByTestId('meeting-date'), { target: { value: '2027-02-03' } });
    fireEvent.change(screen.getByTestId('meeting-location'), { target: { value: 'Amager Bio' } });
    fireEvent.click(screen.getByTestId('schedule-meeting-submit'));
    await screen.findByTestId('meeting-scheduled');
    expect(screen.getByTestId('meeting-scheduled').textContent).toBe('Mødet “Morgenmøde” er planlagt til 3. feb. 2027.');
    expect(api.mutationCalls('NetworkScheduleMeeting')).toEqual([{ input: { networkId: 'net-1', title: 'Morgenmøde', heldOn: '2027-02-03', location: 'Amager Bio' } }]);
  });

  it('keeps the form open with the error next to the date when the server refuses it', async () => {
    const api = mockClient({ mutations: { NetworkScheduleMeeting: { scheduleNetworkMeeting: { meeting: null, userErrors: [userError(['input', 'heldOn'], 'INVALID')] } } } });
    renderWithClient(api.client, <ScheduleMeetingForm networkId="net-1" />);
    fireEvent.click(screen.getByTestId('schedule-meeting'));
    fireEvent.click(screen.getByTestId('schedule-meeting-submit'));
    await waitFor(() => expect(screen.getByTestId('error-heldOn').textContent).toBe('This value is not valid.'));
    expect(screen.getByTestId('meeting-date').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('registering members for a meeting', () => {
  it('sends only the newly ticked members; those registered already are shown as such', async () => {
    const network = {
      id: 'net-1',
      name: 'Erhvervsnetværk Amager Øst',
      members: {
        edges: [
          { node: { id: 'mem-1', contactName: 'Ida', firm: { id: 'f1', name: 'Amager Bageri ApS' } } },
          { node: { id: 'mem-2', contactName: 'Ole Hansen', firm: null } },
          { node: { id: 'mem-3', contactName: null, firm: { id: 'f3', name: 'Øens VVS' } } },
        ],
        pageInfo: { hasNextPage: false },
      },
      meetings: [
        { id: 'mt1', heldOn: '2027-02-03', title: 'Morgenmøde', location: null, registrationCount: 1, attendeeCount: null, attendanceRecordedAt: null, version: 1, participants: [{ id: 'p1', registeredAt: '2027-01-01T10:00:00Z', member: { id: 'mem-1' } }] },
      ],
    };
    const api = mockClient({
      queries: { NetworkMeetingRegistration: { network } },
      mutations: { NetworkRegisterForMeeting: { registerForNetworkMeeting: { meeting: { ...network.meetings[0], registrationCount: 2 }, userErrors: [] } } },
    });
    renderWithClient(api.client, <MeetingRegistrationPage networkId="net-1" meetingId="mt1" />, 'da');
    const rows = await screen.findAllByTestId('registration-member');
    expect(rows.map((r) => r.textContent)).toEqual(['Amager Bageri ApS (Ida) · tilmeldt', 'Ole Hansen', 'Øens VVS']);
    const boxes = rows.map((r) => r.querySelector('input')!);
    expect(boxes[0].disabled).toBe(true);
    fireEvent.click(boxes[2]);
    expect(screen.getByTestId('register-submit').textContent).toBe('Tilmeld 1 medlem');
    fireEvent.click(screen.getByTestId('register-submit'));
    await waitFor(() => expect(api.mutationCalls('NetworkRegisterForMeeting')).toEqual([{ input: { meetingId: 'mt1', memberIds: ['mem-3'] } }]));
    await waitFor(() => expect(window.location.hash).toBe('#/networks/net-1'));
  });
});
