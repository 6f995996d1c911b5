import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DateInput, DateTimeInput } from './DateInput';
import { formatDateInput, formatDateTimeInput, isIsoDate, parseDateInput, parseDateTimeInput } from './format';
import { setLanguage } from './i18n';

afterEach(() => {
  cleanup();
  setLanguage('en', false);
});

describe('reading and showing a typed day', () => {
  it("reads each language's order, and ISO everywhere", () => {
    expect(parseDateInput('01.09.2026', 'da')).toBe('2026-09-01');
    expect(parseDateInput('1-9-2026', 'da')).toBe('2026-09-01');
    expect(parseDateInput('01092026', 'da')).toBe('2026-09-01');
    expect(parseDateInput('01/09/2026', 'en')).toBe('2026-09-01'); // day first (en-GB), not September the 1st read as 9 January
    expect(parseDateInput('2026-09-01', 'sv')).toBe('2026-09-01');
    expect(parseDateInput('20260901', 'sv')).toBe('2026-09-01');
    expect(parseDateInput('2026-09-01', 'da')).toBe('2026-09-01');
    expect(parseDateInput('31.02.2026', 'da')).toBeNull();
    expect(parseDateInput('12/31/2026', 'en')).toBeNull();
    expect(parseDateInput('snart', 'da')).toBeNull();
    expect(isIsoDate('2026-09-01')).toBe(true);
    expect(isIsoDate('2026-9-1')).toBe(false);
  });
  it("shows a day in the language's form", () => {
    expect(formatDateInput('2026-09-01', 'da')).toBe('01.09.2026');
    expect(formatDateInput('2026-09-01', 'sv')).toBe('2026-09-01');
    expect(formatDateInput('2026-09-01', 'en')).toBe('01/09/2026');
    expect(formatDateInput('', 'da')).toBe('');
  });
  it('reads and shows a day with its time (the datetime-local value)', () => {
    expect(parseDateTimeInput('02.10.2026 18:05', 'da')).toBe('2026-10-02T18:05');
    expect(parseDateTimeInput('2.10.2026 kl. 8.05', 'da')).toBe('2026-10-02T08:05');
    expect(parseDateTimeInput('2026-10-02 18:05', 'sv')).toBe('2026-10-02T18:05');
    expect(parseDateTimeInput('2026-10-02T18:05', 'en')).toBe('2026-10-02T18:05');
    expect(parseDateTimeInput('02.10.2026 24:00', 'da')).toBeNull();
    expect(parseDateTimeInput('02.10.2026', 'da')).toBeNull();
    expect(formatDateTimeInput('2026-10-02T18:05', 'da')).toBe('02.10.2026 18:05');
    expect(formatDateTimeInput('2026-10-02T18:05', 'sv')).toBe('2026-10-02 18:05');
  });
});

function Field({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <label htmlFor="d">Dato</label>
      <DateInput id="d" value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
      <button type="button" onClick={() => setValue('2027-01-31')}>
        reset
      </button>
    </>
  );
}

describe('the kit date field', () => {
  it("is a text field in the page's language whose value is the API's day", () => {
    setLanguage('da', false);
    render(<Field initial="2026-09-01" />);
    const input = screen.getByLabelText('Dato') as HTMLInputElement;
    expect(input.type).toBe('text');
    expect(input.value).toBe('01.09.2026');
    expect(input.placeholder).toBe('dd.mm.åååå');
    fireEvent.change(input, { target: { value: '2.10.2026' } });
    expect(screen.getByTestId('value').textContent).toBe('2026-10-02');
    fireEvent.blur(input);
    expect(input.value).toBe('02.10.2026');
    // Not a day: the text stays as typed, the field says it is invalid, and the form gets the text.
    fireEvent.change(input, { target: { value: '31.02.2026' } });
    expect(input.value).toBe('31.02.2026');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('value').textContent).toBe('31.02.2026');
    // A value set from outside replaces the text.
    fireEvent.click(screen.getByText('reset'));
    expect(input.value).toBe('31.01.2027');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    fireEvent.change(input, { target: { value: '' } });
    expect(screen.getByTestId('value').textContent).toBe('');
  });
  it('takes a day and time in Swedish and gives the datetime-local value', () => {
    setLanguage('sv', false);
    const seen: string[] = [];
    render(
      <>
        <label htmlFor="t">När</label>
        <DateTimeInput id="t" value="2026-10-02T18:05" onChange={(v) => seen.push(v)} />
      </>,
    );
    const input = screen.getByLabelText('När') as HTMLInputElement;
    expect(input.value).toBe('2026-10-02 18:05');
    expect(input.placeholder).toBe('åååå-mm-dd tt:mm');
    fireEvent.change(input, { target: { value: '2026-10-03 9:30' } });
    expect(seen).toEqual(['2026-10-03T09:30']);
  });
  it('follows a change of language', () => {
    setLanguage('da', false);
    render(<Field initial="2026-09-01" />);
    act(() => setLanguage('sv', false));
    cleanup();
    render(<Field initial="2026-09-01" />);
    expect((screen.getByLabelText('Dato') as HTMLInputElement).value).toBe('2026-09-01');
    expect((screen.getByLabelText('Dato') as HTMLInputElement).placeholder).toBe('åååå-mm-dd');
  });
  it('is the only date input: no area uses <input type="date"> or "datetime-local" (they speak the browser\'s language)', () => {
    const src = path.resolve(__dirname, '..');
    const offences: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx$/.test(e.name) && !/\.test\.tsx$/.test(e.name) && /type=(\{')?"?(date|datetime-local)"?('\})?[\s/>]/.test(fs.readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''))) offences.push(path.relative(src, p));
      }
    };
    walk(src);
    expect(offences).toEqual([]);
  });
});
