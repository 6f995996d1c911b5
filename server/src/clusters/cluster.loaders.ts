import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { groupByParent, pagePerParent } from '../core/loaders';
import { scoped } from '../core/scoped';
import { ClusterActivity, ClusterActivityAttendance } from './cluster-activity.entity';
import { ClusterMember, ClusterMemberKind } from './cluster-member.entity';
import { OfficeCoFinancing, OfficeCoFinancingAmount, OfficeCoFinancingShare } from './office-co-financing.entity';
import { ALL_PLACEMENT_CRITERIA, OfficePlacementProposal, OfficePlacementScore } from './office-placement.entity';

export type { PageKey } from '../core/loaders';

/**
 * Per-request loaders for clusters; each applies the caller's visibility. Proposals, co-financings and
 * their child rows read through scoped() (their row rules in core/row-rules.ts); member and attendance
 * lists add the stricter area rule on top: only the cluster's own readers see them.
 */
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
      const rows = await scoped(ctx, ClusterActivity, 'a').where('a.id = ANY(:ids)', { ids: [...ids] }).getMany();
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
      const rows = await scoped(ctx, ClusterActivityAttendance, 't')
        .innerJoin(ClusterActivity, 'ca', 'ca.id = t.activity_id')
        .andWhere('t.activityId = ANY(:ids)', { ids: [...ids] })
        // Stricter than the row rule (which also lets the attending organisation see its own row).
        .andWhere('ca.cluster_organisation_id = ANY(:scope)', { scope: readIds() })
        .orderBy('t.recordedAt')
        .addOrderBy('t.id')
        .getMany();
      return groupByParent(ids, rows, (r) => r.activityId);
    }),

    proposalById: new DataLoader<string, OfficePlacementProposal | null>(async (ids) => {
      const rows = await scoped(ctx, OfficePlacementProposal, 'p').andWhere('p.id = ANY(:ids)', { ids: [...ids] }).getMany();
      const map = new Map(rows.map((p) => [p.id, p]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Visible proposals per cluster. */
    proposalsByCluster: new DataLoader<string, OfficePlacementProposal[]>(async (ids) => {
      const rows = await scoped(ctx, OfficePlacementProposal, 'p')
        .andWhere('p.clusterOrganisationId = ANY(:ids)', { ids: [...ids] })
        .orderBy('p.createdAt')
        .addOrderBy('p.id')
        .getMany();
      return groupByParent(ids, rows, (r) => r.clusterOrganisationId);
    }),

    /** Visible proposals per office. */
    proposalsByOffice: new DataLoader<string, OfficePlacementProposal[]>(async (ids) => {
      const rows = await scoped(ctx, OfficePlacementProposal, 'p')
        .andWhere('p.officeOrganisationId = ANY(:ids)', { ids: [...ids] })
        .orderBy('p.createdAt')
        .addOrderBy('p.id')
        .getMany();
      return groupByParent(ids, rows, (r) => r.officeOrganisationId!);
    }),

    /** Scores of proposals the caller may see (the proposal's rule, applied here too). */
    scores: new DataLoader<string, OfficePlacementScore[]>(async (ids) => {
      const visible = await scoped(ctx, OfficePlacementScore, 's').andWhere('s.proposalId = ANY(:ids)', { ids: [...ids] }).getMany();
      // In the published order of the criteria.
      visible.sort((a, b) => ALL_PLACEMENT_CRITERIA.indexOf(a.criterion) - ALL_PLACEMENT_CRITERIA.indexOf(b.criterion));
      return groupByParent(ids, visible, (r) => r.proposalId);
    }),

    coFinancingById: new DataLoader<string, OfficeCoFinancing | null>(async (ids) => {
      const rows = await scoped(ctx, OfficeCoFinancing, 'c').andWhere('c.id = ANY(:ids)', { ids: [...ids] }).getMany();
      const map = new Map(rows.map((c) => [c.id, c]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Visible co-financings per office. */
    coFinancingsByOffice: new DataLoader<string, OfficeCoFinancing[]>(async (ids) => {
      const rows = await scoped(ctx, OfficeCoFinancing, 'c')
        .andWhere('c.officeOrganisationId = ANY(:ids)', { ids: [...ids] })
        .orderBy('c.createdAt')
        .addOrderBy('c.id')
        .getMany();
      return groupByParent(ids, rows, (r) => r.officeOrganisationId);
    }),

    /** Shares and amounts of co-financings the caller may see (the co-financing's rule, applied here too). */
    shares: new DataLoader<string, OfficeCoFinancingShare[]>(async (ids) => {
      // Not alias "s": the share's row rule uses it inside (scoped() refuses the clash).
      const rows = await scoped(ctx, OfficeCoFinancingShare, 'sh')
        .andWhere('sh.coFinancingId = ANY(:ids)', { ids: [...ids] })
        .orderBy('sh.position')
        .addOrderBy('sh.id')
        .getMany();
      return groupByParent(ids, rows, (r) => r.coFinancingId);
    }),

    amounts: new DataLoader<string, OfficeCoFinancingAmount[]>(async (ids) => {
      const rows = await scoped(ctx, OfficeCoFinancingAmount, 'a')
        .andWhere('a.coFinancingId = ANY(:ids)', { ids: [...ids] })
        .orderBy('a.year')
        .getMany();
      return groupByParent(ids, rows, (r) => r.coFinancingId);
    }),
  };
}

export const clusterLoaders = (ctx: RequestContext) => ctx.loaders.get(createClusterLoaders);
