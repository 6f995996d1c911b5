import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { OrganisationRelationship, RelationshipKind, RelationshipState } from '../organisations/organisation-relationship.entity';

/**
 * Who sees what of a cluster:
 * - the cluster's profile, offices and activities: any signed-in caller (public organisation data);
 * - its member list and attendance lists: the cluster's own members (READ in the cluster);
 * - office placement proposals: the cluster and the proposal's lead municipality;
 * - co-financing of an office: the cluster and the municipalities with a share in it.
 * Proposals, co-financings and their shares, amounts and scores are read through core/scoped.ts (their rules
 * in core/row-rules.ts, mirrored by the RLS policies); member and attendance lists add the READ check above.
 */

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
