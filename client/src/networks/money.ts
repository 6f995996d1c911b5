import { normaliseDecimal } from '../ui/format';
/** A decimal amount as the API takes it: digits, optionally 1-2 decimals, no separators ("1600", "8000.50"). */
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** "8000.5" -> 800050n (hundredths), or null when not a valid amount. */
export function toHundredths(amount: string): bigint | null {
  const text = normaliseDecimal(amount) ?? ''; // the locale's own forms: "8.000,50" in Danish
  if (!AMOUNT_PATTERN.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** 800050n -> "8000.50". */
export function fromHundredths(value: bigint): string {
  const whole = value / 100n;
  const fraction = (value % 100n).toString().padStart(2, '0');
  return `${whole}.${fraction}`;
}

/**
 * The sum of budget-line amounts, exact (no floating point), as "14600.30"; null while any amount is
 * not a valid amount. Only a preview: the server computes the total that counts.
 */
export function previewTotal(amounts: readonly string[]): string | null {
  let total = 0n;
  for (const amount of amounts) {
    const value = toHundredths(amount);
    if (value === null) return null;
    total += value;
  }
  return fromHundredths(total);
}
