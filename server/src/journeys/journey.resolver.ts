import { RequestContext } from '../core/context';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { DetailGrant } from './journey.access';
import { AccessBasis, GROWTH_WHEEL, GrowthWheelArea, GrowthWheelDecisionArea } from './journey.enums';
import { AssessGrowthPotentialInput, CorrectTouchpointInput, JourneyFilter, RecordTouchpointInput } from './journey.inputs';
import { journeyLoaders } from './journey.loaders';
import { firmJourneyPage, hiddenOwnerIds, logForeignReads } from './journey.service';
import { detailsFor, MilestoneDetails, ReferralDetails, TouchpointDetailsUnion } from './touchpoint.details';
import { GrowthPlanMilestone, GrowthPotentialAssessment, Touchpoint } from './touchpoint.entity';
import { Referral } from './referral.entity';
import { recordTouchpoint, correctTouchpoint, assessGrowthPotential } from './recording.service';

@ObjectType({ description: 'On which recorded basis you see another organisation\'s entries about this firm.' })
export class JourneyAccessGrant {
  @Field(() => Organisation, { description: 'The organisation whose entries you see.' }) organisation!: Organisation;
  @Field(() => Organisation, { description: 'Your organisation that holds the basis.' }) viewerOrganisation!: Organisation;
  @Field(() => AccessBasis) basis!: AccessBasis;
  @Field(() => ID, { nullable: true }) consentId!: string | null;
  @Field(() => ID, { nullable: true }) referralId!: string | null;
}

/**
 * A firm's journey as far as the caller may see it. `edges` hold the entries of the caller's own
 * organisations and of organisations that share with the caller on a recorded basis (`accessGrants`);
 * each such read of another organisation's entries is logged. Other organisations' entries are NOT in
 * the stream: `hiddenOrganisations` only says that they exist (no kinds, dates, counts or cursors that
 * could leak them).
 */
@ObjectType({ description: 'A firm\'s journey (time-ordered, newest first) as far as you may see it.' })
export class FirmJourney extends Connection(Touchpoint, 'FirmJourney') {
  @Field(() => Firm) firm!: Firm;
  /** Internal: the firm and the prospects merged into it. */
  firmIds!: string[];
  /** Internal: organisations whose entries the caller sees. */
  visibleOwners!: string[];
  grants!: DetailGrant[];
  /** Internal: hiddenOrganisations' ids when the page's statement read them already (null: ask). */
  hiddenOwners!: string[] | null;
}

@ObjectType()
export class TouchpointPayload extends MutationPayload {
  @Field(() => Touchpoint, { nullable: true }) touchpoint: Touchpoint | null = null;
  @Field(() => GrowthPlanMilestone, { nullable: true, description: 'For GROWTH_PLAN_MILESTONE: the milestone as it is now.' })
  milestone: GrowthPlanMilestone | null = null;
  @Field(() => Referral, { nullable: true, description: 'For REFERRAL: the referral that was opened.' })
  referral: Referral | null = null;
}

@ObjectType()
export class GrowthPotentialPayload extends MutationPayload {
  @Field(() => GrowthPotentialAssessment, { nullable: true }) assessment: GrowthPotentialAssessment | null = null;
}

@ObjectType({ description: 'One of the 4 areas of the Growth Wheel and its 5 decision areas.' })
export class GrowthWheelAreaModel {
  @Field(() => GrowthWheelArea) area!: GrowthWheelArea;
  @Field(() => [GrowthWheelDecisionArea]) decisionAreas!: GrowthWheelDecisionArea[];
}

