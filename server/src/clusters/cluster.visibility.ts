import { Brackets, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { OrganisationRelationship, RelationshipKind, RelationshipState } from '../organisations/organisation-relationship.entity';

/**
 * Who sees what of a cluster:
 * - the cluster's profile, offices and activities: any signed-in caller (public organisation data);
 * - its member list and attendance lists: the cluster's own members (READ in the cluster);
 * - office placement proposals: the cluster and the proposal's lead municipality;
 * - co-financing of an office: the cluster and the municipalities with a share in it.
 * Every query of those rows goes through the functions below.
 */

/** Proposals visible to the caller: its organisations are the cluster or the lead municipality. */
export function restrictToVisibleProposals<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, ctx: RequestContext): SelectQueryBuilder<T> {
  const ids = ctx.scope.organisationIds(Capability.READ);
  if (!ids.length) return qb.andWhere('1 = 0');
  return qb.andWhere(
    new Brackets((w) =>
      w
        .where(`${alias}.cluster_organisation_id = ANY(:vis_proposal_orgs)`, { vis_proposal_orgs: ids })
        .orWhere(`${alias}.lead_municipality_id = ANY(:vis_proposal_orgs)`),
    ),
  );
}

/** Co-financings visible to the caller: its organisations are the cluster or a municipality with a share. */
export function restrictToVisibleCoFinancings<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, ctx: RequestContext): SelectQueryBuilder<T> {
  const ids = ctx.scope.organisationIds(Capability.READ);
  if (!ids.length) return qb.andWhere('1 = 0');
  return qb.andWhere(
    new Brackets((w) =>
      w
        .where(`${alias}.cluster_organisation_id = ANY(:vis_cofin_orgs)`, { vis_cofin_orgs: ids })
        .orWhere(`EXISTS (SELECT 1 FROM office_co_financing_share vs WHERE vs.co_financing_id = ${alias}.id AND vs.municipality_id = ANY(:vis_cofin_orgs))`),
    ),
  );
}

/** Keyset "after this row" on (column, id), with the position read from the row itself (exact to the microsecond). */
export function afterRow<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, table: string, column: string, afterId: string | null): SelectQueryBuilder<T> {
  if (!afterId) return qb;
  return qb.andWhere(`(${alias}.${column}, ${alias}.id) > (SELECT a.${column}, a.id FROM ${table} a WHERE a.id = CAST(:afterId AS uuid))`, { afterId });
}

export async function findOrganisation(em: EntityManager, id: string, kind?: OrganisationKind): Promise<Organisation | null> {
  const o = await em.findOneBy(Organisation, { id });
  return o && (!kind || o.kind === kind) ? o : null;
}

/** The cluster a regional office belongs to (relationship OFFICE_OF, confirmed by both sides), or null. */
export async function clusterOfOffice(em: EntityManager, officeId: string): Promise<string | null> {
  const r = await em.findOne(OrganisationRelationship, { where: { kind: RelationshipKind.OFFICE_OF, fromId: officeId, state: RelationshipState.ACTIVE }, select: { id: true, toId: true } });
  return r?.toId ?? null;
}
