import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { RequestContext } from '../core/context';
import { Connection } from '../core/pagination';
import { FirmSegment } from '../journeys/journey.enums';
import { FirmChange } from './firm-change.entity';
import { Firm, GrowthPotentialLevel } from './firm.entity';
import { restrictToVisibleFirms } from './firm.visibility';

/** Register fields whose every change is kept in `firm_change` (API names). */
export const REGISTER_FIELDS = ['name', 'industryCode', 'municipalityId', 'employees', 'status', 'cvr', 'organisationsnummer', 'mergedIntoId'] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

const text = (v: unknown) => (v == null ? null : String(v));

/** Appends one history row per register field that `patch` really changes. Same transaction as the update. */
export async function recordFirmChanges(
  em: EntityManager,
  before: Firm,
  patch: Partial<Pick<Firm, RegisterField>>,
  by: { userId: string | null; organisationId: string },
): Promise<void> {
  const rows = REGISTER_FIELDS.filter((f) => f in patch && text(patch[f]) !== text(before[f])).map((f) => ({
    firmId: before.id,
    changedByUserId: by.userId,
    changedByOrganisationId: by.organisationId,
    field: f,
    oldValue: text(before[f]),
    newValue: text(patch[f]),
  }));
  if (rows.length) await em.insert(FirmChange, rows);
}

@ObjectType()
export class FirmChangeConnection extends Connection(FirmChange, 'FirmChange') {}

@ObjectType({ description: 'A firm\'s current growth-potential level: its latest assessment (by any organisation), with who made it.' })
export class FirmGrowthPotential {
  @Field(() => GrowthPotentialLevel) level!: GrowthPotentialLevel;
  @Field(() => FirmSegment) segment!: FirmSegment;
  @Field({ description: 'Server time of the assessment.' }) assessedAt!: Date;
  organisationId!: string;
  assessedByUserId!: string | null;
}

export interface HistoryPageKey {
  firmId: string;
  first: number;
  /** Keyset [changedAt ISO, id], newest first. */
  after: [string, string] | null;
}
const historyKey = (k: HistoryPageKey) => JSON.stringify([k.firmId, k.first, k.after]);

/** SQL: the latest growth-potential assessment per firm (the current level). Uses IDX_growth_potential_assessment_firm. */
export const CURRENT_GROWTH_POTENTIAL = `SELECT DISTINCT ON (a.firm_id) a.firm_id, a.level, a.segment, a.assessed_at, a.organisation_id, a.assessed_by_user_id
   FROM growth_potential_assessment a ORDER BY a.firm_id, a.assessed_at DESC, a.id DESC`;

/** The current growth-potential level of one firm, for writes (eligibility checks). */
export async function currentGrowthPotentialLevel(em: EntityManager, firmId: string): Promise<GrowthPotentialLevel | null> {
  const [row] = await em.query(`SELECT level FROM growth_potential_assessment WHERE firm_id = $1 ORDER BY assessed_at DESC, id DESC LIMIT 1`, [firmId]);
  return row?.level ?? null;
}

/** Loaders of a firm's register history and current growth potential. Both apply the firm's visibility too. */
export function createFirmRegisterLoaders(ctx: RequestContext) {
  const visibleFirmIds = async (ids: readonly string[]) => {
    const qb = ctx.ds.getRepository(Firm).createQueryBuilder('f').select('f.id', 'id').where('f.id = ANY(:ids)', { ids: [...ids] });
    return new Set((await restrictToVisibleFirms(qb, 'f', ctx).getRawMany<{ id: string }>()).map((r) => r.id));
  };
  return {
    growthPotential: new DataLoader<string, FirmGrowthPotential | null>(async (firmIds) => {
      const qb = ctx.ds.createQueryBuilder()
        .select(['a.firm_id AS firm_id', 'a.level AS level', 'a.segment AS segment', 'a.assessed_at AS assessed_at', 'a.organisation_id AS organisation_id', 'a.assessed_by_user_id AS assessed_by_user_id'])
        .from('growth_potential_assessment', 'a')
        .innerJoin(Firm, 'f', 'f.id = a.firm_id')
        .where('a.firm_id = ANY(:firmIds)', { firmIds: [...firmIds] })
        .distinctOn(['a.firm_id'])
        .orderBy('a.firm_id').addOrderBy('a.assessed_at', 'DESC').addOrderBy('a.id', 'DESC');
      const rows = await restrictToVisibleFirms(qb, 'f', ctx).getRawMany<Record<string, any>>();
      const map = new Map(rows.map((r) => [r.firm_id as string, Object.assign(new FirmGrowthPotential(), {
        level: r.level, segment: r.segment, assessedAt: new Date(r.assessed_at), organisationId: r.organisation_id, assessedByUserId: r.assessed_by_user_id,
      })]));
      return firmIds.map((id) => map.get(id) ?? null);
    }),

    /** A page of each firm's history, newest first; one statement for the firms, one for visibility. */
    historyPage: new DataLoader<HistoryPageKey, FirmChange[], string>(
      async (keys) => {
        const visible = await visibleFirmIds([...new Set(keys.map((k) => k.firmId))]);
        const out = new Map<string, FirmChange[]>();
        const groups = new Map<string, HistoryPageKey[]>();
        for (const k of keys) if (visible.has(k.firmId)) groups.set(JSON.stringify([k.first, k.after]), [...(groups.get(JSON.stringify([k.first, k.after])) ?? []), k]);
        for (const group of groups.values()) {
          const { first, after } = group[0];
          const params: unknown[] = [group.map((k) => k.firmId), first + 1];
          let cond = '';
          if (after) {
            params.push(after[0], after[1]);
            cond = 'AND (c.changed_at, c.id) < ($3::timestamptz, $4::uuid)';
          }
          const ids: Array<{ id: string }> = await ctx.ds.query(
            `SELECT id FROM (SELECT c.id, row_number() OVER (PARTITION BY c.firm_id ORDER BY c.changed_at DESC, c.id DESC) AS rn
               FROM firm_change c WHERE c.firm_id = ANY($1) ${cond}) ranked WHERE rn <= $2`,
            params,
          );
          const rows = ids.length
            ? await ctx.ds.getRepository(FirmChange).createQueryBuilder('c').where('c.id = ANY(:ids)', { ids: ids.map((r) => r.id) })
                .orderBy('c.changedAt', 'DESC').addOrderBy('c.id', 'DESC').getMany()
            : [];
          for (const k of group) out.set(historyKey(k), rows.filter((r) => r.firmId === k.firmId));
        }
        return keys.map((k) => out.get(historyKey(k)) ?? []);
      },
      { cacheKeyFn: historyKey },
    ),
  };
}

export const firmRegisterLoaders = (ctx: RequestContext) => ctx.loaders.get(createFirmRegisterLoaders);
