import { describe, expect, it } from 'vitest';
import { setLanguage } from '../ui/i18n';
import { previewTotal } from './money';

describe('previewTotal', () => {
  it('adds decimal amounts exactly (no floating-point drift)', () => {
    expect(previewTotal(['1600', '8000.10', '0', '5000.20'])).toBe('14600.30');
    expect(previewTotal(['0.1', '0.2'])).toBe('0.30'); // 0.1 + 0.2 in floating point is 0.30000000000000004
    expect(previewTotal([])).toBe('0.00');
  });

  it('gives no preview while an amount is not one the API accepts', () => {
    expect(previewTotal(['1600', '8.000'])).toBeNull(); // three decimals in English
    expect(previewTotal(['-5'])).toBeNull();
    expect(previewTotal(['12.345'])).toBeNull();
    expect(previewTotal(['1,5.5'])).toBeNull();
  });

  it('reads amounts in the locale\'s own forms', () => {
    expect(previewTotal(['1,5'])).toBe('1.50'); // a lone comma is a decimal comma
    setLanguage('da', false);
    expect(previewTotal(['12.500.000', '12.500,50'])).toBe('12512500.50');
    setLanguage('sv', false);
    expect(previewTotal(['12 500 000', '1\u00a0000,25'])).toBe('12501000.25');
    setLanguage('en', false);
  });
});
