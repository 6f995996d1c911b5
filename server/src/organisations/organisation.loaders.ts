import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { fromJson, jsonObject, rawRows, selectList } from '../core/rows';
import { Organisation } from './organisation.entity';
import { OrganisationRelationship } from './organisation-relationship.entity';

/**
 * Per-request loaders for the organisation graph. Organisations and their relationships in force are public profile data.
 * Rows are plain objects shaped like the entities (lean reads, see core/rows.ts).
 */
export function createOrganisationLoaders(ctx: RequestContext) {
  const repo = ctx.ds.getRepository(Organisation);
  const loaders = {
    byId: new DataLoader<string, Organisation | null>(async (ids) => {
      const rows: Organisation[] = await rawRows(ctx.ds, 'organisation.byId', repo.createQueryBuilder('o').select(selectList(ctx.ds, Organisation, 'o')).where('o.id = ANY(:ids)', { ids: [...ids] }));
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
     * The same statement reads both sides' organisations into `byId`: the list is read for its `from` / `to`.
     */
    relationshipsWithPending: new DataLoader<string, OrganisationRelationship[]>((ids) => loadRelationships(ctx, ids, true, (o) => loaders.byId.prime(o.id, o))),
  };
  return loaders;
}

export const organisationLoaders = (ctx: RequestContext) => ctx.loaders.get(createOrganisationLoaders);

async function loadRelationships(
  ctx: RequestContext,
  ids: readonly string[],
  withPending: boolean,
  sides?: (o: Organisation) => void,
): Promise<OrganisationRelationship[][]> {
  const qb = ctx.ds
    .getRepository(OrganisationRelationship)
    .createQueryBuilder('r')
    .select(selectList(ctx.ds, OrganisationRelationship, 'r'))
    .where('(r.fromId = ANY(:ids) OR r.toId = ANY(:ids))', { ids: [...ids] });
  if (sides) {
    qb.leftJoin(Organisation, 'rf', 'rf.id = r.fromId').leftJoin(Organisation, 'rt', 'rt.id = r.toId');
    // Each side's organisation once per statement, not once per row: a growth house's 20-odd COVERS rows carried
    // its whole profile as JSON 20-odd times (built by PostgreSQL, parsed by pg, its dates made Dates, then
    // dropped by prime). The first row of each side says it; the other rows get NULL.
    qb.addSelect(`CASE WHEN row_number() OVER (PARTITION BY r.fromId) = 1 THEN ${jsonObject(ctx.ds, Organisation, 'rf')} END`, 'fromOrganisation').addSelect(
      `CASE WHEN row_number() OVER (PARTITION BY r.toId) = 1 THEN ${jsonObject(ctx.ds, Organisation, 'rt')} END`,
      'toOrganisation',
    );
  }
  const own = withPending ? ctx.scope.organisationIds(Capability.READ) : [];
  if (own.length) {
    qb.andWhere(`(r.state = 'ACTIVE' OR r.fromId = ANY(:sides) OR r.toId = ANY(:sides))`, { sides: own });
  } else {
    qb.andWhere(`r.state = 'ACTIVE'`);
  }
  qb.orderBy('r.kind').addOrderBy('r.createdAt').addOrderBy('r.id');
  const rows: Array<OrganisationRelationship & { fromOrganisation?: Organisation | null; toOrganisation?: Organisation | null }> = await rawRows(
    ctx.ds,
    `organisation.relationships|${sides ? 'sides' : ''}|${own.length ? 'own' : ''}`,
    qb,
  );
  if (sides) {
    for (const r of rows) {
      for (const o of [r.fromOrganisation, r.toOrganisation]) if (o?.id) sides(fromJson(ctx.ds, Organisation, o));
      // Last-added property first: V8 then rolls the row's shape back instead of turning it into a dictionary.
      delete r.toOrganisation;
      delete r.fromOrganisation;
    }
  }
  const byOrg = new Map<string, OrganisationRelationship[]>(ids.map((id) => [id, []]));
  for (const r of rows) {
    byOrg.get(r.fromId)?.push(r);
    if (r.toId !== r.fromId) byOrg.get(r.toId)?.push(r);
  }
  return ids.map((id) => byOrg.get(id)!);
}
