import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
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
import { OPEN_REFERRAL_STATUSES, ReferralStatus } from './journey.enums';
import { ActOnReferralInput } from './journey.inputs';
import { journeyLoaders } from './journey.loaders';
import { referralPage as referralPageOf } from './journey.service';
import { Referral, ReferralStep } from './referral.entity';
import { Touchpoint } from './touchpoint.entity';
import { actOnReferral } from './referral.service';

export enum ReferralDirection {
  /** Referrals your organisations received (the inbox). */
  RECEIVED = 'RECEIVED',
  /** Referrals your organisations sent. */
  SENT = 'SENT',
}
registerEnumType(ReferralDirection, { name: 'ReferralDirection', description: 'Received (inbox) or sent referrals.' });

@ObjectType()
export class ReferralConnection extends Connection(Referral, 'Referral') {}

@ObjectType()
export class ReferralPayload extends MutationPayload {
  @Field(() => Referral, { nullable: true }) referral: Referral | null = null;
  @Field(() => Touchpoint, { nullable: true, description: 'For RECORD_FIRST_CONTACT: the FIRST_CONTACT entry recorded in your journey.' })
  touchpoint: Touchpoint | null = null;
}

/** One page of referrals of the given organisations, oldest first (the inbox is worked in order). */
export function referralPage(
  ctx: RequestContext, orgIds: readonly string[], direction: ReferralDirection, openOnly: boolean, first: number, after: string | null | undefined,
) {
  return referralPageOf(ctx, orgIds, direction === ReferralDirection.RECEIVED, openOnly, first, after);
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { nullable: true, description: 'A referral your organisation sent or received; null otherwise.' })
  @Access(Rules.userMember(Capability.READ))
  referral(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? journeyLoaders(ctx).referralById.load(id) : null;
  }

  @Query(() => ReferralConnection, { description: 'Referrals your organisations received (the inbox: RECEIVED, openOnly) or sent, oldest first.' })
  @Access(Rules.userMember(Capability.READ))
  referrals(
    @Arg('direction', () => ReferralDirection, { defaultValue: ReferralDirection.RECEIVED }) direction: ReferralDirection,
    @Arg('openOnly', { defaultValue: true }) openOnly: boolean,
    @Arg('organisationId', () => ID, { nullable: true, description: 'One of your organisations; default all of them.' }) organisationId: string | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const scope = ctx.scope.require(Capability.READ);
    const orgIds = organisationId ? scope.organisationIds.filter((o) => o === organisationId) : scope.organisationIds;
    return referralPage(ctx, orgIds, direction, openOnly, first, after);
  }

  @Mutation(() => ReferralPayload, {
    description: 'The receiving organisation accepts or declines a referral, records the first contact, or closes it. Each step is timestamped by the server.',
  })
  @Access(Rules.member(Capability.RECORD))
  actOnReferral(@Arg('input', { validate: false }) input: ActOnReferralInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ReferralPayload(), await actOnReferral(ctx, em, input)), () => new ReferralPayload());
  }

  @FieldResolver(() => Firm, { nullable: true })
  firm(@Root() r: Referral, @Ctx() ctx: RequestContext) {
    return firmLoaders(ctx).byId.load(r.firmId);
  }

  @FieldResolver(() => Organisation)
  senderOrganisation(@Root() r: Referral, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(r.senderOrganisationId);
  }

  @FieldResolver(() => Organisation)
  receiverOrganisation(@Root() r: Referral, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(r.receiverOrganisationId);
  }

  @FieldResolver(() => Boolean, { description: 'Sent, accepted or in first contact: in the receiver\'s inbox, and a basis for both parties to see each other\'s entries about the firm.' })
  isOpen(@Root() r: Referral) {
    return OPEN_REFERRAL_STATUSES.includes(r.status);
  }

  @FieldResolver(() => [ReferralStep], { description: 'Every step of the loop, oldest first.' })
  steps(@Root() r: Referral, @Ctx() ctx: RequestContext) {
    return journeyLoaders(ctx).stepsByReferral.load(r.id);
  }
}

@Resolver(() => ReferralStep)
export class ReferralStepResolver {
  @FieldResolver(() => Organisation)
  byOrganisation(@Root() s: ReferralStep, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(s.byOrganisationId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who took the step: shown only for steps of your own organisations.' })
  byUser(@Root() s: ReferralStep, @Ctx() ctx: RequestContext) {
    if (!s.byUserId || !ctx.scope.has(s.byOrganisationId, Capability.READ)) return null;
    return identityLoaders(ctx).userById.load(s.byUserId);
  }
}

export { ReferralStatus };
