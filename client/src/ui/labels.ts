import { currentLanguage, i18n, INTL_LOCALE, t } from './i18n';

/** "GROWTH_HOUSE" -> "Growth house" (the fallback for a value with no translation yet). */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The translation of `<prefix>.<value>` if the catalogue has one, else the value humanized. */
export const enumLabel = (prefix: string, value: string | null | undefined) => (!value ? '' : i18n.exists(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : humanize(value));

/** ISO 3166-1 alpha-2 code -> the country's name in the user's language ("DE" -> "Tyskland" in Danish). */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([INTL_LOCALE[currentLanguage()]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export const roleLabel = (role: string | null | undefined) => enumLabel('ui.role', role);
export const sizeClassLabel = (value: string | null | undefined) => enumLabel('ui.size', value);
export const levelLabel = (value: string | null | undefined) => enumLabel('ui.level', value);
