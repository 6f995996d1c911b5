import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../core/scope';
import { Firm, FirmStatus } from '../firms/firm.entity';
import { ApiKey } from '../identity/api-key.entity';
import { Membership } from '../identity/membership.entity';
import { hashPassword } from '../identity/password';
import { sha256 } from '../identity/tokens';
import { User } from '../identity/user.entity';
import { Country, Organisation, OrganisationKind as K } from '../organisations/organisation.entity';
import { OrganisationRelationship, RelationshipKind as R, RelationshipState } from '../organisations/organisation-relationship.entity';
import { seedAgreements } from '../agreements/agreements.seed';
import { seedClusters } from '../clusters/clusters.seed';
import { seedDashboardActivity } from '../dashboards/dashboards.seed';
import { seedInvestment } from '../investment/investment.seed';
import { seedJourneys } from '../journeys/journeys.seed';
import { seedNetworks } from '../networks/networks.seed';
import { seedProgrammes } from '../programmes/programmes.seed';
import { DK_BUSINESS_HOUSES, DK_MUNICIPALITIES, DK_REGIONS } from './data/denmark';
import { generateDemoFirms } from './data/firms';
import { SE_MUNICIPALITIES, SE_REGIONS } from './data/sweden';

export const DEMO_PASSWORD = 'growth-graph-demo';
/** A read-only key for KKR Midtjylland's dashboard, printed in the README. */
export const DEMO_API_KEY = 'ggk_demo_kkr_midtjylland_read_only';

/** The demo users: one per role and organisation kind (see README). */
export const DEMO_USERS: Array<{ email: string; name: string; memberships: Array<[orgKey: string, role: Role]> }> = [
  { email: 'consultant@midtjylland.demo', name: 'Mette Consultant', memberships: [['gh:midtjylland', Role.CONSULTANT]] },
  { email: 'admin@midtjylland.demo', name: 'Anders Admin', memberships: [['gh:midtjylland', Role.ADMIN], ['kkr:1082', Role.VIEWER]] },
  { email: 'editor@randers.demo', name: 'Rikke Editor', memberships: [['mun:DK:730', Role.EDITOR], ['council:randers', Role.VIEWER]] },
  { email: 'viewer@kkr-midtjylland.demo', name: 'Villads Viewer', memberships: [['kkr:1082', Role.VIEWER]] },
  { email: 'consultant@hovedstaden.demo', name: 'Hanne Consultant', memberships: [['gh:hovedstaden', Role.CONSULTANT]] },
  { email: 'admin@hovedstaden.demo', name: 'Henrik Admin', memberships: [['gh:hovedstaden', Role.ADMIN]] },
  { email: 'coordinator@kalmar.demo', name: 'Karin Koordinator', memberships: [['region:SE:08', Role.EDITOR], ['mun:SE:0880', Role.CONSULTANT]] },
  { email: 'investment@copcap.demo', name: 'Caspar Capacity', memberships: [['copcap', Role.CONSULTANT]] },
  { email: 'cluster@webuild.demo', name: 'Birgitte Build', memberships: [['cluster:webuild', Role.EDITOR]] },
  { email: 'network@amager.demo', name: 'Nicki Network', memberships: [['network:amager', Role.EDITOR]] },
  // Signatories of the demo agreements, the pool owner, the investor-portal editors and a referral receiver.
  { email: 'admin@randers.demo', name: 'Rasmus Admin', memberships: [['mun:DK:730', Role.ADMIN]] },
  { email: 'admin@erhvervranders.demo', name: 'Eva Admin', memberships: [['council:randers', Role.ADMIN]] },
  { email: 'admin@kkr-midtjylland.demo', name: 'Karen Admin', memberships: [['kkr:1082', Role.ADMIN]] },
  { email: 'editor@kobenhavn.demo', name: 'Kasper Editor', memberships: [['mun:DK:101', Role.EDITOR]] },
  { email: 'editor@copcap.demo', name: 'Cecilie Editor', memberships: [['copcap', Role.EDITOR]] },
  { email: 'advisor@revisionnord.demo', name: 'Rolf Advisor', memberships: [['advisor:nord', Role.CONSULTANT]] },
];

export interface SeedOptions {
  /** Synthetic firms to generate (Danish and Swedish together). */
  firmCount?: number;
  seed?: number;
}

export interface SeedResult {
  organisations: Map<string, Organisation>;
  users: Map<string, User>;
  firmCount: number;
}

