import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { RequestContext, userIdOf } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { ContactChannel, OPEN_REFERRAL_STATUSES, REFERRAL_TRANSITIONS, ReferralAction, ReferralStatus, TouchpointKind } from './journey.enums';
import { ActOnReferralInput } from './journey.inputs';
import { journeyLoaders } from './journey.loaders';
import { referralPage as referralPageOf } from './journey.service';
import { Referral, ReferralStep } from './referral.entity';
import { Touchpoint } from './touchpoint.entity';
import { appendEntry, checkOccurredAt } from './touchpoint.service';

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
    return runMutation(ctx, input, async (em) => {
      const [row] = await em.query(
        'SELECT id, status, sender_organisation_id, receiver_organisation_id FROM referral WHERE id = $1 AND (receiver_organisation_id = ANY($2::uuid[]) OR sender_organisation_id = ANY($3::uuid[]))',
        [input.referralId, ctx.scope.organisationIds(Capability.RECORD), ctx.scope.organisationIds(Capability.READ)],
      );
      if (!row) throw new UserInputRejection([userError('referralId', 'Referral not found.', UserErrorCode.NOT_FOUND)]);
      if (!ctx.scope.has(row.receiver_organisation_id, Capability.RECORD)) {
        throw new UserInputRejection([userError('referralId', 'Only the receiving organisation acts on a referral.', UserErrorCode.NOT_ALLOWED)]);
      }
      const step = REFERRAL_TRANSITIONS[input.action];
      const occurredAt = input.occurredAt ?? new Date();
      if (input.action === ReferralAction.RECORD_FIRST_CONTACT) {
        const errors = checkOccurredAt(occurredAt, 'occurredAt', new Date());
        if (errors.length) throw new UserInputRejection(errors);
      } else if (input.occurredAt) {
        throw new UserInputRejection([userError('occurredAt', 'Only for RECORD_FIRST_CONTACT.')]);
      }
      // The state machine in one conditional statement: of two concurrent steps only one applies.
      const updated = await em.createQueryBuilder().update(Referral)
        .set({ status: step.to, statusChangedAt: () => 'now()' })
        .where('id = :id AND status = :from', { id: row.id, from: step.from })
        .execute();
      if (!updated.affected) {
        throw new UserInputRejection([userError('action', `Cannot ${input.action} a referral that is ${row.status} (needs ${step.from}).`, UserErrorCode.INVALID)]);
      }
      await em.insert(ReferralStep, { referralId: row.id, status: step.to, byUserId: userIdOf(ctx), byOrganisationId: row.receiver_organisation_id, note: input.note?.trim() || null });
      const referral = await em.findOneByOrFail(Referral, { id: row.id });
      let touchpoint: Touchpoint | null = null;
      if (input.action === ReferralAction.RECORD_FIRST_CONTACT) {
        touchpoint = await appendEntry(ctx, em, {
          firmId: referral.firmId, organisationId: referral.receiverOrganisationId, kind: TouchpointKind.FIRST_CONTACT, occurredAt,
          summary: input.note ?? null, details: { channel: ContactChannel.REFERRAL, topic: referral.reason.slice(0, 500) }, referralId: referral.id,
        });
      }
      return Object.assign(new ReferralPayload(), { referral, touchpoint });
    }, () => new ReferralPayload());
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
