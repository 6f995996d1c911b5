import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockClient, renderWithClient } from '../ui/testing';
import { OrganisationBrowser } from './OrganisationBrowser';
import { OrganisationProfile } from './OrganisationProfile';

// The machine is shared and slow at times: give answers (and the debounced search) time to arrive.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const GH = { id: 'gh', name: 'Erhvervshus Midtjylland', kind: 'GROWTH_HOUSE' };
const KKR = { id: 'kkr', name: 'KKR Midtjylland', kind: 'REGIONAL_COUNCIL' };
const profile = {
  organisation: {
    ...GH,
    country: 'DK',
    officialCode: null,
    description: 'Vækst i Midtjylland',
    website: null,
    version: 3,
    region: null,
    relationships: [{ id: 'r1', kind: 'COOPERATES_WITH', state: 'PROPOSED', proposedByOrganisationId: 'gh', from: GH, to: KKR }],
  },
};
const members = {
  organisation: {
    id: 'gh',
    members: [
      { id: 'm1', role: 'ADMIN', createdAt: '2026-01-05T10:00:00Z', user: { id: 'u1', displayName: 'Anders Admin' } },
      { id: 'm2', role: 'CONSULTANT', createdAt: '2026-02-01T10:00:00Z', user: { id: 'u2', displayName: 'Mette Consultant' } },
    ],
  },
};
const keys = (lastUsedAt: string | null = null) => ({
  organisation: {
    id: 'gh',
    apiKeys: {
      edges: [{ cursor: 'c1', node: { id: 'k1', name: 'KKR dashboard', prefix: 'ggk_abc123', createdAt: '2026-03-01T09:00:00Z', revokedAt: null, lastUsedAt } }],
      pageInfo: { hasNextPage: false, endCursor: 'c1' },
    },
  },
});
const ok = { userErrors: [] };

function setup(mutations: Record<string, unknown> = {}, { admin = true, language = 'en' as 'en' | 'da' | 'sv', lastUsedAt = null as string | null } = {}) {
  const mock = mockClient({
    queries: { OrganisationProfile: profile, OrganisationMembers: members, OrganisationApiKeys: keys(lastUsedAt), SearchOrganisations: { organisations: { edges: [{ node: KKR }], pageInfo: { hasNextPage: false, endCursor: null } } } },
    mutations,
  });
  renderWithClient(mock.client, <OrganisationProfile id="gh" showMembers administeredIds={admin ? ['gh'] : []} currentUserId="u1" />, language);
  return mock;
}

