/**
 * Deterministic generator of plausible demo firms for Denmark (CVR, DB07) and
 * Sweden (organisationsnummer, SNI 2007). Pure: depends only on ./identifiers.
 */
import {
  generateCvr,
  generateOrganisationsnummer,
  mulberry32,
} from '../../firms/identifiers';

export interface DemoFirm {
  country: 'DK' | 'SE';
  cvr: string | null;
  organisationsnummer: string | null;
  name: string;
  industryCode: string;
  municipalityCode: string;
  employees: number;
  foundedOn: string /* YYYY-MM-DD */;
  growthPotential: 'LOW' | 'MEDIUM' | 'HIGH';
}

type Rand = () => number;

interface Industry {
  /** DB07, 6 digits (first 4 = NACE Rev. 2). */
  db07: string;
  /** SNI 2007, 5 digits (first 4 = NACE Rev. 2). */
  sni: string;
  /** Relative frequency. */
  weight: number;
  /** Danish trade words usable in a firm name. */
  da: string[];
  /** Swedish trade words usable in a firm name. */
  sv: string[];
  /** Trade-noun forms for "<Trade>firmaet <Surname>" style names (DA). */
  daFirm?: string[];
  /** Typically tiny (holding companies). */
  holding?: boolean;
  /** Larger-than-usual firms (manufacturing, retail chains, hotels). */
  bigger?: boolean;
  /** Earliest plausible founding year (default 1950). */
  since?: number;
}

