import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../ui/i18n';
import { buildCoFinancingInput } from './coFinancing';

describe('buildCoFinancingInput', () => {
  it('parses shares and amounts; whether shares add up is left to the server', () => {
    const built = buildCoFinancingInput({
      title: ' Split ',
      modelDescription: '',
      shares: [
        { municipalityId: 'm1', sharePercent: '45' },
        { municipalityId: 'm2', sharePercent: '60,5' },
      ],
      annualAmounts: [{ year: '2027', amount: '750 000' }],
      benefits: ['ACTIVITY_UPDATES'],
      benefitsDescription: '',
    });
    expect(built).toEqual({
      errors: null,
      input: {
        title: 'Split',
        modelDescription: undefined,
        shares: [
          { municipalityId: 'm1', sharePercent: 45 },
          { municipalityId: 'm2', sharePercent: 60.5 },
        ],
        annualAmounts: [{ year: 2027, amount: 750_000 }],
        benefits: ['ACTIVITY_UPDATES'],
        benefitsDescription: undefined,
      },
    });
  });

  it('names rows without a municipality or a number', () => {
    const built = buildCoFinancingInput({
      title: 'x',
      modelDescription: '',
      shares: [{ municipalityId: '', sharePercent: '' }],
      annualAmounts: [{ year: '27', amount: 'lots' }],
      benefits: [],
      benefitsDescription: '',
    });
    expect(Object.keys(built.errors ?? {}).sort()).toEqual(['annualAmounts.0.amount', 'annualAmounts.0.year', 'shares.0.municipalityId', 'shares.0.sharePercent']);
  });
});

describe('buildCoFinancingInput in Danish', () => {
  afterEach(() => setLanguage('en', false));
  it('words its checks in Danish, the example share with a decimal comma', () => {
    setLanguage('da', false);
    const built = buildCoFinancingInput({ title: 'x', modelDescription: '', shares: [{ municipalityId: '', sharePercent: 'abc' }], annualAmounts: [{ year: '27', amount: '1' }], benefits: [], benefitsDescription: '' });
    expect(built.errors).toEqual({
      'shares.0.sharePercent': 'Angiv andelen i procent, fx 15 eller 33,33.',
      'shares.0.municipalityId': 'Vælg kommunen.',
      'annualAmounts.0.year': 'Angiv året, fx 2027.',
    });
  });
});
