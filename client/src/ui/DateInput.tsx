import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { formatDateInput, parseDateInput } from './format';
import { currentLanguage, t } from './i18n';

/**
 * The kit's date field. `<input type="date">` shows the browser's own order (MM/DD/YYYY in an English
 * Chromium, whatever the page's language), so a Danish page asked for "12/31/2026". This is a text field in
 * the chosen language's form ("dd.mm.åååå", "åååå-mm-dd", "dd/mm/yyyy", read by ui/format.ts), whose value
 * to the form stays the API's "YYYY-MM-DD".
 *
 * `onChange` gets the day as "YYYY-MM-DD", "" when cleared, or the text as typed when it is not a day (the
 * field is then aria-invalid, and the server's userError names the field); `isIsoDate` tells them apart.
 */
export function DateInput({
  value,
  onChange,
  placeholder,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & { value: string | null | undefined; onChange: (value: string) => void }) {
  const language = currentLanguage();
  const [text, setText] = useState(() => formatDateInput(value, language));
  // What this field last reported: a new value from outside (a reset, a loaded record) replaces the text.
  const reported = useRef(value ?? '');
  const shownLanguage = useRef(language);
  useEffect(() => {
    if ((value ?? '') !== reported.current || shownLanguage.current !== language) {
      reported.current = value ?? '';
      shownLanguage.current = language;
      setText(formatDateInput(value, language));
    }
  }, [value, language]);
  const day = text.trim() ? parseDateInput(text, language) : '';
  const invalid = day === null;
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={placeholder ?? t('ui.date.pattern')}
      {...rest}
      aria-invalid={invalid || rest['aria-invalid'] || undefined}
      className={['kit-date', rest.className].filter(Boolean).join(' ')}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const parsed = next.trim() ? parseDateInput(next, language) : '';
        reported.current = parsed ?? next;
        onChange(reported.current);
      }}
      onBlur={(e) => {
        // A day typed loosely ("1.9.2026") is shown in the full form once the user leaves the field.
        if (day) setText(formatDateInput(day, language));
        rest.onBlur?.(e);
      }}
    />
  );
}
