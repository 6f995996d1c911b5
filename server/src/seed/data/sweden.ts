/**
 * Swedish administrative reference data: regions (län) and municipalities
 * (kommuner). Only Kalmar län carries its municipalities for now.
 *
 * Pure data, no project imports. Codes are the official SCB län codes (2 digits)
 * and kommunkoder (4 digits: län code + 2 digits), kept as strings so the
 * leading zero is preserved.
 */

export interface SeRegion {
  code: string;
  name: string;
}

export interface SeMunicipality {
  code: string;
  name: string;
  regionCode: string;
}

export const SE_REGIONS: SeRegion[] = [
  { code: '01', name: 'Region Stockholm' },
  { code: '08', name: 'Region Kalmar län' },
  { code: '12', name: 'Region Skåne' },
  { code: '14', name: 'Västra Götalandsregionen' },
];

/** The 12 municipalities of Kalmar län (SCB kommunkoder). */
export const SE_MUNICIPALITIES: SeMunicipality[] = [
  { code: '0821', name: 'Högsby', regionCode: '08' },
  { code: '0834', name: 'Torsås', regionCode: '08' },
  { code: '0840', name: 'Mörbylånga', regionCode: '08' },
  { code: '0860', name: 'Hultsfred', regionCode: '08' },
  { code: '0861', name: 'Mönsterås', regionCode: '08' },
  { code: '0862', name: 'Emmaboda', regionCode: '08' },
  { code: '0880', name: 'Kalmar', regionCode: '08' },
  { code: '0881', name: 'Nybro', regionCode: '08' },
  { code: '0882', name: 'Oskarshamn', regionCode: '08' },
  { code: '0883', name: 'Västervik', regionCode: '08' },
  { code: '0884', name: 'Vimmerby', regionCode: '08' },
  { code: '0885', name: 'Borgholm', regionCode: '08' },
];