const INDUSTRIES: Industry[] = [
  { db07: '620100', sni: '62010', weight: 6, since: 1975, da: ['Software', 'IT', 'Tech', 'Digital', 'Kode', 'Apps'], sv: ['Data', 'IT', 'Software', 'Digital', 'Kod'] },
  { db07: '620200', sni: '62020', weight: 4, since: 1975, da: ['IT-Consult', 'IT Rådgivning', 'Data', 'Systems', 'Cloud'], sv: ['IT-Konsult', 'Datakonsult', 'System', 'Cloud'] },
  { db07: '631100', sni: '63110', weight: 1, since: 1990, da: ['Hosting', 'Data', 'Analytics'], sv: ['Hosting', 'Data', 'Analys'] },
  { db07: '561010', sni: '56100', weight: 5, da: ['Restaurant', 'Køkken', 'Bistro', 'Brasserie', 'Spisehus'], sv: ['Restaurang', 'Krog', 'Bistro', 'Kök'] },
  { db07: '561020', sni: '56100', weight: 2, da: ['Pizza', 'Grill', 'Burger', 'Streetfood'], sv: ['Pizzeria', 'Grill', 'Burgare', 'Gatukök'] },
  { db07: '551000', sni: '55101', weight: 1, da: ['Hotel', 'Badehotel', 'Kro'], sv: ['Hotell', 'Gästgiveri', 'Vandrarhem'], bigger: true },
  { db07: '412000', sni: '41200', weight: 4, da: ['Byg', 'Entreprise', 'Byggeri', 'Huse'], sv: ['Bygg', 'Byggnads', 'Hus', 'Entreprenad', 'Byggtjänst'] },
  { db07: '433200', sni: '43320', weight: 4, da: ['Tømrer', 'Tømrer og Snedker', 'Snedkeri', 'Træ'], sv: ['Snickeri', 'Snickare', 'Trä', 'Byggsnickeri'], daFirm: ['Tømrerfirmaet', 'Snedkerfirmaet'] },
  { db07: '433410', sni: '43341', weight: 2, da: ['Maler', 'Malerfirma', 'Farve'], sv: ['Måleri', 'Måleri & Tapet', 'Färg'], daFirm: ['Malerfirmaet'] },
  { db07: '432100', sni: '43210', weight: 3, da: ['El', 'El-Service', 'El-Installation', 'Elektro'], sv: ['El', 'Elinstallation', 'Elektriska', 'El & Tele'], daFirm: ['El-firmaet', 'Elfirmaet'] },
  { db07: '432200', sni: '43221', weight: 3, da: ['VVS', 'VVS og Blik', 'Blik', 'Energi og VVS'], sv: ['VVS', 'Rör', 'Värme & Sanitet', 'Rörläggeri'], daFirm: ['VVS-firmaet', 'Blikkenslagerfirmaet'] },
  { db07: '251100', sni: '25110', weight: 2, da: ['Stål', 'Metal', 'Stålkonstruktion', 'Smede'], sv: ['Stål', 'Mekaniska', 'Smide', 'Plåt'], daFirm: ['Smedefirmaet'], bigger: true },
  { db07: '256200', sni: '25620', weight: 2, da: ['Maskinfabrik', 'CNC', 'Værktøj', 'Maskinværksted'], sv: ['Verktyg', 'Mekaniska Verkstad', 'CNC', 'Maskin'], bigger: true },
  { db07: '282900', sni: '28290', weight: 1, since: 1970, da: ['Automation', 'Robotics', 'Maskiner', 'Industri'], sv: ['Automation', 'Robotik', 'Maskiner', 'Industri'], bigger: true },
  { db07: '711200', sni: '71121', weight: 3, da: ['Ingeniørerne', 'Rådgivende Ingeniører', 'Engineering', 'Teknik'], sv: ['Ingenjörer', 'Teknik', 'Byggkonsult', 'Projektering'] },
  { db07: '711100', sni: '71110', weight: 1, da: ['Arkitekter', 'Tegnestue', 'Arkitektur'], sv: ['Arkitekter', 'Arkitektkontor', 'Arkitektur'] },
  { db07: '467300', sni: '46730', weight: 1, da: ['Trælast', 'Byggemarked', 'Byggevarer', 'Tømmerhandel'], sv: ['Trävaror', 'Brädgård', 'Byggvaror', 'Trähandel'], bigger: true },
  { db07: '107100', sni: '10710', weight: 2, da: ['Bageri', 'Brød', 'Bagværk', 'Konditori'], sv: ['Bageri', 'Bröd', 'Konditori', 'Bakverk'], daFirm: ['Bagerforretningen'] },
  { db07: '692000', sni: '69201', weight: 3, da: ['Revision', 'Regnskab', 'Bogføring', 'Revisorerne'], sv: ['Redovisning', 'Revision', 'Bokföring', 'Ekonomitjänst'] },
  { db07: '702200', sni: '70220', weight: 4, da: ['Consult', 'Rådgivning', 'Management', 'Strategi', 'Partners'], sv: ['Konsult', 'Management', 'Strategi', 'Partners', 'Rådgivning'] },
  { db07: '731110', sni: '73111', weight: 2, da: ['Kommunikation', 'Reklame', 'Marketing', 'Media', 'Brand'], sv: ['Kommunikation', 'Reklam', 'Marknadsföring', 'Media', 'Brand'] },
  { db07: '741000', sni: '74102', weight: 1, da: ['Design', 'Designstudio', 'Form'], sv: ['Design', 'Formgivning', 'Designstudio'] },
  { db07: '494100', sni: '49410', weight: 3, da: ['Transport', 'Vognmand', 'Fragt', 'Logistik'], sv: ['Åkeri', 'Transport', 'Frakt', 'Logistik'], daFirm: ['Vognmandsforretningen'] },
  { db07: '452010', sni: '45200', weight: 2, da: ['Auto', 'Autoværksted', 'Biler', 'Motor'], sv: ['Bil', 'Bilverkstad', 'Motor', 'Bilservice'] },
  { db07: '681000', sni: '68100', weight: 2, da: ['Ejendomme', 'Ejendomsinvest', 'Bolig'], sv: ['Fastigheter', 'Fastighets', 'Bostäder'] },
  { db07: '682040', sni: '68203', weight: 2, da: ['Erhvervsejendomme', 'Ejendomsselskab', 'Lokaler'], sv: ['Fastighetsförvaltning', 'Lokaler', 'Förvaltning'] },
  { db07: '642020', sni: '64202', weight: 5, da: ['Holding', 'Invest', 'Kapital'], sv: ['Holding', 'Invest', 'Kapital'], holding: true },
  { db07: '471110', sni: '47111', weight: 1, da: ['Købmand', 'Supermarked', 'Dagligvarer'], sv: ['Livs', 'Handelsbod', 'Livsmedel'], daFirm: ['Købmandsgården'], bigger: true },
  { db07: '477100', sni: '47711', weight: 1, da: ['Mode', 'Tøj', 'Fashion', 'Herretøj'], sv: ['Mode', 'Kläder', 'Fashion', 'Herrekipering'] },
  { db07: '960210', sni: '96021', weight: 2, da: ['Frisør', 'Hår', 'Salon'], sv: ['Frisör', 'Hårvård', 'Salong'], daFirm: ['Frisørsalonen'] },
  { db07: '812100', sni: '81210', weight: 2, da: ['Rengøring', 'Service', 'Facility'], sv: ['Städ', 'Städservice', 'Lokalvård', 'Fastighetsservice'] },
  { db07: '862300', sni: '86230', weight: 1, da: ['Tandklinik', 'Tandlægerne', 'Tandpleje'], sv: ['Tandvård', 'Tandläkarna', 'Tandklinik'] },
  { db07: '011100', sni: '01110', weight: 1, da: ['Landbrug', 'Agro', 'Korn', 'Gods'], sv: ['Lantbruk', 'Spannmål', 'Gård', 'Agro'] },
  { db07: '014100', sni: '01410', weight: 1, da: ['Mælk', 'Kvægbrug', 'Mejerigård'], sv: ['Mjölk', 'Mjölkgård', 'Lantbruk'] },
  { db07: '021000', sni: '02100', weight: 1, da: ['Skovbrug', 'Skov', 'Plantage'], sv: ['Skog', 'Skogsvård', 'Skogsbruk'] },
  { db07: '161000', sni: '16101', weight: 1, da: ['Savværk', 'Træindustri', 'Tømmer'], sv: ['Såg', 'Sågverk', 'Trä', 'Träindustri'], bigger: true },
  { db07: '231300', sni: '23130', weight: 1, da: ['Glas', 'Glasværk', 'Glaskunst'], sv: ['Glasbruk', 'Glas', 'Glashytta', 'Kristall'] },
  { db07: '031100', sni: '03110', weight: 1, da: ['Fiskeri', 'Fisk', 'Havfiskeri'], sv: ['Fiske', 'Fisk', 'Kustfiske'] },
  { db07: '351100', sni: '35110', weight: 1, da: ['Energi', 'Vind', 'Sol', 'Solenergi', 'Power'], sv: ['Energi', 'Vind', 'Sol', 'Kraft', 'Solenergi'] },
  { db07: '721900', sni: '72190', weight: 1, since: 1980, da: ['Biotech', 'Lab', 'Research', 'Innovation', 'Life Science'], sv: ['Biotech', 'Labb', 'Research', 'Innovation', 'Life Science'] },
];

