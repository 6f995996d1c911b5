import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, normaliseCatalogue } from './i18n';

const SRC = path.resolve(__dirname, '..');
/** Shared by every area: the kit, the generated API types and the app shell (files directly in src/). */
const SHARED = new Set(['ui', 'generated', 'graphql']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}
const areaOf = (file: string) => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0] : null; // null: the app shell
};

describe('the client kit', () => {
  it('no area imports another area (only ui/, generated/ and the app shell are shared)', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const area = areaOf(file);
      if (!area || SHARED.has(area)) continue;
      for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)) {
        const target = areaOf(path.resolve(path.dirname(file), spec));
        if (target && target !== area && !SHARED.has(target)) offences.push(`${path.relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the kit imports no area', () => {
    const offences = sourceFiles(path.join(SRC, 'ui')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/from '\.\.\/([^/']+)\//g)].filter(([, dir]) => !SHARED.has(dir)).map(([m]) => `${path.basename(file)}: ${m}`),
    );
    expect(offences).toEqual([]);
  });
});

/**
 * Words that are the same in English, Danish and Swedish (names, codes, abbreviations): a text made only
 * of these (and of at most one other word, e.g. "Organisation", "Region", "Status") may stay identical.
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['growth', 'graph', 'region', 'län', 'cvr', 'kpi', 'kpis', 'csv', 'xlsx', 'db07', 'sni', 'kkr', 'api', 'readme', 'e-mail', 'id', 'iso', 'dkk', 'sek', 'eur', 'organisationsnummer', 'life', 'science']); // "life science": the loanword both languages use

/** Keys whose Danish or Swedish text is the English one, word for word, in a text of two or more words. */
function untranslatedCopies(catalogues: Record<string, Record<string, Partial<Record<string, string>>>>): string[] {
  const copies: string[] = [];
  for (const [area, catalogue] of Object.entries(catalogues)) {
    for (const [key, texts] of Object.entries(catalogue)) {
      const en = texts.en?.trim();
      if (!en) continue;
      const words = en
        .replace(/\{\{\w+\}\}/g, ' ')
        .toLowerCase()
        .split(/[^\p{L}\p{N}-]+/u)
        .filter((w) => /\p{L}/u.test(w) && !SAME_IN_EVERY_LANGUAGE.has(w));
      if (words.length < 2) continue;
      for (const lang of ['da', 'sv']) if (texts[lang]?.trim() === en) copies.push(`${area}.${key} [${lang}]`);
    }
  }
  return copies;
}

describe('message catalogues', () => {
  it('have every message in English, Danish and Swedish', () => {
    const missing: string[] = [];
    for (const [area, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, texts] of Object.entries(catalogue)) {
        for (const lang of LANGUAGES) if (typeof texts[lang] !== 'string' || !texts[lang].trim()) missing.push(`${area}.${key} [${lang}]`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(CATALOGUES)).toContain('ui');
  });

  it('have Danish and Swedish that are translations, not copies of the English', () => {
    expect(untranslatedCopies(CATALOGUES)).toEqual([]);
  });

  it('catch a copied English text but allow names and short words that are the same in every language', () => {
    const catalogue = {
      copied: { en: 'Compared with last year', da: 'Compared with last year', sv: 'Jämfört med förra året' },
      names: { en: 'Growth Graph', da: 'Growth Graph', sv: 'Growth Graph' },
      oneWord: { en: 'Organisation', da: 'Organisation', sv: 'Organisation' },
      codes: { en: '{{count}} KPI (CVR)', da: '{{count}} KPI (CVR)', sv: '{{count}} KPI (CVR)' },
    };
    expect(untranslatedCopies({ x: catalogue })).toEqual(['x.copied [da]']);
  });

  it('have a message for every key the code uses', () => {
    const known = new Set(Object.entries(CATALOGUES).flatMap(([area, c]) => Object.keys(c).map((k) => `${area}.${k}`)));
    const has = (key: string) => known.has(key) || known.has(`${key}_one`) || known.has(`${key}_other`);
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (file.endsWith('.test.ts') || file.endsWith('.test.tsx')) continue;
      // t('area.key'), t("area.key"), i18nKey="area.key"
      // An area may keep its own t() over its catalogue (dashboards/messages.ts): its keys are then area-relative.
      const area = path.relative(SRC, file).split(path.sep)[0];
      for (const [, key] of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*['"]([a-zA-Z]+\.[\w.*-]+)['"]/g)) {
        if (!has(key) && !has(`${area}.${key}`)) missing.push(`${path.relative(SRC, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no words written straight into JSX: every text node and label attribute goes through t()', () => {
    // Names and codes that read the same in every language (product name, currency codes, an HTTP header).
    const SAME_IN_EVERY_LANGUAGE = new Set(['Growth Graph', 'DKK', 'SEK', 'Authorization: ApiKey &lt;…&gt;']);
    const LABEL_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label']);
    const offences: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (!file.endsWith('.tsx') || file.endsWith('.test.tsx')) continue;
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const where = (node: ts.Node) => `${path.relative(SRC, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text) && !SAME_IN_EVERY_LANGUAGE.has(node.text.trim())) offences.push(`${where(node)} ${JSON.stringify(node.text.trim())}`);
        if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer) && LABEL_ATTRIBUTES.has(node.name.getText()) && /\p{L}{2,}/u.test(node.initializer.text)) offences.push(`${where(node)} ${node.getText()}`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offences).toEqual([]);
  }, 60_000); // parses every .tsx: slow on a loaded machine

  it('take both catalogue shapes an area may export', () => {
    expect(normaliseCatalogue({ messages: { hi: { en: 'Hi', da: 'Hej', sv: 'Hej' } } })).toEqual({ hi: { en: 'Hi', da: 'Hej', sv: 'Hej' } });
    expect(normaliseCatalogue({ default: { en: { hi: 'Hi' }, da: { hi: 'Hej' }, sv: { hi: 'Hej' } } })).toEqual({ hi: { en: 'Hi', da: 'Hej', sv: 'Hej' } });
    // A missing translation stays missing (for the test above to report), never silently English.
    expect(normaliseCatalogue({ en: { hi: 'Hi' }, da: { hi: 'Hej' } })).toEqual({ hi: { en: 'Hi', da: 'Hej' } });
  });
});
