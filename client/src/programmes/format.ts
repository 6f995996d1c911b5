import { humanize, sizeClassLabel } from '../ui/labels';

/** Percent with up to two decimals: 33.33 -> "33.33 %", 50 -> "50 %". */
export const formatPercent = (percent: number) => `${Number(percent.toFixed(2))} %`;

/** Whole DKK / SEK: 1500000 -> "1,500,000". */
export const formatAmount = (amount: number) => amount.toLocaleString('en-GB', { maximumFractionDigits: 0 });

/** A number typed by a person: "33,33" or " 33.33 " -> 33.33; blank or not a number -> null. */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * The sum of percentages, exact to the hundredth (in basis points, as the server adds them):
 * 33.33 + 33.33 + 33.34 is exactly 100, although not in floating point.
 */
export function sumPercentBasisPoints(percents: readonly number[]): number {
  return percents.reduce((sum, p) => sum + Math.round(p * 100), 0);
}

export const FULL_SHARE_BASIS_POINTS = 10_000;

/** "Total 100 %" or "Total 99.99 %: must be exactly 100 %" for a list of shares; `ok` when they add up. */
export function sharesTotal(percents: readonly number[]): { basisPoints: number; ok: boolean; text: string } {
  const basisPoints = sumPercentBasisPoints(percents);
  const ok = basisPoints === FULL_SHARE_BASIS_POINTS;
  const total = formatPercent(basisPoints / 100);
  return { basisPoints, ok, text: ok ? `Total ${total}` : `Total ${total}: must be exactly 100 %` };
}

/** "2026-09-01" -> "1 Sep 2026" (dates are calendar days: no time-zone shift). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A server timestamp in the user's time zone. */
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export const PROGRAMME_KINDS = ['ACCELERATOR', 'GROWTH_CAMP', 'DEVELOPMENT_PROGRAMME', 'CO_FINANCED_COURSE', 'MENTORING', 'OTHER'] as const;
export const GROWTH_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const SIZE_CLASSES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const;

const CRITERIA: Record<string, string> = { GROWTH_POTENTIAL: 'Growth potential', REGION: 'Region', INDUSTRY: 'Industry', SIZE: 'Size' };
export const criterionLabel = (c: string) => CRITERIA[c] ?? humanize(c);

export interface EligibilityView {
  growthPotentialLevels: readonly string[];
  industryCodePrefixes: readonly string[];
  sizeClasses: readonly string[];
  regions: ReadonlyArray<{ name: string }>;
}

/** Who may take part, criterion by criterion; an empty list on the server means "any". */
export function eligibilityRows(e: EligibilityView): Array<[label: string, value: string]> {
  const any = (list: readonly string[], text: (x: string) => string) => (list.length ? list.map(text).join(', ') : 'Any');
  return [
    ['Growth potential', any(e.growthPotentialLevels, humanize)],
    ['Region', any(e.regions.map((r) => r.name), (x) => x)],
    ['Size', any(e.sizeClasses, sizeClassLabel)],
    ['Industry', e.industryCodePrefixes.length ? `Codes starting ${e.industryCodePrefixes.join(', ')}` : 'Any'],
  ];
}
