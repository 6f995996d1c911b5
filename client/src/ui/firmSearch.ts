import type { FirmSearch } from '../generated/graphql';

/** Text that looks like a CVR or organisationsnummer: only digits, dashes (and spaces), at least one digit. */
const IDENTIFIER_TEXT = /^[\d\s-]*\d[\d\s-]*$/;

/**
 * What to send for the firm-search box: an identifier (CVR / organisationsnummer) when the text is
 * all digits and dashes, otherwise a name prefix. Null for blank text (nothing to search).
 */
export function firmSearchFromText(text: string): FirmSearch | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (IDENTIFIER_TEXT.test(trimmed)) return { identifier: trimmed.replace(/\s+/g, '') };
  return { namePrefix: trimmed };
}

/**
 * The number alone ("12345678", "556677-8899"), or null for a prospect without identifier: where a label or
 * column header already says "CVR-nummer" / "Organisationsnummer", so the value does not repeat it.
 */
export function identifierNumber(firm: { cvr?: string | null; organisationsnummer?: string | null }): string | null {
  if (firm.cvr) return firm.cvr;
  if (firm.organisationsnummer) {
    const n = firm.organisationsnummer.replace(/-/g, '');
    return n.length === 10 ? `${n.slice(0, 6)}-${n.slice(6)}` : n;
  }
  return null;
}

/** "CVR 12345678", "Org.nr 556677-8899", or null for a prospect without identifier: in running text, unlabelled. */
export function formatIdentifier(firm: { cvr?: string | null; organisationsnummer?: string | null }): string | null {
  const number = identifierNumber(firm);
  if (number === null) return null;
  return firm.cvr ? `CVR ${number}` : `Org.nr ${number}`;
}
