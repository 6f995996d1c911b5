import { fieldKey, placeUserErrors } from '../ui/userErrors';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../ui/i18n';

afterEach(() => setLanguage('en', false));
import { buildCreateProgrammeInput, emptyProgrammeForm } from './createProgramme';

describe('placing user errors next to fields', () => {
  const errors = [
    { field: ['input', 'fundingSources'], message: 'The shares must add up to exactly 100 % (they add up to 99.99 %).', code: 'SHARES_DO_NOT_ADD_UP' },
    { field: ['input', 'fundingSources', '1', 'sharePercent'], message: 'A share must be more than 0 and at most 100 percent.', code: 'INVALID' },
    { field: ['input', 'fundingSources', '1', 'sharePercent'], message: 'Second message.', code: 'INVALID' },
    { field: ['input', 'expectedVersion'], message: 'Someone else changed this.', code: 'VERSION_CONFLICT' },
  ];

  it('keys errors by their path below "input"', () => {
    expect(fieldKey(errors[1])).toBe('fundingSources.1.sharePercent');
    expect(fieldKey({ field: ['firmId'] })).toBe('firmId');
  });

  it('gives each shown field its messages and keeps the rest for the top of the form', () => {
    const placed = placeUserErrors(errors, ['fundingSources', 'fundingSources.0.sharePercent', 'fundingSources.1.sharePercent']);
    expect(placed.at('fundingSources')).toEqual(['The shares must add up to exactly 100 % (they add up to 99.99 %).']);
    expect(placed.at('fundingSources.1.sharePercent')).toEqual(['A share must be more than 0 and at most 100 percent.', 'Second message.']);
    expect(placed.at('fundingSources.0.sharePercent')).toEqual([]);
    expect(placed.invalid('fundingSources.1.sharePercent')).toBe(true);
    expect(placed.invalid('fundingSources.0.sharePercent')).toBeUndefined();
    expect(placed.unplaced.map((e) => e.code)).toEqual(['VERSION_CONFLICT']);
  });
});

describe('buildCreateProgrammeInput', () => {
  const form = {
    ...emptyProgrammeForm('op1'),
    name: ' Eksportprogram ',
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    capacity: '12',
    industryCodePrefixes: '62, 4120 ;10',
    fundingSources: [
      { funderName: 'EU Regionalfond', sharePercent: '33,33', amount: '1.500.000' },
      { funderName: ' ', sharePercent: '66.67', amount: '' },
    ],
    kpis: [{ metric: 'Firms completed', target: '35', unit: 'firms' }],
  };

  it('turns the typed form into the API input (numbers parsed, blanks left out)', () => {
    setLanguage('da', false); // a Danish user types "33,33" and "1.500.000"
    const { input, errors } = buildCreateProgrammeInput(form);
    expect(errors).toBeNull();
    expect(input).toMatchObject({
      operatorOrganisationId: 'op1',
      name: 'Eksportprogram',
      capacity: 12,
      eligibility: { industryCodePrefixes: ['62', '4120', '10'], growthPotentialLevels: [], regionIds: [], sizeClasses: [] },
      fundingSources: [{ funderName: 'EU Regionalfond', sharePercent: 33.33, amount: 1_500_000 }, { sharePercent: 66.67 }],
      kpis: [{ metric: 'Firms completed', target: 35, unit: 'firms' }],
    });
    expect(input!.fundingSources[1]).not.toHaveProperty('funderName'); // the server then names the missing funder
    expect(input).not.toHaveProperty('description');
  });

  it('names the fields that are not numbers, with the keys the server uses, and sends nothing', () => {
    const bad = { ...form, capacity: 'ten', fundingSources: [{ funderName: 'A', sharePercent: 'half', amount: '12.5x' }], kpis: [{ metric: 'Jobs', target: '', unit: 'jobs' }] };
    expect(buildCreateProgrammeInput(bad)).toEqual({
      input: null,
      errors: {
        capacity: 'Enter the number of firms (a whole number).',
        'fundingSources.0.sharePercent': 'Enter the share in percent, e.g. 50 or 33.33.',
        'fundingSources.0.amount': 'Enter a whole amount, or leave it empty.',
        'kpis.0.target': 'Enter the target as a number.',
      },
    });
  });
});
