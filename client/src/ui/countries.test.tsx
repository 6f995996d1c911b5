import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryLabel, countryName, countryOptions, findCountry } from './countries';
import { CountrySelect } from './CountrySelect';
import { setLanguage } from './i18n';

afterEach(() => {
  cleanup();
  setLanguage('en', false);
});

describe('countries (ISO 3166-1 alpha-2)', () => {
  it('has every assigned code once, in two capital letters', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(COUNTRY_CODES.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
  });

  it('names countries in the active language', () => {
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(countryName('DE', 'da')).toBe('Tyskland');
    expect(countryName('DE', 'sv')).toBe('Tyskland');
    expect(countryLabel('SE', 'da')).toBe('Sverige (SE)');
    expect(countryLabel(null)).toBe('—');
  });

  it('reads a name or a code back to the code - "Germany" is DE, never GE (Georgia)', () => {
    expect(findCountry('Germany', 'en')).toBe('DE');
    expect(findCountry('germany', 'sv')).toBe('DE'); // English names work in every language
    expect(findCountry('Tyskland', 'da')).toBe('DE');
    expect(findCountry('Georgien', 'sv')).toBe('GE');
    expect(findCountry('de', 'en')).toBe('DE');
    expect(findCountry('Sverige (SE)', 'da')).toBe('SE');
    expect(findCountry('Ge', 'en')).toBe('GE');
    expect(findCountry('Germ', 'en')).toBeNull();
    expect(findCountry('XX', 'en')).toBeNull();
  });

  it('sorts the options by name in the language’s collation (Å, Ä, Ö last in Swedish)', () => {
    const sv = countryOptions('sv').map((o) => o.name);
    expect(sv.indexOf('Österrike')).toBeGreaterThan(sv.indexOf('Zambia'));
    expect(countryOptions('en')[0].name).toBe('Afghanistan');
  });
});

function Harness({ initial = '' }: { initial?: string }) {
  const [code, setCode] = useState<string | null>(initial);
  return (
    <>
      <label htmlFor="c">Country</label>
      <CountrySelect id="c" value={code ?? ''} onChange={setCode} />
      <output data-testid="code">{code === null ? 'unknown' : code || 'empty'}</output>
    </>
  );
}

describe('CountrySelect', () => {
  it('offers the countries by name in Danish and gives the code of the one typed', () => {
    setLanguage('da', false);
    render(<Harness />);
    const input = screen.getByLabelText('Country');
    expect(document.querySelectorAll('datalist option')).toHaveLength(249);
    expect(document.querySelector('datalist option[value="Tyskland"]')).not.toBeNull();
    fireEvent.change(input, { target: { value: 'Tyskland' } });
    expect(screen.getByTestId('code').textContent).toBe('DE');
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('says so under the field while the text names no country, and clears to empty', () => {
    render(<Harness />);
    const input = screen.getByLabelText('Country');
    fireEvent.change(input, { target: { value: 'Germ' } });
    expect(screen.getByTestId('code').textContent).toBe('unknown');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('country-select-unknown').textContent).toBe('Choose a country from the list.');
    fireEvent.change(input, { target: { value: '' } });
    expect(screen.getByTestId('code').textContent).toBe('empty');
  });

  it('shows a given code by its name', () => {
    setLanguage('sv', false);
    render(<Harness initial="FI" />);
    expect((screen.getByLabelText('Country') as HTMLInputElement).value).toBe('Finland');
  });
});
