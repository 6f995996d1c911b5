import { FieldError, FormErrors, describeError, fieldKey, messagesFor, placeUserErrors, unclaimedErrors, wordUserError } from './userErrors';
import { setLanguage } from './i18n';
import { cleanup, render, screen } from '@testing-library/react';
import { CombinedError } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';

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

describe('wording user errors from code, field and parameters', () => {
  afterEach(() => setLanguage('en', false));
  const server = (field: string[], code: string, parameters: Record<string, string> = {}) => ({
    field: ['input', ...field],
    message: 'purpose must be longer than or equal to 1 characters', // the API's English: never shown
    code,
    parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })),
  });

  it('uses the rule and its limits, in the user\'s language, never the API\'s message or field names', () => {
    const tooLong = server(['title'], 'TOO_LONG', { constraint: 'maxLength', max: '200' });
    expect(wordUserError(tooLong)).toBe('At most 200 characters.');
    setLanguage('da', false);
    expect(wordUserError(tooLong)).toBe('Højst 200 tegn.');
    expect(wordUserError(server(['purpose'], 'REQUIRED', { constraint: 'minLength', min: '1' }))).toBe('Udfyld dette felt.');
    setLanguage('sv', false);
    expect(wordUserError(server(['shares', '0', 'sharePercent'], 'INVALID', { constraint: 'max', max: '100' }))).toBe('Får vara högst 100.');
    expect(wordUserError(server(['x'], 'SOMETHING_NEW'))).toBe('Något är fel med detta värde.');
  });

  it('prefers an area\'s wording for one field (list indices as *), then the generic text per code', () => {
    expect(wordUserError(server(['shares', '3', 'municipalityId'], 'DUPLICATE'))).toBe('This municipality has a share already.');
    expect(wordUserError(server(['name'], 'DUPLICATE'))).toBe('This already exists.');
  });

  it('keeps the client\'s own checks as worded (they carry no parameters)', () => {
    expect(wordUserError({ field: ['input', 'x'], message: 'Give exactly three focus areas.' })).toBe('Give exactly three focus areas.');
  });

  it('shows every error at once and moves focus to the first field in error', () => {
    const errs = [server(['title'], 'REQUIRED'), server(['purpose'], 'TOO_LONG', { constraint: 'maxLength', max: '10' })];
    const placed = placeUserErrors(errs, ['title', 'purpose']);
    render(
      <form>
        <input aria-label="Title" {...placed.props('title', 'f')} />
        <FieldError formId="f" field="title" messages={placed.at('title')} />
        <input aria-label="Purpose" {...placed.props('purpose', 'f')} />
        <FieldError formId="f" field="purpose" messages={placed.at('purpose')} />
        <FormErrors errors={errs} shownKeys={['title', 'purpose']} />
      </form>,
    );
    expect(screen.getByTestId('error-title').textContent).toBe('Fill in this field.');
    expect(screen.getByTestId('error-purpose').textContent).toBe('At most 10 characters.');
    expect(screen.getByRole('alert').textContent).toBe('2 fields need correcting: see the marked fields.');
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
  });
});
