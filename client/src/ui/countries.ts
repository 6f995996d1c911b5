import { currentLanguage, INTL_LOCALE, type Language } from './i18n';

/**
 * ISO 3166-1 alpha-2: every officially assigned code (249). Intl cannot enumerate regions, so the
 * list is kept here; the names come from `Intl.DisplayNames` in the active language.
 */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

const CODES = new Set(COUNTRY_CODES);
export const isCountryCode = (code: string | null | undefined): code is string => !!code && CODES.has(code);

const namers = new Map<string, Intl.DisplayNames>();
function namer(language: Language): Intl.DisplayNames | null {
  const locale = INTL_LOCALE[language];
  try {
    if (!namers.has(locale)) namers.set(locale, new Intl.DisplayNames([locale], { type: 'region' }));
    return namers.get(locale)!;
  } catch {
    return null;
  }
}

/** "DE" -> "Tyskland" (da/sv) / "Germany" (en); an unknown code stays as it is. */
export function countryName(code: string | null | undefined, language: Language = currentLanguage()): string {
  if (!code) return '';
  try {
    return namer(language)?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Shown in tables and facts: the name with its code, "Tyskland (DE)"; "—" when none. */
export const countryLabel = (code: string | null | undefined, language?: Language) => (code ? (isCountryCode(code) ? `${countryName(code, language)} (${code})` : code) : '—');

/** All countries, sorted by name in the language's own collation. */
export function countryOptions(language: Language = currentLanguage()): Array<{ code: string; name: string }> {
  const collator = new Intl.Collator(INTL_LOCALE[language]);
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) => collator.compare(a.name, b.name));
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/**
 * The code a person means by what they typed: a code ("de"), or a country's name in the active
 * language or English ("Tyskland", "Germany", "germany"); null when it names no country. Never
 * truncates a name into a code ("Germany" is DE, not "GE" Georgia).
 */
export function findCountry(text: string, language: Language = currentLanguage()): string | null {
  const t = fold(text);
  if (!t) return null;
  if (t.length === 2 && CODES.has(t.toUpperCase())) return t.toUpperCase();
  // "Tyskland (DE)" as shown by countryLabel.
  const withCode = /\(([a-z]{2})\)$/.exec(t);
  if (withCode && CODES.has(withCode[1].toUpperCase())) return withCode[1].toUpperCase();
  for (const lang of language === 'en' ? (['en'] as Language[]) : [language, 'en' as Language]) {
    const hit = COUNTRY_CODES.find((code) => fold(countryName(code, lang)) === t);
    if (hit) return hit;
  }
  return null;
}
