import { RequestContext } from '../core/context';
import { keysetPage } from '../core/pagination';
import { scoped } from '../core/scoped';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { ClusterActivity } from './cluster-activity.entity';
import { ClusterActivityFilter } from './cluster.inputs';
import { afterRow } from './cluster.visibility';
import { OfficeCoFinancing } from './office-co-financing.entity';
import { OfficePlacementProposal } from './office-placement.entity';

/**
 * The clusters area's list reads, each through core/scoped.ts: proposals and co-financings carry their
 * row rule (the cluster and the lead/paying municipalities); organisations and activities are public.
 */

/** National clusters (organisations of kind CLUSTER), by name. */
export function listClusters(ctx: RequestContext, first: number, after: string | null | undefined) {
  const qb = scoped(ctx, Organisation, 'o').andWhere('o.kind = :kind', { kind: OrganisationKind.CLUSTER });
  return keysetPage(qb, { first, after, order: ['lower(o.name)', 'o.id'], shape: ['text', 'uuid'], keyOf: (o) => [o.name.toLowerCase(), o.id] });
}

/** Placement proposals the caller's organisations are party to, oldest first (`first + 1` rows). */
export function listProposals(ctx: RequestContext, first: number, afterId: string | null) {
  const qb = scoped(ctx, OfficePlacementProposal, 'pp');
  afterRow(qb, 'pp', 'office_placement_proposal', 'created_at', afterId);
  return qb.orderBy('pp.createdAt').addOrderBy('pp.id').limit(first + 1).getMany();
}

/** Co-financing agreements the caller's organisations are party to (cluster or paying municipality). */
export function listCoFinancings(ctx: RequestContext) {
  return scoped(ctx, OfficeCoFinancing, 'cf').orderBy('cf.createdAt').addOrderBy('cf.id').limit(500).getMany();
}

/** Cluster activities by start time (`first + 1` rows). */
export function listActivities(ctx: RequestContext, filter: ClusterActivityFilter | undefined, first: number, afterId: string | null) {
  const qb = scoped(ctx, ClusterActivity, 'a');
  if (filter?.clusterId) qb.andWhere('a.clusterOrganisationId = :cluster', { cluster: filter.clusterId });
  if (filter?.officeId) qb.andWhere('a.officeOrganisationId = :office', { office: filter.officeId });
  if (filter?.kinds?.length) qb.andWhere('a.kind = ANY(:kinds)', { kinds: filter.kinds });
  if (filter?.startsFrom) qb.andWhere('a.startsAt >= :from', { from: new Date(filter.startsFrom) });
  afterRow(qb, 'a', 'cluster_activity', 'starts_at', afterId);
  return qb.orderBy('a.startsAt').addOrderBy('a.id').limit(first + 1).getMany();
}
