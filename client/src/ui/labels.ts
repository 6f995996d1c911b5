import { i18n, t } from './i18n';

/** "GROWTH_HOUSE" -> "Growth house" (the fallback for a value with no translation yet). */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The translation of `<prefix>.<value>` if the catalogue has one, else the value humanized. */
export const enumLabel = (prefix: string, value: string | null | undefined) => (!value ? '' : i18n.exists(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : humanize(value));

/** One implementation of country names: the ISO list's (re-exported for callers that import it from here). */
export { countryName } from './countries';

/** An investment sector (SectorFocus code) in the reader's language; a sector typed as free text stays as written. */
export const sectorLabel = (value: string | null | undefined) => (!value ? '' : i18n.exists(`ui.sector.${value}`) ? t(`ui.sector.${value}`) : value);

export const roleLabel = (role: string | null | undefined) => enumLabel('ui.role', role);
export const sizeClassLabel = (value: string | null | undefined) => enumLabel('ui.size', value);
export const levelLabel = (value: string | null | undefined) => enumLabel('ui.level', value);
