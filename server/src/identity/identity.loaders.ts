import DataLoader from 'dataloader';
import { RequestContext } from '../core/context';
import { Membership } from './membership.entity';
import { User } from './user.entity';

/**
 * Loaders for people and keys. Callers reach them only through fields guarded by an access rule
 * (an organisation's own members, a user's own memberships).
 */
export function createIdentityLoaders(ctx: RequestContext) {
  return {
    /** People: null for API keys, so no "recorded by" / "signed by" field hands a key a person (see personal-data.ts). */
    userById: new DataLoader<string, User | null>(async (ids) => {
      if (ctx.principal?.kind !== 'user') return ids.map(() => null);
      const rows = await ctx.ds.getRepository(User).createQueryBuilder('u').where('u.id = ANY(:ids)', { ids: [...ids] }).getMany();
      const map = new Map(rows.map((u) => [u.id, u]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    membershipsByOrganisation: new DataLoader<string, Membership[]>(async (ids) => {
      const rows = await ctx.ds.getRepository(Membership).createQueryBuilder('m').where('m.organisationId = ANY(:ids)', { ids: [...ids] }).orderBy('m.createdAt').getMany();
      return ids.map((id) => rows.filter((m) => m.organisationId === id));
    }),
    membershipsByUser: new DataLoader<string, Membership[]>(async (ids) => {
      const rows = await ctx.ds.getRepository(Membership).createQueryBuilder('m').where('m.userId = ANY(:ids)', { ids: [...ids] }).orderBy('m.createdAt').getMany();
      return ids.map((id) => rows.filter((m) => m.userId === id));
    }),
  };
}

export const identityLoaders = (ctx: RequestContext) => ctx.loaders.get(createIdentityLoaders);
