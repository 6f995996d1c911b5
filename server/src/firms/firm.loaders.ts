import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { RequestContext } from '../core/context';
import { neededProperties, selectList } from '../core/rows';
import { Firm } from './firm.entity';
import { restrictToVisibleFirms } from './firm.visibility';

export interface FirmPageKey {
  municipalityId: string;
  first: number;
  /** Keyset position [lower(name), id] after which the page starts. */
  after: [string, string] | null;
  /** Firm properties the query reads (null: every column). */
  properties: string[] | null;
}

/**
 * The name order of firm lists (firm search, municipality pages), and the keyset cursors over it:
 * `lower(name)` in the "C" collation, which the indexes IDX_firm_name_prefix and IDX_firm_municipality_name
 * hold (under the database's C.UTF-8 collation, an index cannot serve ORDER BY lower(name) for a prefix
 * range). C orders by code point, as C.UTF-8 does, so the order users see is unchanged.
 */
export const firmNameOrder = (alias: string) => `lower(${alias}.name) COLLATE "C"`;

/** Columns the Firm field resolvers read, for fields that are not columns of the same name. */
const FIELD_NEEDS: Record<string, readonly string[]> = {
  municipality: ['municipalityId'],
  sizeClass: ['employees'],
  recordedBy: ['ownerOrganisationId'],
  mergedInto: ['mergedIntoId'],
};

/**
 * The firm properties the `edges { node { ... } }` of a firm connection field reads, plus `always` (id,
 * name for the cursor): null - every column - when a field is not known to need only its own column.
 */
export function firmPropertiesFor(ctx: RequestContext, info: GraphQLResolveInfo | undefined, always: readonly string[]): string[] | null {
  return info ? neededProperties(ctx.ds, Firm, info, ['edges', 'node'], FIELD_NEEDS, always) : null;
}

/** Per-request loaders for firms; each applies the caller's visibility. Rows are plain objects shaped like Firm. */
export function createFirmLoaders(ctx: RequestContext) {
  const repo = ctx.ds.getRepository(Firm);
  return {
    // Every column: the same firm serves different parts of a query (journey page, mergedInto, ...).
    byId: new DataLoader<string, Firm | null>(async (ids) => {
      const qb = repo.createQueryBuilder('f').select(selectList(ctx.ds, Firm, 'f')).where('f.id = ANY(:ids)', { ids: [...ids] });
      const rows: Firm[] = await restrictToVisibleFirms(qb, 'f', ctx).getRawMany();
      const map = new Map(rows.map((f) => [f.id, f]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /**
     * One page of firms per municipality, for many municipalities in one statement: a LATERAL subquery
     * walks each municipality's (municipality_id, lower(name) COLLATE "C", id) index for its first
     * `first + 1` rows, selecting only the properties the query reads.
     */
    pageByMunicipality: new DataLoader<FirmPageKey, Firm[], string>(
      async (keys) => {
        const results = new Map<string, Firm[]>();
        // Keys normally share first/after/properties (same field in one query); group so each group is one statement.
        const groups = new Map<string, FirmPageKey[]>();
        for (const k of keys) {
          const g = JSON.stringify([k.first, k.after, k.properties]);
          let list = groups.get(g);
          if (!list) groups.set(g, (list = []));
          list.push(k);
        }
        for (const group of groups.values()) {
          const { first, after, properties } = group[0];
          const perMunicipality = repo
            .createQueryBuilder('x')
            .select(selectList(ctx.ds, Firm, 'x', properties && [...properties, 'municipalityId']))
            .where('x.municipality_id = m.id')
            .orderBy(firmNameOrder('x'))
            .addOrderBy('x.id')
            .limit(first + 1);
          if (after) perMunicipality.andWhere(`(${firmNameOrder('x')}, x.id) > (:afterName COLLATE "C", :afterId)`, { afterName: after[0], afterId: after[1] });
          restrictToVisibleFirms(perMunicipality, 'x', ctx);
          const [sql, params] = perMunicipality.connection.driver.escapeQueryWithParameters(
            `SELECT page.* FROM unnest(CAST(:municipalityIds AS uuid[])) AS m(id) CROSS JOIN LATERAL (${perMunicipality.getQuery()}) page ORDER BY ${firmNameOrder('page')}, page.id`,
            { ...perMunicipality.getParameters(), municipalityIds: group.map((k) => k.municipalityId) },
          );
          const rows: Firm[] = await ctx.ds.query(sql, params);
          // Grouped by municipality, keeping the name order.
          const byMunicipality = new Map<string, Firm[]>();
          for (const f of rows) {
            let list = byMunicipality.get(f.municipalityId!);
            if (!list) byMunicipality.set(f.municipalityId!, (list = []));
            list.push(f);
          }
          for (const k of group) results.set(pageKey(k), byMunicipality.get(k.municipalityId) ?? []);
        }
        return keys.map((k) => results.get(pageKey(k)) ?? []);
      },
      { cacheKeyFn: pageKey },
    ),
  };
}

function pageKey(k: FirmPageKey) {
  return JSON.stringify([k.municipalityId, k.first, k.after, k.properties]);
}

export const firmLoaders = (ctx: RequestContext) => ctx.loaders.get(createFirmLoaders);
