import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { AgreementFollowUp, AgreementParty, AgreementSignature, AgreementTransition, AgreementVersion, ServiceAgreement } from './agreement.entity';
import { computeKpiActuals, KpiActual, KpiRequest } from './agreement.kpi';

/** SQL condition: the agreement `alias` has a party among :visibleOrgs. */
export const partyOf = (alias: string, param = 'visibleOrgs') =>
  `EXISTS (SELECT 1 FROM service_agreement_party vp WHERE vp.agreement_id = ${alias}.id AND vp.organisation_id = ANY(:${param}))`;

/**
 * Per-request loaders of the agreement area. `byId` applies the caller's scope (only parties see an
 * agreement); the other loaders are reached only from an agreement already visible to the caller.
 */
export function createAgreementLoaders(ctx: RequestContext) {
  const ds = ctx.ds;
  const groupBy = <T, K extends keyof T>(rows: T[], key: K, ids: readonly string[]) => {
    const map = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const r of rows) map.get(r[key] as unknown as string)?.push(r);
    return ids.map((id) => map.get(id)!);
  };
  return {
    byId: new DataLoader<string, ServiceAgreement | null>(async (ids) => {
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
    }),

    parties: new DataLoader<string, AgreementParty[]>(async (ids) => {
      const rows = await ds.getRepository(AgreementParty).createQueryBuilder('p').where('p.agreementId = ANY(:ids)', { ids: [...ids] }).orderBy('p.role').addOrderBy('p.organisationId').getMany();
      return groupBy(rows, 'agreementId', ids);
    }),

    versions: new DataLoader<string, AgreementVersion[]>(async (ids) => {
      const rows = await ds.getRepository(AgreementVersion).createQueryBuilder('v').where('v.agreementId = ANY(:ids)', { ids: [...ids] }).orderBy('v.number').getMany();
      return groupBy(rows, 'agreementId', ids);
    }),

    signatures: new DataLoader<string, AgreementSignature[]>(async (versionIds) => {
      const rows = await ds.getRepository(AgreementSignature).createQueryBuilder('s').where('s.versionId = ANY(:ids)', { ids: [...versionIds] }).orderBy('s.signedAt').addOrderBy('s.id').getMany();
      return groupBy(rows, 'versionId', versionIds);
    }),

    transitions: new DataLoader<string, AgreementTransition[]>(async (ids) => {
      const rows = await ds.getRepository(AgreementTransition).createQueryBuilder('t').where('t.agreementId = ANY(:ids)', { ids: [...ids] }).orderBy('t.at').addOrderBy('t.id').getMany();
      return groupBy(rows, 'agreementId', ids);
    }),

    /** Follow-ups, newest first. */
    followUps: new DataLoader<string, AgreementFollowUp[]>(async (ids) => {
      const rows = await ds.getRepository(AgreementFollowUp).createQueryBuilder('f').where('f.agreementId = ANY(:ids)', { ids: [...ids] }).orderBy('f.reportedAt', 'DESC').addOrderBy('f.id', 'DESC').getMany();
      return groupBy(rows, 'agreementId', ids);
    }),

    /** Live KPI actuals: one statement per metric for all KPIs of a request. */
    kpiActual: new DataLoader<KpiRequest, KpiActual, string>((reqs) => computeKpiActuals(ds.manager, reqs), {
      cacheKeyFn: (r) => `${r.agreementId}|${r.metric}|${r.from}|${r.to}`,
    }),
  };
}

export const agreementLoaders = (ctx: RequestContext) => ctx.loaders.get(createAgreementLoaders);
