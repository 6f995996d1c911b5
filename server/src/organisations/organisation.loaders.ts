import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { selectList } from '../core/rows';
import { Organisation } from './organisation.entity';
import { OrganisationRelationship } from './organisation-relationship.entity';

/**
 * Per-request loaders for the organisation graph. Organisations and their relationships in force are public profile data.
 * Rows are plain objects shaped like the entities (lean reads, see core/rows.ts).
 */
export function createOrganisationLoaders(ctx: RequestContext) {
  const repo = ctx.ds.getRepository(Organisation);
  return {
    byId: new DataLoader<string, Organisation | null>(async (ids) => {
      const rows: Organisation[] = await repo.createQueryBuilder('o').select(selectList(ctx.ds, Organisation, 'o')).where('o.id = ANY(:ids)', { ids: [...ids] }).getRawMany();
      const map = new Map(rows.map((o) => [o.id, o]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /**
     * Every relationship in force (ACTIVE: both sides agreed) touching an organisation, in either direction.
     * The one every reader of the graph uses (KPI areas, cluster offices, coverage, profiles).
     */
    relationships: new DataLoader<string, OrganisationRelationship[]>((ids) => loadRelationships(ctx, ids, false)),

    /**
     * Like `relationships`, plus the PROPOSED and DECLINED ones the caller's organisations are a side of
     * (only the two sides see an edge that is not in force). For the profile's list, not for computations.
     */
    relationshipsWithPending: new DataLoader<string, OrganisationRelationship[]>((ids) => loadRelationships(ctx, ids, true)),
  };
}

export const organisationLoaders = (ctx: RequestContext) => ctx.loaders.get(createOrganisationLoaders);

async function loadRelationships(ctx: RequestContext, ids: readonly string[], withPending: boolean): Promise<OrganisationRelationship[][]> {
  const qb = ctx.ds
    .getRepository(OrganisationRelationship)
    .createQueryBuilder('r')
    .select(selectList(ctx.ds, OrganisationRelationship, 'r'))
    .where('(r.fromId = ANY(:ids) OR r.toId = ANY(:ids))', { ids: [...ids] });
  const sides = withPending ? ctx.scope.organisationIds(Capability.READ) : [];
  if (sides.length) {
    qb.andWhere(`(r.state = 'ACTIVE' OR r.fromId = ANY(:sides) OR r.toId = ANY(:sides))`, { sides });
  } else {
    qb.andWhere(`r.state = 'ACTIVE'`);
  }
  const rows: OrganisationRelationship[] = await qb.orderBy('r.kind').addOrderBy('r.createdAt').addOrderBy('r.id').getRawMany();
  const byOrg = new Map<string, OrganisationRelationship[]>(ids.map((id) => [id, []]));
  for (const r of rows) {
    byOrg.get(r.fromId)?.push(r);
    if (r.toId !== r.fromId) byOrg.get(r.toId)?.push(r);
  }
  return ids.map((id) => byOrg.get(id)!);
}
