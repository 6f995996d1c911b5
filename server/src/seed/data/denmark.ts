/**
 * Danish administrative reference data: regions, municipalities (kommuner) and
 * erhvervshuse (regional business houses, formerly væksthuse).
 *
 * Pure data, no project imports. Codes:
 *  - Region codes are the official DAGI/CPR region codes 1081-1085.
 *  - Municipality codes are the official 3-digit kommunekoder (CPR/DAGI), as
 *    strings without leading zeros (all are >= 101). Christiansø (411) is not a
 *    municipality and is intentionally excluded. Total: 98.
 */

export interface DkRegion {
  code: string;
  name: string;
  /** The regional council of municipalities (Kommunekontaktråd). */
  kkr: string;
}

export interface DkMunicipality {
  code: string;
  name: string;
  regionCode: string;
  /** Key into DK_BUSINESS_HOUSES. */
  businessHouse: string;
}

export interface DkBusinessHouse {
  key: string;
  name: string;
  regionCode: string;
  city: string;
}

export const DK_REGIONS: DkRegion[] = [
  { code: '1081', name: 'Region Nordjylland', kkr: 'KKR Nordjylland' },
  { code: '1082', name: 'Region Midtjylland', kkr: 'KKR Midtjylland' },
  { code: '1083', name: 'Region Syddanmark', kkr: 'KKR Syddanmark' },
  { code: '1084', name: 'Region Hovedstaden', kkr: 'KKR Hovedstaden' },
  { code: '1085', name: 'Region Sjælland', kkr: 'KKR Sjælland' },
];

/**
 * The six erhvervshuse. Region Syddanmark is split between Sydjylland (Jutland
 * municipalities) and Fyn (Funen and islands). Bornholm belongs to Hovedstaden
 * (it has its own local board/branch in Rønne).
 */
export const DK_BUSINESS_HOUSES: DkBusinessHouse[] = [
  { key: 'nordjylland', name: 'Erhvervshus Nordjylland', regionCode: '1081', city: 'Aalborg' },
  { key: 'midtjylland', name: 'Erhvervshus Midtjylland', regionCode: '1082', city: 'Aarhus' },
  { key: 'sydjylland', name: 'Erhvervshus Sydjylland', regionCode: '1083', city: 'Vejle' },
  { key: 'fyn', name: 'Erhvervshus Fyn', regionCode: '1083', city: 'Odense' },
  { key: 'sjaelland', name: 'Erhvervshus Sjælland', regionCode: '1085', city: 'Sorø' },
  { key: 'hovedstaden', name: 'Erhvervshus Hovedstaden', regionCode: '1084', city: 'København' },
];

const H = '1084'; // Region Hovedstaden
const SJ = '1085'; // Region Sjælland
const SD = '1083'; // Region Syddanmark
const M = '1082'; // Region Midtjylland
const N = '1081'; // Region Nordjylland

