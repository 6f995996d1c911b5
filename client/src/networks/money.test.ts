import { describe, expect, it } from 'vitest';
import { formatAmount, formatDate, previewTotal, todayIso } from './money';

describe('previewTotal', () => {
  it('adds decimal amounts exactly (no floating-point drift)', () => {
    expect(previewTotal(['1600', '8000.10', '0', '5000.20'])).toBe('14600.30');
    expect(previewTotal(['0.1', '0.2'])).toBe('0.30'); // 0.1 + 0.2 in floating point is 0.30000000000000004
    expect(previewTotal([])).toBe('0.00');
  });

  it('gives no preview while an amount is not one the API accepts', () => {
    expect(previewTotal(['1600', '8.000'])).toBeNull(); // thousands separator
    expect(previewTotal(['-5'])).toBeNull();
    expect(previewTotal(['12.345'])).toBeNull();
    expect(previewTotal(['1,5'])).toBeNull();
  });
});

describe('formatAmount', () => {
  it('groups thousands and keeps only meaningful decimals, from the string', () => {
    expect(formatAmount('4500000000.00', 'DKK')).toBe('4,500,000,000 DKK');
    expect(formatAmount('14600.30', 'DKK')).toBe('14,600.30 DKK');
    expect(formatAmount('14600.5', 'DKK')).toBe('14,600.50 DKK');
    expect(formatAmount('999', 'SEK')).toBe('999 SEK');
    expect(formatAmount('123456789012345678.99', 'DKK')).toBe('123,456,789,012,345,678.99 DKK'); // beyond double precision
    expect(formatAmount(null, 'DKK')).toBe('—');
  });
});

describe('dates', () => {
  it('formats a date without time-zone shifts and gives today as YYYY-MM-DD', () => {
    expect(formatDate('2018-08-15')).toBe('15 Aug 2018');
    expect(formatDate('2026-01-01T00:30:00.000Z')).toBe('1 Jan 2026');
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
