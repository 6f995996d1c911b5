import fs from 'node:fs';
import path from 'node:path';
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

  it('take both catalogue shapes an area may export', () => {
    expect(normaliseCatalogue({ messages: { hi: { en: 'Hi', da: 'Hej', sv: 'Hej' } } })).toEqual({ hi: { en: 'Hi', da: 'Hej', sv: 'Hej' } });
    expect(normaliseCatalogue({ default: { en: { hi: 'Hi' }, da: { hi: 'Hej' }, sv: { hi: 'Hej' } } })).toEqual({ hi: { en: 'Hi', da: 'Hej', sv: 'Hej' } });
    // A missing translation stays missing (for the test above to report), never silently English.
    expect(normaliseCatalogue({ en: { hi: 'Hi' }, da: { hi: 'Hej' } })).toEqual({ hi: { en: 'Hi', da: 'Hej' } });
  });
});
