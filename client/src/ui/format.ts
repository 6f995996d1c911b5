import { currentLanguage, INTL_LOCALE, type Language } from './i18n';

/**
 * The one formatter for dates, times, numbers and money, in the active language's locale (Intl), and
 * the one reader of numbers typed in that locale's own forms. Every page shows a date the same way:
 * "1 Sep 2026" / "1. sep. 2026" / "1 sep. 2026".
 */

const locale = (language: Language = currentLanguage()) => INTL_LOCALE[language];
const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
export const EMPTY = '—';

/** A calendar day ("2026-09-01", shown without time-zone shift) or an instant (shown in the user's time zone). */
export function formatDate(value: string | null | undefined, language?: Language): string {
  if (!value) return EMPTY;
  const day = DAY_ONLY.exec(value);
  if (day) return new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])).toLocaleDateString(locale(language), { ...DATE, timeZone: 'UTC' });
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleDateString(locale(language), DATE);
}

/** An instant with its local time: "12 Mar 2025, 14:05". */
export function formatDateTime(value: string | null | undefined, language?: Language): string {
  if (!value) return EMPTY;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString(locale(language), { ...DATE, ...TIME });
}

/** A number with up to `maximumFractionDigits` decimals (default 2): 12500000 -> "12.500.000" in Danish. */
export function formatNumber(value: number | null | undefined, maximumFractionDigits = 2, language?: Language): string {
  if (value == null || Number.isNaN(value)) return EMPTY;
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits }).format(value);
}

/** A percentage with up to two decimals: 33.33 -> "33,33 %" in Danish. */
export const formatPercent = (percent: number | null | undefined, language?: Language) => (percent == null ? EMPTY : `${formatNumber(percent, 2, language)} %`);

/**
 * Money: the amount grouped in the locale, decimals only when they are not zero, then the currency
 * code ("4.500.000.000 DKK", "14 600,30 SEK"). Decimal strings from the API are formatted exactly
 * (Intl reads them as decimals, never through a double).
 */
