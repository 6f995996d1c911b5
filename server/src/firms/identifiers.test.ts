import {
  cvrCheckDigitFor,
  formatOrganisationsnummer,
  generateCvr,
  generateOrganisationsnummer,
  isValidCvr,
  isValidOrganisationsnummer,
  isValidPNumber,
  mulberry32,
  normaliseOrganisationsnummer,
  organisationsnummerCheckDigit,
  swedishLegalFormGroup,
} from './identifiers';
import { generateDemoFirms } from '../seed/data/firms';
import { DK_BUSINESS_HOUSES, DK_MUNICIPALITIES, DK_REGIONS } from '../seed/data/denmark';
import { SE_MUNICIPALITIES, SE_REGIONS } from '../seed/data/sweden';

// All "valid" example numbers below were checked by hand-computing the checksum
// (CVR: weights 2,7,6,5,4,3,2,1, sum mod 11 == 0; orgnr: Luhn over 10 digits).

describe('CVR', () => {
  it.each(['24256790', '22756214', '61056416', '61126228', '54562519', '10403782'])(
    'accepts checksum-valid CVR %s',
    (cvr) => {
      expect(isValidCvr(cvr)).toBe(true);
    },
  );

  it('rejects a wrong check digit', () => {
    expect(isValidCvr('24256791')).toBe(false);
    expect(isValidCvr('24256799')).toBe(false);
    expect(isValidCvr('10403783')).toBe(false);
  });

  it('rejects wrong length, leading zero, letters and separators', () => {
    expect(isValidCvr('2425679')).toBe(false); // 7 digits
    expect(isValidCvr('242567900')).toBe(false); // 9 digits
    expect(isValidCvr('')).toBe(false);
    expect(isValidCvr('00000000')).toBe(false); // sum 0 mod 11, but leading zero
    expect(isValidCvr('02425679')).toBe(false);
    expect(isValidCvr('2425679A')).toBe(false);
    expect(isValidCvr('DK24256790')).toBe(false);
    expect(isValidCvr('2425 6790')).toBe(false);
    expect(isValidCvr(' 24256790')).toBe(false);
  });

  it('computes check digits, or null when none exists', () => {
    expect(cvrCheckDigitFor('2425679')).toBe(0);
    expect(cvrCheckDigitFor('1040378')).toBe(2);
    // 1000000: weighted sum 2 -> needed digit 9
    expect(cvrCheckDigitFor('1000000')).toBe(9);
    // 5000000: weighted sum 10 -> needed digit 1
    expect(cvrCheckDigitFor('5000000')).toBe(1);
    // 1300000: weighted sum 2 + 21 = 23, 23 % 11 = 1 -> needed digit 10 -> no valid CVR
    expect(cvrCheckDigitFor('1300000')).toBeNull();
    expect(cvrCheckDigitFor('0123456')).toBeNull();
    expect(cvrCheckDigitFor('123456')).toBeNull();
    expect(cvrCheckDigitFor('12345a7')).toBeNull();
  });
});

describe('P-number', () => {
  it('accepts 10 digits with a non-zero first digit', () => {
    expect(isValidPNumber('1003388394')).toBe(true);
    expect(isValidPNumber('9999999999')).toBe(true);
  });
  it('rejects other formats', () => {
    expect(isValidPNumber('0003388394')).toBe(false);
    expect(isValidPNumber('100338839')).toBe(false);
    expect(isValidPNumber('10033883941')).toBe(false);
    expect(isValidPNumber('100338839X')).toBe(false);
  });
});

