import { EntityManager } from 'typeorm';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Delegation, DelegationFollowUp, DelegationHost, ReceptionMunicipality, SectorFocus } from './delegation.entity';
import { EstablishmentGroupMember, EstablishmentInquiry, EstablishmentOffer, InquiryState, InquiryStateChange } from './inquiry.entity';
import { InvestorPortalProject, PortalProjectKind, PortalProjectStatus } from './portal.entity';

/** The nine pilot municipalities of the Greater Copenhagen reception (a spread of size and geography). */
export const PILOT_KOMMUNEKODER = ['101', '147', '159', '165', '169', '217', '219', '259', '265'];

/**
 * Demo data for investment promotion: Copenhagen Capacity's reception (its RECEPTION_FOR municipalities,
 * nine of them pilots), two Chinese cleantech delegations with follow-ups, two establishment inquiries
 * from Business Sweden to Region Kalmar län (etableringsgrupp Kalmar, Nybro, Oskarshamn) with offers,
 * and investor-portal projects (listed, unlisted, and one that no longer meets the criteria).
 * Idempotent: does nothing if the reception is populated already.
 */
export async function seedInvestment(em: EntityManager, orgs: Map<string, Organisation>, users: Map<string, User>): Promise<void> {
  const copcap = orgs.get('copcap');
  const businessSweden = orgs.get('business-sweden');
  const kalmarRegion = orgs.get('region:SE:08');
  if (!copcap || !businessSweden || !kalmarRegion) return;
  if (await em.existsBy(ReceptionMunicipality, { receptionOrganisationId: copcap.id })) return;
  const id = (key: string) => orgs.get(key)!.id;
  const pilotIds = new Set(PILOT_KOMMUNEKODER.map((c) => orgs.get(`mun:DK:${c}`)?.id).filter(Boolean));

  // The reception's municipalities are those Copenhagen Capacity has a RECEPTION_FOR relationship with.
  const members: Array<{ to_id: string }> = await em.query(`SELECT to_id FROM organisation_relationship WHERE kind = 'RECEPTION_FOR' AND state = 'ACTIVE' AND from_id = $1`, [copcap.id]);
  await em.insert(ReceptionMunicipality, members.map((m) => ({ receptionOrganisationId: copcap.id, municipalityId: m.to_id, pilot: pilotIds.has(m.to_id) })));

  const investment = users.get('investment@copcap.demo')?.id ?? null;
  const coordinator = users.get('coordinator@kalmar.demo')?.id ?? null;

  const d1 = await em.save(
    em.create(Delegation, {
      receptionOrganisationId: copcap.id,
      name: 'Cleantech-delegation fra Shenzhen',
      originCountry: 'CN',
      sectorFocus: SectorFocus.CLEANTECH,
      visitStartsOn: '2015-03-09',
      visitEndsOn: '2015-03-11',
      visitorCount: 18,
      programme: 'Dag 1: briefing hos Copenhagen Capacity, Nordhavn. Dag 2: Albertslunds gadelyslaboratorium (DOLL). Dag 3: fjernvarme i Høje-Taastrup og B2B-møder.',
    }),
  );
  const d2 = await em.save(
    em.create(Delegation, {
      receptionOrganisationId: copcap.id,
      name: 'Vandteknologidelegation fra Guangdong',
      originCountry: 'CN',
      sectorFocus: SectorFocus.CLEANTECH,
      visitStartsOn: '2015-06-16',
      visitEndsOn: '2015-06-17',
      visitorCount: 11,
      programme: 'Roskilde renseanlæg, klimatilpasning af Køge Havn, matchmaking med vandteknologivirksomheder.',
    }),
  );
  await em.insert(DelegationHost, [
    { delegationId: d1.id, municipalityId: id('mun:DK:101') },
    { delegationId: d1.id, municipalityId: id('mun:DK:165') },
    { delegationId: d1.id, municipalityId: id('mun:DK:169') },
    { delegationId: d2.id, municipalityId: id('mun:DK:265') },
    { delegationId: d2.id, municipalityId: id('mun:DK:259') },
  ]);
  await em.insert(DelegationFollowUp, [
    { delegationId: d1.id, note: 'Opfølgning på B2B-møderne: 12 virksomheder i kontakt, et pilotprojekt med intelligent gadebelysning aftalt i Albertslund.', contactsMade: 12, projectsStarted: 1, establishments: 0, jobsCreated: 0, recordedByUserId: investment },
    { delegationId: d1.id, note: 'Kinesisk LED-producent har åbnet et salgskontor i København.', contactsMade: 2, projectsStarted: 0, establishments: 1, jobsCreated: 6, recordedByUserId: investment },
    { delegationId: d2.id, note: 'Tre vandteknologivirksomheder inviteret til Guangzhou; en fælles forundersøgelse er sat i gang.', contactsMade: 6, projectsStarted: 1, establishments: 0, jobsCreated: 0, recordedByUserId: investment },
  ]);

  // Establishment inquiries from Business Sweden to Region Kalmar län and its etableringsgrupp.
  const group = ['mun:SE:0880', 'mun:SE:0881', 'mun:SE:0882'].map(id);
  const i1 = await em.save(
    em.create(EstablishmentInquiry, {
      codeName: 'EI-K4LM2Q',
      projectName: 'Projekt Nordlicht: fabrik för katodmaterial till batterier',
      summary: 'Tysk tillverkare av batterimaterial söker en tomt på 40 ha med hamnläge och 60 MW nätkapacitet; beslut inom 12 månader.',
      receivedFromOrganisationId: businessSweden.id,
      coordinatorOrganisationId: kalmarRegion.id,
      state: InquiryState.ACTIVE,
      sector: SectorFocus.ENERGY,
      originCountry: 'DE',
      projectedJobs: 250,
      projectedInvestmentSek: '1200000000.00',
    }),
  );
  const i2 = await em.save(
    em.create(EstablishmentInquiry, {
      codeName: 'EI-7RBX3N',
      projectName: 'Projekt Laks: beredning och förpackning av lax',
      summary: 'Norsk sjömatskoncern överväger en anläggning för beredning nära E22 med järnvägsanslutning.',
      receivedFromOrganisationId: businessSweden.id,
      coordinatorOrganisationId: kalmarRegion.id,
      state: InquiryState.LEAD,
      sector: SectorFocus.FOOD,
      originCountry: 'NO',
      projectedJobs: 60,
      projectedInvestmentSek: '180000000.00',
    }),
  );
  await em.insert(EstablishmentGroupMember, [i1, i2].flatMap((i) => group.map((municipalityId) => ({ inquiryId: i.id, municipalityId }))));
  await em.insert(InquiryStateChange, [
    { inquiryId: i1.id, fromState: null, toState: InquiryState.LEAD, note: 'Mottagen från Business Sweden', changedAt: new Date('2025-09-02T08:30:00Z'), changedByUserId: coordinator, changedByOrganisationId: kalmarRegion.id },
    { inquiryId: i1.id, fromState: InquiryState.LEAD, toState: InquiryState.ACTIVE, note: 'Platsbesök begärt', changedAt: new Date('2025-10-14T13:00:00Z'), changedByUserId: coordinator, changedByOrganisationId: kalmarRegion.id },
    { inquiryId: i2.id, fromState: null, toState: InquiryState.LEAD, note: 'Mottagen från Business Sweden', changedAt: new Date('2026-01-20T09:15:00Z'), changedByUserId: coordinator, changedByOrganisationId: kalmarRegion.id },
  ]);
  await em.insert(EstablishmentOffer, [
    { inquiryId: i1.id, municipalityId: id('mun:SE:0880'), description: 'Kalmar: 45 ha på Tvärskogens logistikområde, 70 MW nätanslutning planerad 2027, 12 km till hamnen.' },
    { inquiryId: i1.id, municipalityId: id('mun:SE:0882'), description: 'Oskarshamn: industrimark vid djuphamnen, befintligt 130 kV-ställverk, arbetskraft med erfarenhet från processindustrin.' },
    { inquiryId: i2.id, municipalityId: id('mun:SE:0881'), description: 'Nybro: 8 ha vid järnvägen, kommunalt stöd vid rekrytering.' },
  ]);

  // Investor portal (Greater Copenhagen): listed projects, one below the threshold (unlisted), one completed.
  // Titles and descriptions stay English on purpose: the portal addresses foreign investors (as Invest in
  // Greater Copenhagen does); the internal notes are Copenhagen Capacity's own, in Danish.
  const project = (p: Partial<InvestorPortalProject>) => ({
    ownerOrganisationId: copcap.id,
    description: null,
    isTender: false,
    tenderDeadline: null,
    municipalityId: null,
    expectedStartYear: null,
    url: null,
    internalNotes: null,
    listedAt: p.listed ? new Date() : null,
    ...p,
  });
  await em.insert(InvestorPortalProject, [
    project({
      title: 'Nordhavn: Levantkaj urban development',
      description: 'New mixed-use district on reclaimed harbour land: housing, offices and a metro station.',
      kind: PortalProjectKind.URBAN_DEVELOPMENT,
      status: PortalProjectStatus.UNDER_CONSTRUCTION,
      estimatedInvestmentDkk: '4500000000.00',
      publicOwnerOrganisationId: id('mun:DK:101'),
      municipalityId: id('mun:DK:101'),
      expectedStartYear: 2016,
      internalNotes: 'Investorinteresse fra to nordiske pensionskasser; må ikke offentliggøres.',
      listed: true,
    }),
    project({
      title: 'Light rail along Ring 3',
      description: '28 km light rail from Lundtofte to Ishøj through 11 municipalities.',
      kind: PortalProjectKind.INFRASTRUCTURE,
      status: PortalProjectStatus.UNDER_CONSTRUCTION,
      estimatedInvestmentDkk: '5700000000.00',
      publicOwnerOrganisationId: id('region:DK:1084'),
      expectedStartYear: 2018,
      listed: true,
    }),
    project({
      title: 'Køge University Hospital expansion: construction tender',
      description: 'Tender for the construction of the new emergency and psychiatric wings.',
      kind: PortalProjectKind.BUILDING,
      status: PortalProjectStatus.IN_TENDER,
      isTender: true,
      // Open for another 90 days from seeding, so the demo's tender stays in tender (see portal.status.ts).
      tenderDeadline: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
      estimatedInvestmentDkk: '850000000.00',
      publicOwnerOrganisationId: id('region:DK:1085'),
      municipalityId: id('mun:DK:259'),
      listed: true,
    }),
    project({
      title: 'Roskilde swimming hall renovation',
      kind: PortalProjectKind.BUILDING,
      status: PortalProjectStatus.PLANNED,
      estimatedInvestmentDkk: '60000000.00',
      publicOwnerOrganisationId: id('mun:DK:265'),
      municipalityId: id('mun:DK:265'),
      internalNotes: 'Under tærsklen for optagelse på portalen; beholdes i pipelinen.',
      listed: false,
    }),
    project({
      title: 'Cityringen metro',
      kind: PortalProjectKind.INFRASTRUCTURE,
      status: PortalProjectStatus.COMPLETED,
      estimatedInvestmentDkk: '21300000000.00',
      publicOwnerOrganisationId: id('mun:DK:101'),
      municipalityId: id('mun:DK:101'),
      internalNotes: 'Afsluttet 2019: opfylder ikke længere kriterierne, så det er ikke på portalen, selv om det stadig er markeret som optaget.',
      listed: true,
    }),
  ]);
}
