import DataLoader from 'dataloader';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { scoped, ScopedCaller } from './scoped';

/**
 * Shared mechanics of DataLoader batches (each area had its own copy): answers in the order of the
 * requested keys, one entry per key.
 */

/** Rows grouped per parent key, in the order of `ids`; a parent without rows gets []. */
export function groupByParent<T>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return ids.map((id) => map.get(id)!);
}

/** One row per key, in the order of `ids`; null where there is none (not found, or not the caller's to see). */
export function oneEach<T>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string = (r) => (r as { id: string }).id): (T | null)[] {
  const map = new Map<string, T>(rows.map((r) => [keyOf(r), r]));
  return ids.map((id) => map.get(id) ?? null);
}

/** A page of a parent's children: `first` rows after the row `afterId` (null: from the start). */
export interface PageKey {
  parentId: string;
  first: number;
  afterId: string | null;
}

const pageKey = (k: PageKey) => JSON.stringify([k.parentId, k.first, k.afterId]);

/**
 * One page per parent for many parents in one statement (window function), keyset on (orderColumn, id)
 * after the row `afterId`; the answer per key is `first + 1` rows at most (the extra one: there is a next page).
 * `extra` adds conditions to the inner query (e.g. the caller's scope).
 */
export function pagePerParent<T extends ObjectLiteral & { id: string }>(
  ctx: ScopedCaller,
  entity: EntityTarget<T>,
  parentColumn: string,
  parentOf: (row: T) => string,
  orderColumn: string,
  extra: (parentIds: string[]) => { sql: string; params: Record<string, unknown> } | null = () => null,
) {
  return new DataLoader<PageKey, T[], string>(
    async (keys) => {
      const results = new Map<string, T[]>();
      const groups = new Map<string, PageKey[]>();
      for (const k of keys) {
        const g = JSON.stringify([k.first, k.afterId]);
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      for (const group of groups.values()) {
        const { first, afterId } = group[0];
        const parentIds = group.map((k) => k.parentId);
        // The entity's row rule applies to the ranked rows (core/scoped.ts), whatever `extra` adds.
        const inner = scoped(ctx, entity, 'x')
          .select('x.id', 'id')
          .addSelect(`row_number() OVER (PARTITION BY x.${parentColumn} ORDER BY x.${orderColumn}, x.id)`, 'rn')
          .andWhere(`x.${parentColumn} = ANY(:parentIds)`, { parentIds });
        const table = inner.expressionMap.mainAlias!.metadata.tableName;
        const cond = extra(parentIds);
        if (cond) inner.andWhere(cond.sql, cond.params);
        if (afterId) inner.andWhere(`(x.${orderColumn}, x.id) > (SELECT a.${orderColumn}, a.id FROM ${table} a WHERE a.id = CAST(:afterId AS uuid))`, { afterId });
        const rows = await ctx.ds
          .getRepository(entity)
          .createQueryBuilder('row')
          .where(`row.id IN (SELECT ranked.id FROM (${inner.getQuery()}) ranked WHERE ranked.rn <= :limit)`)
          .setParameters({ ...inner.getParameters(), limit: first + 1 })
          .orderBy(`row.${orderColumn}`)
          .addOrderBy('row.id')
          .getMany();
        for (const k of group) results.set(pageKey(k), rows.filter((r) => parentOf(r) === k.parentId));
      }
      return keys.map((k) => results.get(pageKey(k)) ?? []);
    },
    { cacheKeyFn: pageKey },
  );
}

