import { EntityManager } from 'typeorm';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { ClusterActivity, ClusterActivityAttendance, ClusterActivityKind } from './cluster-activity.entity';
import { ClusterMember, ClusterMemberKind } from './cluster-member.entity';
import { MemberBenefit, OfficeCoFinancing, OfficeCoFinancingAmount, OfficeCoFinancingShare } from './office-co-financing.entity';
import { OfficePlacementProposal, OfficePlacementScore, PlacementCriterion as C, PlacementProposalState } from './office-placement.entity';

/** Sjælland municipalities co-financing We Build Denmark's office in Næstved: [kommunekode, share in basis points]. */
const NAESTVED_SHARES: Array<[string, number]> = [
  ['370', 4000], // Næstved (lead municipality)
  ['329', 1500], // Ringsted
  ['390', 1500], // Vordingborg
  ['340', 1500], // Sorø
  ['336', 1500], // Stevns
];

const NAESTVED_SCORES: Array<[C, number, string]> = [
  [C.VALUE_TO_LOCAL_FIRMS, 5, 'Næstved og omegn har en stor koncentration af bygge- og anlægsvirksomheder; kontoret giver dem direkte adgang til klyngens projekter og netværk.'],
  [C.ATTRACTION_AND_RETENTION, 4, 'Erhvervsservice i Næstved og de medfinansierende kommuner inviterer målrettet lokale virksomheder ind i klyngens aktiviteter og følger op.'],
  [C.KNOWLEDGE_INSTITUTION_LINKS, 4, 'Tæt samarbejde med Zealand (Erhvervsakademi Sjælland) og byggeuddannelserne i Næstved; studerende og virksomheder mødes i fælles projekter.'],
  [C.NETWORK_AND_MATCHMAKING, 5, 'Kontoret afholder matchmaking, netværksmøder og seminarer om leverandører og markedsmuligheder, blandt andet i forbindelse med de store anlægsprojekter i regionen.'],
  [C.RETURN_ON_PUBLIC_RESEARCH, 3, 'Kontoret bygger bro mellem eksisterende forskningsmiljøer og virksomheder, så offentlige investeringer i byggeforskning kommer de lokale virksomheder til gode.'],
];