// --- Danish name material ------------------------------------------------

const DA_PREFIXES = [
  'Nordisk', 'Dansk', 'Grøn', 'Jysk', 'Fynsk', 'Sjællandsk', 'Ny', 'Moderne', 'Smart', 'Blå', 'Nord',
  'Syd', 'Øst', 'Vest', 'Kyst', 'Fjord', 'Hav', 'Skov', 'Klit', 'Bakke', 'Lys', 'Klar', 'Ren', 'Solid',
  'Total', 'Første', 'Ægte', 'Frisk', 'Lokal', 'Kvalitets', 'Mester', 'Scandi', 'Nordic', 'Baltic',
  'Vikinge', 'Bøge', 'Ege', 'Elme', 'Kilde', 'Stjerne',
];

const DA_SURNAMES = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen',
  'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen',
  'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Knudsen', 'Jakobsen', 'Mikkelsen', 'Olesen',
  'Frederiksen', 'Laursen', 'Henriksen', 'Lund', 'Schmidt', 'Eriksen', 'Holm', 'Kristiansen',
  'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Iversen', 'Østergaard', 'Jeppesen', 'Vestergaard',
  'Nissen', 'Lauridsen', 'Kjær', 'Jespersen', 'Mogensen', 'Skov', 'Dahl', 'Bach', 'Lassen', 'Brandt',
];

const DA_FIRSTNAMES = [
  'Anne', 'Mette', 'Kirsten', 'Hanne', 'Camilla', 'Sofie', 'Ida', 'Maria', 'Louise', 'Julie',
  'Peter', 'Jens', 'Lars', 'Michael', 'Henrik', 'Søren', 'Thomas', 'Jesper', 'Mads', 'Rasmus',
  'Anders', 'Morten', 'Kasper', 'Mikkel', 'Frederik', 'Emil', 'Jonas', 'Martin', 'Niels', 'Ole',
];

