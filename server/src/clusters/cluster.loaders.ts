import DataLoader from 'dataloader';
import { ObjectLiteral, Repository } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { ClusterActivity, ClusterActivityAttendance } from './cluster-activity.entity';
import { ClusterMember, ClusterMemberKind } from './cluster-member.entity';
import { restrictToVisibleCoFinancings, restrictToVisibleProposals } from './cluster.visibility';
import { OfficeCoFinancing, OfficeCoFinancingAmount, OfficeCoFinancingShare } from './office-co-financing.entity';
import { ALL_PLACEMENT_CRITERIA, OfficePlacementProposal, OfficePlacementScore } from './office-placement.entity';

export interface PageKey {
  parentId: string;
  first: number;
  afterId: string | null;
}

const pageKey = (k: PageKey) => JSON.stringify([k.parentId, k.first, k.afterId]);

const groupBy = <T>(ids: readonly string[], rows: T[], keyOf: (row: T) => string) => {
  const map = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return ids.map((id) => map.get(id) ?? []);
};

/**
 * One page per parent for many parents in one statement (window function), keyset on (orderColumn, id).
 * `extra` adds conditions to the inner query (e.g. the caller's scope).
 */
function pagedByParent<T extends ObjectLiteral & { id: string }>(
  repo: Repository<T>,
  table: string,
  parentColumn: string,
  parentOf: (row: T) => string,
  orderColumn: string,
  extra: (parentIds: string[]) => { sql: string; params: Record<string, unknown> } | null = () => null,
) {
  return new DataLoader<PageKey, T[], string>(
    async (keys) => {
      const results = new Map<string, T[]>();
      const groups = new Map<string, PageKey[]>();
      for (const k of keys) {
        const g = JSON.stringify([k.first, k.afterId]);
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      for (const group of groups.values()) {
        const { first, afterId } = group[0];
        const parentIds = group.map((k) => k.parentId);
        const inner = repo
          .createQueryBuilder('x')
          .select('x.id', 'id')
          .addSelect(`row_number() OVER (PARTITION BY x.${parentColumn} ORDER BY x.${orderColumn}, x.id)`, 'rn')
          .where(`x.${parentColumn} = ANY(:parentIds)`, { parentIds });
        const cond = extra(parentIds);
        if (cond) inner.andWhere(cond.sql, cond.params);
        if (afterId) inner.andWhere(`(x.${orderColumn}, x.id) > (SELECT a.${orderColumn}, a.id FROM ${table} a WHERE a.id = CAST(:afterId AS uuid))`, { afterId });
        const rows = await repo
          .createQueryBuilder('row')
          .where(`row.id IN (SELECT ranked.id FROM (${inner.getQuery()}) ranked WHERE ranked.rn <= :limit)`)
          .setParameters({ ...inner.getParameters(), limit: first + 1 })
          .orderBy(`row.${orderColumn}`)
          .addOrderBy('row.id')
          .getMany();
        for (const k of group) results.set(pageKey(k), rows.filter((r) => parentOf(r) === k.parentId));
      }
      return keys.map((k) => results.get(pageKey(k)) ?? []);
    },
    { cacheKeyFn: pageKey },
  );
}

/** Per-request loaders for clusters; each applies the caller's visibility. */
export function createClusterLoaders(ctx: RequestContext) {
  const ds = ctx.ds;
  const readIds = () => ctx.scope.organisationIds(Capability.READ);
  return {
    /** Member counts per cluster and kind (public: counts only). */
    memberCounts: new DataLoader<string, Map<ClusterMemberKind, number>>(async (ids) => {
      const rows: Array<{ cluster: string; kind: ClusterMemberKind; n: number }> = await ds.query(
        // Counts are public: a view of counts only (RLS keeps the member rows to the cluster).
        `SELECT cluster_organisation_id AS cluster, kind, n FROM cluster_member_count WHERE cluster_organisation_id = ANY($1)`,
        [[...ids]],
      );
      const map = new Map(ids.map((id) => [id, new Map<ClusterMemberKind, number>()]));
      for (const r of rows) map.get(r.cluster)!.set(r.kind, r.n);
      return ids.map((id) => map.get(id)!);
    }),

    /** A page of members per cluster; only clusters the caller reads for (others get nothing). */
    memberPage: pagedByParent(ds.getRepository(ClusterMember), 'cluster_member', 'cluster_organisation_id', (m) => m.clusterOrganisationId, 'created_at', () => ({
      sql: 'x.cluster_organisation_id = ANY(:memberScope)',
      params: { memberScope: readIds() },
    })),

    /** A page of activities per cluster (public to signed-in callers), by start time. */
    activityPage: pagedByParent(ds.getRepository(ClusterActivity), 'cluster_activity', 'cluster_organisation_id', (a) => a.clusterOrganisationId, 'starts_at'),

    activityById: new DataLoader<string, ClusterActivity | null>(async (ids) => {
      const rows = await ds.getRepository(ClusterActivity).createQueryBuilder('a').where('a.id = ANY(:ids)', { ids: [...ids] }).getMany();
      const map = new Map(rows.map((a) => [a.id, a]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    attendanceCount: new DataLoader<string, number>(async (ids) => {
      const rows: Array<{ activity: string; n: number }> = await ds.query(
        `SELECT activity_id AS activity, n FROM activity_attendance_count WHERE activity_id = ANY($1)`,
        [[...ids]],
      );
      const map = new Map(rows.map((r) => [r.activity, r.n]));
      return ids.map((id) => map.get(id) ?? 0);
    }),

    /** Attendance of activities of clusters the caller reads for. */
    attendance: new DataLoader<string, ClusterActivityAttendance[]>(async (ids) => {
      const rows = await ds
        .getRepository(ClusterActivityAttendance)
        .createQueryBuilder('t')
        .innerJoin(ClusterActivity, 'a', 'a.id = t.activity_id')
        .where('t.activityId = ANY(:ids)', { ids: [...ids] })
        .andWhere('a.cluster_organisation_id = ANY(:scope)', { scope: readIds() })
        .orderBy('t.recordedAt')
        .addOrderBy('t.id')
        .getMany();
      return groupBy(ids, rows, (r) => r.activityId);
    }),

    proposalById: new DataLoader<string, OfficePlacementProposal | null>(async (ids) => {
      const qb = ds.getRepository(OfficePlacementProposal).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleProposals(qb, 'p', ctx).getMany();
      const map = new Map(rows.map((p) => [p.id, p]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Visible proposals per cluster. */
    proposalsByCluster: new DataLoader<string, OfficePlacementProposal[]>(async (ids) => {
      const qb = ds.getRepository(OfficePlacementProposal).createQueryBuilder('p').where('p.clusterOrganisationId = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleProposals(qb, 'p', ctx).orderBy('p.createdAt').addOrderBy('p.id').getMany();
      return groupBy(ids, rows, (r) => r.clusterOrganisationId);
    }),

    /** Visible proposals per office. */
    proposalsByOffice: new DataLoader<string, OfficePlacementProposal[]>(async (ids) => {
      const qb = ds.getRepository(OfficePlacementProposal).createQueryBuilder('p').where('p.officeOrganisationId = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleProposals(qb, 'p', ctx).orderBy('p.createdAt').addOrderBy('p.id').getMany();
      return groupBy(ids, rows, (r) => r.officeOrganisationId!);
    }),

    /** Scores of proposals the caller may see (the proposal's rule, applied here too). */
    scores: new DataLoader<string, OfficePlacementScore[]>(async (ids) => {
      const rows = await ds.getRepository(OfficePlacementScore).createQueryBuilder('s')
        .innerJoin(OfficePlacementProposal, 'vp', 'vp.id = s.proposal_id')
        .where('s.proposalId = ANY(:ids)', { ids: [...ids] });
      const visible = await restrictToVisibleProposals(rows, 'vp', ctx).getMany();
      // In the published order of the criteria.
      visible.sort((a, b) => ALL_PLACEMENT_CRITERIA.indexOf(a.criterion) - ALL_PLACEMENT_CRITERIA.indexOf(b.criterion));
      return groupBy(ids, visible, (r) => r.proposalId);
    }),

    coFinancingById: new DataLoader<string, OfficeCoFinancing | null>(async (ids) => {
      const qb = ds.getRepository(OfficeCoFinancing).createQueryBuilder('c').where('c.id = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleCoFinancings(qb, 'c', ctx).getMany();
      const map = new Map(rows.map((c) => [c.id, c]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Visible co-financings per office. */
    coFinancingsByOffice: new DataLoader<string, OfficeCoFinancing[]>(async (ids) => {
      const qb = ds.getRepository(OfficeCoFinancing).createQueryBuilder('c').where('c.officeOrganisationId = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleCoFinancings(qb, 'c', ctx).orderBy('c.createdAt').addOrderBy('c.id').getMany();
      return groupBy(ids, rows, (r) => r.officeOrganisationId);
    }),

    /** Shares and amounts of co-financings the caller may see (the co-financing's rule, applied here too). */
    shares: new DataLoader<string, OfficeCoFinancingShare[]>(async (ids) => {
      const qb = ds
        .getRepository(OfficeCoFinancingShare)
        .createQueryBuilder('s')
        .innerJoin(OfficeCoFinancing, 'vc', 'vc.id = s.co_financing_id')
        .where('s.coFinancingId = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleCoFinancings(qb, 'vc', ctx)
        .orderBy('s.position')
        .addOrderBy('s.id')
        .getMany();
      return groupBy(ids, rows, (r) => r.coFinancingId);
    }),

    amounts: new DataLoader<string, OfficeCoFinancingAmount[]>(async (ids) => {
      const qb = ds
        .getRepository(OfficeCoFinancingAmount)
        .createQueryBuilder('a')
        .innerJoin(OfficeCoFinancing, 'vc', 'vc.id = a.co_financing_id')
        .where('a.coFinancingId = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleCoFinancings(qb, 'vc', ctx)
        .orderBy('a.year')
        .getMany();
      return groupBy(ids, rows, (r) => r.coFinancingId);
    }),
  };
}

export const clusterLoaders = (ctx: RequestContext) => ctx.loaders.get(createClusterLoaders);