export const DK_MUNICIPALITIES: DkMunicipality[] = [
  // Region Hovedstaden (29) - Erhvervshus Hovedstaden
  { code: '101', name: 'København', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '147', name: 'Frederiksberg', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '151', name: 'Ballerup', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '153', name: 'Brøndby', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '155', name: 'Dragør', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '157', name: 'Gentofte', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '159', name: 'Gladsaxe', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '161', name: 'Glostrup', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '163', name: 'Herlev', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '165', name: 'Albertslund', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '167', name: 'Hvidovre', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '169', name: 'Høje-Taastrup', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '173', name: 'Lyngby-Taarbæk', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '175', name: 'Rødovre', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '183', name: 'Ishøj', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '185', name: 'Tårnby', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '187', name: 'Vallensbæk', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '190', name: 'Furesø', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '201', name: 'Allerød', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '210', name: 'Fredensborg', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '217', name: 'Helsingør', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '219', name: 'Hillerød', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '223', name: 'Hørsholm', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '230', name: 'Rudersdal', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '240', name: 'Egedal', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '250', name: 'Frederikssund', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '260', name: 'Halsnæs', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '270', name: 'Gribskov', regionCode: H, businessHouse: 'hovedstaden' },
  { code: '400', name: 'Bornholm', regionCode: H, businessHouse: 'hovedstaden' },

  // Region Sjælland (17) - Erhvervshus Sjælland
  { code: '253', name: 'Greve', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '259', name: 'Køge', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '265', name: 'Roskilde', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '269', name: 'Solrød', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '306', name: 'Odsherred', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '316', name: 'Holbæk', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '320', name: 'Faxe', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '326', name: 'Kalundborg', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '329', name: 'Ringsted', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '330', name: 'Slagelse', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '336', name: 'Stevns', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '340', name: 'Sorø', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '350', name: 'Lejre', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '360', name: 'Lolland', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '370', name: 'Næstved', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '376', name: 'Guldborgsund', regionCode: SJ, businessHouse: 'sjaelland' },
  { code: '390', name: 'Vordingborg', regionCode: SJ, businessHouse: 'sjaelland' },

  // Region Syddanmark (22): Funen + islands (10) - Erhvervshus Fyn
  { code: '410', name: 'Middelfart', regionCode: SD, businessHouse: 'fyn' },
  { code: '420', name: 'Assens', regionCode: SD, businessHouse: 'fyn' },
  { code: '430', name: 'Faaborg-Midtfyn', regionCode: SD, businessHouse: 'fyn' },
  { code: '440', name: 'Kerteminde', regionCode: SD, businessHouse: 'fyn' },
  { code: '450', name: 'Nyborg', regionCode: SD, businessHouse: 'fyn' },
  { code: '461', name: 'Odense', regionCode: SD, businessHouse: 'fyn' },
  { code: '479', name: 'Svendborg', regionCode: SD, businessHouse: 'fyn' },
  { code: '480', name: 'Nordfyns', regionCode: SD, businessHouse: 'fyn' },
  { code: '482', name: 'Langeland', regionCode: SD, businessHouse: 'fyn' },
  { code: '492', name: 'Ærø', regionCode: SD, businessHouse: 'fyn' },
  // Region Syddanmark: Jutland part (12) - Erhvervshus Sydjylland
  { code: '510', name: 'Haderslev', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '530', name: 'Billund', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '540', name: 'Sønderborg', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '550', name: 'Tønder', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '561', name: 'Esbjerg', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '563', name: 'Fanø', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '573', name: 'Varde', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '575', name: 'Vejen', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '580', name: 'Aabenraa', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '607', name: 'Fredericia', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '621', name: 'Kolding', regionCode: SD, businessHouse: 'sydjylland' },
  { code: '630', name: 'Vejle', regionCode: SD, businessHouse: 'sydjylland' },

  // Region Midtjylland (19) - Erhvervshus Midtjylland
  { code: '615', name: 'Horsens', regionCode: M, businessHouse: 'midtjylland' },
  { code: '657', name: 'Herning', regionCode: M, businessHouse: 'midtjylland' },
  { code: '661', name: 'Holstebro', regionCode: M, businessHouse: 'midtjylland' },
  { code: '665', name: 'Lemvig', regionCode: M, businessHouse: 'midtjylland' },
  { code: '671', name: 'Struer', regionCode: M, businessHouse: 'midtjylland' },
  { code: '706', name: 'Syddjurs', regionCode: M, businessHouse: 'midtjylland' },
  { code: '707', name: 'Norddjurs', regionCode: M, businessHouse: 'midtjylland' },
  { code: '710', name: 'Favrskov', regionCode: M, businessHouse: 'midtjylland' },
  { code: '727', name: 'Odder', regionCode: M, businessHouse: 'midtjylland' },
  { code: '730', name: 'Randers', regionCode: M, businessHouse: 'midtjylland' },
  { code: '740', name: 'Silkeborg', regionCode: M, businessHouse: 'midtjylland' },
  { code: '741', name: 'Samsø', regionCode: M, businessHouse: 'midtjylland' },
  { code: '746', name: 'Skanderborg', regionCode: M, businessHouse: 'midtjylland' },
  { code: '751', name: 'Aarhus', regionCode: M, businessHouse: 'midtjylland' },
  { code: '756', name: 'Ikast-Brande', regionCode: M, businessHouse: 'midtjylland' },
  { code: '760', name: 'Ringkøbing-Skjern', regionCode: M, businessHouse: 'midtjylland' },
  { code: '766', name: 'Hedensted', regionCode: M, businessHouse: 'midtjylland' },
  { code: '779', name: 'Skive', regionCode: M, businessHouse: 'midtjylland' },
  { code: '791', name: 'Viborg', regionCode: M, businessHouse: 'midtjylland' },

  // Region Nordjylland (11) - Erhvervshus Nordjylland
  { code: '773', name: 'Morsø', regionCode: N, businessHouse: 'nordjylland' },
  { code: '787', name: 'Thisted', regionCode: N, businessHouse: 'nordjylland' },
  { code: '810', name: 'Brønderslev', regionCode: N, businessHouse: 'nordjylland' },
  { code: '813', name: 'Frederikshavn', regionCode: N, businessHouse: 'nordjylland' },
  { code: '820', name: 'Vesthimmerlands', regionCode: N, businessHouse: 'nordjylland' },
  { code: '825', name: 'Læsø', regionCode: N, businessHouse: 'nordjylland' },
  { code: '840', name: 'Rebild', regionCode: N, businessHouse: 'nordjylland' },
  { code: '846', name: 'Mariagerfjord', regionCode: N, businessHouse: 'nordjylland' },
  { code: '849', name: 'Jammerbugt', regionCode: N, businessHouse: 'nordjylland' },
  { code: '851', name: 'Aalborg', regionCode: N, businessHouse: 'nordjylland' },
  { code: '860', name: 'Hjørring', regionCode: N, businessHouse: 'nordjylland' },
];