describe('administration on the organisation page', () => {
  it('a member who is no admin sees the member list only: no role changes, no API keys, no profile editing', async () => {
    setup({}, { admin: false });
    await screen.findByText('Mette Consultant');
    expect(screen.queryByTestId('member-role')).toBeNull();
    expect(screen.queryByTestId('api-keys')).toBeNull();
    expect(screen.queryByTestId('edit-profile')).toBeNull();
    expect(screen.queryByTestId('propose-relationship-form')).toBeNull();
  });

  it('changes a member\'s role, and removes a member only after the confirmation', async () => {
    const mock = setup({
      ChangeMemberRole: { changeMemberRole: { membership: { id: 'm2', role: 'EDITOR' }, ...ok } },
      RemoveMember: { removeMember: { removedId: 'm2', ...ok } },
    });
    const row = (await screen.findAllByTestId('member-row')).find((r) => r.dataset.member === 'Mette Consultant')!;
    fireEvent.change(within(row).getByLabelText('Role of Mette Consultant'), { target: { value: 'EDITOR' } });
    await screen.findByText('Mette Consultant is now Editor.');
    expect(mock.mutationCalls('ChangeMemberRole')).toEqual([{ input: { id: 'm2', role: 'EDITOR' } }]);

    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    fireEvent.click(within(row).getByRole('button', { name: 'Remove Mette Consultant' }));
    expect(confirm.mock.calls[0][0]).toContain('Remove Mette Consultant from Erhvervshus Midtjylland?');
    expect(mock.mutationCalls('RemoveMember')).toEqual([]);

    confirm.mockReturnValueOnce(true);
    fireEvent.click(within(row).getByRole('button', { name: 'Remove Mette Consultant' }));
    await screen.findByText('Mette Consultant was removed.');
    expect(mock.mutationCalls('RemoveMember')).toEqual([{ input: { id: 'm2' } }]);
  });

  it('words the last-admin refusal and a person without an account', async () => {
    setup({
      ChangeMemberRole: { changeMemberRole: { membership: null, userErrors: [{ field: ['input', 'role'], message: 'x', code: 'INVALID_STATE', parameters: [] }] } },
      AddMember: { addMember: { membership: null, userErrors: [{ field: ['input', 'email'], message: 'x', code: 'NOT_FOUND', parameters: [] }] } },
    });
    fireEvent.change(await screen.findByLabelText('Role of Anders Admin'), { target: { value: 'VIEWER' } });
    expect((await screen.findByTestId('member-errors')).textContent).toContain('An organisation needs at least one admin');

    fireEvent.change(screen.getByLabelText('E-mail of their account'), { target: { value: 'nobody@nowhere.demo' } });
    fireEvent.click(screen.getByTestId('add-member-submit'));
    expect((await screen.findByTestId('error-email')).textContent).toBe('No account has this e-mail address.');
    expect(screen.getByLabelText('E-mail of their account').getAttribute('aria-invalid')).toBe('true');
  });

  it('adds a member by e-mail with a role', async () => {
    const mock = setup({
      AddMember: { addMember: { membership: { id: 'm3', role: 'CONSULTANT', createdAt: '2026-04-01T00:00:00Z', user: { id: 'u3', displayName: 'Nina Ny' } }, ...ok } },
    });
    fireEvent.change(await screen.findByLabelText('E-mail of their account'), { target: { value: ' nina@midtjylland.demo ' } });
    fireEvent.change(screen.getByTestId('add-member-role'), { target: { value: 'CONSULTANT' } });
    fireEvent.click(screen.getByTestId('add-member-submit'));
    await screen.findByText('Nina Ny was added as Consultant.');
    expect(mock.mutationCalls('AddMember')).toEqual([{ input: { organisationId: 'gh', email: 'nina@midtjylland.demo', role: 'CONSULTANT' } }]);
  });

  it('creates an API key whose secret is shown once, with a copy button; lists when keys were last used; revokes after confirming', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const mock = setup(
      {
        CreateApiKey: {
          createApiKey: {
            secret: 'ggk_secret_shown_once',
            apiKey: { id: 'k2', name: 'Region dashboard', prefix: 'ggk_secret', createdAt: '2026-04-01T00:00:00Z', revokedAt: null, lastUsedAt: null },
            ...ok,
          },
        },
        RevokeApiKey: { revokeApiKey: { apiKey: { id: 'k1', revokedAt: '2026-04-02T00:00:00Z' }, ...ok } },
      },
      { lastUsedAt: '2026-03-15T08:30:00Z' },
    );
    const row = await screen.findByTestId('api-key-row');
    expect(within(row).getByTestId('api-key-last-used').textContent).toMatch(/15 Mar 2026/);

    fireEvent.change(screen.getByLabelText('What the key is for'), { target: { value: 'Region dashboard' } });
    fireEvent.click(screen.getByTestId('create-api-key-submit'));
    expect((await screen.findByTestId('api-key-secret')).textContent).toBe('ggk_secret_shown_once');
    expect(screen.getByTestId('api-key-secret-box').textContent).toContain('it is shown only this once');
    fireEvent.click(screen.getByTestId('api-key-copy'));
    await screen.findByText('Copied.');
    expect(writeText).toHaveBeenCalledWith('ggk_secret_shown_once');
    fireEvent.click(screen.getByTestId('api-key-done'));
    expect(screen.queryByTestId('api-key-secret')).toBeNull();
    expect(document.body.textContent).not.toContain('ggk_secret_shown_once');

    vi.spyOn(window, 'confirm').mockReturnValueOnce(true);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke KKR dashboard' }));
    await screen.findByText('The key “KKR dashboard” was revoked.');
    expect(mock.mutationCalls('RevokeApiKey')).toEqual([{ input: { id: 'k1' } }]);
  });

  it('edits the profile from the version it read, and shows a conflict', async () => {
    const mock = setup({
      UpdateOrganisation: { updateOrganisation: { organisation: null, userErrors: [{ field: ['input', 'expectedVersion'], message: 'x', code: 'VERSION_CONFLICT', parameters: [] }] } },
    });
    fireEvent.click(await screen.findByTestId('edit-profile'));
    fireEvent.change(screen.getByLabelText('Website'), { target: { value: 'https://erhvervshusmidtjylland.dk' } });
    fireEvent.click(screen.getByTestId('edit-profile-save'));
    expect((await screen.findByTestId('edit-profile-errors')).textContent).toContain('Someone else changed this in the meantime');
    expect(mock.mutationCalls('UpdateOrganisation')).toEqual([
      { input: { id: 'gh', expectedVersion: 3, name: 'Erhvervshus Midtjylland', description: 'Vækst i Midtjylland', website: 'https://erhvervshusmidtjylland.dk' } },
    ]);
  });

  it('proposes a relationship to an organisation found by name, in the chosen direction', async () => {
    const mock = setup({ AddOrganisationRelationship: { addOrganisationRelationship: { relationship: { id: 'r2', kind: 'FUNDS', state: 'PROPOSED' }, ...ok } } });
    const form = await screen.findByTestId('propose-relationship-form');
    fireEvent.change(within(form).getByLabelText('Kind of relationship'), { target: { value: 'FUNDS' } });
    fireEvent.click(within(form).getByTestId('propose-incoming'));
    fireEvent.click(within(form).getByTestId('propose-submit'));
    expect(within(form).getByText('Search for the other organisation and pick it.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('The other organisation'), { target: { value: 'KKR' } });
    fireEvent.click(await within(form).findByTestId('propose-choice'));
    fireEvent.click(within(form).getByTestId('propose-submit'));
    expect((await within(form).findByTestId('propose-result')).textContent).toContain('takes effect when the other side’s admin confirms it');
    expect(mock.mutationCalls('AddOrganisationRelationship')).toEqual([{ input: { kind: 'FUNDS', fromId: 'kkr', toId: 'gh' } }]);
    // The proposal this organisation made can be withdrawn; the other side answers it.
    expect(screen.getByTestId('relationship-remove').textContent).toBe('Withdraw');
    expect(screen.queryByTestId('relationship-confirm')).toBeNull();
  });

  it('speaks Danish and Swedish', async () => {
    setup({}, { language: 'da' });
    await screen.findByRole('heading', { name: 'Medlemmer' });
    expect(screen.getByRole('heading', { name: 'API-nøgler' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Relationer' })).toBeTruthy();
    expect(screen.getByTestId('organisation-kind').textContent).toBe('Erhvervshus');
    expect(screen.getByTestId('relationship-state').textContent).toContain('foreslået');
    await waitFor(() => expect(screen.getByTestId('api-key-last-used').textContent).toBe('aldrig'));
    cleanup();
    setup({}, { language: 'sv' });
    await screen.findByRole('heading', { name: 'Medlemmar' });
    expect(screen.getByRole('heading', { name: 'API-nycklar' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Föreslå' })).toBeTruthy();
  });

  it('honours the organisation switcher: acting for another organisation, an admin gets no administration here', async () => {
    const ms = [
      { id: 'a', role: 'ADMIN', organisation: { id: 'gh', name: GH.name, kind: 'GROWTH_HOUSE', country: 'DK' } },
      { id: 'b', role: 'VIEWER', organisation: { id: 'kkr', name: KKR.name, kind: 'REGIONAL_COUNCIL', country: 'DK' } },
    ] as never;
    const mock = mockClient({ queries: { OrganisationProfile: profile, OrganisationMembers: members, OrganisationApiKeys: keys() } });
    const { unmount } = renderWithClient(mock.client, <OrganisationBrowser id="gh" memberships={ms} actingFor="kkr" userId="u1" />);
    await screen.findByRole('heading', { level: 1, name: GH.name });
    expect(screen.queryByTestId('admin-note')).toBeNull();
    expect(screen.queryByTestId('api-keys')).toBeNull();
    expect(screen.queryByTestId('members')).toBeNull(); // not even the list: acting for KKR, the growth house's members are not in scope
    unmount();
    renderWithClient(mock.client, <OrganisationBrowser id="gh" memberships={ms} actingFor="gh" userId="u1" />);
    await screen.findByTestId('admin-note');
    expect(await screen.findByTestId('api-keys')).toBeTruthy();
  });
});
