/** A decimal amount as the API takes it: digits, optionally 1-2 decimals, no separators ("1600", "8000.50"). */
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** "8000.5" -> 800050n (hundredths), or null when not a valid amount. */
export function toHundredths(amount: string): bigint | null {
  const text = amount.trim();
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

/** "4500000000.00" -> "4,500,000,000 DKK"; "14600.30" -> "14,600.30 DKK". Works on the string, never rounds. */
export function formatAmount(amount: string | null | undefined, currency: string): string {
  if (amount == null || amount === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return `${amount} ${currency}`;
  const [, sign, whole, fraction = ''] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = /^0*$/.test(fraction) ? '' : `.${fraction.padEnd(2, '0')}`;
  return `${sign}${grouped}${decimals} ${currency}`;
}

/** ISO date "2018-08-15" as shown ("15 Aug 2018"), without time-zone shifts. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Server timestamps as local date and time. */
export const formatDateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

/** Today's local date as YYYY-MM-DD (to compare with meeting dates). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
