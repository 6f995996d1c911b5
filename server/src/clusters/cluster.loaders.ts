import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { groupByParent, pagePerParent } from '../core/loaders';
import { ClusterActivity, ClusterActivityAttendance } from './cluster-activity.entity';
import { ClusterMember, ClusterMemberKind } from './cluster-member.entity';
import { restrictToVisibleCoFinancings, restrictToVisibleProposals } from './cluster.visibility';
import { OfficeCoFinancing, OfficeCoFinancingAmount, OfficeCoFinancingShare } from './office-co-financing.entity';
import { ALL_PLACEMENT_CRITERIA, OfficePlacementProposal, OfficePlacementScore } from './office-placement.entity';

export type { PageKey } from '../core/loaders';

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
    memberPage: pagePerParent(ctx, ClusterMember, 'cluster_organisation_id', (m) => m.clusterOrganisationId, 'created_at', () => ({
      sql: 'x.cluster_organisation_id = ANY(:memberScope)',
      params: { memberScope: readIds() },
    })),

    /** A page of activities per cluster (public to signed-in callers), by start time. */
    activityPage: pagePerParent(ctx, ClusterActivity, 'cluster_organisation_id', (a) => a.clusterOrganisationId, 'starts_at'),

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
      return groupByParent(ids, rows, (r) => r.activityId);
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
      return groupByParent(ids, rows, (r) => r.clusterOrganisationId);
    }),

    /** Visible proposals per office. */
    proposalsByOffice: new DataLoader<string, OfficePlacementProposal[]>(async (ids) => {
      const qb = ds.getRepository(OfficePlacementProposal).createQueryBuilder('p').where('p.officeOrganisationId = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleProposals(qb, 'p', ctx).orderBy('p.createdAt').addOrderBy('p.id').getMany();
      return groupByParent(ids, rows, (r) => r.officeOrganisationId!);
    }),

    /** Scores of proposals the caller may see (the proposal's rule, applied here too). */
    scores: new DataLoader<string, OfficePlacementScore[]>(async (ids) => {
      const rows = await ds.getRepository(OfficePlacementScore).createQueryBuilder('s')
        .innerJoin(OfficePlacementProposal, 'vp', 'vp.id = s.proposal_id')
        .where('s.proposalId = ANY(:ids)', { ids: [...ids] });
      const visible = await restrictToVisibleProposals(rows, 'vp', ctx).getMany();
      // In the published order of the criteria.
      visible.sort((a, b) => ALL_PLACEMENT_CRITERIA.indexOf(a.criterion) - ALL_PLACEMENT_CRITERIA.indexOf(b.criterion));
      return groupByParent(ids, visible, (r) => r.proposalId);
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
      return groupByParent(ids, rows, (r) => r.officeOrganisationId);
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
      return groupByParent(ids, rows, (r) => r.coFinancingId);
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
      return groupByParent(ids, rows, (r) => r.coFinancingId);
    }),
  };
}

export const clusterLoaders = (ctx: RequestContext) => ctx.loaders.get(createClusterLoaders);
