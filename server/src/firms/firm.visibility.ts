import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { FirmStatus } from './firm.entity';

/**
 * Which firms a caller may see. Register firms (and merged prospects, which point at one) are
 * public-register data; a prospect (a would-be entrepreneur) only to the organisation that recorded it.
 * Every query of firms goes through here.
 */
export function restrictToVisibleFirms<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, ctx: RequestContext): SelectQueryBuilder<T> {
  const scope = ctx.scope.optional(Capability.READ);
  // As text, not as the enum: under row-level security the enum's `<>` gets no statistics and is estimated
  // at 0 rows when ANALYZE saw no prospect, which plans every firm list as a full sort (migration 1769215000000).
  const publicCondition = `${alias}.status::text <> '${FirmStatus.PROSPECT}'`;
  return scope ? scope.restrictOrPublic(qb, `${alias}.ownerOrganisationId`, publicCondition) : qb.andWhere(publicCondition);
}

/** Which branch restrictToVisibleFirms takes for this caller (it changes the statement's text, not only its parameters: core/rows.ts memoisedSql). */
export const visibleFirmsShape = (ctx: RequestContext): string => (ctx.scope.optional(Capability.READ) ? 'scoped' : 'public');

/**
 * The parameters restrictToVisibleFirms adds for this caller (by the name OrgScope.restrictOrPublic gives them), for a
 * statement whose text is memoised without building its query builder (core/rows.ts memoisedStatement, which checks
 * them against a fresh build outside production).
 */
export function visibleFirmsParams(ctx: RequestContext, alias: string): Record<string, unknown> {
  const scope = ctx.scope.optional(Capability.READ);
  return scope ? { [`scope_${`${alias}.ownerOrganisationId`.replace(/\W/g, '_')}`]: scope.organisationIds } : {};
}
