import { describe, expect, it } from 'vitest';
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
