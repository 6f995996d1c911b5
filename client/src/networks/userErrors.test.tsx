import { cleanup, render, screen } from '@testing-library/react';
import { CombinedError } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError, fieldKey, FormErrors, messagesFor, unclaimedErrors } from './userErrors';

afterEach(cleanup);

const errors = [
  { field: ['input', 'budgetLines', '1', 'amount'], message: 'Bad amount', code: 'INVALID' },
  { field: ['input', 'purpose'], message: 'Fill in purpose', code: 'REQUIRED' },
  { field: ['input', 'expectedVersion'], message: 'Someone else changed it', code: 'VERSION_CONFLICT' },
];

describe('user errors', () => {
  it('keys a field path without the leading "input"', () => {
    expect(fieldKey(errors[0])).toBe('budgetLines.1.amount');
    expect(fieldKey({ field: ['evidence'] })).toBe('evidence');
    expect(messagesFor(errors, 'purpose')).toEqual(['Fill in purpose']);
    expect(messagesFor(errors, 'budgetLines')).toEqual([]); // exact field only
  });

  it('lists in the form box only what no shown field claims', () => {
    expect(unclaimedErrors(errors, ['purpose', 'budgetLines.1.amount']).map((e) => e.code)).toEqual(['VERSION_CONFLICT']);
    render(<FormErrors errors={errors} shownKeys={['purpose', 'budgetLines.1.amount']} />);
    const box = screen.getByRole('alert');
    expect(box.textContent).toContain('Someone else changed it');
    expect(box.textContent).not.toContain('Bad amount');
  });

  it('turns FORBIDDEN and transport errors into clear messages', () => {
    const forbidden = new CombinedError({ graphQLErrors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });
    expect(describeError(forbidden)).toMatch(/not allowed/);
    expect(describeError(new CombinedError({ networkError: new Error('offline') }))).toMatch(/could not be reached/);
  });
});