describe('organisationsnummer', () => {
  it.each(['556036-0793', '5560360793', '556012-5790', '556016-0680', '212000-0142', '202100-5448', '232100-0073'])(
    'accepts checksum-valid %s',
    (orgnr) => {
      expect(isValidOrganisationsnummer(orgnr)).toBe(true);
    },
  );

  it('rejects a wrong check digit', () => {
    expect(isValidOrganisationsnummer('556036-0794')).toBe(false);
    expect(isValidOrganisationsnummer('5560125791')).toBe(false);
    expect(isValidOrganisationsnummer('212000-0143')).toBe(false);
  });

  it('rejects a third digit < 2 (personnummer-like) even with a valid Luhn digit', () => {
    // 8112189876 is Luhn-valid (a typical personnummer format example), third digit 1
    expect(organisationsnummerCheckDigit('811218987')).toBe(6);
    expect(isValidOrganisationsnummer('811218-9876')).toBe(false);
    expect(isValidOrganisationsnummer('5505000006')).toBe(false); // third digit 0
  });

  it('rejects malformed input', () => {
    expect(isValidOrganisationsnummer('')).toBe(false);
    expect(isValidOrganisationsnummer('556036-079')).toBe(false);
    expect(isValidOrganisationsnummer('55603-60793')).toBe(false);
    expect(isValidOrganisationsnummer('556036--0793')).toBe(false);
    expect(isValidOrganisationsnummer('55603607933')).toBe(false);
    expect(isValidOrganisationsnummer('556036-079A')).toBe(false);
    expect(isValidOrganisationsnummer('16556036-0793')).toBe(false);
  });

  it('normalises and formats', () => {
    expect(normaliseOrganisationsnummer('556036-0793')).toBe('5560360793');
    expect(normaliseOrganisationsnummer(' 5560360793 ')).toBe('5560360793');
    expect(formatOrganisationsnummer('5560360793')).toBe('556036-0793');
    expect(formatOrganisationsnummer('556036-0793')).toBe('556036-0793');
    expect(() => normaliseOrganisationsnummer('abc')).toThrow();
    expect(() => formatOrganisationsnummer('55603607')).toThrow();
  });

  it('computes the Luhn check digit', () => {
    expect(organisationsnummerCheckDigit('556036079')).toBe(3);
    expect(organisationsnummerCheckDigit('212000014')).toBe(2);
    expect(() => organisationsnummerCheckDigit('55603607')).toThrow();
  });

  it('maps the first digit to a legal-form group', () => {
    expect(swedishLegalFormGroup('556036-0793')).toBe('LIMITED_COMPANY');
    expect(swedishLegalFormGroup('2120000142')).toBe('PUBLIC_SECTOR');
    expect(swedishLegalFormGroup('1' + '120000142')).toBe('DECEASED_ESTATE');
    expect(swedishLegalFormGroup('3' + '120000142')).toBe('FOREIGN_COMPANY');
    expect(swedishLegalFormGroup('6' + '120000142')).toBe('SIMPLE_PARTNERSHIP');
    expect(swedishLegalFormGroup('7' + '120000142')).toBe('ECONOMIC_ASSOCIATION');
    expect(swedishLegalFormGroup('8' + '120000142')).toBe('NON_PROFIT_OR_FOUNDATION');
    expect(swedishLegalFormGroup('9' + '120000142')).toBe('TRADING_PARTNERSHIP');
    expect(swedishLegalFormGroup('4' + '120000142')).toBe('UNKNOWN');
    expect(swedishLegalFormGroup('nonsense')).toBe('UNKNOWN');
  });
});

