import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { Capability } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { ContactChannel, REFERRAL_TRANSITIONS, ReferralAction, TouchpointKind } from './journey.enums';
import { ActOnReferralInput } from './journey.inputs';
import { Referral, ReferralStep } from './referral.entity';
import { Touchpoint } from './touchpoint.entity';
import { appendEntry, checkOccurredAt } from './touchpoint.service';

/** The referral loop's writes (the resolver stays thin): each runs inside its mutation's transaction. */

/** The receiving organisation accepts or declines a referral, records the first contact, or closes it. Each step is timestamped by the server. */
export async function actOnReferral(ctx: RequestContext, em: EntityManager, input: ActOnReferralInput) {
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
  return { referral, touchpoint };
}
