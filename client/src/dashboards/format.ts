/** Numbers and dates in the reader's locale (Intl), for the dashboards. */
export const readerLocale = (): string => (typeof navigator !== 'undefined' && navigator.language) || 'en';

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

export function formatDate(iso: string, locale = readerLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(dateOf(iso));
}

export function formatDateTime(iso: string, locale = readerLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A time bucket's key (its first day) as a label: "Jan 2026", "Q1 2026", "2026". */
export function formatBucket(key: string, bucket: string, locale = readerLocale()): string {
  const d = dateOf(key);
  if (bucket === 'YEAR') return new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(d);
  if (bucket === 'QUARTER') return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
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
