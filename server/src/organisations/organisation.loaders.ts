import DataLoader from 'dataloader';
import { RequestContext } from '../core/context';
import { selectList } from '../core/rows';
import { Organisation } from './organisation.entity';
import { OrganisationRelationship } from './organisation-relationship.entity';

/**
 * Per-request loaders for the organisation graph. Organisations and their relationships are public profile data.
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

    /** Every relationship touching an organisation, in either direction. */
    relationships: new DataLoader<string, OrganisationRelationship[]>(async (ids) => {
      const rows: OrganisationRelationship[] = await ctx.ds
        .getRepository(OrganisationRelationship)
        .createQueryBuilder('r')
        .select(selectList(ctx.ds, OrganisationRelationship, 'r'))
        .where('r.fromId = ANY(:ids) OR r.toId = ANY(:ids)', { ids: [...ids] })
        .orderBy('r.kind')
        .addOrderBy('r.createdAt')
        .addOrderBy('r.id')
        .getRawMany();
      const byOrg = new Map<string, OrganisationRelationship[]>(ids.map((id) => [id, []]));
      for (const r of rows) {
        byOrg.get(r.fromId)?.push(r);
        if (r.toId !== r.fromId) byOrg.get(r.toId)?.push(r);
      }
      return ids.map((id) => byOrg.get(id)!);
    }),
  };
}

export const organisationLoaders = (ctx: RequestContext) => ctx.loaders.get(createOrganisationLoaders);
