import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { RequestContext } from '../core/context';
import { memoisedSql, neededProperties, selectList, timestampProperties } from '../core/rows';
import { Firm } from './firm.entity';
import { restrictToVisibleFirms, visibleFirmsShape } from './firm.visibility';

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
  if (!info) return null;
  // The answer depends only on the query document (Apollo keeps parsed documents, so their field nodes, across
  // requests) and on `always`: a nested connection asks once per parent (98 times in the partner read).
  // Compared element by element (a resolver passes a fresh `always` array per call): no key string per call.
  const node = info.fieldNodes[0];
  let memo = propertiesMemo.get(node);
  if (!memo) propertiesMemo.set(node, (memo = []));
  for (const m of memo) if (sameList(m.always, always)) return m.properties;
  const properties = neededProperties(ctx.ds, Firm, info, ['edges', 'node'], FIELD_NEEDS, always);
  if (memo.length < 8) memo.push({ always: [...always], properties });
  return properties;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const propertiesMemo = new WeakMap<FieldNode, Array<{ always: readonly string[]; properties: string[] | null }>>();

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
     * `first + 1` rows, selecting only the properties the query reads, and PostgreSQL builds each page's
     * JSON (one row and one JSON.parse per municipality instead of a driver row object per firm and
     * column: the nested partner read carries ~1,000 firms).
     */
    pageByMunicipality: new DataLoader<FirmPageKey, Firm[], FirmPageKey>(
      async (keys) => {
        // Keys normally share first/after/properties (same field in one query); group so each group is one statement.
        const groups = new Map<string, FirmPageKey[]>();
        for (const k of keys) {
          const g = pageGroupKey(k);
          let list = groups.get(g);
          if (!list) groups.set(g, (list = []));
          list.push(k);
        }
        const results = new Map<string, Map<string, Firm[]>>();
        for (const [g, group] of groups) {
          const { first, after, properties } = group[0];
          // The page's columns in SELECT order (selectList keeps this order). municipalityId is not sent per firm:
          // every firm of a page has the page's municipality (m), so the row takes that one string (~1/3 less JSON
          // text for PostgreSQL to build and pg to parse, and one string less per firm).
          const names = properties ? [...new Set([...properties, 'municipalityId'])] : ctx.ds.getMetadata(Firm).columns.map((c) => c.propertyName);
          const sent = names.filter((n) => n !== 'municipalityId');
          const perMunicipality = repo
            .createQueryBuilder('x')
            .select(selectList(ctx.ds, Firm, 'x', sent))
            .where('x.municipality_id = m.id')
            .orderBy(firmNameOrder('x'))
            .addOrderBy('x.id')
            .limit(first + 1);
          if (after) perMunicipality.andWhere(`(${firmNameOrder('x')}, x.id) > (:afterName COLLATE "C", :afterId)`, { afterName: after[0], afterId: after[1] });
          restrictToVisibleFirms(perMunicipality, 'x', ctx);
          // The text depends on the group's first/after/properties and the visibility branch only (memoised: core/rows.ts).
          const text = memoisedSql(
            `firm.pageByMunicipality${after ? '|after' : ''}${pageGroupKey({ ...group[0], after: null })}|${visibleFirmsShape(ctx)}`,
            perMunicipality,
            (page) => `SELECT m.id AS "m", page.rows FROM unnest(CAST(:municipalityIds AS uuid[])) AS m(id)
              CROSS JOIN LATERAL (SELECT json_agg(json_build_array(${sent.map((n) => `p."${n}"`).join(', ')}) ORDER BY ${firmNameOrder('p')}, p.id) AS rows FROM (${page}) p) page`,
          );
          const [sql, params] = perMunicipality.connection.driver.escapeQueryWithParameters(text, {
            ...perMunicipality.getParameters(),
            municipalityIds: group.map((k) => k.municipalityId),
          });
          const rows: Array<{ m: string; rows: unknown[][] | null }> = await ctx.ds.query(sql, params);
          const dates = timestampProperties(ctx.ds, Firm, properties);
          const toRow = rowBuilder(names, 'municipalityId');
          const pages = new Map<string, Firm[]>();
          results.set(g, pages);
          for (const r of rows) {
            const list = r.rows;
            const page = new Array(list ? list.length : 0) as Firm[];
            for (let i = 0; i < page.length; i++) page[i] = toRow(list![i], r.m) as unknown as Firm;
            // JSON has no timestamps: give field resolvers the Date a driver row would carry.
            if (dates.length) for (const f of page) for (const d of dates) if ((f as any)[d] != null) (f as any)[d] = new Date((f as any)[d]);
            pages.set(r.m, page);
          }
        }
        return keys.map((k) => results.get(pageGroupKey(k))?.get(k.municipalityId) ?? []);
      },
      // Cached per (first, after, properties) and then per municipality: no key string built per load (98 loads per partner read).
      { cacheMap: new PageCache() },
    ),
  };
}

