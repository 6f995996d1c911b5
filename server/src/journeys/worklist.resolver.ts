import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { RequestContext } from '../core/context';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { OPEN_MILESTONE_STATUSES } from './journey.enums';
import { WorklistOptions } from './journey.inputs';
import { ReferralConnection, ReferralDirection, referralPage } from './referral.resolver';
import { GrowthPlanMilestone } from './touchpoint.entity';

@ObjectType({ description: 'A firm your organisation has worked with recently.' })
export class WorklistFirm {
  firmId!: string;
  @Field({ description: 'When your organisation\'s latest touchpoint with the firm happened.' }) lastOccurredAt!: Date;
  @Field(() => Int, { description: 'Your organisation\'s touchpoints with the firm in the period.' }) touchpointCount!: number;
}

@ObjectType()
export class WorklistFirmConnection extends Connection(WorklistFirm, 'WorklistFirm') {}

@ObjectType()
export class GrowthPlanMilestoneConnection extends Connection(GrowthPlanMilestone, 'GrowthPlanMilestone') {}

@ObjectType({ description: 'A consultant\'s desk: my organisation\'s recent firms, milestones due and referrals waiting for us.' })
export class Worklist {
  organisationIds!: string[];
  options!: WorklistOptions;
}

@Resolver(() => Worklist)
export class WorklistResolver {
  @Query(() => Worklist, { description: 'The worklist of your organisations (or of one, with organisationId / the organisation switcher).' })
  @Access(Rules.userMember(Capability.READ))
  worklist(
    @Arg('organisationId', () => ID, { nullable: true }) organisationId: string | undefined,
    @Arg('options', () => WorklistOptions, { nullable: true }) options: WorklistOptions | undefined,
    @Ctx() ctx: RequestContext,
  ): Worklist {
    const scope = ctx.scope.require(Capability.READ);
    const organisationIds = organisationId ? scope.organisationIds.filter((o) => o === organisationId) : [...scope.organisationIds];
    return Object.assign(new Worklist(), { organisationIds, options: options ?? new WorklistOptions() });
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations this worklist is for.' })
  async organisations(@Root() w: Worklist, @Ctx() ctx: RequestContext) {
    const orgs = await organisationLoaders(ctx).byId.loadMany(w.organisationIds);
    return orgs.filter((o): o is Organisation => !!o && !(o instanceof Error));
  }

  @FieldResolver(() => WorklistFirmConnection, { description: 'Firms with your organisation\'s touchpoints in the last `recentDays` days, most recent first.' })
  async recentFirms(@Root() w: Worklist, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
    if (!w.organisationIds.length) return toConnection([], first, () => [], !!cursor);
    const params: unknown[] = [w.organisationIds, w.options.recentDays, first + 1];
    let having = '';
    if (cursor) {
      params.push(new Date(cursor[0]), cursor[1]);
      having = 'HAVING (max(occurred_at), firm_id) < ($4::timestamptz, $5::uuid)';
    }
    const rows: Array<{ firm_id: string; last_at: Date; n: number }> = await ctx.ds.query(
      `SELECT firm_id, max(occurred_at) AS last_at, count(*)::int AS n
         FROM touchpoint
        WHERE organisation_id = ANY($1::uuid[]) AND occurred_at >= now() - make_interval(days => $2::int)
        GROUP BY firm_id ${having}
        ORDER BY last_at DESC, firm_id DESC
        LIMIT $3`,
      params,
    );
    const items = rows.map((r) => Object.assign(new WorklistFirm(), { firmId: r.firm_id, lastOccurredAt: new Date(r.last_at), touchpointCount: r.n }));
    return toConnection(items, first, (i) => [i.lastOccurredAt.toISOString(), i.firmId], !!cursor);
  }

  @FieldResolver(() => GrowthPlanMilestoneConnection, { description: 'Open milestones of your organisation due within `dueWithinDays` days (overdue ones first), by due date.' })
  async milestonesDue(@Root() w: Worklist, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const cursor = decodeCursor(after, ['date', 'uuid']) as [string, string] | null;
    if (!w.organisationIds.length) return toConnection([], first, () => [], !!cursor);
    const qb = ctx.ds.getRepository(GrowthPlanMilestone).createQueryBuilder('m')
      .where('m.organisationId = ANY(:orgs)', { orgs: w.organisationIds })
      .andWhere('m.status = ANY(:open)', { open: OPEN_MILESTONE_STATUSES })
      .andWhere('m.dueOn <= current_date + :days::int', { days: w.options.dueWithinDays });
    if (cursor) qb.andWhere('(m.dueOn, m.id) > (:cDue, :cId)', { cDue: cursor[0], cId: cursor[1] });
    const rows = await qb.orderBy('m.dueOn').addOrderBy('m.id').limit(first + 1).getMany();
    return toConnection(rows, first, (m) => [m.dueOn, m.id], !!cursor);
  }

  @FieldResolver(() => ReferralConnection, { description: 'Open referrals received by your organisation (the inbox), oldest first.' })
  referralsWaiting(@Root() w: Worklist, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    return referralPage(ctx, w.organisationIds, ReferralDirection.RECEIVED, true, first, after);
  }
}

@Resolver(() => WorklistFirm)
export class WorklistFirmResolver {
  @FieldResolver(() => Firm, { nullable: true })
  firm(@Root() f: WorklistFirm, @Ctx() ctx: RequestContext) {
    return firmLoaders(ctx).byId.load(f.firmId);
  }
}

