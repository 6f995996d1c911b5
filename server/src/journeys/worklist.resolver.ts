import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { RequestContext } from '../core/context';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { WorklistOptions } from './journey.inputs';
import { ReferralConnection, ReferralDirection, referralPage } from './referral.resolver';
import { milestonesDuePage, recentFirmsPage } from './journey.service';
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
  recentFirms(@Root() w: Worklist, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    return recentFirmsPage(ctx, w.organisationIds, w.options.recentDays, first, after);
  }

  @FieldResolver(() => GrowthPlanMilestoneConnection, { description: 'Open milestones of your organisation due within `dueWithinDays` days (overdue ones first), by due date.' })
  milestonesDue(@Root() w: Worklist, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    return milestonesDuePage(ctx, w.organisationIds, w.options.dueWithinDays, first, after);
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

