import { t } from './i18n';
import { formatPercent } from './format';

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
  return { basisPoints, ok, text: t(ok ? 'ui.shares.total' : 'ui.shares.totalWrong', { total }) };
}