const DA_PLACES = [
  'København', 'Aarhus', 'Odense', 'Aalborg', 'Esbjerg', 'Randers', 'Kolding', 'Horsens', 'Vejle',
  'Roskilde', 'Herning', 'Silkeborg', 'Næstved', 'Fredericia', 'Viborg', 'Køge', 'Holstebro', 'Slagelse',
  'Hillerød', 'Sønderborg', 'Svendborg', 'Hjørring', 'Holbæk', 'Frederikshavn', 'Haderslev', 'Skive',
  'Ringsted', 'Nyborg', 'Thisted', 'Bornholms', 'Himmerlands', 'Djurs', 'Vendsyssel', 'Limfjords',
  'Amager', 'Lolland-Falster', 'Mols', 'Sydfyns', 'Vestjysk', 'Østjysk',
];

const DA_BRAND_A = [
  'Nova', 'Lumi', 'Vela', 'Kano', 'Aris', 'Tero', 'Mira', 'Solo', 'Veri', 'Zeni', 'Ora', 'Fenn',
  'Halo', 'Ivo', 'Juno', 'Kira', 'Lyra', 'Nexo', 'Opti', 'Pixi', 'Quan', 'Rho', 'Sela', 'Tavi',
];
const DA_BRAND_B = ['tek', 'nor', 'lab', 'vik', 'gro', 'byte', 'flow', 'sense', 'dan', 'mark', 'ly', 'io', 'ra', 'ium'];

// --- Swedish name material ---------------------------------------------

const SV_PLACES = [
  'Kalmar', 'Smålands', 'Ölands', 'Västerviks', 'Oskarshamns', 'Nybro', 'Vimmerby', 'Emmaboda',
  'Borgholms', 'Torsås', 'Högsby', 'Mönsterås', 'Hultsfreds', 'Mörbylånga', 'Östersjö', 'Kalmarsunds',
  'Tjust', 'Glasrikets', 'Stensö', 'Ljungby', 'Sydost', 'Norrlidens', 'Skälby', 'Lindsdals', 'Färjestadens',
  'Ljungbyholms', 'Påryds', 'Kristvalla', 'Berga', 'Fliseryds',
];

const SV_SURNAMES = [
  'Johansson', 'Andersson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
  'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson',
  'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström', 'Olofsson', 'Lindqvist', 'Lindgren', 'Berg',
  'Axelsson', 'Bergström', 'Lundberg', 'Lundgren', 'Lind', 'Mattsson', 'Berglund', 'Fredriksson',
  'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Danielsson', 'Håkansson',
];

/** Nominative place names for "<Trade> i <Place> AB" (trade = the industry's first, plain-noun sv word). */
const SV_TOWNS = [
  'Kalmar', 'Småland', 'Öland', 'Västervik', 'Oskarshamn', 'Nybro', 'Vimmerby', 'Emmaboda', 'Borgholm',
  'Torsås', 'Högsby', 'Mönsterås', 'Hultsfred', 'Mörbylånga', 'Färjestaden', 'Lindsdal', 'Påryd',
];

const SV_PREFIXES = [
  'Nordiska', 'Svenska', 'Gröna', 'Nya', 'Moderna', 'Blå', 'Norra', 'Södra', 'Östra', 'Västra',
  'Kust', 'Skogs', 'Sjö', 'Sund', 'Ljus', 'Klara', 'Rena', 'Solida', 'Första', 'Äkta', 'Nordic',
  'Baltic', 'Scandi', 'Kvalitets', 'Mästar',
];

const SV_BRAND_A = [
  'Nova', 'Lumi', 'Vela', 'Aros', 'Tera', 'Mira', 'Vira', 'Zeni', 'Ora', 'Alva', 'Halo', 'Iris',
  'Juno', 'Kira', 'Lyra', 'Nexa', 'Opti', 'Sela', 'Tova', 'Elva',
];
const SV_BRAND_B = ['tek', 'nord', 'lab', 'vik', 'gro', 'byte', 'flow', 'sens', 'sund', 'mark', 'ly', 'io', 'ra', 'ium'];

// --- Municipality weights -------------------------------------------------

/**
 * Approximate population in thousands, used only as a sampling weight so that
 * bigger municipalities get more firms. Municipalities not listed default to 40.
 */
