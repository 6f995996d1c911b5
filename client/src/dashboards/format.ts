import { formatDate as kitFormatDate, formatDateTime as kitFormatDateTime } from '../ui/format';
import { currentLanguage, INTL_LOCALE, LANGUAGES, type Language } from '../ui/i18n';
import { t } from './messages';

/**
 * Numbers and dates in the reader's locale (Intl), for the dashboards: the locale of the language the
 * client speaks (chosen or defaulted, ui/i18n), not the browser's, so a Swedish page never shows Danish
 * numbers. Dates go through the kit's one formatter, the same as every other page.
 */
export const readerLocale = (): string => INTL_LOCALE[currentLanguage()];

const languageOf = (locale: string): Language | undefined => LANGUAGES.find((l) => INTL_LOCALE[l] === locale || locale.toLowerCase().startsWith(l));

export function formatValue(value: number | string | null | undefined, unit: string | null, locale = readerLocale()): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'PERCENT':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
    case 'DKK':
    case 'SEK':
      return new Intl.NumberFormat(locale, { style: 'currency', currency: unit, maximumFractionDigits: 0 }).format(value);
    default:
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  }
}

const dateOf = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`);

export function formatDate(iso: string, locale?: string): string {
  return kitFormatDate(iso.slice(0, 10), locale ? languageOf(locale) : undefined);
}

export function formatDateTime(iso: string, locale?: string): string {
  return kitFormatDateTime(iso, locale ? languageOf(locale) : undefined);
}

/** A time bucket's key (its first day) as a label: "Jan 2026", "Q1 2026" ("1. kvt. 2026", "kv. 1 2026"), "2026". */
export function formatBucket(key: string, bucket: string, locale = readerLocale()): string {
  const d = dateOf(key);
  if (bucket === 'YEAR') return new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(d);
  if (bucket === 'QUARTER') return t('bucket.quarterLabel', { quarter: Math.floor(d.getUTCMonth() / 3) + 1, year: d.getUTCFullYear() }, languageOf(locale) ?? 'en');
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Period presets, from today: the last 12 full months, this calendar year so far, last calendar year. */
export function periodPreset(preset: 'last12' | 'thisYear' | 'lastYear', today = new Date()): { from: string; to: string } {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  if (preset === 'thisYear') return { from: `${y}-01-01`, to: iso(today) };
  if (preset === 'lastYear') return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  return { from: iso(new Date(Date.UTC(y - 1, m, 1))), to: iso(new Date(Date.UTC(y, m, 0))) };
}
