import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../core/context';
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
import { FirmConsent, JourneyAccessLog } from './consent.entity';
import { RecordConsentInput, WithdrawConsentInput } from './journey.inputs';
import { journeyLoaders } from './journey.loaders';
import { accessLogPage, consentsOfFirm } from './journey.service';
import { recordConsent, withdrawConsent, MAX_CONSENT_YEARS } from './consent.service';
export { MAX_CONSENT_YEARS };

@ObjectType()
export class ConsentPayload extends MutationPayload {
  @Field(() => FirmConsent, { nullable: true }) consent: FirmConsent | null = null;
}

@ObjectType()
export class JourneyAccessLogConnection extends Connection(JourneyAccessLog, 'JourneyAccessLog') {}

@Resolver(() => FirmConsent)
export class ConsentResolver {
  @Query(() => [FirmConsent], { description: 'Consents of a firm recorded by your organisations (including withdrawn and expired ones), newest first.' })
  @Access(Rules.userMember(Capability.READ))
  async firmConsents(@Arg('firmId', () => ID) firmId: string, @Ctx() ctx: RequestContext) {
    const scope = ctx.scope.require(Capability.READ);
    if (!isUuid(firmId)) return [];
    return consentsOfFirm(ctx, scope, firmId);
  }

  @Mutation(() => ConsentPayload, { description: 'Record a firm\'s consent to show your organisation\'s journey entries about it to others.' })
  @Access(Rules.member(Capability.RECORD))
  recordConsent(@Arg('input', { validate: false }) input: RecordConsentInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ConsentPayload(), await recordConsent(ctx, em, input)), () => new ConsentPayload());
  }

  @Mutation(() => ConsentPayload, { description: 'Withdraw a consent your organisation recorded. Takes effect at once.' })
  @Access(Rules.member(Capability.RECORD))
  withdrawConsent(@Arg('input', { validate: false }) input: WithdrawConsentInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ConsentPayload(), await withdrawConsent(ctx, em, input)), () => new ConsentPayload());
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that recorded it; its entries are the ones shared.' })
  organisation(@Root() c: FirmConsent, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(c.organisationId);
  }

  @FieldResolver(() => Firm, { nullable: true })
  firm(@Root() c: FirmConsent, @Ctx() ctx: RequestContext) {
    return firmLoaders(ctx).byId.load(c.firmId);
  }

  @FieldResolver(() => [Organisation], { description: 'For NAMED_ORGANISATIONS: who may see.' })
  async recipients(@Root() c: FirmConsent, @Ctx() ctx: RequestContext) {
    const ids = await journeyLoaders(ctx).recipientsByConsent.load(c.id);
    const orgs = await organisationLoaders(ctx).byId.loadMany(ids);
    return orgs.filter((o): o is Organisation => !!o && !(o instanceof Error));
  }

  @FieldResolver(() => Boolean, { description: 'Not withdrawn and not expired, now.' })
  isEffective(@Root() c: FirmConsent) {
    return !c.withdrawnAt && c.validUntil > new Date();
  }
}

@Resolver(() => JourneyAccessLog)
export class JourneyAccessLogResolver {
  @Query(() => JourneyAccessLogConnection, { description: 'Reads of your organisations\' journey entries by other organisations, newest first.' })
  @Access(Rules.userMember(Capability.READ))
  async journeyAccessLog(
    @Arg('firmId', () => ID, { nullable: true }) firmId: string | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const scope = ctx.scope.require(Capability.READ);
    return accessLogPage(ctx, scope, firmId, first, after);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation the reader acted for.' })
  viewerOrganisation(@Root() l: JourneyAccessLog, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(l.viewerOrganisationId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who read.' })
  viewer(@Root() l: JourneyAccessLog, @Ctx() ctx: RequestContext) {
    return l.viewerUserId ? identityLoaders(ctx).userById.load(l.viewerUserId) : null;
  }

  @FieldResolver(() => Organisation, { description: 'Your organisation whose entries were read.' })
  ownerOrganisation(@Root() l: JourneyAccessLog, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(l.ownerOrganisationId);
  }

  @FieldResolver(() => Firm, { nullable: true })
  firm(@Root() l: JourneyAccessLog, @Ctx() ctx: RequestContext) {
    return firmLoaders(ctx).byId.load(l.firmId);
  }

  @FieldResolver(() => ID, { nullable: true })
  consentId(@Root() l: JourneyAccessLog) {
    return l.consentId;
  }

  @FieldResolver(() => ID, { nullable: true })
  referralId(@Root() l: JourneyAccessLog) {
    return l.referralId;
  }
}