export function formatAmount(amount: number | string | null | undefined, currency?: string | null, language?: Language): string {
  if (amount == null || amount === '') return EMPTY;
  let value: number | string = amount;
  let fractional: boolean;
  if (typeof amount === 'string') {
    const text = amount.trim();
    if (!/^-?\d+(\.\d+)?$/.test(text)) return currency ? `${amount} ${currency}` : amount;
    value = text;
    fractional = !/^-?\d+(\.0*)?$/.test(text);
  } else {
    fractional = !Number.isInteger(amount);
  }
  const digits = fractional ? 2 : 0;
  const format = new Intl.NumberFormat(locale(language), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  // Intl.NumberFormat (ES2023) takes a decimal string exactly; the ES2022 typings only know number.
  const n = format.format(value as unknown as number);
  return currency ? `${n} ${currency}` : n;
}

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * A number typed by a person, in the locale's own forms, as a plain decimal string ("12500000.50"),
 * or null when it is not a number. Danish "12.500.000" and "12.500,50"; Swedish "12 500 000" (plain,
 * no-break or narrow no-break spaces) and "12 500,50"; English "12,500,000.50". A lone comma is read
 * as a decimal comma in every language, and a lone point as a decimal point unless it groups
 * thousands in Danish/Swedish ("12.500" is twelve thousand five hundred there).
 */
export function normaliseDecimal(text: string, language: Language = currentLanguage()): string | null {
  let t = text.trim().replace(SPACES, '');
  if (t.startsWith('+')) t = t.slice(1);
  if (!t) return null;
  const sign = t.startsWith('-') ? '-' : '';
  if (sign) t = t.slice(1);
  let whole: string;
  let fraction = '';
  const commaDecimal = language !== 'en';
  const grouped = (s: string, sep: '.' | ',') => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(s);
  if (commaDecimal) {
    // Comma decimal; points group thousands.
    const [w, f, extra] = t.split(',');
    if (extra !== undefined) return null;
    if (f !== undefined) fraction = f;
    if (w.includes('.')) {
      if (grouped(w, '.')) whole = w.replace(/\./g, '');
      else if (f === undefined && /^\d+\.\d+$/.test(w)) [whole, fraction] = w.split('.'); // "33.5": a decimal point typed anyway
      else return null;
    } else whole = w;
  } else {
    const [w, f, extra] = t.split('.');
    if (extra !== undefined) return null;
    if (f !== undefined) fraction = f;
    if (w.includes(',')) {
      if (f === undefined && /^\d+,\d+$/.test(w) && !grouped(w, ',')) [whole, fraction] = w.split(','); // "33,33": a decimal comma
      else if (grouped(w, ',')) whole = w.replace(/,/g, '');
      else return null;
    } else whole = w;
  }
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return null;
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/** `normaliseDecimal` as a number (for percentages, scores and the like). */
export function parseNumber(text: string, language?: Language): number | null {
  const d = normaliseDecimal(text, language);
  return d === null ? null : Number(d);
}

/** Today's local date as YYYY-MM-DD (to compare with calendar days from the API). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** datetime-local value (local time, minutes) for a Date. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** ISO instant for a datetime-local value, or null if it is not one. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;

/** "2026-09-01" for a real calendar day, else null (no 31 February). */
function isoDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether `value` is a calendar day as the API takes it ("2026-09-01"). */
export const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && parseDateInput(value) === value;

/**
 * A calendar day as typed in a date field, in the language's own order, as "YYYY-MM-DD"; null when it is not
 * a day. Danish "1.9.2026" / "01-09-2026" / "01092026", English "01/09/2026" (day first, en-GB), Swedish
 * "2026-09-01" / "20260901". The ISO form is read in every language (pasted, or typed by a test).
 */
export function parseDateInput(text: string, language: Language = currentLanguage()): string | null {
  const t = text.trim();
  let m = ISO_DAY.exec(t);
  if (m) return isoDay(+m[1], +m[2], +m[3]);
  if (/^\d{8}$/.test(t)) return language === 'sv' ? isoDay(+t.slice(0, 4), +t.slice(4, 6), +t.slice(6)) : isoDay(+t.slice(4), +t.slice(2, 4), +t.slice(0, 2));
  m = DAY_FIRST.exec(t);
  // Day first in every language: a Swede who does not write ISO writes "1/9 2026"-style dates day first too.
  return m ? isoDay(+m[3], +m[2], +m[1]) : null;
}

/** A "YYYY-MM-DD" day in the date field's form: "01.09.2026" (da), "01/09/2026" (en), "2026-09-01" (sv). */
export function formatDateInput(value: string | null | undefined, language: Language = currentLanguage()): string {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) return value ?? '';
  if (language === 'sv') return value!;
  return language === 'da' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

/**
 * A day and a time as typed in a date-and-time field, as the datetime-local value "YYYY-MM-DDTHH:mm" (local
 * time); null when it is not one. The day as `parseDateInput` reads it, then the time "18:05" or "18.05"
 * ("2.10.2026 18.05", "2026-10-02 18:05"; the datetime-local form itself in every language).
 */
export function parseDateTimeInput(text: string, language: Language = currentLanguage()): string | null {
  const m = /^(\S+?)(?:[T\s]+|,\s*|\s+kl\.?\s+)(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const day = parseDateInput(m[1], language);
  const [h, min] = [+m[2], +m[3]];
  if (!day || h > 23 || min > 59) return null;
  return `${day}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** A datetime-local value in the field's form: "02.10.2026 18:05" (da), "2026-10-02 18:05" (sv), "02/10/2026 18:05" (en). */
export function formatDateTimeInput(value: string | null | undefined, language: Language = currentLanguage()): string {
  const m = value ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value) : null;
  return m ? `${formatDateInput(m[1], language)} ${m[2]}` : (value ?? '');
}
