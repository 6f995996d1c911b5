import { describe, expect, it } from 'vitest';
import { catalogueFilter, catalogueParams } from './catalogue';
import { eligibilityRows, formatPercent, parseDecimal, sharesTotal } from './format';

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

describe('number input', () => {
  it('reads a decimal comma or point, and nothing that is not a number', () => {
    expect(parseDecimal(' 33,33 ')).toBe(33.33);
    expect(parseDecimal('50')).toBe(50);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('50%')).toBeNull();
    expect(parseDecimal('1e3')).toBeNull();
  });

  it('shows percentages with up to two decimals', () => {
    expect(formatPercent(33.33)).toBe('33.33 %');
    expect(formatPercent(50)).toBe('50 %');
    expect(formatPercent(99.99000000001)).toBe('99.99 %');
  });
});

describe('eligibilityRows', () => {
  it('names each criterion, "Any" for an empty list (no restriction)', () => {
    expect(eligibilityRows({ growthPotentialLevels: ['HIGH', 'MEDIUM'], regions: [{ name: 'Region Midtjylland' }], sizeClasses: [], industryCodePrefixes: ['62', '4120'] })).toEqual([
      ['Growth potential', 'High, Medium'],
      ['Region', 'Region Midtjylland'],
      ['Size', 'Any'],
      ['Industry', 'Codes starting 62, 4120'],
    ]);
  });
});

describe('catalogue filters in the URL', () => {
  it('sends known values and ignores unknown ones', () => {
    expect(catalogueFilter({ kind: 'GROWTH_CAMP', level: 'HIGH', size: 'SMALL', region: 'r1', name: ' Vækst ' })).toEqual({
      kinds: ['GROWTH_CAMP'],
      growthPotentialLevel: 'HIGH',
      sizeClass: 'SMALL',
      regionId: 'r1',
      namePrefix: 'Vækst',
    });
    expect(catalogueFilter({ kind: 'SPACESHIP', level: 'huge', size: '', name: '  ' })).toEqual({});
  });

  it('leaves blank form values out of the URL', () => {
    expect(catalogueParams({ kind: '', level: 'LOW', name: '  ' })).toEqual({ level: 'LOW' });
  });
});
