import { currentLanguage, type Language } from './i18n';

/**
 * Industry codes with their names. The API gives a firm's code only: DB07 (Danmarks Statistik, 6 digits)
 * for Danish firms, SNI 2007 (SCB, 5 digits) for Swedish ones. Both refine NACE Rev. 2, so the first two
 * digits (the division) decide the section (A-U), whose names this small static table holds in the
 * classifications' own wording (DB07 "hovedafsnit", SNI "avdelning") and in English (NACE).
 */
export type IndustrySection = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U';

/** The last division (two-digit prefix) of each section, in order (NACE Rev. 2). */
const SECTION_ENDS: Array<[number, IndustrySection]> = [
  [3, 'A'], [9, 'B'], [33, 'C'], [35, 'D'], [39, 'E'], [43, 'F'], [47, 'G'], [53, 'H'], [56, 'I'], [63, 'J'], [66, 'K'],
  [68, 'L'], [75, 'M'], [82, 'N'], [84, 'O'], [85, 'P'], [88, 'Q'], [93, 'R'], [96, 'S'], [98, 'T'], [99, 'U'],
];

export const SECTION_NAMES: Record<IndustrySection, Record<Language, string>> = {
  A: { en: 'Agriculture, forestry and fishing', da: 'Landbrug, jagt, skovbrug og fiskeri', sv: 'Jordbruk, skogsbruk och fiske' },
  B: { en: 'Mining and quarrying', da: 'Råstofindvinding', sv: 'Utvinning av mineral' },
  C: { en: 'Manufacturing', da: 'Industri', sv: 'Tillverkning' },
  D: { en: 'Electricity, gas, steam and air conditioning supply', da: 'Energiforsyning', sv: 'Försörjning av el, gas, värme och kyla' },
  E: {
    en: 'Water supply; sewerage, waste management and remediation',
    da: 'Vandforsyning, kloakvæsen, affaldshåndtering og rensning af jord og grundvand',
    sv: 'Vattenförsörjning; avloppsrening, avfallshantering och sanering',
  },
  F: { en: 'Construction', da: 'Bygge- og anlægsvirksomhed', sv: 'Byggverksamhet' },
  G: {
    en: 'Wholesale and retail trade; repair of motor vehicles and motorcycles',
    da: 'Handel; reparation af motorkøretøjer og motorcykler',
    sv: 'Handel; reparation av motorfordon och motorcyklar',
  },
  H: { en: 'Transportation and storage', da: 'Transport og godshåndtering', sv: 'Transport och magasinering' },
  I: { en: 'Accommodation and food service activities', da: 'Overnatningsfaciliteter og restaurationsvirksomhed', sv: 'Hotell- och restaurangverksamhet' },
  J: { en: 'Information and communication', da: 'Information og kommunikation', sv: 'Informations- och kommunikationsverksamhet' },
  K: { en: 'Financial and insurance activities', da: 'Pengeinstitut- og finansvirksomhed, forsikring', sv: 'Finans- och försäkringsverksamhet' },
  L: { en: 'Real estate activities', da: 'Fast ejendom', sv: 'Fastighetsverksamhet' },
  M: { en: 'Professional, scientific and technical activities', da: 'Liberale, videnskabelige og tekniske tjenesteydelser', sv: 'Verksamhet inom juridik, ekonomi, vetenskap och teknik' },
  N: { en: 'Administrative and support service activities', da: 'Administrative tjenesteydelser og hjælpetjenester', sv: 'Uthyrning, fastighetsservice, resetjänster och andra stödtjänster' },
  O: { en: 'Public administration and defence; compulsory social security', da: 'Offentlig administration, forsvar og socialsikring', sv: 'Offentlig förvaltning och försvar; obligatorisk socialförsäkring' },
  P: { en: 'Education', da: 'Undervisning', sv: 'Utbildning' },
  Q: { en: 'Human health and social work activities', da: 'Sundhedsvæsen og sociale foranstaltninger', sv: 'Vård och omsorg; sociala tjänster' },
  R: { en: 'Arts, entertainment and recreation', da: 'Kultur, forlystelser og sport', sv: 'Kultur, nöje och fritid' },
  S: { en: 'Other service activities', da: 'Andre serviceydelser', sv: 'Annan serviceverksamhet' },
  T: {
    en: 'Activities of households as employers and for own use',
    da: 'Private husholdninger med ansat medhjælp og produktion til eget brug',
    sv: 'Förvärvsarbete i hushåll; hushållens produktion för eget bruk',
  },
  U: { en: 'Activities of extraterritorial organisations and bodies', da: 'Ekstraterritoriale organisationer og organer', sv: 'Verksamhet vid internationella organisationer, utländska ambassader o.d.' },
};

/** The section of a DB07 / SNI code ("620100" and "62010" -> "J"), or null for a code that is not one. */
export function industrySection(code: string | null | undefined): IndustrySection | null {
  const digits = code?.replace(/[\s.]/g, '') ?? '';
  if (!/^\d{2,6}$/.test(digits)) return null;
  const division = Number(digits.slice(0, 2));
  if (division < 1) return null;
  for (const [end, section] of SECTION_ENDS) if (division <= end) return section;
  return null;
}

/** The classification a firm's code belongs to: DB07 for Danish firms, SNI 2007 for Swedish ones. */
export const industryClassification = (country: string | null | undefined) => (country === 'SE' ? 'SNI 2007' : country === 'DK' ? 'DB07' : 'NACE');

/** "J · Information og kommunikation", or null when the code is unknown. */
export function industryName(code: string | null | undefined, language: Language = currentLanguage()): string | null {
  const section = industrySection(code);
  return section ? `${section} · ${SECTION_NAMES[section][language]}` : null;
}

/** "620100 – J · Information and communication (DB07)" (or the bare code when its section is unknown). */
export function industryLabel(code: string | null | undefined, country?: string | null, language: Language = currentLanguage()): string {
  if (!code) return '';
  const name = industryName(code, language);
  return name ? `${code} – ${name} (${industryClassification(country)})` : code;
}
