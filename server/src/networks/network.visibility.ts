import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { OrgScope } from '../core/scope';
import { FundingApplicationStatus } from './funding.entity';

/**
 * Who sees what in the networks area. Every query of networks and funding applications goes through here.
 * - A network: members of its owning organisation and of its secretariat.
 * - A funding application: the applicant organisation; once submitted (not as a draft) also the
 *   organisation owning the pool, which decides on it.
 */
export function restrictToVisibleNetworks<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, scope: OrgScope): SelectQueryBuilder<T> {
  return qb.andWhere(
    new Brackets((w) =>
      w
        .where(`${alias}.owner_organisation_id = ANY(:netScope)`, { netScope: scope.organisationIds })
        .orWhere(`${alias}.secretariat_organisation_id = ANY(:netScope)`),
    ),
  );
}

export function restrictToVisibleApplications<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, scope: OrgScope): SelectQueryBuilder<T> {
  return qb.andWhere(
    new Brackets((w) =>
      w
        .where(`${alias}.applicant_organisation_id = ANY(:appScope)`, { appScope: scope.organisationIds })
        .orWhere(
          `(${alias}.status <> '${FundingApplicationStatus.DRAFT}' AND EXISTS (SELECT 1 FROM funding_pool vp WHERE vp.id = ${alias}.pool_id AND vp.owner_organisation_id = ANY(:appScope)))`,
        ),
    ),
  );
}

/** The caller's read scope, or null when it has none (then nothing is visible). */
export const readScope = (ctx: RequestContext) => ctx.scope.optional(Capability.READ);

/**
 * SQL condition for a network's child rows (members, meetings, working group, participants): the network
 * `networkIdCol` is visible to `orgs` (an SQL expression of uuid[], e.g. "$2" or ":netScope") under the same
 * rule as restrictToVisibleNetworks.
 */
export const networkVisibleSql = (networkIdCol: string, orgs: string) =>
  `EXISTS (SELECT 1 FROM network vn WHERE vn.id = ${networkIdCol} AND (vn.owner_organisation_id = ANY(${orgs}) OR vn.secretariat_organisation_id = ANY(${orgs})))`;
