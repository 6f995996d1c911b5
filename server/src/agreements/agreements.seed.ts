import { EntityManager } from 'typeorm';
import { Role } from '../core/scope';
import { Membership } from '../identity/membership.entity';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import {
  AgreementFollowUp,
  AgreementFollowUpEntry,
  AgreementKpi,
  AgreementParty,
  AgreementSignature,
  AgreementTransition,
  AgreementVersion,
  ServiceAgreement,
} from './agreement.entity';
import {
  AgreementCurrency as C,
  AgreementKind,
  AgreementKpiActualSource,
  AgreementKpiMetric as M,
  AgreementKpiUnit as U,
  AgreementPartyRole as R,
  AgreementState as S,
} from './agreement.enums';
import { computeKpiActuals } from './agreement.kpi';

/**
 * Demo data of the agreement area (titles after the real agreements listed in the seed texts):
 * - the tri-party local cooperation agreement Randers Kommune + Erhverv Randers + Erhvervshus Midtjylland,
 *   ACTIVE, amended once (version 2 in force), with KPIs and a follow-up for the first half of 2026;
 * - the result contract between KKR Midtjylland and Erhvervshus Midtjylland for 2026, ACTIVE;
 * - a DRAFT for Silkeborg (Silkeborg Kommune + erhvervsilkeborg + Erhvervshus Midtjylland) for 2027-2028.
 *
 * Signing needs an ADMIN of each party; the demo has none for Randers Kommune, Erhverv Randers and KKR
 * Midtjylland, so three signatory users are added here (same demo password), unless they exist already.
 */
export const AGREEMENT_SIGNATORIES: Array<{ email: string; name: string; org: string }> = [
  { email: 'admin@randers.demo', name: 'Rasmus Admin (Randers Kommune)', org: 'mun:DK:730' },
  { email: 'admin@erhvervranders.demo', name: 'Eva Admin (Erhverv Randers)', org: 'council:randers' },
  { email: 'admin@kkr-midtjylland.demo', name: 'Karen Admin (KKR Midtjylland)', org: 'kkr:1082' },
];

const at = (iso: string) => new Date(iso);