const POPULATION_K: Record<string, number> = {
  // Denmark (3-digit kommunekoder)
  'DK:101': 660, 'DK:751': 370, 'DK:851': 225, 'DK:461': 210, 'DK:561': 116, 'DK:630': 121,
  'DK:147': 105, 'DK:730': 100, 'DK:740': 101, 'DK:621': 95, 'DK:615': 96, 'DK:791': 97,
  'DK:657': 90, 'DK:265': 90, 'DK:370': 84, 'DK:330': 80, 'DK:157': 75, 'DK:540': 74,
  'DK:316': 72, 'DK:159': 70, 'DK:746': 64, 'DK:860': 64, 'DK:217': 63, 'DK:259': 62,
  'DK:376': 60, 'DK:813': 59, 'DK:479': 59, 'DK:661': 59, 'DK:580': 58, 'DK:760': 56,
  'DK:510': 55, 'DK:230': 56, 'DK:167': 54, 'DK:173': 56, 'DK:219': 52, 'DK:607': 52,
  'DK:756': 41, 'DK:400': 39, 'DK:410': 39, 'DK:169': 52, 'DK:151': 49,
  'DK:825': 1.8, 'DK:563': 3.5, 'DK:741': 3.7, 'DK:492': 6, 'DK:482': 12, 'DK:155': 14.5,
  'DK:187': 17, 'DK:665': 19, 'DK:773': 20, 'DK:671': 21, 'DK:183': 23, 'DK:727': 23,
  'DK:336': 23, 'DK:440': 24, 'DK:223': 25, 'DK:201': 26, 'DK:269': 23,
  // Sweden, Kalmar län (4-digit kommunkoder)
  'SE:0880': 72, 'SE:0883': 36, 'SE:0882': 27, 'SE:0881': 20, 'SE:0884': 16, 'SE:0840': 15,
  'SE:0860': 14, 'SE:0861': 13, 'SE:0885': 11, 'SE:0862': 9, 'SE:0834': 7, 'SE:0821': 6,
};
const DEFAULT_POPULATION_K = 40;

// --- Small random helpers -------------------------------------------------

function pick<T>(rand: Rand, xs: readonly T[]): T {
  const i = Math.floor(rand() * xs.length);
  return xs[i >= xs.length ? xs.length - 1 : i];
}

function intBetween(rand: Rand, lo: number, hi: number): number {
  const n = lo + Math.floor(rand() * (hi - lo + 1));
  return n > hi ? hi : n;
}