@Resolver(() => FirmJourney)
export class FirmJourneyResolver {
  @Query(() => FirmJourney, {
    nullable: true,
    description: 'A firm\'s journey, newest first, with what you may see in detail. Null if the firm does not exist or is not yours to see. Reading another organisation\'s entries is logged.',
  })
  @Access(Rules.userMember(Capability.READ))
  async firmJourney(
    @Arg('firmId', () => ID) firmId: string,
    @Arg('filter', () => JourneyFilter, { nullable: true }) filter: JourneyFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FirmJourney | null> {
    const scope = ctx.scope.require(Capability.READ);
    if (!isUuid(firmId)) return null;
    const page = await firmJourneyPage(ctx, scope, firmId, filter, first, after, info);
    if (!page) return null;
    const { firm, connection, firmIds, visibleOwners, grants, hiddenOwners } = page;
    return Object.assign(new FirmJourney(), connection, { firm, firmIds, visibleOwners, grants, hiddenOwners });
  }

  @FieldResolver(() => [Organisation], {
    description: 'Organisations that have journey entries about this firm which you may not see (no consent, no open referral). Only the fact is shown: no kinds, dates or counts.',
  })
  async hiddenOrganisations(@Root() journey: FirmJourney, @Ctx() ctx: RequestContext) {
    const ids = journey.hiddenOwners ?? (await hiddenOwnerIds(ctx, journey.firmIds, journey.visibleOwners));
    const orgs = await organisationLoaders(ctx).byId.loadMany(ids);
    return orgs.filter((o): o is Organisation => !!o && !(o instanceof Error)).sort((a, b) => a.name.localeCompare(b.name));
  }

  @FieldResolver(() => [JourneyAccessGrant], { description: 'The recorded bases on which you see other organisations\' entries about this firm.' })
  async accessGrants(@Root() journey: FirmJourney, @Ctx() ctx: RequestContext) {
    const l = organisationLoaders(ctx).byId;
    return Promise.all(journey.grants.map(async (g) => Object.assign(new JourneyAccessGrant(), {
      organisation: await l.load(g.ownerOrganisationId), viewerOrganisation: await l.load(g.viewerOrganisationId), basis: g.basis, consentId: g.consentId, referralId: g.referralId,
    })));
  }

  @FieldResolver(() => [GrowthPotentialAssessment], { description: 'Your organisations\' growth-potential assessments of the firm, newest (current) first.' })
  growthPotentialAssessments(@Root() journey: FirmJourney, @Ctx() ctx: RequestContext) {
    return journeyLoaders(ctx).assessmentsByFirm.load(journey.firm.id);
  }

  @Query(() => [GrowthWheelAreaModel], { description: 'The Growth Wheel (Væksthjulet): 4 areas x 5 decision areas.' })
  @Access(Rules.signedIn())
  growthWheelModel() {
    return Object.entries(GROWTH_WHEEL).map(([area, decisionAreas]) => Object.assign(new GrowthWheelAreaModel(), { area, decisionAreas }));
  }

  @Mutation(() => TouchpointPayload, { description: 'Record a touchpoint of any kind. The server assigns recordedAt; back-dating beyond 14 days is refused.' })
  @Access(Rules.member(Capability.RECORD))
  recordTouchpoint(@Arg('input', { validate: false }) input: RecordTouchpointInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new TouchpointPayload(), await recordTouchpoint(ctx, em, input)), () => new TouchpointPayload());
  }

  @Mutation(() => TouchpointPayload, { description: 'Correct an entry of your organisation: a new entry of the same kind supersedes it; both stay visible.' })
  @Access(Rules.member(Capability.RECORD))
  correctTouchpoint(@Arg('input', { validate: false }) input: CorrectTouchpointInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new TouchpointPayload(), await correctTouchpoint(ctx, em, input)), () => new TouchpointPayload(), {
      uniqueFields: { UQ_touchpoint_supersedes_id: { field: 'touchpointId', message: 'This entry was corrected already; correct the newest one.' } },
    });
  }

  @Mutation(() => GrowthPotentialPayload, { description: 'Record a new growth-potential level and segment for a firm (history is kept; the newest is current).' })
  @Access(Rules.member(Capability.RECORD))
  assessGrowthPotential(@Arg('input', { validate: false }) input: AssessGrowthPotentialInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new GrowthPotentialPayload(), await assessGrowthPotential(ctx, em, input)), () => new GrowthPotentialPayload());
  }
}

/** Re-exported for the agreements area's drill-down (it logs its foreign reads the same way). */
export { logForeignReads };

@Resolver(() => Touchpoint)
export class TouchpointResolver {
  @FieldResolver(() => Organisation, { description: 'The organisation that recorded (and owns) the entry.' })
  organisation(@Root() t: Touchpoint, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(t.organisationId);
  }

  @FieldResolver(() => Firm, { nullable: true })
  firm(@Root() t: Touchpoint, @Ctx() ctx: RequestContext) {
    return firmLoaders(ctx).byId.load(t.firmId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who recorded it: shown only for entries of your own organisations.' })
  recordedBy(@Root() t: Touchpoint, @Ctx() ctx: RequestContext) {
    if (!t.recordedByUserId || !ctx.scope.has(t.organisationId, Capability.READ)) return null;
    return identityLoaders(ctx).userById.load(t.recordedByUserId);
  }

  @FieldResolver(() => TouchpointDetailsUnion, { description: 'The typed details of this kind of touchpoint.' })
  details(@Root() t: Touchpoint) {
    return detailsFor(t.kind, t.details);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The earlier entry this one corrects.' })
  supersedesId(@Root() t: Touchpoint) {
    return t.supersedesId;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The later entry that corrects this one (null if it is current).' })
  supersededById(@Root() t: Touchpoint, @Ctx() ctx: RequestContext) {
    return journeyLoaders(ctx).supersederByEntry.load(t.id);
  }
}

@Resolver(() => ReferralDetails)
export class ReferralDetailsResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  receiverOrganisation(@Root() d: ReferralDetails, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(d.receiverOrganisationId);
  }

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral loop: only for its sender and receiver.' })
  referral(@Root() d: ReferralDetails, @Ctx() ctx: RequestContext) {
    return journeyLoaders(ctx).referralById.load(d.referralId);
  }
}

@Resolver(() => MilestoneDetails)
export class MilestoneDetailsResolver {
  @FieldResolver(() => GrowthPlanMilestone, { nullable: true, description: 'The milestone as it is now: only for its own organisation.' })
  milestone(@Root() d: MilestoneDetails, @Ctx() ctx: RequestContext) {
    return journeyLoaders(ctx).milestoneById.load(d.milestoneId);
  }
}

@Resolver(() => GrowthPlanMilestone)
export class GrowthPlanMilestoneResolver {
  @FieldResolver(() => Firm, { nullable: true })
  firm(@Root() m: GrowthPlanMilestone, @Ctx() ctx: RequestContext) {
    return firmLoaders(ctx).byId.load(m.firmId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() m: GrowthPlanMilestone, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(m.organisationId);
  }
}

@Resolver(() => GrowthPotentialAssessment)
export class GrowthPotentialAssessmentResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() a: GrowthPotentialAssessment, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(a.organisationId);
  }
}
