import i18next, { type TOptions } from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * The client's languages and message catalogues.
 *
 * Each area keeps its own messages in `client/src/<area>/messages.ts` (the kit's in `ui/messages.ts`).
 * They are picked up here with `import.meta.glob` - an area adds a file, nothing else to register - and
 * merged into one catalogue with keys prefixed by the area ("desk.findFirm"). A catalogue module may
 * export (as `messages` or `default`) either shape:
 *   { findFirm: { en: 'Find a firm', da: 'Find en virksomhed', sv: 'Hitta ett företag' } }   (per key)
 *   { en: { findFirm: 'Find a firm' }, da: { ... }, sv: { ... } }                            (per language)
 * Plural keys use i18next's suffixes: `entries_one`, `entries_other` with `{{count}}`.
 */
export const LANGUAGES = ['en', 'da', 'sv'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', da: 'Dansk', sv: 'Svenska' };
/** The Intl locale of each language (dates, numbers, money). English is the British form: "1 Sep 2026". */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', da: 'da-DK', sv: 'sv-SE' };

export type Catalogue = Record<string, Record<Language, string>>;
type PerLanguage = Partial<Record<Language, Record<string, string>>>;

const isLanguage = (x: unknown): x is Language => typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);

/** One area's module in either shape -> { key: { en, da, sv } } (missing translations stay missing, for the test to see). */
export function normaliseCatalogue(module: unknown): Catalogue {
  const m = module as Record<string, unknown>;
  const source = (m?.messages ?? m?.default ?? m) as Record<string, unknown>;
  const keys = Object.keys(source ?? {});
  const out: Catalogue = {};
  if (keys.length > 0 && keys.every(isLanguage)) {
    for (const lang of keys as Language[]) {
      for (const [key, text] of Object.entries((source as PerLanguage)[lang] ?? {})) (out[key] ??= {} as Record<Language, string>)[lang] = text;
    }
    return out;
  }
  for (const [key, value] of Object.entries(source ?? {})) {
    if (value && typeof value === 'object') out[key] = value as Record<Language, string>;
  }
  return out;
}

/** Every area's catalogue, keyed by area ("ui", "desk", "dashboards", ...). */
function discoverCatalogues(): Record<string, Catalogue> {
  // Root-relative (client/) so every key names its area: "/src/desk/messages.ts".
  const modules = import.meta.glob(['/src/*/messages.ts', '/src/*/messages.tsx'], { eager: true });
  const out: Record<string, Catalogue> = {};
  for (const [file, module] of Object.entries(modules)) {
    const area = /\/src\/([^/]+)\/messages\.tsx?$/.exec(file)?.[1];
    if (area) out[area] = normaliseCatalogue(module);
  }
  return out;
}

export const CATALOGUES = discoverCatalogues();

/** The merged catalogue as i18next resources: { en: { translation: { "desk.findFirm": "Find a firm" } }, ... }. */
export function toResources(catalogues: Record<string, Catalogue>) {
  const resources = Object.fromEntries(LANGUAGES.map((l) => [l, { translation: {} as Record<string, string> }])) as Record<Language, { translation: Record<string, string> }>;
  for (const [area, catalogue] of Object.entries(catalogues)) {
    for (const [key, texts] of Object.entries(catalogue)) {
      for (const lang of LANGUAGES) if (texts[lang] != null) resources[lang].translation[`${area}.${key}`] = texts[lang];
    }
  }
  return resources;
}

export const LANGUAGE_STORAGE_KEY = 'growthGraph.language';

function storedLanguage(): Language | null {
  try {
    const v = typeof window !== 'undefined' ? window.localStorage.getItem(LANGUAGE_STORAGE_KEY) : null;
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** The browser's first language we speak ("da-DK" -> da), else English. */
export function browserLanguage(languages: readonly string[] = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : []): Language {
  for (const l of languages) {
    const base = l?.toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'no') continue;
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The language of an organisation's country (DK -> Danish, SE -> Swedish). */
export const countryLanguage = (country: string | null | undefined): Language | null => (country === 'DK' ? 'da' : country === 'SE' ? 'sv' : null);

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: toResources(CATALOGUES),
  lng: storedLanguage() ?? browserLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false }, // React escapes.
  initAsync: false,
  returnNull: false,
});

// The page's language follows the one spoken from the start (screen readers pick their voice by it),
// not only after a switch: the sign-in page of a Danish browser is <html lang="da">.
const syncDocumentLanguage = () => {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();
};
i18n.on('languageChanged', syncDocumentLanguage);
syncDocumentLanguage();

/** Whether the user chose a language themselves (then the organisation's country no longer decides). */
export const hasChosenLanguage = () => storedLanguage() !== null;

export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(l) ? l : 'en';
}

/** Switch language; `remember` stores the user's own choice in localStorage. */
export function setLanguage(language: Language, remember = true): void {
  if (remember) {
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Storage disabled: the choice lasts as long as the page.
    }
  }
  if (currentLanguage() !== language) void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Translate outside React (formatters, error wording). Components use `useTranslation()`. */
export const t = (key: string, options: TOptions = {}) => i18n.t(key, options) as string;