/**
 * Turns a page's JSON arrays back into rows keyed by property, as the JSON objects were: arrays cost PostgreSQL
 * and JSON.parse about 30 % less text than objects repeating every key (~1,000 firms per partner read), and an
 * object literal of fixed shape is built faster than one filled key by key (bench: parse + build 0.62 ms against
 * 0.94 ms for the objects of 98 pages). `fixed` is the one property not in the array: it takes the value given
 * for the whole page (the page's municipality). Builders are made once per column list; the names are entity
 * property names (checked to be identifiers, else the key-by-key loop).
 */
function rowBuilder(names: readonly string[], fixed: string): (values: unknown[], fixedValue: unknown) => Record<string, unknown> {
  const key = `${fixed}|${names.join(',')}`;
  let build = rowBuilders.get(key);
  if (!build) {
    let i = 0;
    const slot = names.map((n) => (n === fixed ? 'f' : `v[${i++}]`));
    build = names.every((n) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(n))
      ? (new Function('v', 'f', `return { ${names.map((n, j) => `${n}: ${slot[j]}`).join(', ')} };`) as (values: unknown[], fixedValue: unknown) => Record<string, unknown>)
      : (values, fixedValue) => {
          const row: Record<string, unknown> = {};
          let j = 0;
          for (const n of names) row[n] = n === fixed ? fixedValue : values[j++];
          return row;
        };
    if (rowBuilders.size >= 500) rowBuilders.clear(); // column lists come from query documents: bounded, but never let it grow
    rowBuilders.set(key, build);
  }
  return build;
}
const rowBuilders = new Map<string, (values: unknown[], fixedValue: unknown) => Record<string, unknown>>();

/**
 * The part of a page key its municipalities share. Memoised per `properties` array (firmPropertiesFor memoises
 * those per query document) and `first` for first pages, so a nested read's 98 loads build no strings.
 */
const groupKeys = new WeakMap<readonly string[] | typeof EVERY_COLUMN, Map<number, string>>();
const EVERY_COLUMN = {};
function pageGroupKey(k: FirmPageKey): string {
  if (k.after) return `|${k.first}|${k.after[0]}\u0000${k.after[1]}|${k.properties ? k.properties.join(',') : '*'}`;
  const owner = k.properties ?? EVERY_COLUMN;
  let byFirst = groupKeys.get(owner);
  if (!byFirst) groupKeys.set(owner, (byFirst = new Map()));
  let g = byFirst.get(k.first);
  if (g === undefined) byFirst.set(k.first, (g = `|${k.first}||${k.properties ? k.properties.join(',') : '*'}`));
  return g;
}

/** DataLoader's cache for page keys: per group key, then per municipality id (keys are fresh objects per load). */
class PageCache {
  private readonly groups = new Map<string, Map<string, Promise<Firm[]>>>();
  get(k: FirmPageKey): Promise<Firm[]> | undefined {
    return this.groups.get(pageGroupKey(k))?.get(k.municipalityId);
  }
  set(k: FirmPageKey, v: Promise<Firm[]>): void {
    const g = pageGroupKey(k);
    let m = this.groups.get(g);
    if (!m) this.groups.set(g, (m = new Map()));
    m.set(k.municipalityId, v);
  }
  delete(k: FirmPageKey): void {
    this.groups.get(pageGroupKey(k))?.delete(k.municipalityId);
  }
  clear(): void {
    this.groups.clear();
  }
}

export const firmLoaders = (ctx: RequestContext) => ctx.loaders.get(createFirmLoaders);
