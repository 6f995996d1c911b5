import { TestApp } from '../testing/harness';

/** Shared by the agreement tests: operations, a valid content, and the demo seed (if the lead has not wired it yet). */

export const AGREEMENT_FIELDS = `id kind state version currentVersionNumber inForceVersionNumber title hasPendingAmendment allowedTransitions canEdit
  parties { role organisation { id name } }
  currentVersion { number revision title periodStart periodEnd purpose targetGroups currency
    taskDivision { organisationId tasks } economy { organisationId year amount note }
    kpis { key name metric target unit periodStart periodEnd computed }
    signatures { party { id } revision valid } unsignedParties { id } }`;

export const Q = {
  AGREEMENT: `query($id: ID!) { serviceAgreement(id: $id) { ${AGREEMENT_FIELDS} } }`,
  LIST: `query($f: ServiceAgreementFilter, $first: Int, $after: String) { serviceAgreements(filter: $f, first: $first, after: $after) {
    edges { cursor node { id title state } } pageInfo { hasNextPage endCursor } } }`,
  COMPARE: `query($id: ID!, $from: Int!, $to: Int!) { compareAgreementVersions(agreementId: $id, from: $from, to: $to) {
    from { number } to { number } differences { path kind before after } } }`,
  ATTAINMENT: `query($id: ID!) { agreementKpiAttainment(agreementId: $id) { versionNumber kpis { kpi { key metric target } actual source attainmentPercent countedEntries externalSource note } } }`,
  DRILL: `query($id: ID!, $key: String!, $first: Int, $after: String) { agreementKpiDrillDown(agreementId: $id, kpiKey: $key, first: $first, after: $after) {
    edges { node { occurredAt firmId firmName cvr recordedByParty recordedByOrganisationId contentVisible touchpointId summary value } } pageInfo { hasNextPage endCursor } } }`,
};

const PAYLOAD = `agreement { ${AGREEMENT_FIELDS} } current { id version state currentVersion { title revision targetGroups } } userErrors { field message code }`;
export const M = {
  CREATE: `mutation($i: CreateServiceAgreementInput!) { createServiceAgreement(input: $i) { ${PAYLOAD} } }`,
  UPDATE: `mutation($i: UpdateAgreementDraftInput!) { updateAgreementDraft(input: $i) { ${PAYLOAD} } }`,
  TRANSITION: `mutation($i: TransitionAgreementInput!) { transitionAgreement(input: $i) { ${PAYLOAD} } }`,
  SIGN: `mutation($i: SignAgreementInput!) { signAgreement(input: $i) { signature { revision versionNumber } ${PAYLOAD} } }`,
  AMEND: `mutation($i: AmendAgreementInput!) { amendAgreement(input: $i) { ${PAYLOAD} } }`,
  FOLLOW_UP: `mutation($i: RecordFollowUpInput!) { recordFollowUp(input: $i) {
    followUp { id versionNumber periodStart periodEnd comment reportedAt reportedBy { displayName } reportedByOrganisation { name }
      entries { kpiKey metric target actual liveActual actualSource externalSource countedEntries countedFrom countedTo } }
    ${PAYLOAD} } }`,
};

export const EDITOR = { email: 'editor@randers.demo' }; // Randers Kommune EDITOR, Erhverv Randers VIEWER
export const MUN_ADMIN = { email: 'admin@randers.demo' };
export const COUNCIL_ADMIN = { email: 'admin@erhvervranders.demo' };
export const GH_ADMIN = { email: 'admin@midtjylland.demo' }; // Erhvervshus Midtjylland ADMIN, KKR VIEWER
export const GH_CONSULTANT = { email: 'consultant@midtjylland.demo' };
export const OTHER = { email: 'consultant@hovedstaden.demo' };
export const OTHER_ADMIN = { email: 'admin@hovedstaden.demo' };

export function partiesOf(app: TestApp) {
  return [
    { organisationId: app.org('mun:DK:730').id, role: 'MUNICIPALITY' },
    { organisationId: app.org('council:randers').id, role: 'BUSINESS_COUNCIL' },
    { organisationId: app.org('gh:midtjylland').id, role: 'GROWTH_HOUSE' },
  ];
}

export function contentOf(app: TestApp, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Testaftale om erhvervsservice',
    periodStart: '2026-01-01',
    periodEnd: '2027-12-31',
    purpose: 'Sammenhængende erhvervsservice.',
    targetGroups: ['Iværksættere'],
    currency: 'DKK',
    taskDivision: [{ organisationId: app.org('council:randers').id, tasks: 'Lokal erhvervsservice.' }],
    economy: [{ organisationId: app.org('mun:DK:730').id, year: 2026, amount: 1000000 }],
    kpis: [
      { key: 'mappings', name: 'Vækstkortlægninger', metric: 'GROWTH_MAPPINGS', target: 40, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
      { key: 'satisfaction', name: 'Tilfredshed', metric: 'EXTERNAL', target: 8, unit: 'SCORE', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
    ],
    ...overrides,
  };
}

export async function createAgreement(app: TestApp, overrides: Record<string, unknown> = {}, as = EDITOR) {
  const r = await app.exec(M.CREATE, { i: { kind: 'LOCAL_COOPERATION', parties: partiesOf(app), content: contentOf(app), ...overrides } }, as);
  if (r.errors || r.data.createServiceAgreement.userErrors.length) throw new Error(JSON.stringify(r.errors ?? r.data.createServiceAgreement.userErrors));
  return r.data.createServiceAgreement.agreement as { id: string; version: number; [k: string]: any };
}

export async function versionOf(app: TestApp, id: string): Promise<number> {
  return (await app.ds.query('SELECT version FROM service_agreement WHERE id = $1', [id]))[0].version;
}

/** Creates an agreement and takes it through negotiation and every signature: SIGNED. */
export async function signedAgreement(app: TestApp, overrides: Record<string, unknown> = {}) {
  const a = await createAgreement(app, overrides);
  let r = await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: a.version, to: 'IN_NEGOTIATION' } }, EDITOR);
  if (r.data.transitionAgreement.userErrors.length) throw new Error(JSON.stringify(r.data.transitionAgreement.userErrors));
  for (const [who, org] of [[MUN_ADMIN, 'mun:DK:730'], [COUNCIL_ADMIN, 'council:randers'], [GH_ADMIN, 'gh:midtjylland']] as const) {
    r = await app.exec(M.SIGN, { i: { agreementId: a.id, expectedVersion: await versionOf(app, a.id), partyOrganisationId: app.org(org).id } }, who);
    if (r.data.signAgreement.userErrors.length) throw new Error(JSON.stringify(r.data.signAgreement.userErrors));
  }
  return r.data.signAgreement.agreement as { id: string; version: number; state: string; [k: string]: any };
}
