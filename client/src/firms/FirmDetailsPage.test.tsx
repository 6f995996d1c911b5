import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FirmDetailsQuery } from '../generated/graphql';
import { mockClient, renderWithClient } from '../ui/testing';
import { FirmDetailsPage } from './FirmDetailsPage';

afterEach(cleanup);

const firm = (patch: Partial<NonNullable<FirmDetailsQuery['firm']>> = {}): FirmDetailsQuery =>
  ({
    firm: {
      id: 'f1',
      name: 'Aarhus Software ApS',
      country: 'DK',
      status: 'REGISTERED',
      cvr: '46180763',
      organisationsnummer: null,
      industryCode: '620100',
      sizeClass: 'SMALL',
      employees: 12500,
      foundedOn: '2019-09-01',
      growthPotential: { level: 'HIGH', assessedAt: '2026-03-02T10:00:00Z', organisation: { id: 'o1', name: 'Erhvervshus Midtjylland' } },
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-03-02T10:00:00Z',
      version: 1,
      municipality: { id: 'm1', name: 'Aarhus Kommune', region: { id: 'r1', name: 'Region Midtjylland' } },
      recordedBy: null,
      mergedInto: null,
      ...patch,
    },
  }) as unknown as FirmDetailsQuery;

describe('FirmDetailsPage', () => {
  it('in Danish: the DB07 section name beside the code, Danish labels, numbers and dates', () => {
    renderWithClient(mockClient({ queries: { FirmDetails: firm() } }).client, <FirmDetailsPage id="f1" />, 'da');
    expect(screen.getByTestId('firm-industry').textContent).toBe('620100 J · Information og kommunikation (DB07)');
    expect(screen.getByText('Branche')).toBeTruthy();
    expect(screen.getByText('Ansatte').nextElementSibling?.textContent).toBe('12.500');
    expect(screen.getByText('Stiftet').nextElementSibling?.textContent).toBe('1. sep. 2019');
    expect(screen.getByTestId('firm-growth-potential').textContent).toContain('seneste vurdering, foretaget af Erhvervshus Midtjylland den 2. mar. 2026');
    expect(screen.getByText(/Registreret · Danmark/)).toBeTruthy();
  });

  it('in Swedish for a Swedish firm: the SNI 2007 section name', () => {
    renderWithClient(
      mockClient({ queries: { FirmDetails: firm({ country: 'SE', cvr: null, organisationsnummer: '5566778899', industryCode: '56100' } as never) } }).client,
      <FirmDetailsPage id="f1" />,
      'sv',
    );
    expect(screen.getByTestId('firm-industry').textContent).toBe('56100 I · Hotell- och restaurangverksamhet (SNI 2007)');
    expect(screen.getByText('Bransch')).toBeTruthy();
  });

  it('an unknown code is shown as it is, said to be unknown', () => {
    renderWithClient(mockClient({ queries: { FirmDetails: firm({ industryCode: '000000' }) } }).client, <FirmDetailsPage id="f1" />, 'en');
    expect(screen.getByTestId('firm-industry').textContent).toBe('000000 (not a known DB07 code)');
  });
});
