import DataLoader from 'dataloader';
import { RequestContext } from '../core/context';
import { groupByParent, oneEach } from '../core/loaders';
import { scoped } from '../core/scoped';
import { FundingApplication, FundingBudgetLine, FundingPool } from './funding.entity';
import { Network, NetworkMeeting, NetworkMeetingParticipant, NetworkMember, NetworkWorkingGroupMember } from './network.entity';
import { networkVisibleSql, readScope, restrictToVisibleApplications, restrictToVisibleNetworks } from './network.visibility';

export interface MemberPageKey {
  networkId: string;
  first: number;
  /** Keyset position [joinedAt ISO, id] after which the page starts. */
  after: [string, string] | null;
}


/**
 * Per-request loaders of the networks area. Networks and applications are loaded through the caller's
 * scope, and a network's child rows (members, meetings, participants, working group) apply the network's
 * rule themselves: called with a network the caller cannot see, they return nothing.
 */
export function createNetworkLoaders(ctx: RequestContext) {
  const ds = ctx.ds;
  return {
    networkById: new DataLoader<string, Network | null>(async (ids) => {
      const scope = readScope(ctx);
      if (!scope) return ids.map(() => null);
      const qb = scoped(ctx, Network, 'n').andWhere('n.id = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleNetworks(qb, 'n', scope).getMany();
      return oneEach(ids, rows);
    }),

    applicationById: new DataLoader<string, FundingApplication | null>(async (ids) => {
      const scope = readScope(ctx);
      if (!scope) return ids.map(() => null);
      const qb = scoped(ctx, FundingApplication, 'a').andWhere('a.id = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleApplications(qb, 'a', scope).getMany();
      return oneEach(ids, rows);
    }),

    /** Applications of each network that the caller may see. */
    applicationsByNetwork: new DataLoader<string, FundingApplication[]>(async (ids) => {
      const scope = readScope(ctx);
      if (!scope) return ids.map(() => []);
      const qb = scoped(ctx, FundingApplication, 'a').andWhere('a.network_id = ANY(:ids)', { ids: [...ids] });
      const rows = await restrictToVisibleApplications(qb, 'a', scope).orderBy('a.created_at').addOrderBy('a.id').getMany();
      return groupByParent(ids, rows, (r) => r.networkId!);
    }),

    poolById: new DataLoader<string, FundingPool | null>(async (ids) => {
      const rows = await scoped(ctx, FundingPool, 'p').andWhere('p.id = ANY(:ids)', { ids: [...ids] }).getMany();
      return oneEach(ids, rows);
    }),

    workingGroupByNetwork: new DataLoader<string, NetworkWorkingGroupMember[]>(async (ids) => {
      const orgs = readScope(ctx)?.organisationIds;
      if (!orgs) return ids.map(() => []);
      const rows = await ds
        .getRepository(NetworkWorkingGroupMember)
        .createQueryBuilder('w')
        .where('w.network_id = ANY(:ids)', { ids: [...ids] })
        .andWhere(networkVisibleSql('w.network_id', ':netScope'), { netScope: orgs })
        .orderBy('w.created_at')
        .addOrderBy('w.id')
        .getMany();
      return groupByParent(ids, rows, (r) => r.networkId);
    }),

    memberCountByNetwork: new DataLoader<string, number>(async (ids) => {
      const orgs = readScope(ctx)?.organisationIds;
      if (!orgs) return ids.map(() => 0);
      const rows: Array<{ network_id: string; n: string }> = await ds.query(
        `SELECT network_id, count(*) AS n FROM network_member WHERE network_id = ANY($1) AND ${networkVisibleSql('network_id', '$2::uuid[]')} GROUP BY network_id`,
        [[...ids], orgs],
      );
      const map = new Map(rows.map((r) => [r.network_id, Number(r.n)]));
      return ids.map((id) => map.get(id) ?? 0);
    }),

    /** One page of members per network, for many networks in one statement (window function). */
    memberPageByNetwork: new DataLoader<MemberPageKey, NetworkMember[], string>(
      async (keys) => {
        const results = new Map<string, NetworkMember[]>();
        const orgs = readScope(ctx)?.organisationIds;
        if (!orgs) return keys.map(() => []);
        // Keys asking for the same page (size and position) share one statement.
        const groups = new Map<string, MemberPageKey[]>();
        for (const k of keys) {
          const g = JSON.stringify([k.first, k.after]);
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        for (const group of groups.values()) {
          const { first, after } = group[0];
          const params: unknown[] = [group.map((k) => k.networkId), first + 1, orgs];
          let cond = '';
          if (after) {
            params.push(after[0], after[1]);
            cond = 'AND (m.joined_at, m.id) > ($4::timestamptz, $5::uuid)';
          }
          const idRows: Array<{ id: string }> = await ds.query(
            `SELECT id FROM (SELECT m.id, row_number() OVER (PARTITION BY m.network_id ORDER BY m.joined_at, m.id) AS rn
               FROM network_member m WHERE m.network_id = ANY($1) AND ${networkVisibleSql('m.network_id', '$3::uuid[]')} ${cond}) ranked WHERE rn <= $2`,
            params,
          );
          const rows = idRows.length
            ? await ds
                .getRepository(NetworkMember)
                .createQueryBuilder('m')
                .where('m.id = ANY(:ids)', { ids: idRows.map((r) => r.id) })
                .orderBy('m.joined_at')
                .addOrderBy('m.id')
                .getMany()
            : [];
          for (const k of group) results.set(memberPageKey(k), rows.filter((m) => m.networkId === k.networkId));
        }
        return keys.map((k) => results.get(memberPageKey(k)) ?? []);
      },
      { cacheKeyFn: memberPageKey },
    ),

    memberById: new DataLoader<string, NetworkMember | null>(async (ids) => {
      const orgs = readScope(ctx)?.organisationIds;
      if (!orgs) return ids.map(() => null);
      const rows = await ds.getRepository(NetworkMember).createQueryBuilder('m').where('m.id = ANY(:ids)', { ids: [...ids] })
        .andWhere(networkVisibleSql('m.network_id', ':netScope'), { netScope: orgs }).getMany();
      return oneEach(ids, rows);
    }),

    meetingsByNetwork: new DataLoader<string, NetworkMeeting[]>(async (ids) => {
      const orgs = readScope(ctx)?.organisationIds;
      if (!orgs) return ids.map(() => []);
      const rows = await ds
        .getRepository(NetworkMeeting)
        .createQueryBuilder('mt')
        .where('mt.network_id = ANY(:ids)', { ids: [...ids] })
        .andWhere(networkVisibleSql('mt.network_id', ':netScope'), { netScope: orgs })
        .orderBy('mt.held_on')
        .addOrderBy('mt.id')
        .getMany();
      return groupByParent(ids, rows, (r) => r.networkId);
    }),

    /** Registrations and attendees per meeting, counted in the database. */
    countsByMeeting: new DataLoader<string, { registered: number; attended: number }>(async (ids) => {
      const orgs = readScope(ctx)?.organisationIds;
      if (!orgs) return ids.map(() => ({ registered: 0, attended: 0 }));
      const rows: Array<{ meeting_id: string; registered: string; attended: string }> = await ds.query(
        `SELECT p.meeting_id, count(p.registered_at) AS registered, count(*) FILTER (WHERE p.attended) AS attended
           FROM network_meeting_participant p JOIN network_meeting mt ON mt.id = p.meeting_id
          WHERE p.meeting_id = ANY($1) AND ${networkVisibleSql('mt.network_id', '$2::uuid[]')} GROUP BY p.meeting_id`,
        [[...ids], orgs],
      );
      const map = new Map(rows.map((r) => [r.meeting_id, { registered: Number(r.registered), attended: Number(r.attended) }]));
      return ids.map((id) => map.get(id) ?? { registered: 0, attended: 0 });
    }),

    participantsByMeeting: new DataLoader<string, NetworkMeetingParticipant[]>(async (ids) => {
      const orgs = readScope(ctx)?.organisationIds;
      if (!orgs) return ids.map(() => []);
      const rows = await ds
        .getRepository(NetworkMeetingParticipant)
        .createQueryBuilder('p')
        .where('p.meeting_id = ANY(:ids)', { ids: [...ids] })
        .andWhere(`EXISTS (SELECT 1 FROM network_meeting pm WHERE pm.id = p.meeting_id AND ${networkVisibleSql('pm.network_id', ':netScope')})`, { netScope: orgs })
        .orderBy('p.registered_at', 'ASC', 'NULLS LAST')
        .addOrderBy('p.id')
        .getMany();
      return groupByParent(ids, rows, (r) => r.meetingId);
    }),

    budgetLinesByApplication: new DataLoader<string, FundingBudgetLine[]>(async (ids) => {
      // The line's own rule (whoever sees the application), not only the road that led here.
      const rows = await scoped(ctx, FundingBudgetLine, 'l')
        .andWhere('l.application_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('l.position')
        .getMany();
      return groupByParent(ids, rows, (r) => r.applicationId);
    }),

    /** The requested total of each application: the sum of its budget lines, computed in the database. */
    totalByApplication: new DataLoader<string, string>(async (ids) => {
      const rows: Array<{ application_id: string; total: string }> = await ds.query(
        'SELECT application_id, sum(amount)::numeric(14,2)::text AS total FROM funding_budget_line WHERE application_id = ANY($1) GROUP BY application_id',
        [[...ids]],
      );
      const map = new Map(rows.map((r) => [r.application_id, r.total]));
      return ids.map((id) => map.get(id) ?? '0.00');
    }),
  };
}

function memberPageKey(k: MemberPageKey) {
  return JSON.stringify([k.networkId, k.first, k.after]);
}

export const networkLoaders = (ctx: RequestContext) => ctx.loaders.get(createNetworkLoaders);
