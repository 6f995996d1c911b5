import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FirmDetailsQuery, MeQuery } from '../generated/graphql';
import { mockClient, renderWithClient } from '../ui/testing';
import { FirmDetailsPage } from './FirmDetailsPage';

afterEach(cleanup);

const firm = {
  firm: {
    id: 'f1', name: 'Aarhus Software ApS', country: 'DK', status: 'REGISTERED', cvr: '46180763', organisationsnummer: null, industryCode: '620100',
    sizeClass: 'SMALL', employees: 12, foundedOn: '2019-09-01', growthPotential: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-03-02T10:00:00Z',
    version: 3, municipality: { id: 'm1', name: 'Aarhus Kommune', officialCode: '751', region: null }, recordedBy: null, mergedInto: null,
  },
} as unknown as FirmDetailsQuery;
const member = (role: string) => ({ memberships: [{ id: 'ms', role, organisation: { id: 'gh', name: 'Erhvervshus Midtjylland', kind: 'GROWTH_HOUSE', country: 'DK' } }] }) as unknown as MeQuery['me'];
const answer = (userErrors: unknown[]) => ({ updateFirm: { firm: userErrors.length ? null : { ...firm.firm, employees: 14, version: 4 }, userErrors } });

describe('FirmEditForm (updateFirm)', () => {
  it('is not offered to a consultant (register data: EDITOR or above)', () => {
    renderWithClient(mockClient({ queries: { FirmDetails: firm } }).client, <FirmDetailsPage id="f1" me={member('CONSULTANT')} actingFor={null} />, 'da');
    expect(screen.queryByTestId('firm-edit-open')).toBeNull();
  });

  it('an editor sends only what changed, against the version read, with Danish thousands input', async () => {
    const mock = mockClient({ queries: { FirmDetails: firm }, mutations: { FirmUpdate: answer([]) } });
    renderWithClient(mock.client, <FirmDetailsPage id="f1" me={member('EDITOR')} actingFor={null} />, 'da');
    fireEvent.click(screen.getByTestId('firm-edit-open'));
    expect(screen.getByText('Ret virksomhedens stamdata')).toBeTruthy();
    fireEvent.change(screen.getByTestId('firm-edit-employees'), { target: { value: '1.400' } });
    fireEvent.click(screen.getByTestId('firm-edit-submit'));
    await waitFor(() => expect(mock.mutationCalls('FirmUpdate')).toHaveLength(1));
    expect(mock.mutationCalls('FirmUpdate')[0]).toEqual({ input: { id: 'f1', expectedVersion: 3, organisationId: 'gh', employees: 1400 } });
    await screen.findByTestId('firm-edit-saved');
  });

  it("labels the industry code and the identifier by the FIRM's country, not the reader's language", () => {
    // A Danish firm read in Swedish: DB07 and CVR-nummer, never "Branschkod (SNI)".
    renderWithClient(mockClient({ queries: { FirmDetails: firm } }).client, <FirmDetailsPage id="f1" me={member('EDITOR')} actingFor={null} />, 'sv');
    expect(screen.getByText('CVR-nummer')).toBeTruthy();
    fireEvent.click(screen.getByTestId('firm-edit-open'));
    expect(screen.getByLabelText('Branschkod (DB07)')).toBeTruthy();
    cleanup();
    // A Swedish firm read in Danish: SNI 2007 and organisationsnummer.
    const swedish = { firm: { ...firm.firm!, country: 'SE', cvr: null, organisationsnummer: '5566778899', industryCode: '62010' } } as unknown as FirmDetailsQuery;
    renderWithClient(mockClient({ queries: { FirmDetails: swedish } }).client, <FirmDetailsPage id="f1" me={member('EDITOR')} actingFor={null} />, 'da');
    expect(screen.getByText('Organisationsnummer')).toBeTruthy();
    fireEvent.click(screen.getByTestId('firm-edit-open'));
    expect(screen.getByLabelText('Branchekode (SNI 2007)')).toBeTruthy();
  });

  it('checks the name and the number at once, in Swedish, and sends nothing', () => {
    const mock = mockClient({ queries: { FirmDetails: firm }, mutations: { FirmUpdate: answer([]) } });
    renderWithClient(mock.client, <FirmDetailsPage id="f1" me={member('ADMIN')} actingFor={null} />, 'sv');
    fireEvent.click(screen.getByTestId('firm-edit-open'));
    fireEvent.change(screen.getByTestId('firm-edit-name'), { target: { value: '  ' } });
    fireEvent.change(screen.getByTestId('firm-edit-employees'), { target: { value: 'tolv' } });
    fireEvent.click(screen.getByTestId('firm-edit-submit'));
    expect(screen.getByTestId('error-name').textContent).toBe('Ange företagets namn.');
    expect(screen.getByTestId('error-employees').textContent).toBe('Ange antalet anställda som ett heltal.');
    expect(screen.getByTestId('firm-edit-name').getAttribute('aria-invalid')).toBe('true');
    expect(mock.mutationCalls('FirmUpdate')).toHaveLength(0);
  });

  it("a server error lands next to its field, worded by the client (no API field names)", async () => {
    const mock = mockClient({
      queries: { FirmDetails: firm },
      mutations: { FirmUpdate: answer([{ code: 'NOT_FOUND', field: ['input', 'municipalityCode'], message: 'No municipality with code 999.', parameters: [] }]) },
    });
    renderWithClient(mock.client, <FirmDetailsPage id="f1" me={member('EDITOR')} actingFor={null} />, 'da');
    fireEvent.click(screen.getByTestId('firm-edit-open'));
    fireEvent.change(screen.getByTestId('firm-edit-municipality'), { target: { value: '999' } });
    fireEvent.click(screen.getByTestId('firm-edit-submit'));
    const message = await screen.findByTestId('error-municipalityCode');
    expect(message.textContent).not.toContain('municipalityCode');
    expect(message.textContent).not.toBe('No municipality with code 999.');
  });
});
