import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './i18n';
import { industryClassification, industryLabel, industryName, industrySection, SECTION_NAMES } from './industry';

describe('industry codes (DB07 / SNI 2007)', () => {
  it('finds the section of a DB07 (6-digit) and an SNI (5-digit) code by its division', () => {
    expect(industrySection('620100')).toBe('J'); // DB07 computer programming
    expect(industrySection('62010')).toBe('J'); // SNI the same
    expect(industrySection('561010')).toBe('I');
    expect(industrySection('411000')).toBe('F');
    expect(industrySection('01110')).toBe('A');
    expect(industrySection('33')).toBe('C');
    expect(industrySection('35')).toBe('D');
    expect(industrySection('99')).toBe('U');
    // Divisions that NACE leaves empty or that are not codes at all.
    expect(industrySection('00')).toBeNull();
    expect(industrySection('abc')).toBeNull();
    expect(industrySection(null)).toBeNull();
  });

  it('names every section in English, Danish and Swedish, each language its own text', () => {
    for (const [section, names] of Object.entries(SECTION_NAMES)) {
      for (const l of LANGUAGES) expect(names[l], `${section} ${l}`).toBeTruthy();
      expect(names.da, section).not.toBe(names.en);
      expect(names.sv, section).not.toBe(names.en);
    }
    expect(Object.keys(SECTION_NAMES)).toHaveLength(21);
  });

  it('words a code in the reader language with the classification of the firm country', () => {
    expect(industryName('620100', 'da')).toBe('J · Information og kommunikation');
    expect(industryName('62010', 'sv')).toBe('J · Informations- och kommunikationsverksamhet');
    expect(industryLabel('561010', 'DK', 'en')).toBe('561010 – I · Accommodation and food service activities (DB07)');
    expect(industryLabel('56100', 'SE', 'sv')).toBe('56100 – I · Hotell- och restaurangverksamhet (SNI 2007)');
    expect(industryLabel('xx', 'DK', 'da')).toBe('xx');
    expect(industryClassification('SE')).toBe('SNI 2007');
  });
});
