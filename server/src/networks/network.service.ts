import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { keysetPage } from '../core/pagination';
import { scoped } from '../core/scoped';
import { FundingApplication, FundingApplicationStatus, FundingPool } from './funding.entity';
import { Network } from './network.entity';
import { restrictToVisibleApplications, restrictToVisibleNetworks } from './network.visibility';

/**
 * The networks area's list reads, through core/scoped.ts (each entity's row rule), narrowed by the area's
 * own rules in network.visibility.ts where they are stricter (networks: owner and secretariat).
 */

export const networkKey = (n: Network) => [n.name.toLowerCase(), n.id];
export const applicationKey = (a: FundingApplication) => [a.projectName.toLowerCase(), a.id];

/** Networks the caller's organisations own or are secretariat for, by name. */
export function listNetworks(ctx: RequestContext, first: number, after: string | null | undefined) {
  const scope = ctx.scope.require(Capability.READ);
  const qb = restrictToVisibleNetworks(scoped(ctx, Network, 'n'), 'n', scope);
  return keysetPage(qb, { first, after, order: ['lower(n.name)', 'n.id'], shape: ['text', 'uuid'], keyOf: networkKey });
}

/** Funding pools (public: announced to every signed-in caller), by name. */
export function listFundingPools(ctx: RequestContext, first: number, after: string | null | undefined) {
  return keysetPage(scoped(ctx, FundingPool, 'p'), { first, after, order: ['lower(p.name)', 'p.id'], shape: ['text', 'uuid'], keyOf: (p) => [p.name.toLowerCase(), p.id] });
}

/** Applications of the caller's organisations, and submitted ones to pools they own, by project name. */
export function listApplications(
  ctx: RequestContext,
  filter: { status?: FundingApplicationStatus | null; poolId?: string | null } | undefined,
  first: number,
  after: string | null | undefined,
) {
  const scope = ctx.scope.require(Capability.READ);
  const qb = restrictToVisibleApplications(scoped(ctx, FundingApplication, 'a'), 'a', scope);
  if (filter?.status) qb.andWhere('a.status = :status', { status: filter.status });
  if (filter?.poolId) qb.andWhere('a.pool_id = :poolId', { poolId: filter.poolId });
  return keysetPage(qb, { first, after, order: ['lower(a.project_name)', 'a.id'], shape: ['text', 'uuid'], keyOf: applicationKey });
}
