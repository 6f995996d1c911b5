/**
 * Pure validation / normalisation / generation helpers for Danish and Swedish
 * business identifiers. No project imports, no dependencies.
 *
 *  - CVR (DK): 8 digits, first digit 1-9, weights 2,7,6,5,4,3,2,1,
 *    weighted sum mod 11 === 0 (the 8th digit is the check digit).
 *  - P-nummer (DK production unit): 10 digits, first digit 1-9 (format only).
 *  - Organisationsnummer (SE): 10 digits, written NNNNNN-NNNN; Luhn (mod 10)
 *    check digit in position 10 computed over the first 9 digits with weights
 *    2,1,2,1,...; the third digit is >= 2 (this distinguishes it from a
 *    personnummer, whose digits 3-4 are a month 01-12). The first digit gives the
 *    legal-form group.
 */

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** True if `s` is exactly 8 digits, does not start with 0 and passes the mod-11 check. */
export function isValidCvr(s: string): boolean {
  if (typeof s !== 'string' || !/^[1-9][0-9]{7}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += CVR_WEIGHTS[i] * (s.charCodeAt(i) - 48);
  return sum % 11 === 0;
}

/**
 * The 8th CVR digit that makes `first7` + digit a valid CVR, or null if there is
 * none: either `first7` is not 7 digits starting with 1-9, or the required digit
 * would be 10 (such prefixes are never issued).
 */
export function cvrCheckDigitFor(first7: string): number | null {
  if (typeof first7 !== 'string' || !/^[1-9][0-9]{6}$/.test(first7)) return null;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += CVR_WEIGHTS[i] * (first7.charCodeAt(i) - 48);
  // weight of the 8th digit is 1, so we need (sum + d) % 11 === 0
  const d = (11 - (sum % 11)) % 11;
  return d === 10 ? null : d;
}

/** Danish production-unit number (P-nummer): 10 digits, first digit 1-9. Format check only. */
export function isValidPNumber(s: string): boolean {
  return typeof s === 'string' && /^[1-9][0-9]{9}$/.test(s);
}

const ORGNR_FORMAT = /^([0-9]{6})-?([0-9]{4})$/;

/**
 * Luhn check digit for the first 9 digits of an organisationsnummer
 * (weights 2,1,2,1,2,1,2,1,2; digits of products summed; check = (10 - sum % 10) % 10).
 * Throws if `first9` is not exactly 9 digits.
 */
export function organisationsnummerCheckDigit(first9: string): number {
  if (typeof first9 !== 'string' || !/^[0-9]{9}$/.test(first9)) {
    throw new RangeError(`organisationsnummerCheckDigit: expected 9 digits, got "${String(first9)}"`);
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let p = (first9.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (p > 9) p -= 9;
    sum += p;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True for "NNNNNN-NNNN" or "NNNNNNNNNN" (surrounding whitespace is ignored)
 * whose Luhn check digit is correct and whose third digit is >= 2.
 */
export function isValidOrganisationsnummer(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = ORGNR_FORMAT.exec(s.trim());
  if (!m) return false;
  const digits = m[1] + m[2];
  if (digits.charCodeAt(2) - 48 < 2) return false;
  return organisationsnummerCheckDigit(digits.slice(0, 9)) === digits.charCodeAt(9) - 48;
}

/**
 * The 10-digit form without dash ("5560125790"). Accepts "NNNNNN-NNNN" or
 * "NNNNNNNNNN" (surrounding whitespace ignored). Does NOT verify the check digit
 * (use isValidOrganisationsnummer for that); throws RangeError if the input is
 * not in one of the two formats.
 */
export function normaliseOrganisationsnummer(s: string): string {
  const m = typeof s === 'string' ? ORGNR_FORMAT.exec(s.trim()) : null;
  if (!m) throw new RangeError(`Not an organisationsnummer: "${String(s)}"`);
  return m[1] + m[2];
}

/** The display form "NNNNNN-NNNN". Same input rules as normaliseOrganisationsnummer. */
export function formatOrganisationsnummer(s: string): string {
  const n = normaliseOrganisationsnummer(s);
  return `${n.slice(0, 6)}-${n.slice(6)}`;
}

/**
 * Legal-form group of a Swedish organisationsnummer, from its first digit
 * (Bolagsverket / SCB grouping). Labels:
 *   1 -> 'DECEASED_ESTATE'            (dödsbon)
 *   2 -> 'PUBLIC_SECTOR'              (stat, regioner/landsting, kommuner, församlingar)
 *   3 -> 'FOREIGN_COMPANY'            (utländska företag med filial/verksamhet i Sverige)
 *   5 -> 'LIMITED_COMPANY'            (aktiebolag)
 *   6 -> 'SIMPLE_PARTNERSHIP'         (enkla bolag)
 *   7 -> 'ECONOMIC_ASSOCIATION'       (ekonomiska föreningar, bostadsrättsföreningar)
 *   8 -> 'NON_PROFIT_OR_FOUNDATION'   (ideella föreningar och stiftelser)
 *   9 -> 'TRADING_PARTNERSHIP'        (handelsbolag och kommanditbolag)
 *   anything else (0, 4, malformed input) -> 'UNKNOWN'
 * Only the format's first digit is inspected; the check digit is not verified.
 */
export type SwedishLegalFormGroup =
  | 'DECEASED_ESTATE'
  | 'PUBLIC_SECTOR'
  | 'FOREIGN_COMPANY'
  | 'LIMITED_COMPANY'
  | 'SIMPLE_PARTNERSHIP'
  | 'ECONOMIC_ASSOCIATION'
  | 'NON_PROFIT_OR_FOUNDATION'
  | 'TRADING_PARTNERSHIP'
  | 'UNKNOWN';

const LEGAL_FORM_GROUPS: Record<string, SwedishLegalFormGroup> = {
  '1': 'DECEASED_ESTATE',
  '2': 'PUBLIC_SECTOR',
  '3': 'FOREIGN_COMPANY',
  '5': 'LIMITED_COMPANY',
  '6': 'SIMPLE_PARTNERSHIP',
  '7': 'ECONOMIC_ASSOCIATION',
  '8': 'NON_PROFIT_OR_FOUNDATION',
  '9': 'TRADING_PARTNERSHIP',
};

export function swedishLegalFormGroup(orgnr: string): SwedishLegalFormGroup {
  const m = typeof orgnr === 'string' ? ORGNR_FORMAT.exec(orgnr.trim()) : null;
  if (!m) return 'UNKNOWN';
  return LEGAL_FORM_GROUPS[m[1][0]] ?? 'UNKNOWN';
}

/**
 * Mulberry32: small, fast, deterministic 32-bit seeded PRNG.
 * Returns a function yielding floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return function next(): number {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [lo, hi] inclusive; robust to a rand() that returns exactly 1. */
function randInt(rand: () => number, lo: number, hi: number): number {
  const n = lo + Math.floor(rand() * (hi - lo + 1));
  return n > hi ? hi : n < lo ? lo : n;
}

/** A random, checksum-valid CVR number. Deterministic for a deterministic `rand`. */
export function generateCvr(rand: () => number): string {
  for (;;) {
    let first7 = String(randInt(rand, 1, 9));
    for (let i = 0; i < 6; i++) first7 += String(randInt(rand, 0, 9));
    const check = cvrCheckDigitFor(first7);
    if (check !== null) return first7 + String(check);
    // required check digit would be 10: such prefixes are never issued, retry
  }
}

/**
 * A random, valid organisationsnummer (10 digits, no dash) whose first digit is
 * `legalGroupDigit` (default 5 = aktiebolag) and whose third digit is 2-9.
 */
export function generateOrganisationsnummer(rand: () => number, legalGroupDigit = 5): string {
  if (!Number.isInteger(legalGroupDigit) || legalGroupDigit < 0 || legalGroupDigit > 9) {
    throw new RangeError(`legalGroupDigit must be an integer 0-9, got ${legalGroupDigit}`);
  }
  let first9 = String(legalGroupDigit);
  first9 += String(randInt(rand, 0, 9));
  first9 += String(randInt(rand, 2, 9));
  for (let i = 0; i < 6; i++) first9 += String(randInt(rand, 0, 9));
  return first9 + String(organisationsnummerCheckDigit(first9));
}
