import { describe, expect, it } from 'vitest';
import { firmSearchFromText, formatIdentifier, identifierNumber } from './firmSearch';

describe('firmSearchFromText', () => {
  it('sends a CVR (digits only) as identifier', () => {
    expect(firmSearchFromText('12345678')).toEqual({ identifier: '12345678' });
  });

  it('sends an organisationsnummer with a dash as identifier, and drops spaces', () => {
    expect(firmSearchFromText(' 556677-8899 ')).toEqual({ identifier: '556677-8899' });
    expect(firmSearchFromText('12 34 56 78')).toEqual({ identifier: '12345678' });
  });

  it('sends anything with letters as a name prefix, trimmed', () => {
    expect(firmSearchFromText('  Aalborg Brasserie ')).toEqual({ namePrefix: 'Aalborg Brasserie' });
    expect(firmSearchFromText('3D Print ApS')).toEqual({ namePrefix: '3D Print ApS' });
  });

  it('does not treat dashes alone as an identifier, and blank text as no search', () => {
    expect(firmSearchFromText('--')).toEqual({ namePrefix: '--' });
    expect(firmSearchFromText('   ')).toBeNull();
  });
});

describe('formatIdentifier', () => {
  it('shows CVR, a dashed organisationsnummer, or nothing for a prospect', () => {
    expect(formatIdentifier({ cvr: '46180763', organisationsnummer: null })).toBe('CVR 46180763');
    expect(formatIdentifier({ cvr: null, organisationsnummer: '5566778899' })).toBe('Org.nr 556677-8899');
    expect(formatIdentifier({ cvr: null, organisationsnummer: null })).toBeNull();
  });
  it('gives the number alone where a label names it already (no "CVR-nummer: CVR 46180763")', () => {
    expect(identifierNumber({ cvr: '46180763', organisationsnummer: null })).toBe('46180763');
    expect(identifierNumber({ cvr: null, organisationsnummer: '556677-8899' })).toBe('556677-8899');
    expect(identifierNumber({ cvr: null, organisationsnummer: null })).toBeNull();
  });
});