/** Builds a sampler over items with the given non-negative weights (binary search on cumulative sums). */
function weightedSampler<T>(items: readonly T[], weights: readonly number[]): (rand: Rand) => T {
  const cum: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w > 0 ? w : 0;
    cum.push(total);
  }
  if (total <= 0) throw new RangeError('weightedSampler: total weight must be positive');
  return (rand: Rand) => {
    const r = rand() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

const industrySampler = weightedSampler(INDUSTRIES, INDUSTRIES.map((i) => i.weight));

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// --- Attribute generators -----------------------------------------------

function generateEmployees(rand: Rand, ind: Industry): number {
  if (ind.holding) return rand() < 0.85 ? 0 : intBetween(rand, 1, 3);
  const u = rand();
  const big = ind.bigger ? 0.1 : 0;
  if (u < 0.74 - big) {
    // micro firms, skewed toward 0-3
    return Math.min(9, Math.floor(Math.pow(rand(), 1.6) * 10));
  }
  if (u < 0.93 - big / 2) return intBetween(rand, 10, 49);
  if (u < 0.988) return intBetween(rand, 50, 249);
  return intBetween(rand, 250, 500);
}

function generateFoundedOn(rand: Rand, employees: number, since = 1950): string {
  // Skewed toward recent years (young firms dominate the register);
  // larger firms tend to be older.
  const skew = employees >= 50 ? 1.0 : employees >= 10 ? 1.3 : 1.7;
  const span = 2025 - since + 1;
  const year = Math.max(since, 2025 - Math.floor(Math.pow(rand(), skew) * span)); // since..2025
  const month = intBetween(rand, 1, 12);
  const day = intBetween(rand, 1, daysInMonth(year, month));
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function generateGrowthPotential(rand: Rand, employees: number, foundedYear: number): DemoFirm['growthPotential'] {
  // ~10% HIGH overall, a bit more likely for young firms with some staff
  let high = 0.085;
  if (foundedYear >= 2015 && employees >= 2) high = 0.16;
  const u = rand();
  if (u < high) return 'HIGH';
  if (u < high + 0.36) return 'MEDIUM';
  return 'LOW';
}

function danishSuffix(rand: Rand, employees: number, foundedYear: number): string {
  if (foundedYear >= 2014 && foundedYear <= 2018 && employees < 10 && rand() < 0.25) return 'IVS';
  const u = rand();
  if (employees >= 50) return u < 0.75 ? 'A/S' : 'ApS';
  if (u < 0.68) return 'ApS';
  if (u < 0.84) return 'A/S';
  if (u < 0.9) return 'I/S';
  if (u < 0.93) return 'K/S';
  if (u < 0.95) return 'P/S';
  return ''; // enkeltmandsvirksomhed: no suffix
}

function danishName(rand: Rand, ind: Industry, employees: number, foundedYear: number): string {
  const trade = pick(rand, ind.da);
  if (ind.holding) {
    const u = rand();
    const suffix = rand() < 0.9 ? 'ApS' : 'A/S';
    if (u < 0.55) return `${pick(rand, DA_FIRSTNAMES)} ${pick(rand, DA_SURNAMES)} ${trade} ${suffix}`;
    if (u < 0.8) return `${pick(rand, DA_SURNAMES)} ${trade} ${suffix}`;
    return `${pick(rand, DA_BRAND_A)}${pick(rand, DA_BRAND_B)} ${trade} ${suffix}`;
  }
  let suffix = danishSuffix(rand, employees, foundedYear);
  const u = rand();
  let base: string;
  if (u < 0.28) {
    base = `${pick(rand, DA_PREFIXES)} ${trade}`; // "Nordisk Træ"
  } else if (u < 0.42) {
    base = `${pick(rand, DA_PLACES)} ${trade}`; // "Vejle VVS"
  } else if (u < 0.52) {
    base = `${pick(rand, DA_SURNAMES)} & Søn`; // "Hansen & Søn"
    if (suffix === '') suffix = 'A/S';
  } else if (u < 0.6) {
    base = `${pick(rand, DA_SURNAMES)} & ${pick(rand, DA_SURNAMES)}`;
  } else if (u < 0.74) {
    base = ind.daFirm && rand() < 0.6
      ? `${pick(rand, ind.daFirm)} ${pick(rand, DA_SURNAMES)}` // "Tømrerfirmaet Jensen"
      : `${pick(rand, DA_SURNAMES)}s ${trade}`; // "Jensens VVS"
  } else if (u < 0.86) {
    base = `${pick(rand, DA_BRAND_A)}${pick(rand, DA_BRAND_B)}`; // "Novatek"
    if (rand() < 0.5) base += ` ${trade}`;
  } else {
    // owner-named: "Jens Madsen VVS ApS" / enkeltmandsvirksomhed "VVS v/ Anne Holm" (no suffix)
    const person = `${pick(rand, DA_FIRSTNAMES)} ${pick(rand, DA_SURNAMES)}`;
    if (rand() < 0.5) {
      base = `${person} ${trade}`;
      if (rand() < 0.4) suffix = '';
    } else {
      base = `${ind.daFirm && rand() < 0.5 ? pick(rand, ind.daFirm) : trade} v/ ${person}`;
      suffix = '';
    }
  }
  return suffix ? `${base} ${suffix}` : base;
}

/** Legal-form group digit for a generated Swedish firm. */
function swedishGroupDigit(rand: Rand, ind: Industry): number {
  if (ind.holding) return 5;
  const u = rand();
  if (u < 0.86) return 5; // aktiebolag
  if (u < 0.95) return 9; // handelsbolag / kommanditbolag
  if (u < 0.99) return 7; // ekonomisk förening
  return 8; // ideell förening / stiftelse
}

function swedishName(rand: Rand, ind: Industry, groupDigit: number): string {
  const trade = pick(rand, ind.sv);
  if (groupDigit === 9) {
    const form = rand() < 0.8 ? 'HB' : 'KB';
    return rand() < 0.5
      ? `${pick(rand, SV_SURNAMES)} & ${pick(rand, SV_SURNAMES)} ${form}`
      : `${pick(rand, SV_SURNAMES)}s ${trade} ${form}`;
  }
  if (groupDigit === 7) {
    return rand() < 0.5
      ? `${pick(rand, SV_PLACES)} ${trade} ekonomisk förening`
      : `${pick(rand, SV_PREFIXES)} ${trade} ek. för.`;
  }
  if (groupDigit === 8) {
    return rand() < 0.5
      ? `Stiftelsen ${pick(rand, SV_PLACES)} ${trade}`
      : `${pick(rand, SV_PLACES)} ${trade}förening`;
  }
  if (ind.holding) {
    const u = rand();
    if (u < 0.5) return `${pick(rand, SV_SURNAMES)} ${trade} AB`;
    if (u < 0.8) return `${pick(rand, SV_PLACES)} ${trade} AB`;
    return `${pick(rand, SV_BRAND_A)}${pick(rand, SV_BRAND_B)} ${trade} AB`;
  }
  const u = rand();
  if (u < 0.32) return `${pick(rand, SV_PLACES)} ${trade} AB`; // "Kalmar Mekaniska AB"
  if (u < 0.55) return `${pick(rand, SV_SURNAMES)}s ${trade} AB`; // "Nilssons Åkeri AB"
  if (u < 0.72) return `${pick(rand, SV_PREFIXES)} ${trade} AB`; // "Nordiska Trä AB"
  if (u < 0.84) {
    const brand = `${pick(rand, SV_BRAND_A)}${pick(rand, SV_BRAND_B)}`;
    return rand() < 0.5 ? `${brand} AB` : `${brand} ${trade} AB`;
  }
  if (u < 0.92) return `${ind.sv[0]} i ${pick(rand, SV_TOWNS)} AB`; // "Bygg i Kalmar AB"
  return `${pick(rand, SV_SURNAMES)} & ${pick(rand, SV_SURNAMES)} ${trade} AB`;
}

/**
 * Generates `count` plausible demo firms spread over `municipalities`
 * (weighted by approximate population). Deterministic for a given
 * (count, seed, municipalities) triple. CVR numbers and organisationsnumre are
 * checksum-valid and unique within one call. NB: random valid identifiers may
 * coincide with real registered firms; this is demo data only.
 */
export function generateDemoFirms(
  count: number,
  seed: number,
  municipalities: { code: string; country: 'DK' | 'SE' }[],
): DemoFirm[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`generateDemoFirms: count must be a non-negative integer, got ${count}`);
  }
  if (count === 0) return [];
  if (municipalities.length === 0) {
    throw new RangeError('generateDemoFirms: at least one municipality is required');
  }

  const rand = mulberry32(seed);
  const municipalitySampler = weightedSampler(
    municipalities,
    municipalities.map((m) => POPULATION_K[`${m.country}:${m.code}`] ?? DEFAULT_POPULATION_K),
  );
  const usedCvr = new Set<string>();
  const usedOrgnr = new Set<string>();
  const firms: DemoFirm[] = [];

  for (let n = 0; n < count; n++) {
    const municipality = municipalitySampler(rand);
    const ind = industrySampler(rand);
    const employees = generateEmployees(rand, ind);
    const foundedOn = generateFoundedOn(rand, employees, ind.since);
    const foundedYear = Number(foundedOn.slice(0, 4));
    const growthPotential = generateGrowthPotential(rand, employees, foundedYear);

    if (municipality.country === 'DK') {
      let cvr = generateCvr(rand);
      while (usedCvr.has(cvr)) cvr = generateCvr(rand);
      usedCvr.add(cvr);
      firms.push({
        country: 'DK',
        cvr,
        organisationsnummer: null,
        name: danishName(rand, ind, employees, foundedYear),
        industryCode: ind.db07,
        municipalityCode: municipality.code,
        employees,
        foundedOn,
        growthPotential,
      });
    } else {
      const group = swedishGroupDigit(rand, ind);
      let orgnr = generateOrganisationsnummer(rand, group);
      while (usedOrgnr.has(orgnr)) orgnr = generateOrganisationsnummer(rand, group);
      usedOrgnr.add(orgnr);
      firms.push({
        country: 'SE',
        cvr: null,
        organisationsnummer: orgnr,
        name: swedishName(rand, ind, group),
        industryCode: ind.sni,
        municipalityCode: municipality.code,
        employees,
        foundedOn,
        growthPotential,
      });
    }
  }
  return firms;
}
