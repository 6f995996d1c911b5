import { afterEach, describe, expect, it } from 'vitest';
import { formatAmount, formatDate, formatDateTime, formatNumber, formatPercent, fromLocalInput, normaliseDecimal, parseNumber, todayIso } from './format';
import { setLanguage } from './i18n';
import { sharesTotal } from './shares';

afterEach(() => setLanguage('en', false));
const NBSP = '\u00a0';

describe('formatting in the active language', () => {
  it('shows a calendar day the same way on every page, without time-zone shifts', () => {
    expect(formatDate('2018-08-15')).toBe('15 Aug 2018');
    expect(formatDate('2018-08-15', 'da')).toBe('15. aug. 2018');
    expect(formatDate('2018-08-15', 'sv')).toBe('15 aug. 2018');
    expect(formatDate(null)).toBe('—');
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('shows instants with their local time', () => {
    const local = new Date(2025, 2, 12, 14, 5).toISOString();
    expect(formatDateTime(local)).toBe('12 Mar 2025, 14:05');
    expect(formatDateTime(local, 'da')).toMatch(/^12\. mar\. 2025.*14[.:]05$/);
    expect(formatDateTime(local, 'sv')).toMatch(/^12 mars 2025.*14:05$/);
  });

  it('groups thousands and uses the decimal comma of Danish and Swedish', () => {
    expect(formatNumber(12500000)).toBe('12,500,000');
    expect(formatNumber(12500000, 2, 'da')).toBe('12.500.000');
    expect(formatNumber(12500000.5, 2, 'sv')).toBe(`12${NBSP}500${NBSP}000,5`);
    expect(formatPercent(33.33, 'da')).toBe('33,33 %');
    expect(formatPercent(99.99000000001)).toBe('99.99 %');
  });

  it('formats money from the API string exactly, decimals only when not zero', () => {
    expect(formatAmount('4500000000.00', 'DKK')).toBe('4,500,000,000 DKK');
    expect(formatAmount('14600.30', 'DKK', 'da')).toBe('14.600,30 DKK');
    expect(formatAmount('14600.5', 'SEK', 'sv')).toBe(`14${NBSP}600,50 SEK`);
    expect(formatAmount('123456789012345678.99', 'DKK')).toBe('123,456,789,012,345,678.99 DKK'); // beyond double precision
    expect(formatAmount(1500000)).toBe('1,500,000');
    expect(formatAmount(null, 'DKK')).toBe('—');
  });

  it('uses the language switched to when none is given', () => {
    setLanguage('da', false);
    expect(formatDate('2026-09-01')).toBe('1. sep. 2026');
    expect(formatAmount('12500000.50', 'DKK')).toBe('12.500.000,50 DKK');
    expect(sharesTotal([33.33, 33.33, 33.33]).text).toBe('I alt 99,99 %: skal være præcis 100 %');
  });
});

describe('reading numbers typed in the locale’s own forms', () => {
  it('Danish: points group thousands, the comma is decimal', () => {
    expect(normaliseDecimal('12.500.000', 'da')).toBe('12500000');
    expect(normaliseDecimal('12.500,50', 'da')).toBe('12500.50');
    expect(normaliseDecimal('33,33', 'da')).toBe('33.33');
    expect(normaliseDecimal('33.5', 'da')).toBe('33.5'); // a decimal point typed anyway
    expect(normaliseDecimal('12.50.0', 'da')).toBeNull();
    expect(normaliseDecimal('1,2,3', 'da')).toBeNull();
  });

  it('Swedish: plain, no-break or narrow no-break spaces group thousands', () => {
    expect(normaliseDecimal('12 500 000', 'sv')).toBe('12500000');
    expect(normaliseDecimal(`12${NBSP}500${NBSP}000`, 'sv')).toBe('12500000');
    expect(normaliseDecimal('12\u202f500,75', 'sv')).toBe('12500.75');
    expect(parseNumber('-1 000,5', 'sv')).toBe(-1000.5);
  });

  it('English: commas group thousands, the point is decimal; a lone comma is a decimal comma', () => {
    expect(normaliseDecimal('12,500,000.50', 'en')).toBe('12500000.50');
    expect(parseNumber(' 33,33 ', 'en')).toBe(33.33);
    expect(parseNumber('50', 'en')).toBe(50);
  });

  it('refuses what is not a number', () => {
    for (const text of ['', ' ', '50%', '1e3', 'abc', '12,5,0']) expect(parseNumber(text, 'en')).toBeNull();
    expect(parseNumber('1e3', 'da')).toBeNull();
  });
});

describe('datetime-local inputs', () => {
  it('reads only a local date and time', () => {
    expect(fromLocalInput('2025-03-12T14:05')).toBe(new Date(2025, 2, 12, 14, 5).toISOString());
    expect(fromLocalInput('12/03/2025')).toBeNull();
  });
});

describe('sharesTotal', () => {
  it('adds shares exactly to the hundredth, as the server does: 33.33 + 33.33 + 33.34 is 100 %', () => {
    const shares = [0.12, 30, 14.31, 42.36, 2.07, 5.45, 5.69];
    expect(shares.reduce((a, b) => a + b, 0)).not.toBe(100); // why floating point alone would not do
    expect(sharesTotal(shares)).toEqual({ basisPoints: 10_000, ok: true, text: 'Total 100 %' });
    expect(sharesTotal([33.33, 33.33, 33.34]).ok).toBe(true);
  });

  it('says by how much shares miss 100 %', () => {
    expect(sharesTotal([33.33, 33.33, 33.33])).toEqual({ basisPoints: 9_999, ok: false, text: 'Total 99.99 %: must be exactly 100 %' });
    expect(sharesTotal([45, 15, 15, 15, 15]).text).toBe('Total 105 %: must be exactly 100 %');
    expect(sharesTotal([]).ok).toBe(false);
  });
});
