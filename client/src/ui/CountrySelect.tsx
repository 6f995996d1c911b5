import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, countryOptions, findCountry } from './countries';
import { currentLanguage } from './i18n';

/**
 * The kit's country picker (ISO 3166-1 alpha-2): a searchable select - a text field with the
 * countries' names in the active language as suggestions (a datalist), read back to a code by
 * name or code ("Tyskland", "Germany", "de" -> DE). `onChange` gets the code, '' when the field is
 * empty, or null while the text names no country (the picker then says so under the field).
 */
export function CountrySelect({
  id,
  value,
  onChange,
  describedBy,
  invalid,
  testId = 'country-select',
}: {
  id: string;
  value: string;
  onChange: (code: string | null) => void;
  /** aria-describedby from the form (the server's error under the field). */
  describedBy?: string;
  invalid?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const listId = `${useId()}-countries`;
  const options = useMemo(() => countryOptions(language), [language]);
  const [text, setText] = useState(() => (value ? countryName(value, language) : ''));
  // A new value from outside (or a new language) shows that country's name.
  useEffect(() => {
    if (value && findCountry(text, language) !== value) setText(countryName(value, language));
  }, [value, language, i18n.language]);
  const unknown = text.trim() !== '' && findCountry(text, language) === null;
  const ownErrorId = `${id}-country-error`;
  const described = [describedBy, unknown ? ownErrorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <input
        id={id}
        list={listId}
        autoComplete="off"
        value={text}
        placeholder={t('ui.country.placeholder')}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() === '' ? '' : findCountry(e.target.value, language));
        }}
        aria-invalid={invalid || unknown ? true : undefined}
        aria-describedby={described}
        data-testid={testId}
        data-code={value || undefined}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.code} value={o.name} label={o.code} />
        ))}
      </datalist>
      {unknown && (
        <span className="field-error" id={ownErrorId} data-testid={`${testId}-unknown`}>
          {t('ui.country.unknown')}
        </span>
      )}
    </>
  );
}