/** Loads the demo data into an empty, migrated database, in one transaction. Returns null if data exists. */
export async function seedDemoData(ds: DataSource, opts: SeedOptions = {}): Promise<SeedResult | null> {
  if ((await ds.getRepository(Organisation).count()) > 0) return null;
  return ds.transaction((em) => seedInto(em, opts));
}

async function seedInto(em: EntityManager, { firmCount = 4000, seed = 2026 }: SeedOptions): Promise<SeedResult> {
  const orgs = new Map<string, Organisation>();
  const relationships: Array<[R, string, string]> = [];
  const add = async (key: string, o: Partial<Organisation>) => {
    const saved = await em.save(em.create(Organisation, { officialCode: null, regionId: null, description: null, website: null, ...o }));
    orgs.set(key, saved);
    return saved;
  };
  const addMany = async (items: Array<[string, Partial<Organisation>]>) => {
    const rows = items.map(([, o]) => em.create(Organisation, { officialCode: null, regionId: null, description: null, website: null, ...o }));
    const saved = await em.save(rows, { chunk: 200 });
    items.forEach(([key], i) => orgs.set(key, saved[i]));
  };
  const rel = (kind: R, from: string, to: string) => relationships.push([kind, from, to]);

  // Denmark: regions, their KKR, municipalities, growth houses. Descriptions are the organisation's own text, in its language.
  await addMany(DK_REGIONS.map((r) => [`region:DK:${r.code}`, { kind: K.REGION, country: Country.DK, name: r.name, officialCode: r.code }]));
  await addMany(DK_REGIONS.map((r) => [`kkr:${r.code}`, {
    kind: K.REGIONAL_COUNCIL, country: Country.DK, name: r.kkr, regionId: orgs.get(`region:DK:${r.code}`)!.id,
    description: 'Kommunekontaktråd: regionens kommuner i samarbejde.',
  }]));
  await addMany(DK_MUNICIPALITIES.map((m) => [`mun:DK:${m.code}`, {
    kind: K.MUNICIPALITY, country: Country.DK, name: `${m.name} Kommune`, officialCode: m.code, regionId: orgs.get(`region:DK:${m.regionCode}`)!.id,
  }]));
  await addMany(DK_BUSINESS_HOUSES.map((h) => [`gh:${h.key}`, {
    kind: K.GROWTH_HOUSE, country: Country.DK, name: h.name, regionId: orgs.get(`region:DK:${h.regionCode}`)!.id,
    description: `Erhvervshus med base i ${h.city}: vækstkortlægning, vækstplaner og hubfunktioner for områdets virksomheder.`,
  }]));
  for (const m of DK_MUNICIPALITIES) {
    const mun = `mun:DK:${m.code}`;
    rel(R.LOCATED_IN, mun, `region:DK:${m.regionCode}`);
    rel(R.MEMBER_OF_COUNCIL, mun, `kkr:${m.regionCode}`);
    rel(R.COVERS, `gh:${m.businessHouse}`, mun);
  }

  // Sweden: regions and Kalmar län's municipalities.
  await addMany(SE_REGIONS.map((r) => [`region:SE:${r.code}`, { kind: K.REGION, country: Country.SE, name: r.name, officialCode: r.code }]));
  await addMany(SE_MUNICIPALITIES.map((m) => [`mun:SE:${m.code}`, {
    kind: K.MUNICIPALITY, country: Country.SE, name: `${m.name} kommun`, officialCode: m.code, regionId: orgs.get(`region:SE:${m.regionCode}`)!.id,
  }]));
  for (const m of SE_MUNICIPALITIES) rel(R.LOCATED_IN, `mun:SE:${m.code}`, `region:SE:${m.regionCode}`);

  // National and investment-promotion bodies.
  await add('erst', { kind: K.NATIONAL_AGENCY, country: Country.DK, name: 'Erhvervsstyrelsen' });
  await add('tillvaxtverket', { kind: K.NATIONAL_AGENCY, country: Country.SE, name: 'Tillväxtverket' });
  await add('business-sweden', {
    kind: K.INVESTMENT_PROMOTION_AGENCY, country: Country.SE, name: 'Business Sweden',
    description: 'Samordnar investeringsfrämjandet i Sverige nationellt; lämnar etableringsförfrågningar vidare till regionala samordnare.',
  });
  await add('copcap', {
    kind: K.INVESTMENT_PROMOTION_AGENCY, country: Country.DK, name: 'Copenhagen Capacity', regionId: orgs.get('region:DK:1084')!.id,
    description: 'Fælles modtagelse af udenlandske erhvervsdelegationer for Greater Copenhagens 46 kommuner.',
  });
  rel(R.COOPERATES_WITH, 'region:SE:08', 'business-sweden');
  for (const m of DK_MUNICIPALITIES.filter((m) => m.regionCode === '1084' || m.regionCode === '1085')) rel(R.RECEPTION_FOR, 'copcap', `mun:DK:${m.code}`);

  // Local business councils (DA erhvervsråd) running local business service for their municipality.
  for (const [key, name, code] of [
    ['randers', 'Erhverv Randers', '730'],
    ['silkeborg', 'erhvervsilkeborg', '740'],
    ['norddjurs', 'Norddjurs Erhvervsråd', '707'],
    ['naestved', 'Næstved Erhverv', '370'],
  ] as const) {
    await add(`council:${key}`, { kind: K.BUSINESS_COUNCIL, country: Country.DK, name, regionId: orgs.get(`mun:DK:${code}`)!.regionId });
    rel(R.SERVES, `council:${key}`, `mun:DK:${code}`);
  }

  // Clusters and a regional cluster office (We Build Denmark's office in Næstved, lead municipality).
  await add('cluster:webuild', { kind: K.CLUSTER, country: Country.DK, name: 'We Build Denmark', description: 'National klynge for byggeri og anlæg.' });
  await add('cluster:energy', { kind: K.CLUSTER, country: Country.DK, name: 'Energy Cluster Denmark' });
  await add('cluster:lifescience', { kind: K.CLUSTER, country: Country.DK, name: 'Danish Life Science Cluster' });
  await add('office:webuild-naestved', {
    kind: K.CLUSTER_OFFICE, country: Country.DK, name: 'We Build Denmark, regionalt kontor Næstved', regionId: orgs.get('region:DK:1085')!.id,
  });
  rel(R.OFFICE_OF, 'office:webuild-naestved', 'cluster:webuild');
  rel(R.HOSTED_BY, 'office:webuild-naestved', 'mun:DK:370');
  for (const code of ['370', '329', '390', '340', '336']) rel(R.MEMBER_OF, `mun:DK:${code}`, 'cluster:webuild');

  // A local business network with its secretariat.
  await add('network:amager', {
    kind: K.NETWORK, country: Country.DK, name: 'Erhvervsnetværk Amager Øst', regionId: orgs.get('region:DK:1084')!.id,
    description: 'Omkring 120 medlemmer; 25-30 deltager i hvert møde. Drives af lokaludvalget med en arbejdsgruppe.',
  });
  rel(R.OPERATES, 'mun:DK:101', 'network:amager');

  // Knowledge institutions, private advisors and capital providers.
  await add('ki:au', { kind: K.KNOWLEDGE_INSTITUTION, country: Country.DK, name: 'Aarhus Universitet', regionId: orgs.get('region:DK:1082')!.id });
  await add('ki:dtu', { kind: K.KNOWLEDGE_INSTITUTION, country: Country.DK, name: 'Danmarks Tekniske Universitet', regionId: orgs.get('region:DK:1084')!.id });
  await add('ki:lnu', { kind: K.KNOWLEDGE_INSTITUTION, country: Country.SE, name: 'Linnéuniversitetet', regionId: orgs.get('region:SE:08')!.id });
  await add('advisor:nord', { kind: K.PRIVATE_ADVISOR, country: Country.DK, name: 'Revision Nord (demo)' });
  await add('advisor:kalmar', { kind: K.PRIVATE_ADVISOR, country: Country.SE, name: 'Kalmar Affärsrådgivning (demo)' });
  await add('capital:eifo', { kind: K.CAPITAL_PROVIDER, country: Country.DK, name: 'Danmarks Eksport- og Investeringsfond (EIFO)' });
  await add('capital:almi', { kind: K.CAPITAL_PROVIDER, country: Country.SE, name: 'Almi Företagspartner Kalmar län', regionId: orgs.get('region:SE:08')!.id });
  rel(R.MEMBER_OF, 'ki:au', 'cluster:lifescience');
  rel(R.MEMBER_OF, 'ki:dtu', 'cluster:energy');

  await em.insert(
    OrganisationRelationship,
    // The demo graph is agreed by both sides: ACTIVE.
    relationships.map(([kind, from, to]) => ({ kind, fromId: orgs.get(from)!.id, toId: orgs.get(to)!.id, proposedByOrganisationId: orgs.get(from)!.id, state: RelationshipState.ACTIVE })),
  );

  // Firms: synthetic but with valid identifiers, spread over the municipalities.
  const dkShare = Math.round(firmCount * 0.85);
  const generated = [
    ...generateDemoFirms(dkShare, seed, DK_MUNICIPALITIES.map((m) => ({ code: m.code, country: 'DK' as const }))),
    ...generateDemoFirms(firmCount - dkShare, seed + 1, SE_MUNICIPALITIES.map((m) => ({ code: m.code, country: 'SE' as const }))),
  ];
  const firmRows = generated.map((f) => ({
    status: FirmStatus.REGISTERED,
    country: f.country as Country,
    cvr: f.cvr,
    organisationsnummer: f.organisationsnummer,
    name: f.name,
    industryCode: f.industryCode,
    municipalityId: orgs.get(`mun:${f.country}:${f.municipalityCode}`)!.id,
    employees: f.employees,
    foundedOn: f.foundedOn,
    ownerOrganisationId: null,
  }));
  for (let i = 0; i < firmRows.length; i += 1000) await em.insert(Firm, firmRows.slice(i, i + 1000));
  // The growth-potential level lives in the assessment history only: one screening per firm, by the growth
  // house covering its municipality (a Swedish firm: its municipality's business service), two months ago.
  for (let i = 0; i < generated.length; i += 5000) {
    const batch = generated.slice(i, i + 5000);
    await em.query(
      `INSERT INTO growth_potential_assessment (firm_id, organisation_id, level, segment, rationale, assessed_at)
       SELECT f.id,
              COALESCE((SELECT r.from_id FROM organisation_relationship r WHERE r.kind = 'COVERS' AND r.state = 'ACTIVE' AND r.to_id = f.municipality_id ORDER BY r.from_id LIMIT 1), f.municipality_id),
              v.level::growth_potential_level, (CASE v.level WHEN 'HIGH' THEN 'GROWTH_FIRM' ELSE 'ESTABLISHED' END)::firm_segment,
              'Demo: screening', now() - interval '60 days'
         FROM unnest($1::text[], $2::text[]) AS v(key, level) JOIN firm f ON COALESCE(f.cvr, f.organisationsnummer) = v.key`,
      [batch.map((f) => f.cvr ?? f.organisationsnummer), batch.map((f) => f.growthPotential)],
    );
  }

  // Two would-be entrepreneurs, private to the growth house that met them.
  await em.insert(Firm, [
    { status: FirmStatus.PROSPECT, country: Country.DK, name: 'Iværksætter: café og bageri i Randers', municipalityId: orgs.get('mun:DK:730')!.id, ownerOrganisationId: orgs.get('gh:midtjylland')!.id },
    { status: FirmStatus.PROSPECT, country: Country.DK, name: 'Iværksætter: app til cykelværksteder', municipalityId: orgs.get('mun:DK:101')!.id, ownerOrganisationId: orgs.get('gh:hovedstaden')!.id },
  ]);

  // Users: one password hash for all demo users (hashing is deliberately slow).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, User>();
  for (const u of DEMO_USERS) {
    const user = await em.save(em.create(User, { email: u.email, displayName: u.name, passwordHash }));
    users.set(u.email, user);
    await em.insert(Membership, u.memberships.map(([org, role]) => ({ userId: user.id, organisationId: orgs.get(org)!.id, role })));
  }
  await em.insert(ApiKey, {
    organisationId: orgs.get('kkr:1082')!.id,
    name: 'KKR Midtjylland dashboard (demo)',
    prefix: DEMO_API_KEY.slice(0, 10),
    keyHash: sha256(DEMO_API_KEY),
    createdByUserId: null,
    revokedAt: null,
  });

  // Each area's demo data (journeys first: agreements' follow-ups count touchpoints).
  await seedJourneys(em, orgs, users);
  await seedProgrammes(em, orgs, users);
  await seedClusters(em, orgs, users);
  await seedNetworks(em, orgs, users);
  await seedInvestment(em, orgs, users);
  await seedAgreements(em, orgs, users);
  // Last: a year and more of activity for the partner dashboards, on firms no other story uses.
  await seedDashboardActivity(em, orgs);
  return { organisations: orgs, users, firmCount: firmRows.length };
}
