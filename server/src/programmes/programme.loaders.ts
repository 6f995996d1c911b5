import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { EnrolmentState, ProgrammeEnrolment, ProgrammeEnrolmentEvent } from './programme-enrolment.entity';
import { Programme, ProgrammeFundingSource, ProgrammeKpi } from './programme.entity';
import { restrictToVisibleProgrammes } from './programme.service';

export interface ThroughputCounts {
  enrolled: number;
  completed: number;
  droppedOut: number;
}

export interface EnrolmentPageKey {
  programmeId: string;
  first: number;
  /** Id of the enrolment after which the page starts (keyset on created_at, id). */
  afterId: string | null;
}

const groupBy = <T>(ids: readonly string[], rows: T[], keyOf: (row: T) => string) => {
  const map = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return ids.map((id) => map.get(id) ?? []);
};

/** Per-request loaders for programmes; each applies the caller's visibility. */
export function createProgrammeLoaders(ctx: RequestContext) {
  const ds = ctx.ds;
  return {
    byId: new DataLoader<string, Programme | null>(async (ids) => {
      const qb = ds.getRepository(Programme).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleProgrammes(qb, 'p', ctx).getMany();
      const map = new Map(rows.map((p) => [p.id, p]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Funding sources of programmes the caller already holds (the programme was read through its visibility). */
    fundingSources: new DataLoader<string, ProgrammeFundingSource[]>(async (ids) => {
      const rows = await ds
        .getRepository(ProgrammeFundingSource)
        .createQueryBuilder('f')
        .where('f.programmeId = ANY(:ids)', { ids: [...ids] })
        .orderBy('f.position')
        .addOrderBy('f.id')
        .getMany();
      return groupBy(ids, rows, (r) => r.programmeId);
    }),

    kpis: new DataLoader<string, ProgrammeKpi[]>(async (ids) => {
      const rows = await ds
        .getRepository(ProgrammeKpi)
        .createQueryBuilder('k')
        .where('k.programmeId = ANY(:ids)', { ids: [...ids] })
        .orderBy('k.position')
        .addOrderBy('k.id')
        .getMany();
      return groupBy(ids, rows, (r) => r.programmeId);
    }),

    /** Counts per state: aggregates only, never which firms. */
    throughput: new DataLoader<string, ThroughputCounts>(async (ids) => {
      // A view of counts only (RLS keeps the enrolment rows to the operator).
      const rows: Array<{ programme_id: string; state: EnrolmentState; n: string }> = await ds.query(
        'SELECT programme_id, state, n FROM programme_enrolment_count WHERE programme_id = ANY($1)',
        [[...ids]],
      );
      const map = new Map<string, ThroughputCounts>(ids.map((id) => [id, { enrolled: 0, completed: 0, droppedOut: 0 }]));
      for (const r of rows) {
        const c = map.get(r.programme_id)!;
        if (r.state === EnrolmentState.ENROLLED) c.enrolled = Number(r.n);
        else if (r.state === EnrolmentState.COMPLETED) c.completed = Number(r.n);
        else c.droppedOut = Number(r.n);
      }
      return ids.map((id) => map.get(id)!);
    }),

    /**
     * One page of enrolments per programme, for many programmes in one statement, restricted to
     * programmes the caller operates (enrolments name firms: only the operator sees them).
     */
    enrolmentPage: new DataLoader<EnrolmentPageKey, ProgrammeEnrolment[], string>(
      async (keys) => {
        const operated = ctx.scope.organisationIds(Capability.READ);
        const results = new Map<string, ProgrammeEnrolment[]>();
        const groups = new Map<string, EnrolmentPageKey[]>();
        for (const k of keys) {
          const g = JSON.stringify([k.first, k.afterId]);
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        for (const group of groups.values()) {
          const { first, afterId } = group[0];
          const repo = ds.getRepository(ProgrammeEnrolment);
          const inner = repo
            .createQueryBuilder('e')
            .select('e.id', 'id')
            .addSelect('row_number() OVER (PARTITION BY e.programme_id ORDER BY e.created_at, e.id)', 'rn')
            .innerJoin(Programme, 'p', 'p.id = e.programme_id')
            .where('e.programmeId = ANY(:programmeIds)', { programmeIds: group.map((k) => k.programmeId) })
            .andWhere('p.operator_organisation_id = ANY(:operated)', { operated });
          if (afterId) {
            inner.andWhere('(e.created_at, e.id) > (SELECT a.created_at, a.id FROM programme_enrolment a WHERE a.id = :afterId)', { afterId });
          }
          const rows = await repo
            .createQueryBuilder('enrolment')
            .where(`enrolment.id IN (SELECT ranked.id FROM (${inner.getQuery()}) ranked WHERE ranked.rn <= :limit)`)
            .setParameters({ ...inner.getParameters(), limit: first + 1 })
            .orderBy('enrolment.createdAt')
            .addOrderBy('enrolment.id')
            .getMany();
          for (const k of group) results.set(pageKey(k), rows.filter((e) => e.programmeId === k.programmeId));
        }
        return keys.map((k) => results.get(pageKey(k)) ?? []);
      },
      { cacheKeyFn: pageKey },
    ),

    /** History of enrolments the caller already holds (read through the operator scope). */
    history: new DataLoader<string, ProgrammeEnrolmentEvent[]>(async (ids) => {
      const rows = await ds
        .getRepository(ProgrammeEnrolmentEvent)
        .createQueryBuilder('ev')
        .where('ev.enrolmentId = ANY(:ids)', { ids: [...ids] })
        .orderBy('ev.recordedAt')
        .addOrderBy('ev.id')
        .getMany();
      return groupBy(ids, rows, (r) => r.enrolmentId);
    }),
  };
}

function pageKey(k: EnrolmentPageKey) {
  return JSON.stringify([k.programmeId, k.first, k.afterId]);
}

export const programmeLoaders = (ctx: RequestContext) => ctx.loaders.get(createProgrammeLoaders);
