import { describe, expect, it } from 'vitest';
import { catalogueFilter, catalogueParams } from './catalogue';
import { eligibilityRows } from './format';

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