export async function seedAgreements(em: EntityManager, orgs: Map<string, Organisation>, users: Map<string, User>): Promise<void> {
  const org = (k: string) => {
    const o = orgs.get(k);
    if (!o) throw new Error(`seedAgreements: no organisation ${k}`);
    return o.id;
  };
  const user = (email: string) => {
    const u = users.get(email);
    if (!u) throw new Error(`seedAgreements: no user ${email}`);
    return u.id;
  };

  // Signatories (admins of parties that have none in the demo).
  const passwordHash = users.get('editor@randers.demo')?.passwordHash ?? (await em.findOneByOrFail(User, { email: 'editor@randers.demo' })).passwordHash;
  for (const s of AGREEMENT_SIGNATORIES) {
    if (users.has(s.email)) continue;
    const existing = await em.findOneBy(User, { email: s.email });
    const u = existing ?? (await em.save(em.create(User, { email: s.email, displayName: s.name, passwordHash })));
    if (!existing) await em.insert(Membership, { userId: u.id, organisationId: org(s.org), role: Role.ADMIN });
    users.set(s.email, u);
  }

  const MUN = org('mun:DK:730');
  const COUNCIL = org('council:randers');
  const GH = org('gh:midtjylland');
  const KKR = org('kkr:1082');

  // ---- 1. Randers: local cooperation agreement, ACTIVE, version 2 (amendment) in force.
  const randersKpis = (mappings: number): AgreementKpi[] => [
    { key: 'vaekstkortlaegninger', name: 'Vækstkortlægninger af virksomheder i Randers Kommune', metric: M.GROWTH_MAPPINGS, target: mappings, unit: U.COUNT, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: 'Gennemførte vækstkortlægninger (Væksthjulet) af virksomheder beliggende i kommunen.' },
    { key: 'henvisning-private', name: 'Andel henvisninger til private rådgivere', metric: M.REFERRALS_TO_PRIVATE_ADVISORS_SHARE, target: 30, unit: U.PERCENT, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: 'Andel af parternes henvisninger, der går til private rådgivere (revisorer, advokater, konsulenter).' },
    { key: 'vaekstpartnerskaber', name: 'Virksomheder i vækstpartnerskab', metric: M.FIRMS_IN_GROWTH_PARTNERSHIPS, target: 8, unit: U.COUNT, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: null },
    { key: 'tilfredshed', name: 'Virksomhedernes tilfredshed med erhvervsservicen', metric: M.EXTERNAL, target: 8.5, unit: U.SCORE, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: 'Skala 1-10, fra den halvårlige brugertilfredshedsundersøgelse.' },
  ];
  const randersBase = {
    title: 'Lokal samarbejdsaftale om erhvervsservice mellem Erhverv Randers, Randers Kommune og Erhvervshus Midtjylland 2025-2026',
    periodStart: '2025-01-01',
    periodEnd: '2026-12-31',
    purpose:
      'At sikre en sammenhængende erhvervsservice i Randers, hvor lokal erhvervsservice (basal vejledning) varetages af Erhverv Randers, ' +
      'og virksomheder med vækstpotentiale henvises til Erhvervshus Midtjylland (specialiseret vejledning og vækstkortlægning).',
    targetGroups: ['Iværksættere', 'Etablerede virksomheder med vækstpotentiale', 'Virksomheder, der ønsker at eksportere'],
    currency: C.DKK,
    taskDivision: [
      { organisationId: COUNCIL, tasks: 'Lokal erhvervsservice: første kontakt, basal vejledning af iværksættere og virksomheder, screening og henvisning til Erhvervshuset.' },
      { organisationId: MUN, tasks: 'Finansiering af den lokale erhvervsservice; erhvervsvenlig sagsbehandling; deltagelse i opfølgningsmøder.' },
      { organisationId: GH, tasks: 'Vækstkortlægning og vækstplaner for virksomheder med vækstpotentiale; vækstpartnerskaber; henvisning til private rådgivere og kapital.' },
    ],
    economy: [
      { organisationId: MUN, year: 2025, amount: 3_200_000, note: 'Driftstilskud til Erhverv Randers' },
      { organisationId: MUN, year: 2026, amount: 3_250_000, note: 'Driftstilskud til Erhverv Randers' },
      { organisationId: COUNCIL, year: 2025, amount: 450_000, note: 'Medlemskontingenter' },
      { organisationId: COUNCIL, year: 2026, amount: 450_000, note: 'Medlemskontingenter' },
    ],
  };
  const randers = await em.save(
    em.create(ServiceAgreement, {
      kind: AgreementKind.LOCAL_COOPERATION, state: S.ACTIVE, currentVersionNumber: 2, inForceVersionNumber: 2, terminationReason: null,
      stateChangedAt: at('2025-01-02T08:00:00Z'), createdByOrganisationId: MUN, createdByUserId: user('editor@randers.demo'),
      createdAt: at('2024-10-01T09:00:00Z'),
    }),
  );
  await em.insert(AgreementParty, [
    // Every party signed, so every party has accepted (its first signature or the creation).
    { agreementId: randers.id, organisationId: MUN, role: R.MUNICIPALITY, acceptedAt: at('2024-10-01T09:00:00Z'), acceptedByUserId: user('editor@randers.demo') },
    { agreementId: randers.id, organisationId: COUNCIL, role: R.BUSINESS_COUNCIL, acceptedAt: at('2024-11-20T10:00:00Z'), acceptedByUserId: user('admin@erhvervranders.demo') },
    { agreementId: randers.id, organisationId: GH, role: R.GROWTH_HOUSE, acceptedAt: at('2024-12-05T10:00:00Z'), acceptedByUserId: user('admin@midtjylland.demo') },
  ]);
  const rv = await em.save(AgreementVersion, [
    em.create(AgreementVersion, { agreementId: randers.id, number: 1, revision: 3, ...randersBase, kpis: randersKpis(40), amendmentReason: null, createdByUserId: user('editor@randers.demo'), completedAt: at('2024-12-12T14:00:00Z'), createdAt: at('2024-10-01T09:00:00Z'), editedAt: at('2024-11-28T10:00:00Z') }),
    em.create(AgreementVersion, { agreementId: randers.id, number: 2, revision: 1, ...randersBase, kpis: randersKpis(55), amendmentReason: 'Tillæg 1: øget måltal for vækstkortlægninger i 2026 efter ekstra bevilling fra Randers Kommune.', createdByUserId: user('editor@randers.demo'), completedAt: at('2026-02-10T12:00:00Z'), createdAt: at('2026-01-20T09:00:00Z'), editedAt: at('2026-01-20T09:00:00Z') }),
  ]);
  const sign = (v: AgreementVersion, party: string, email: string, when: string) => ({
    agreementId: randers.id, versionId: v.id, partyOrganisationId: party, signedByUserId: user(email), versionNumber: v.number, revision: v.revision, signedAt: at(when),
  });
  await em.insert(AgreementSignature, [
    // Version 1: Erhverv Randers signed revision 2, then the text changed (revision 3) and it signed again.
    { ...sign(rv[0], COUNCIL, 'admin@erhvervranders.demo', '2024-11-20T10:00:00Z'), revision: 2 },
    sign(rv[0], COUNCIL, 'admin@erhvervranders.demo', '2024-12-02T10:00:00Z'),
    sign(rv[0], GH, 'admin@midtjylland.demo', '2024-12-05T10:00:00Z'),
    sign(rv[0], MUN, 'admin@randers.demo', '2024-12-12T14:00:00Z'),
    sign(rv[1], MUN, 'admin@randers.demo', '2026-01-28T10:00:00Z'),
    sign(rv[1], COUNCIL, 'admin@erhvervranders.demo', '2026-02-03T10:00:00Z'),
    sign(rv[1], GH, 'admin@midtjylland.demo', '2026-02-10T12:00:00Z'),
  ]);
  await em.insert(AgreementTransition, [
    { agreementId: randers.id, fromState: null, toState: S.DRAFT, reason: null, byUserId: user('editor@randers.demo'), at: at('2024-10-01T09:00:00Z') },
    { agreementId: randers.id, fromState: S.DRAFT, toState: S.IN_NEGOTIATION, reason: null, byUserId: user('editor@randers.demo'), at: at('2024-11-01T09:00:00Z') },
    { agreementId: randers.id, fromState: S.IN_NEGOTIATION, toState: S.SIGNED, reason: 'Signed by every party.', byUserId: user('admin@randers.demo'), at: at('2024-12-12T14:00:00Z') },
    { agreementId: randers.id, fromState: S.SIGNED, toState: S.ACTIVE, reason: null, byUserId: user('editor@randers.demo'), at: at('2025-01-02T08:00:00Z') },
  ]);

  // ---- 2. KKR Midtjylland + Erhvervshus Midtjylland: result contract 2026, ACTIVE.
  const kkrContent = {
    title: 'Resultatkontrakt mellem KKR Midtjylland og Erhvervshus Midtjylland 2026',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    purpose: 'Erhvervshusets resultatmål for den specialiserede erhvervsservice i de 19 midtjyske kommuner, herunder de nationale mål aftalt mellem KL og Erhvervsministeriet.',
    targetGroups: ['Virksomheder med vækstpotentiale i Region Midtjylland', 'Vækstiværksættere'],
    currency: C.DKK,
    taskDivision: [
      { organisationId: GH, tasks: 'Levere specialiseret vejledning, vækstkortlægninger og vækstpartnerskaber; afrapportere halvårligt til KKR.' },
      { organisationId: KKR, tasks: 'Fastlægge regionale prioriteter og følge op på resultatmålene på KKR-møderne.' },
    ],
    economy: [{ organisationId: KKR, year: 2026, amount: 38_500_000, note: 'Kommunal basisfinansiering af Erhvervshus Midtjylland' }],
    kpis: [
      { key: 'vaekstkortlaegninger', name: 'Vækstkortlægninger i regionen', metric: M.GROWTH_MAPPINGS, target: 600, unit: U.COUNT, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: null },
      { key: 'henvisning-private', name: 'Andel henvisninger til private rådgivere', metric: M.REFERRALS_TO_PRIVATE_ADVISORS_SHARE, target: 35, unit: U.PERCENT, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: 'Nationalt mål: erhvervshusene bygger bro til private rådgivere.' },
      { key: 'vaekstpartnerskaber', name: 'Virksomheder i vækstpartnerskab', metric: M.FIRMS_IN_GROWTH_PARTNERSHIPS, target: 60, unit: U.COUNT, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: null },
      { key: 'job-selvrapporteret', name: 'Job (selvrapporteret af virksomhederne)', metric: M.JOBS_SELF_REPORTED, target: 900, unit: U.JOBS, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: 'Holdes adskilt fra registermålte job.' },
      { key: 'job-registermaalt', name: 'Job (målt i registre)', metric: M.JOBS_REGISTER_MEASURED, target: 700, unit: U.JOBS, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: null },
      { key: 'tilfredshed', name: 'Tilfredshed med vækstkortlægningen', metric: M.EXTERNAL, target: 8, unit: U.SCORE, periodStart: '2026-01-01', periodEnd: '2026-12-31', description: 'Ekstern måling (effektmåling af erhvervsfremmesystemet).' },
    ] as AgreementKpi[],
  };
  const kkr = await em.save(
    em.create(ServiceAgreement, {
      kind: AgreementKind.RESULT_CONTRACT, state: S.ACTIVE, currentVersionNumber: 1, inForceVersionNumber: 1, terminationReason: null,
      stateChangedAt: at('2026-01-05T08:00:00Z'), createdByOrganisationId: GH, createdByUserId: user('admin@midtjylland.demo'), createdAt: at('2025-10-15T09:00:00Z'),
    }),
  );
  await em.insert(AgreementParty, [
    { agreementId: kkr.id, organisationId: KKR, role: R.REGIONAL_COUNCIL, acceptedAt: at('2025-12-15T10:00:00Z'), acceptedByUserId: user('admin@kkr-midtjylland.demo') },
    { agreementId: kkr.id, organisationId: GH, role: R.GROWTH_HOUSE, acceptedAt: at('2025-10-15T09:00:00Z'), acceptedByUserId: user('admin@midtjylland.demo') },
  ]);
  const kv = await em.save(em.create(AgreementVersion, { agreementId: kkr.id, number: 1, revision: 1, ...kkrContent, amendmentReason: null, createdByUserId: user('admin@midtjylland.demo'), completedAt: at('2025-12-15T10:00:00Z'), createdAt: at('2025-10-15T09:00:00Z'), editedAt: at('2025-11-20T09:00:00Z') }));
  await em.insert(AgreementSignature, [
    { agreementId: kkr.id, versionId: kv.id, partyOrganisationId: GH, signedByUserId: user('admin@midtjylland.demo'), versionNumber: 1, revision: 1, signedAt: at('2025-12-01T10:00:00Z') },
    { agreementId: kkr.id, versionId: kv.id, partyOrganisationId: KKR, signedByUserId: user('admin@kkr-midtjylland.demo'), versionNumber: 1, revision: 1, signedAt: at('2025-12-15T10:00:00Z') },
  ]);
  await em.insert(AgreementTransition, [
    { agreementId: kkr.id, fromState: null, toState: S.DRAFT, reason: null, byUserId: user('admin@midtjylland.demo'), at: at('2025-10-15T09:00:00Z') },
    { agreementId: kkr.id, fromState: S.DRAFT, toState: S.IN_NEGOTIATION, reason: null, byUserId: user('admin@midtjylland.demo'), at: at('2025-11-20T09:00:00Z') },
    { agreementId: kkr.id, fromState: S.IN_NEGOTIATION, toState: S.SIGNED, reason: 'Signed by every party.', byUserId: user('admin@kkr-midtjylland.demo'), at: at('2025-12-15T10:00:00Z') },
    { agreementId: kkr.id, fromState: S.SIGNED, toState: S.ACTIVE, reason: null, byUserId: user('admin@midtjylland.demo'), at: at('2026-01-05T08:00:00Z') },
  ]);

  // ---- 3. Silkeborg: DRAFT for 2027-2028.
  const SILK = org('mun:DK:740');
  const SILK_COUNCIL = org('council:silkeborg');
  const silk = await em.save(
    em.create(ServiceAgreement, {
      kind: AgreementKind.LOCAL_COOPERATION, state: S.DRAFT, currentVersionNumber: 1, inForceVersionNumber: null, terminationReason: null,
      stateChangedAt: at('2026-11-02T09:00:00Z'), createdByOrganisationId: GH, createdByUserId: user('admin@midtjylland.demo'), createdAt: at('2026-11-02T09:00:00Z'),
    }),
  );
  await em.insert(AgreementParty, [
    // A draft: only its creator has accepted so far.
    { agreementId: silk.id, organisationId: SILK, role: R.MUNICIPALITY, acceptedAt: null, acceptedByUserId: null },
    { agreementId: silk.id, organisationId: SILK_COUNCIL, role: R.BUSINESS_COUNCIL, acceptedAt: null, acceptedByUserId: null },
    { agreementId: silk.id, organisationId: GH, role: R.GROWTH_HOUSE, acceptedAt: at('2026-11-02T09:00:00Z'), acceptedByUserId: user('admin@midtjylland.demo') },
  ]);
  await em.insert(AgreementVersion, {
    agreementId: silk.id, number: 1, revision: 1,
    title: 'Lokal samarbejdsaftale om erhvervsservice mellem erhvervsilkeborg, Silkeborg Kommune og Erhvervshus Midtjylland 2027-2028',
    periodStart: '2027-01-01', periodEnd: '2028-12-31',
    purpose: 'Udkast: rammerne for samarbejdet om lokal og specialiseret erhvervsservice i Silkeborg.',
    targetGroups: ['Iværksættere', 'Etablerede virksomheder'],
    currency: C.DKK,
    taskDivision: [{ organisationId: SILK_COUNCIL, tasks: 'Lokal erhvervsservice og henvisning til Erhvervshuset.' }],
    economy: [{ organisationId: SILK, year: 2027, amount: 2_800_000, note: null }],
    kpis: [{ key: 'vaekstkortlaegninger', name: 'Vækstkortlægninger af virksomheder i Silkeborg Kommune', metric: M.GROWTH_MAPPINGS, target: 35, unit: U.COUNT, periodStart: '2027-01-01', periodEnd: '2027-12-31', description: null }],
    amendmentReason: null, createdByUserId: user('admin@midtjylland.demo'), completedAt: null,
  });
  await em.insert(AgreementTransition, { agreementId: silk.id, fromState: null, toState: S.DRAFT, reason: null, byUserId: user('admin@midtjylland.demo'), at: at('2026-11-02T09:00:00Z') });

  // ---- Follow-up on Randers for the first half of 2026: computed KPIs snapshotted from whatever journeys are recorded.
  const v2 = rv[1];
  const windows = v2.kpis.map((k) => ({ kpi: k, from: '2026-01-01', to: '2026-06-30' }));
  // The KPI functions answer a party of the agreement only (migration 1769226000000): the seed's transaction acts as the growth house for this.
  await em.query(`SELECT set_config('app.org_ids', $1, true)`, [GH]);
  const actuals = await computeKpiActuals(em, windows.map((w) => ({ agreementId: randers.id, metric: w.kpi.metric, from: w.from, to: w.to })));
  await em.query(`SELECT set_config('app.org_ids', '', true)`);
  const entries: AgreementFollowUpEntry[] = windows.map((w, i) => {
    const external = w.kpi.metric === M.EXTERNAL;
    return {
      kpiKey: w.kpi.key, name: w.kpi.name, metric: w.kpi.metric, unit: w.kpi.unit, target: w.kpi.target, countedFrom: w.from, countedTo: w.to,
      actual: external ? 8.7 : actuals[i].actual,
      actualSource: external ? AgreementKpiActualSource.EXTERNAL_REPORTED : actuals[i].source,
      externalSource: external ? 'Brugertilfredshedsundersøgelse 1. halvår 2026 (Epinion, 212 svar)' : null,
      countedEntries: external ? null : actuals[i].counted,
    };
  });
  await em.insert(AgreementFollowUp, {
    agreementId: randers.id, versionNumber: 2, periodStart: '2026-01-01', periodEnd: '2026-06-30',
    comment: 'Opfølgning pr. 30. juni 2026. Vækstkortlægningerne følger planen efter tillæg 1; andelen af henvisninger til private rådgivere skal øges i 2. halvår.',
    entries, reportedByUserId: user('editor@randers.demo'), reportedByOrganisationId: MUN, reportedAt: at('2026-08-20T10:00:00Z'),
  });
}
