import DataLoader from 'dataloader';
import { RequestContext } from '../core/context';
import { Organisation } from './organisation.entity';
import { OrganisationRelationship } from './organisation-relationship.entity';

/** Per-request loaders for the organisation graph. Organisations and their relationships are public profile data. */
export function createOrganisationLoaders(ctx: RequestContext) {
  const repo = ctx.ds.getRepository(Organisation);
  return {
    byId: new DataLoader<string, Organisation | null>(async (ids) => {
      const rows = await repo.createQueryBuilder('o').where('o.id = ANY(:ids)', { ids: [...ids] }).getMany();
      const map = new Map(rows.map((o) => [o.id, o]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Every relationship touching an organisation, in either direction. */
    relationships: new DataLoader<string, OrganisationRelationship[]>(async (ids) => {
      const rows = await ctx.ds
        .getRepository(OrganisationRelationship)
        .createQueryBuilder('r')
        .where('r.fromId = ANY(:ids) OR r.toId = ANY(:ids)', { ids: [...ids] })
        .orderBy('r.kind')
        .addOrderBy('r.createdAt')
        .addOrderBy('r.id')
        .getMany();
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
