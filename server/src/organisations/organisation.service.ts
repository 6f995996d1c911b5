import { RequestContext } from '../core/context';
import { rawRows, selectList } from '../core/rows';
import { likePrefix } from '../core/text';
import { Country, Organisation, OrganisationKind } from './organisation.entity';
import { OrganisationFilter } from './organisation.inputs';

/**
 * Reads of organisation profiles for the root fields (profiles are public to signed-in callers). Plain rows
 * shaped like the entity (lean reads, core/rows.ts), as the loaders return them.
 */

/** An organisation by its official code (kommunekode, regionskode, ...), or null. */
export async function findOrganisationByCode(ctx: RequestContext, country: Country, kind: OrganisationKind, officialCode: string): Promise<Organisation | null> {
  const rows: Organisation[] = await ctx.ds
    .getRepository(Organisation)
    .createQueryBuilder('o')
    .select(selectList(ctx.ds, Organisation, 'o'))
    .where('o.country = :country AND o.kind = :kind AND o.officialCode = :officialCode', { country, kind, officialCode })
    .limit(1)
    .getRawMany();
  return rows[0] ?? null;
}

/** `first + 1` organisations by name after the keyset position `after` ([lower(name), id]). */
export function findOrganisations(ctx: RequestContext, filter: OrganisationFilter | undefined, first: number, after: [string, string] | null): Promise<Organisation[]> {
  const qb = ctx.ds.getRepository(Organisation).createQueryBuilder('o').select(selectList(ctx.ds, Organisation, 'o'));
  if (filter?.kinds?.length) qb.andWhere('o.kind = ANY(:kinds)', { kinds: filter.kinds });
  if (filter?.country) qb.andWhere('o.country = :country', { country: filter.country });
  if (filter?.regionId) qb.andWhere('o.regionId = :regionId', { regionId: filter.regionId });
  if (filter?.namePrefix) qb.andWhere(`lower(o.name) LIKE :prefix ESCAPE '\\'`, { prefix: likePrefix(filter.namePrefix) });
  if (after) qb.andWhere('(lower(o.name), o.id) > (:cName, :cId)', { cName: after[0], cId: after[1] });
  qb.orderBy('lower(o.name)').addOrderBy('o.id').limit(first + 1);
  // The text depends only on which filters were given and the page size (core/rows.ts memoisedSql).
  const shape = `organisation.list|${filter?.kinds?.length ? 'k' : ''}${filter?.country ? 'c' : ''}${filter?.regionId ? 'r' : ''}${filter?.namePrefix ? 'p' : ''}${after ? 'a' : ''}|${first}`;
  return rawRows(ctx.ds, shape, qb);
}