describe('mulberry32', () => {
  it('is deterministic and yields values in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 1000 }, () => a());
    const ys = Array.from({ length: 1000 }, () => b());
    const zs = Array.from({ length: 1000 }, () => c());
    expect(xs).toEqual(ys);
    expect(xs).not.toEqual(zs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('generators', () => {
  // Fixed seeds: the outputs are deterministic, so uniqueness here is a checked fact for these seeds.
  it('generates 1000 valid, unique CVR numbers', () => {
    const rand = mulberry32(2024);
    const cvrs = Array.from({ length: 1000 }, () => generateCvr(rand));
    for (const cvr of cvrs) expect(isValidCvr(cvr)).toBe(true);
    expect(new Set(cvrs).size).toBe(1000);
  });

  it('generates 1000 valid, unique organisationsnummer (default group 5)', () => {
    const rand = mulberry32(2025);
    const nrs = Array.from({ length: 1000 }, () => generateOrganisationsnummer(rand));
    for (const nr of nrs) {
      expect(isValidOrganisationsnummer(nr)).toBe(true);
      expect(nr).toMatch(/^5\d{9}$/);
      expect(swedishLegalFormGroup(nr)).toBe('LIMITED_COMPANY');
    }
    expect(new Set(nrs).size).toBe(1000);
  });

  it('honours the legal-group digit', () => {
    const rand = mulberry32(7);
    for (const g of [1, 2, 3, 5, 6, 7, 8, 9]) {
      const nr = generateOrganisationsnummer(rand, g);
      expect(nr[0]).toBe(String(g));
      expect(isValidOrganisationsnummer(nr)).toBe(true);
    }
    expect(() => generateOrganisationsnummer(rand, 10)).toThrow();
  });
});

describe('generateDemoFirms', () => {
  const municipalities = [
    ...DK_MUNICIPALITIES.map((m) => ({ code: m.code, country: 'DK' as const })),
    ...SE_MUNICIPALITIES.map((m) => ({ code: m.code, country: 'SE' as const })),
  ];

  it('is deterministic for a seed', () => {
    const a = generateDemoFirms(500, 1234, municipalities);
    const b = generateDemoFirms(500, 1234, municipalities);
    const c = generateDemoFirms(500, 1235, municipalities);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('produces valid, unique identifiers and sane attributes', () => {
    const firms = generateDemoFirms(5000, 99, municipalities);
    expect(firms).toHaveLength(5000);
    const dkCodes = new Set(DK_MUNICIPALITIES.map((m) => m.code));
    const seCodes = new Set(SE_MUNICIPALITIES.map((m) => m.code));
    const cvrs = new Set<string>();
    const orgnrs = new Set<string>();
    let high = 0;
    for (const f of firms) {
      if (f.country === 'DK') {
        expect(f.organisationsnummer).toBeNull();
        expect(f.cvr).not.toBeNull();
        expect(isValidCvr(f.cvr as string)).toBe(true);
        cvrs.add(f.cvr as string);
        expect(dkCodes.has(f.municipalityCode)).toBe(true);
        expect(f.industryCode).toMatch(/^\d{6}$/);
      } else {
        expect(f.cvr).toBeNull();
        expect(f.organisationsnummer).not.toBeNull();
        expect(isValidOrganisationsnummer(f.organisationsnummer as string)).toBe(true);
        orgnrs.add(f.organisationsnummer as string);
        expect(seCodes.has(f.municipalityCode)).toBe(true);
        expect(f.industryCode).toMatch(/^\d{5}$/);
      }
      expect(f.name.trim().length).toBeGreaterThan(2);
      expect(f.employees).toBeGreaterThanOrEqual(0);
      expect(f.employees).toBeLessThanOrEqual(500);
      expect(f.foundedOn).toMatch(/^(19[5-9]\d|20[0-2]\d)-\d{2}-\d{2}$/);
      const d = new Date(`${f.foundedOn}T00:00:00Z`);
      expect(d.toISOString().slice(0, 10)).toBe(f.foundedOn);
      expect(f.foundedOn >= '1950-01-01' && f.foundedOn <= '2025-12-31').toBe(true);
      expect(['LOW', 'MEDIUM', 'HIGH']).toContain(f.growthPotential);
      if (f.growthPotential === 'HIGH') high++;
    }
    expect(cvrs.size).toBe(firms.filter((f) => f.country === 'DK').length);
    expect(orgnrs.size).toBe(firms.filter((f) => f.country === 'SE').length);
    expect(orgnrs.size).toBeGreaterThan(0);
    expect(high / firms.length).toBeGreaterThan(0.05);
    expect(high / firms.length).toBeLessThan(0.15);
    const small = firms.filter((f) => f.employees <= 9).length;
    expect(small / firms.length).toBeGreaterThan(0.6);
  });

  it('produces a wide variety of names', () => {
    const firms = generateDemoFirms(10000, 5, municipalities);
    expect(new Set(firms.map((f) => f.name)).size).toBeGreaterThan(3000);
  });

  it('handles edge cases', () => {
    expect(generateDemoFirms(0, 1, [])).toEqual([]);
    expect(() => generateDemoFirms(1, 1, [])).toThrow();
    const se = generateDemoFirms(50, 3, [{ code: '0880', country: 'SE' }]);
    expect(se.every((f) => f.country === 'SE' && f.municipalityCode === '0880')).toBe(true);
  });
});

describe('reference data', () => {
  it('has the 5 Danish regions', () => {
    expect(DK_REGIONS.map((r) => r.code).sort()).toEqual(['1081', '1082', '1083', '1084', '1085']);
  });

  it('has exactly 98 Danish municipalities with unique codes and names', () => {
    expect(DK_MUNICIPALITIES).toHaveLength(98);
    expect(new Set(DK_MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
    expect(new Set(DK_MUNICIPALITIES.map((m) => m.name)).size).toBe(98);
    for (const m of DK_MUNICIPALITIES) expect(m.code).toMatch(/^\d{3}$/);
    expect(DK_MUNICIPALITIES.some((m) => m.code === '411')).toBe(false); // Christiansø
  });

  it('links every municipality to an existing region and business house', () => {
    const regions = new Set(DK_REGIONS.map((r) => r.code));
    const houses = new Map(DK_BUSINESS_HOUSES.map((h) => [h.key, h]));
    for (const m of DK_MUNICIPALITIES) {
      expect(regions.has(m.regionCode)).toBe(true);
      const house = houses.get(m.businessHouse);
      expect(house).toBeDefined();
      expect(house?.regionCode).toBe(m.regionCode);
    }
    for (const h of DK_BUSINESS_HOUSES) expect(regions.has(h.regionCode)).toBe(true);
  });

  it('has the expected per-region and per-house counts', () => {
    const byRegion = (code: string) => DK_MUNICIPALITIES.filter((m) => m.regionCode === code).length;
    expect(byRegion('1081')).toBe(11);
    expect(byRegion('1082')).toBe(19);
    expect(byRegion('1083')).toBe(22);
    expect(byRegion('1084')).toBe(29);
    expect(byRegion('1085')).toBe(17);
    const fyn = DK_MUNICIPALITIES.filter((m) => m.businessHouse === 'fyn').map((m) => m.name).sort();
    expect(fyn).toEqual(
      ['Assens', 'Faaborg-Midtfyn', 'Kerteminde', 'Langeland', 'Middelfart', 'Nordfyns', 'Nyborg', 'Odense', 'Svendborg', 'Ærø'].sort(),
    );
    expect(DK_MUNICIPALITIES.find((m) => m.code === '400')?.businessHouse).toBe('hovedstaden');
    expect(DK_BUSINESS_HOUSES).toHaveLength(6);
  });

  it('has Kalmar län with 12 municipalities', () => {
    expect(SE_REGIONS.find((r) => r.code === '08')?.name).toBe('Region Kalmar län');
    const kalmar = SE_MUNICIPALITIES.filter((m) => m.regionCode === '08');
    expect(kalmar).toHaveLength(12);
    expect(new Set(kalmar.map((m) => m.code)).size).toBe(12);
    for (const m of kalmar) expect(m.code).toMatch(/^08\d{2}$/);
  });
});
