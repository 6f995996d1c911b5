import { describe, expect, it } from 'vitest';
import { createApplicationInput, emptyApplicationForm, formFromApplication, sentLineIndex, updateApplicationInput } from './applicationForm';
import type { NetworkFundingApplicationFullFragment } from '../generated/graphql';

const form = () => {
  const f = emptyApplicationForm({ poolId: 'pool-1', applicantOrganisationId: 'org-1', networkId: 'net-1' });
  f.projectName = '  Netværksmøder 2027 ';
  f.sections.purpose = 'Fire møder';
  f.sections.timeline = '   ';
  f.budgetLines = [
    { description: ' Lokaleleje ', amount: ' 1600 ' },
    { description: '', amount: '' },
    { description: 'Morgenmad', amount: '8000.50' },
  ];
  return f;
};

describe('createApplicationInput', () => {
  it('sends the filled sections and non-blank budget lines in order, never a total', () => {
    const input = createApplicationInput(form());
    expect(input).toEqual({
      poolId: 'pool-1',
      applicantOrganisationId: 'org-1',
      networkId: 'net-1',
      projectName: 'Netværksmøder 2027',
      purpose: 'Fire møder',
      budgetLines: [
        { description: 'Lokaleleje', amount: '1600' },
        { description: 'Morgenmad', amount: '8000.50' },
      ],
    });
    expect(input).not.toHaveProperty('timeline');
    expect(input).not.toHaveProperty('totalAmount');
  });

  it('leaves the network out when none is chosen', () => {
    const f = form();
    f.networkId = '';
    expect(createApplicationInput(f)).not.toHaveProperty('networkId');
  });
});

describe('updateApplicationInput', () => {
  it('sends every section (cleared ones as null), the version seen and all lines (they replace the old ones)', () => {
    const input = updateApplicationInput(form(), 'app-1', 3);
    expect(input).toMatchObject({ id: 'app-1', expectedVersion: 3, projectName: 'Netværksmøder 2027', purpose: 'Fire møder', timeline: null, activities: null });
    expect(input.budgetLines).toHaveLength(2);
    expect(input).not.toHaveProperty('poolId');
  });

  it('round-trips an application into the form, lines in position order', () => {
    const app = {
      projectName: 'P',
      pool: { id: 'pool-1' },
      applicant: { id: 'org-1' },
      network: null,
      purpose: 'X',
      rationale: null,
      budgetLines: [
        { id: 'b', position: 1, description: 'Second', amount: '2.00' },
        { id: 'a', position: 0, description: 'First', amount: '1.00' },
      ],
    } as unknown as NetworkFundingApplicationFullFragment;
    const f = formFromApplication(app);
    expect(f.sections.purpose).toBe('X');
    expect(f.sections.rationale).toBe('');
    expect(f.networkId).toBe('');
    expect(f.budgetLines.map((l) => l.description)).toEqual(['First', 'Second']);
  });
});

describe('sentLineIndex', () => {
  it('maps a form row to the index the server uses in its error paths (blank rows are not sent)', () => {
    const lines = form().budgetLines;
    expect(sentLineIndex(lines, 0)).toBe(0);
    expect(sentLineIndex(lines, 1)).toBe(-1);
    expect(sentLineIndex(lines, 2)).toBe(1);
  });
});
