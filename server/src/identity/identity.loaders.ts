import DataLoader from 'dataloader';
import { RequestContext } from '../core/context';
import { ApiKey } from './api-key.entity';
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

/** One page of an organisation's API keys, oldest first, keyed on the creation time to the millisecond (what a cursor carries), then the id. */
export async function apiKeyPage(ctx: RequestContext, organisationId: string, first: number, after: [string, string] | null): Promise<ApiKey[]> {
  const qb = ctx.ds.getRepository(ApiKey).createQueryBuilder('k').where('k.organisationId = :org', { org: organisationId });
  if (after) qb.andWhere(`(date_trunc('milliseconds', k.created_at), k.id) > (:at::timestamptz, :id::uuid)`, { at: after[0], id: after[1] });
  return qb.orderBy(`date_trunc('milliseconds', k.created_at)`).addOrderBy('k.id').limit(first + 1).getMany();
}
