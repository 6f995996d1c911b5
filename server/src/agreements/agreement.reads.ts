import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { NotFoundError } from '../core/errors';
import { decodeCursor, keysetPage, toConnection } from '../core/pagination';
import { scoped } from '../core/scoped';
import { isUuid } from '../core/text';
import { loadGrants } from '../journeys/journey.access';
import { logForeignReads } from '../journeys/journey.resolver';
import { AgreementVersion, ServiceAgreement } from './agreement.entity';
import { AgreementKpiActualSource, isComputedMetric } from './agreement.enums';
import { ServiceAgreementFilter } from './agreement.inputs';
import { listCountedEntries } from './agreement.kpi';
import { agreementLoaders, partyOf } from './agreement.loaders';
import type { AgreementCountedEntry, AgreementKpiAttainmentReport } from './agreement.resolver';

/** The agreement area's reads (the resolver passes arguments in and results out). */

const loaders = agreementLoaders;
const agreementKey = (a: ServiceAgreement) => [a.createdAt.toISOString(), a.id];

/** The version whose KPIs count: the one in force, else the newest. */
export async function kpiVersion(ctx: RequestContext, a: ServiceAgreement): Promise<AgreementVersion> {
  const versions = await loaders(ctx).versions.load(a.id);
  return versions.find((v) => v.number === (a.inForceVersionNumber ?? a.currentVersionNumber))!;
}

export async function visibleAgreementOrThrow(ctx: RequestContext, id: string): Promise<ServiceAgreement> {
  const a = isUuid(id) ? await loaders(ctx).byId.load(id) : null;
  if (!a) throw new NotFoundError('Service agreement');
  return a;
}

/** Agreements the caller's organisations are party to, newest first. */
export async function listAgreements(ctx: RequestContext, filter: ServiceAgreementFilter | undefined, first: number, after: string | null | undefined) {
  const scope = ctx.scope.require(Capability.READ);
  // The row rule (parties and creator), narrowed to parties as everywhere in this area.
  const qb = scoped(ctx, ServiceAgreement, 'a').andWhere(partyOf('a'), { visibleOrgs: scope.organisationIds });
  if (filter?.states?.length) qb.andWhere('a.state = ANY(:states)', { states: filter.states });
  if (filter?.kinds?.length) qb.andWhere('a.kind = ANY(:kinds)', { kinds: filter.kinds });
  if (filter?.partyOrganisationId) {
    qb.andWhere('EXISTS (SELECT 1 FROM service_agreement_party fp WHERE fp.agreement_id = a.id AND fp.organisation_id = :party)', { party: filter.partyOrganisationId });
  }
  return keysetPage(qb, { first, after, order: ['a.createdAt', 'a.id'], shape: ['timestamp', 'uuid'], direction: 'DESC', keyOf: agreementKey });
}

/** Each KPI's actual (computed live from recorded work) against its target. */
export async function kpiAttainment(ctx: RequestContext, a: ServiceAgreement): Promise<AgreementKpiAttainmentReport> {
  const version = await kpiVersion(ctx, a);
  const computed = await Promise.all(
    version.kpis.map((k) => loaders(ctx).kpiActual.load({ agreementId: a.id, metric: k.metric, from: k.periodStart, to: k.periodEnd })),
  );
  const followUps = await loaders(ctx).followUps.load(a.id);
  const kpis = version.kpis.map((kpi, i) => {
    let { actual, source, counted, note } = computed[i];
    let externalSource: string | null = null;
    let reportedAt: Date | null = null;
    if (!isComputedMetric(kpi.metric)) {
      // The latest follow-up that reported this external KPI (follow-ups are newest first).
      for (const f of followUps) {
        const e = f.entries.find((x) => x.kpiKey === kpi.key && x.actualSource === AgreementKpiActualSource.EXTERNAL_REPORTED);
        if (e) {
          actual = e.actual;
          source = AgreementKpiActualSource.EXTERNAL_REPORTED;
          externalSource = e.externalSource;
          reportedAt = f.reportedAt;
          note = null;
          break;
        }
      }
    }
    return {
      kpi,
      actual,
      source,
      attainmentPercent: actual == null || !kpi.target ? null : Math.round((actual / kpi.target) * 10000) / 100,
      countedEntries: counted,
      externalSource,
      reportedAt,
      note,
    };
  });
  return { agreementId: a.id, versionNumber: version.number, computedAt: new Date(), kpis };
}

/** The entries a computed KPI counted that the caller may see, the others as counts per organisation. */
export async function kpiDrillDown(ctx: RequestContext, a: ServiceAgreement, kpiKey: string, first: number, after: string | null | undefined) {
  const version = await kpiVersion(ctx, a);
  const kpi = version.kpis.find((k) => k.key === kpiKey);
  if (!kpi) throw new NotFoundError('KPI');
  const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
  if (!isComputedMetric(kpi.metric)) return Object.assign(toConnection([], first, () => [], !!cursor), { hiddenEntries: [] });
  const mine = ctx.scope.organisationIds(Capability.READ);
  const { rows, hidden, scope } = await listCountedEntries(
    ctx.ds.manager, { agreementId: a.id, metric: kpi.metric, from: kpi.periodStart, to: kpi.periodEnd }, mine, first, cursor,
  );
  const page = rows.slice(0, first);
  // Entries of other organisations are shown on a consent/referral basis: log them like journey reads.
  const foreign = page.filter((r) => !mine.includes(r.organisation_id));
  if (foreign.length) {
    const grants = await loadGrants(ctx, [...new Set(foreign.map((r) => r.firm_id))], mine);
    await logForeignReads(ctx, foreign.map((r) => ({ id: r.id, firmId: r.firm_id, organisationId: r.organisation_id })), mine, [...grants.values()].flat());
  }
  const parties = scope?.partyIds ?? [];
  const entries = rows.map((r): AgreementCountedEntry & { key: [string, string] } => {
    const own = mine.includes(r.organisation_id);
    const party = parties.includes(r.organisation_id);
    const registerFirm = r.firm_status === 'REGISTERED' || (r.owner_organisation_id != null && mine.includes(r.owner_organisation_id));
    const occurredAt = new Date(r.occurred_at);
    return {
      key: [occurredAt.toISOString(), r.id],
      occurredAt,
      firmId: registerFirm ? r.firm_id : null,
      firmName: registerFirm ? r.firm_name : null,
      cvr: registerFirm ? r.cvr : null,
      organisationsnummer: registerFirm ? r.organisationsnummer : null,
      recordedByParty: party,
      recordedByOrganisationId: party ? r.organisation_id : null,
      contentVisible: own,
      touchpointId: own ? r.id : null,
      summary: own ? r.summary : null,
      value: own ? Number(r.value) : null,
    };
  });
  const hiddenEntries = hidden.map((h) => ({ organisationId: h.organisation_id, count: h.n }));
  return Object.assign(toConnection(entries, first, (e) => e.key, !!cursor), { hiddenEntries });
}
