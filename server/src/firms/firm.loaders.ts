import DataLoader from 'dataloader';
import { RequestContext } from '../core/context';
import { Firm } from './firm.entity';
import { restrictToVisibleFirms } from './firm.visibility';

export interface FirmPageKey {
  municipalityId: string;
  first: number;
  /** Keyset position [lower(name), id] after which the page starts. */
  after: [string, string] | null;
}

/** Per-request loaders for firms; each applies the caller's visibility. */
export function createFirmLoaders(ctx: RequestContext) {
  const repo = ctx.ds.getRepository(Firm);
  return {
    byId: new DataLoader<string, Firm | null>(async (ids) => {
      const qb = repo.createQueryBuilder('f').where('f.id = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleFirms(qb, 'f', ctx).getMany();
      const map = new Map(rows.map((f) => [f.id, f]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /**
     * One page of firms per municipality, for many municipalities in one statement: a LATERAL subquery
     * walks each municipality's (municipality_id, lower(name), id) index for its first `first + 1` rows.
     */
    pageByMunicipality: new DataLoader<FirmPageKey, Firm[], string>(
      async (keys) => {
        const results = new Map<string, Firm[]>();
        // Keys normally share first/after (same field in one query); group so each group is one statement.
        const groups = new Map<string, FirmPageKey[]>();
        for (const k of keys) {
          const g = JSON.stringify([k.first, k.after]);
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        for (const group of groups.values()) {
          const { first, after } = group[0];
          const perMunicipality = repo
            .createQueryBuilder('x')
            .select('x.id')
            .where('x.municipality_id = m.id')
            .orderBy('lower(x.name)')
            .addOrderBy('x.id')
            .limit(first + 1);
          if (after) perMunicipality.andWhere('(lower(x.name), x.id) > (:afterName, :afterId)', { afterName: after[0], afterId: after[1] });
          restrictToVisibleFirms(perMunicipality, 'x', ctx);
          const rows = await repo
            .createQueryBuilder('firm')
            .where(`firm.id IN (SELECT page.x_id FROM unnest(CAST(:municipalityIds AS uuid[])) AS m(id) CROSS JOIN LATERAL (${perMunicipality.getQuery()}) page)`)
            .setParameters({ ...perMunicipality.getParameters(), municipalityIds: group.map((k) => k.municipalityId) })
            .orderBy('lower(firm.name)')
            .addOrderBy('firm.id')
            .getMany();
          for (const k of group) results.set(pageKey(k), rows.filter((f) => f.municipalityId === k.municipalityId));
        }
        return keys.map((k) => results.get(pageKey(k)) ?? []);
      },
      { cacheKeyFn: pageKey },
    ),
  };
}

function pageKey(k: FirmPageKey) {
  return JSON.stringify([k.municipalityId, k.first, k.after]);
}

export const firmLoaders = (ctx: RequestContext) => ctx.loaders.get(createFirmLoaders);
