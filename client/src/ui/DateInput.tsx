import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { formatDateInput, formatDateTimeInput, parseDateInput, parseDateTimeInput } from './format';
import type { Language } from './i18n';
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
type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & { value: string | null | undefined; onChange: (value: string) => void };

export function DateInput(props: FieldProps) {
  return <PatternInput {...props} kind="kit-date" parse={parseDateInput} format={formatDateInput} pattern={t('ui.date.pattern')} />;
}

/**
 * The date-and-time field (instead of `<input type="datetime-local">`, which showed "12/01/2026, 06:28 PM" on a
 * Danish page): "dd.mm.åååå tt:mm"; its value stays the datetime-local form "YYYY-MM-DDTHH:mm" (local time).
 */
export function DateTimeInput(props: FieldProps) {
  return <PatternInput {...props} kind="kit-datetime" parse={parseDateTimeInput} format={formatDateTimeInput} pattern={t('ui.date.timePattern')} />;
}

function PatternInput({
  value,
  onChange,
  placeholder,
  kind,
  parse,
  format,
  pattern,
  ...rest
}: FieldProps & { kind: string; parse: (text: string, language: Language) => string | null; format: (value: string | null | undefined, language: Language) => string; pattern: string }) {
  const language = currentLanguage();
  const [text, setText] = useState(() => format(value, language));
  // What this field last reported: a new value from outside (a reset, a loaded record) replaces the text.
  const reported = useRef(value ?? '');
  const shownLanguage = useRef(language);
  useEffect(() => {
    if ((value ?? '') !== reported.current || shownLanguage.current !== language) {
      reported.current = value ?? '';
      shownLanguage.current = language;
      setText(format(value, language));
    }
  }, [value, language, format]);
  const parsed = text.trim() ? parse(text, language) : '';
  const invalid = parsed === null;
  return (
    <input
      type="text"
      inputMode={kind === 'kit-date' ? 'numeric' : undefined}
      autoComplete="off"
      placeholder={placeholder ?? pattern}
      {...rest}
      aria-invalid={invalid || rest['aria-invalid'] || undefined}
      className={[kind, rest.className].filter(Boolean).join(' ')}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const day = next.trim() ? parse(next, language) : '';
        reported.current = day ?? next;
        onChange(reported.current);
      }}
      onBlur={(e) => {
        // Typed loosely ("1.9.2026"): shown in the full form once the user leaves the field.
        if (parsed) setText(format(parsed, language));
        rest.onBlur?.(e);
      }}
    />
  );
}
