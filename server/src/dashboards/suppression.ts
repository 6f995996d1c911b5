/**
 * The one place that decides which dashboard cells are suppressed (statistics-office style).
 *
 * A cell is the aggregate of one group of a breakdown (a row of a panel); the cells of a breakdown add up
 * to its total. The rule:
 *
 * 1. Primary suppression: a cell built from fewer than MIN_FIRMS distinct firms is shown as "<5" (value
 *    null, `suppressed: true`) - unless every record behind it belongs to the caller's own organisation
 *    (`ownOnly`): the caller can read those records anyway, so hiding the aggregate protects nobody.
 *    The total of a breakdown follows the same rule.
 * 2. Complementary suppression (the differencing attack: total minus the visible cells gives the hidden
 *    one): while the suppressed cells of a breakdown together cover fewer than MIN_FIRMS firms (a single
 *    suppressed cell always does) and the total is shown, the next smallest shown cell that is not
 *    own-only is suppressed too (own-only cells cannot hide anything: the caller knows their values).
 *    When no such cell is left, the total is suppressed instead.
 *
 * Firm counts of cells are added up to judge the combined size of the suppressed cells; where one firm can
 * fall in several cells (e.g. the Growth Wheel's focus areas) this overstates the protection, which is
 * why a single suppressed cell is never left alone whatever its neighbours' sizes.
 *
 * Limits (documented in the README): suppression holds within one response; a caller who queries
 * overlapping periods (January-March and January-April) can still difference across queries. That is
 * the usual residual risk of published tables and the reason the threshold counts firms, not events.
 */
export const MIN_FIRMS = 5;
export const SUPPRESSED_DISPLAY = '<5';

export interface CellSize {
  key: string;
  /** Distinct firms behind the cell. */
  firms: number;
  /** Every record behind the cell is the caller's own. */
  ownOnly: boolean;
}

export type SuppressionReason = 'PRIMARY' | 'COMPLEMENTARY';

export interface SuppressionResult {
  /** Suppressed cells and why. */
  cells: Map<string, SuppressionReason>;
  /** Why the total is suppressed, or null when it is shown. */
  total: SuppressionReason | null;
}

const primary = (c: { firms: number; ownOnly: boolean }) => c.firms > 0 && c.firms < MIN_FIRMS && !c.ownOnly;

/** Decides the suppression of one breakdown: its cells and its total. */
export function suppressBreakdown(cells: readonly CellSize[], total: { firms: number; ownOnly: boolean }): SuppressionResult {
  const out = new Map<string, SuppressionReason>();
  for (const c of cells) if (primary(c)) out.set(c.key, 'PRIMARY');
  let totalReason: SuppressionReason | null = primary(total) ? 'PRIMARY' : null;
  if (totalReason) {
    // The total is hidden: nothing to difference against, but hide every other-organisation cell too
    // (each one is at most the total, so under the threshold as well).
    for (const c of cells) if (!c.ownOnly && c.firms > 0 && !out.has(c.key)) out.set(c.key, 'COMPLEMENTARY');
    return { cells: out, total: totalReason };
  }
  const hiddenFirms = () => cells.filter((c) => out.has(c.key)).reduce((s, c) => s + c.firms, 0);
  const count = () => cells.filter((c) => out.has(c.key)).length;
  while (out.size > 0 && (count() === 1 || hiddenFirms() < MIN_FIRMS)) {
    const next = cells
      .filter((c) => !out.has(c.key) && !c.ownOnly && c.firms > 0)
      .sort((a, b) => a.firms - b.firms || a.key.localeCompare(b.key))[0];
    if (!next) {
      totalReason = 'COMPLEMENTARY';
      break;
    }
    out.set(next.key, 'COMPLEMENTARY');
  }
  return { cells: out, total: totalReason };
}

/** Null for every value of a suppressed cell; the values unchanged otherwise. */
export function maskValues<T>(values: readonly (T | null)[], suppressed: boolean): (T | null)[] {
  return suppressed ? values.map(() => null) : [...values];
}
