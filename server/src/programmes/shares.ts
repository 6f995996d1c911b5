import { UserError, userError } from '../core/errors';
import { UserErrorCode } from '../core/errors';

/**
 * Co-financing shares are percentages with at most two decimals (e.g. 33.33), stored as integer basis
 * points (1/100 of a percent) so that adding them up is exact: 33.33 + 33.33 + 33.34 = 10000 bp, no
 * floating-point error can make 100 % into 99.99999.
 */
export const FULL_SHARE_BASIS_POINTS = 10_000;

/** Converts a percentage to basis points, or null if it has more than two decimals or is out of (0, 100]. */
export function percentToBasisPoints(percent: number): number | null {
  if (!Number.isFinite(percent)) return null;
  const bp = Math.round(percent * 100);
  if (Math.abs(percent * 100 - bp) > 1e-6) return null;
  if (bp <= 0 || bp > FULL_SHARE_BASIS_POINTS) return null;
  return bp;
}

export const basisPointsToPercent = (bp: number) => bp / 100;

/**
 * Checks a list of shares: each a valid percentage, and together exactly 100 %. Returns the basis points
 * (same order) and the user errors naming the field (`<listField>.<i>.<shareField>` or the list itself).
 */
export function checkShares(
  listField: string,
  shareField: string,
  percents: number[],
): { basisPoints: number[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const basisPoints: number[] = [];
  percents.forEach((p, i) => {
    const bp = percentToBasisPoints(p);
    if (bp == null) errors.push(userError([listField, String(i), shareField], 'A share must be more than 0 and at most 100 percent, with at most two decimals.'));
    basisPoints.push(bp ?? 0);
  });
  if (percents.length === 0) {
    errors.push(userError(listField, 'Give at least one share.', UserErrorCode.REQUIRED));
  } else if (!errors.length) {
    const total = basisPoints.reduce((a, b) => a + b, 0);
    if (total !== FULL_SHARE_BASIS_POINTS) {
      errors.push(
        userError(listField, `The shares must add up to exactly 100 % (they add up to ${(total / 100).toFixed(2)} %).`, UserErrorCode.SHARES_DO_NOT_ADD_UP),
      );
    }
  }
  return { basisPoints, errors };
}

/**
 * Splits a whole amount by basis points so the parts add up to exactly the amount (largest remainder):
 * 100 000 DKK at 33.33/33.33/33.34 % gives 33 330 + 33 330 + 33 340.
 */
export function splitAmount(amount: number, basisPoints: number[]): number[] {
  const exact = basisPoints.map((bp) => (amount * bp) / FULL_SHARE_BASIS_POINTS);
  const parts = exact.map(Math.floor);
  let rest = amount - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    parts[i]++;
    rest--;
  }
  return parts;
}