/** We Build Denmark's Næstved office: placement proposal, K17 co-financing, members and activities. */
export async function seedClusters(em: EntityManager, orgs: Map<string, Organisation>, users: Map<string, User>): Promise<void> {
  const org = (key: string) => {
    const o = orgs.get(key);
    if (!o) throw new Error(`seedClusters: no organisation ${key}`);
    return o.id;
  };
  const cluster = org('cluster:webuild');
  const office = org('office:webuild-naestved');
  const clusterUser = users.get('cluster@webuild.demo')?.id ?? null;

  // Members: the co-financing municipalities, a knowledge institution and construction firms of Region Sjælland.
  const firms: Array<{ id: string }> = await em.query(
    `SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id
      WHERE f.status = 'REGISTERED' AND m.region_id = $1 AND (f.industry_code LIKE '41%' OR f.industry_code LIKE '42%' OR f.industry_code LIKE '43%')
      ORDER BY f.name, f.id LIMIT 12`,
    [org('region:DK:1085')],
  );
  await em.insert(ClusterMember, [
    ...NAESTVED_SHARES.map(([code]) => ({ clusterOrganisationId: cluster, kind: ClusterMemberKind.MUNICIPALITY, organisationId: org(`mun:DK:${code}`), firmId: null, joinedOn: '2021-06-01' })),
    { clusterOrganisationId: cluster, kind: ClusterMemberKind.KNOWLEDGE_INSTITUTION, organisationId: org('ki:dtu'), firmId: null, joinedOn: '2021-01-01' },
    ...firms.map((f) => ({ clusterOrganisationId: cluster, kind: ClusterMemberKind.FIRM, firmId: f.id, organisationId: null, joinedOn: '2022-03-01' })),
  ]);

  // The placement proposal from Næstved Kommune, scored on the five published criteria, approved by the cluster.
  const proposal = await em.save(
    em.create(OfficePlacementProposal, {
      clusterOrganisationId: cluster,
      leadMunicipalityId: org('mun:DK:370'),
      officeOrganisationId: office,
      proposedLocation: 'Næstved',
      summary: 'Regionalt kontor for Bygge og anlæg (We Build Denmark) i Næstved med tværkommunal medfinansiering efter K17-modellen.',
      state: PlacementProposalState.APPROVED,
      decisionNote: 'Placeringen opfylder kriterierne; særligt stærk på værdi for lokale virksomheder og netværk/matchmaking.',
      decidedAt: new Date('2021-05-20T10:00:00Z'),
      decidedByUserId: clusterUser,
    }),
  );
  await em.insert(OfficePlacementScore, NAESTVED_SCORES.map(([criterion, score, reasoning]) => ({ proposalId: proposal.id, criterion, score, reasoning })));

  // Cross-municipal co-financing (K17 model, March 2021).
  const coFinancing = await em.save(
    em.create(OfficeCoFinancing, {
      officeOrganisationId: office,
      clusterOrganisationId: cluster,
      proposalId: proposal.id,
      title: 'Tværkommunal medfinansiering af We Build Denmarks regionale kontor i Næstved',
      modelDescription: 'K17-modellen for tværkommunal medfinansiering af regionale klyngekontorer (godkendt marts 2021).',
      benefits: [MemberBenefit.PARTICIPATION_IN_ACTIVITIES, MemberBenefit.EXTERNALLY_FUNDED_PROJECTS, MemberBenefit.ACTIVITY_UPDATES],
      benefitsDescription:
        'Kommunens medarbejdere kan deltage i alle klyngens arrangementer (workshops, møder, konferencer, studieture); kommunen kan deltage i projekter med ekstern funding, hvor der er behov for test og demonstration; kommunen holdes ajour med klyngens aktiviteter og videreformidler dem til lokale virksomheder.',
    }),
  );
  await em.insert(OfficeCoFinancingShare, NAESTVED_SHARES.map(([code, bp], i) => ({ coFinancingId: coFinancing.id, municipalityId: org(`mun:DK:${code}`), shareBasisPoints: bp, position: i })));
  await em.insert(OfficeCoFinancingAmount, [2022, 2023, 2024, 2025].map((year) => ({ coFinancingId: coFinancing.id, year, amount: 750_000 })));

  // Activities, with attendance for the past ones.
  const activities = await em.save([
    em.create(ClusterActivity, {
      clusterOrganisationId: cluster, officeOrganisationId: office, kind: ClusterActivityKind.MATCHMAKING,
      title: 'Matchmaking: leverandører til de store anlægsprojekter på Sjælland', description: 'Mød hovedentreprenører og bygherrer bag Femern-forbindelsen og den nye Storstrømsbro.',
      startsAt: new Date('2026-03-12T08:30:00+01:00'), endsAt: new Date('2026-03-12T12:00:00+01:00'), location: 'Næstved',
    }),
    em.create(ClusterActivity, {
      clusterOrganisationId: cluster, officeOrganisationId: office, kind: ClusterActivityKind.NETWORK_MEETING,
      title: 'Netværksmøde: cirkulært byggeri', description: null,
      startsAt: new Date('2026-09-17T15:00:00+02:00'), endsAt: new Date('2026-09-17T17:30:00+02:00'), location: 'Næstved',
    }),
    em.create(ClusterActivity, {
      clusterOrganisationId: cluster, officeOrganisationId: null, kind: ClusterActivityKind.CONFERENCE,
      title: 'Byggeriets klimakonference 2026', description: 'National konference for klyngens medlemmer.',
      startsAt: new Date('2026-11-05T09:00:00+01:00'), endsAt: new Date('2026-11-05T16:00:00+01:00'), location: 'København',
    }),
    em.create(ClusterActivity, {
      clusterOrganisationId: cluster, officeOrganisationId: office, kind: ClusterActivityKind.SEMINAR,
      title: 'Seminar: udbud og samarbejde i bygge- og anlægssektoren', description: null,
      startsAt: new Date('2027-01-21T13:00:00+01:00'), endsAt: null, location: 'Vordingborg',
    }),
  ]);
  const attendance = [
    ...firms.slice(0, 8).map((f) => ({ activityId: activities[0].id, firmId: f.id, organisationId: null, recordedByUserId: clusterUser })),
    { activityId: activities[0].id, firmId: null, organisationId: org('mun:DK:370'), recordedByUserId: clusterUser },
    ...firms.slice(4, 10).map((f) => ({ activityId: activities[1].id, firmId: f.id, organisationId: null, recordedByUserId: clusterUser })),
    { activityId: activities[1].id, firmId: null, organisationId: org('mun:DK:329'), recordedByUserId: clusterUser },
  ];
  await em.insert(ClusterActivityAttendance, attendance);
}
