import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { groupByParent, oneEach } from '../core/loaders';
import { scoped } from '../core/scoped';
import { AgreementFollowUp, AgreementParty, AgreementSignature, AgreementTransition, AgreementVersion, ServiceAgreement } from './agreement.entity';
import { AgreementKpiActualSource } from './agreement.enums';
import { computeKpiActuals, KpiActual, KpiRequest } from './agreement.kpi';

/** SQL condition: the agreement `alias` has a party among :visibleOrgs. */
export const partyOf = (alias: string, param = 'visibleOrgs') =>
  `EXISTS (SELECT 1 FROM service_agreement_party vp WHERE vp.agreement_id = ${alias}.id AND vp.organisation_id = ANY(:${param}))`;

/** SQL condition: the child row `alias` (with agreement_id) belongs to an agreement with a party among :visibleOrgs. */
const childOfVisible = (alias: string) =>
  `EXISTS (SELECT 1 FROM service_agreement_party vp WHERE vp.agreement_id = ${alias}.agreement_id AND vp.organisation_id = ANY(:visibleOrgs))`;

const NOT_VISIBLE: KpiActual = { actual: null, source: AgreementKpiActualSource.NOT_COMPUTABLE, counted: null, note: 'Service agreement not found.' };

/**
 * Per-request loaders of the agreement area. `byId` applies the caller's scope (only parties see an
 * agreement), and so does every loader of its child rows (parties, versions, signatures, transitions,
 * follow-ups, KPI actuals): none relies on the road that led to it.
 */
export function createAgreementLoaders(ctx: RequestContext) {
  const ds = ctx.ds;
  const visibleOrgs = () => ctx.scope.optional(Capability.READ)?.organisationIds ?? null;
  const byId = new DataLoader<string, ServiceAgreement | null>(async (ids) => {
      const scope = ctx.scope.optional(Capability.READ);
      if (!scope) return ids.map(() => null);
      const rows = await scoped(ctx, ServiceAgreement, 'a')
        .andWhere('a.id = ANY(:ids)', { ids: [...ids] })
        .andWhere(partyOf('a'), { visibleOrgs: scope.organisationIds })
        .getMany();
      return oneEach(ids, rows);
    });
  return {
    byId,

    // Child rows apply the parent's rule themselves (only parties see an agreement's parts), so a loader
    // called with an agreement id the caller cannot see returns nothing, whatever road led to it.
    parties: new DataLoader<string, AgreementParty[]>(async (ids) => {
      const orgs = visibleOrgs();
      if (!orgs) return ids.map(() => []);
      const rows = await scoped(ctx, AgreementParty, 'ap').andWhere('ap.agreementId = ANY(:ids)', { ids: [...ids] })
        .andWhere(childOfVisible('ap'), { visibleOrgs: orgs }).orderBy('ap.role').addOrderBy('ap.organisationId').getMany();
      return groupByParent(ids, rows, (r) => r.agreementId);
    }),

    versions: new DataLoader<string, AgreementVersion[]>(async (ids) => {
      const orgs = visibleOrgs();
      if (!orgs) return ids.map(() => []);
      const rows = await scoped(ctx, AgreementVersion, 'av').andWhere('av.agreementId = ANY(:ids)', { ids: [...ids] })
        .andWhere(childOfVisible('av'), { visibleOrgs: orgs }).orderBy('av.number').getMany();
      return groupByParent(ids, rows, (r) => r.agreementId);
    }),

    signatures: new DataLoader<string, AgreementSignature[]>(async (versionIds) => {
      const orgs = visibleOrgs();
      if (!orgs) return versionIds.map(() => []);
      const rows = await scoped(ctx, AgreementSignature, 'sg').andWhere('sg.versionId = ANY(:ids)', { ids: [...versionIds] })
        .andWhere(childOfVisible('sg'), { visibleOrgs: orgs }).orderBy('sg.signedAt').addOrderBy('sg.id').getMany();
      return groupByParent(versionIds, rows, (r) => r.versionId);
    }),

    transitions: new DataLoader<string, AgreementTransition[]>(async (ids) => {
      const orgs = visibleOrgs();
      if (!orgs) return ids.map(() => []);
      const rows = await scoped(ctx, AgreementTransition, 'tr').andWhere('tr.agreementId = ANY(:ids)', { ids: [...ids] })
        .andWhere(childOfVisible('tr'), { visibleOrgs: orgs }).orderBy('tr.at').addOrderBy('tr.id').getMany();
      return groupByParent(ids, rows, (r) => r.agreementId);
    }),

    /** Follow-ups, newest first. */
    followUps: new DataLoader<string, AgreementFollowUp[]>(async (ids) => {
      const orgs = visibleOrgs();
      if (!orgs) return ids.map(() => []);
      const rows = await scoped(ctx, AgreementFollowUp, 'fu').andWhere('fu.agreementId = ANY(:ids)', { ids: [...ids] })
        .andWhere(childOfVisible('fu'), { visibleOrgs: orgs }).orderBy('fu.reportedAt', 'DESC').addOrderBy('fu.id', 'DESC').getMany();
      return groupByParent(ids, rows, (r) => r.agreementId);
    }),

    /** Live KPI actuals: one statement per metric for all KPIs of a request. */
    kpiActual: new DataLoader<KpiRequest, KpiActual, string>(async (reqs) => {
      // Only for agreements the caller is party to (the byId loader applies the rule).
      const visible = await Promise.all(reqs.map((r) => byId.load(r.agreementId)));
      const allowed = reqs.filter((_, i) => visible[i]);
      const computed = allowed.length ? await computeKpiActuals(ds.manager, allowed) : [];
      let k = 0;
      return reqs.map((_, i) => (visible[i] ? computed[k++] : NOT_VISIBLE));
    }, {
      cacheKeyFn: (r) => `${r.agreementId}|${r.metric}|${r.from}|${r.to}`,
    }),
  };
}

export const agreementLoaders = (ctx: RequestContext) => ctx.loaders.get(createAgreementLoaders);
