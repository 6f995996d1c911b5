import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
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
  const groupBy = <T, K extends keyof T>(rows: T[], key: K, ids: readonly string[]) => {
    const map = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const r of rows) map.get(r[key] as unknown as string)?.push(r);
    return ids.map((id) => map.get(id)!);
  };
  const visibleOrgs = () => ctx.scope.optional(Capability.READ)?.organisationIds ?? null;
  const byId = new DataLoader<string, ServiceAgreement | null>(async (ids) => {
      const scope = ctx.scope.optional(Capability.READ);
      if (!scope) return ids.map(() => null);
      const rows = await ds
        .getRepository(ServiceAgreement)
        .createQueryBuilder('a')
        .where('a.id = ANY(:ids)', { ids: [...ids] })
        .andWhere(partyOf('a'), { visibleOrgs: scope.organisationIds })
        .getMany();
      const map = new Map(rows.map((a) => [a.id, a]));
      return ids.map((id) => map.get(id) ?? null);
    });
  return {
    byId,

    // Child rows apply the parent's rule themselves (only parties see an agreement's parts), so a loader
    // called with an agreement id the caller cannot see returns nothing, whatever road led to it.
    parties: new DataLoader<string, AgreementParty[]>(async (ids) => {
      const orgs = visibleOrgs();
      if (!orgs) return ids.map(() => []);
      const rows = await ds.getRepository(AgreementParty).createQueryBuilder('p').where('p.agreementId = ANY(:ids)', { ids: [...ids] })
        .andWhere(childOfVisible('p'), { visibleOrgs: orgs }).orderBy('p.role').addOrderBy('p.organisationId').getMany();
      return groupBy(rows, 'agreementId', ids);
    }),

    versions: new DataLoader<string, AgreementVersion[]>(async (ids) => {
      const orgs = visibleOrgs();
      if (!orgs) return ids.map(() => []);
      const rows = await ds.getRepository(AgreementVersion).createQueryBuilder('v').where('v.agreementId = ANY(:ids)', { ids: [...ids] })
        .andWhere(childOfVisible('v'), { visibleOrgs: orgs }).orderBy('v.number').getMany();
      return groupBy(rows, 'agreementId', ids);
    }),

    signatures: new DataLoader<string, AgreementSignature[]>(async (versionIds) => {
      const orgs = visibleOrgs();
      if (!orgs) return versionIds.map(() => []);
      const rows = await ds.getRepository(AgreementSignature).createQueryBuilder('s').where('s.versionId = ANY(:ids)', { ids: [...versionIds] })
        .andWhere(childOfVisible('s'), { visibleOrgs: orgs }).orderBy('s.signedAt').addOrderBy('s.id').getMany();
      return groupBy(rows, 'versionId', versionIds);
    }),

    transitions: new DataLoader<string, AgreementTransition[]>(async (ids) => {
      const orgs = visibleOrgs();
      if (!orgs) return ids.map(() => []);
      const rows = await ds.getRepository(AgreementTransition).createQueryBuilder('t').where('t.agreementId = ANY(:ids)', { ids: [...ids] })
        .andWhere(childOfVisible('t'), { visibleOrgs: orgs }).orderBy('t.at').addOrderBy('t.id').getMany();
      return groupBy(rows, 'agreementId', ids);
    }),

    /** Follow-ups, newest first. */
    followUps: new DataLoader<string, AgreementFollowUp[]>(async (ids) => {
      const orgs = visibleOrgs();
      if (!orgs) return ids.map(() => []);
      const rows = await ds.getRepository(AgreementFollowUp).createQueryBuilder('f').where('f.agreementId = ANY(:ids)', { ids: [...ids] })
        .andWhere(childOfVisible('f'), { visibleOrgs: orgs }).orderBy('f.reportedAt', 'DESC').addOrderBy('f.id', 'DESC').getMany();
      return groupBy(rows, 'agreementId', ids);
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
