import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { Capability } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { FirmConsent, FirmConsentRecipient } from './consent.entity';
import { actingOrganisation, findFirmForRecording } from './journey.access';
import { ConsentScope } from './journey.enums';
import { RecordConsentInput, WithdrawConsentInput } from './journey.inputs';

/** Recording and withdrawing consents (the resolver stays thin): each runs inside its mutation's transaction. */

/** A consent may run for at most this long. */
export const MAX_CONSENT_YEARS = 5;

/** Record a firm's consent to show your organisation's journey entries about it to others. */
export async function recordConsent(ctx: RequestContext, em: EntityManager, input: RecordConsentInput) {
  const org = actingOrganisation(ctx, input.organisationId, Capability.RECORD).organisationIds[0];
  const firm = await findFirmForRecording(em, input.firmId, org);
  const now = new Date();
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_CONSENT_YEARS);
  const errors = [];
  if (input.validUntil <= now) errors.push(userError('validUntil', 'A consent must be valid until a time in the future.'));
  else if (input.validUntil > latest) errors.push(userError('validUntil', `A consent can run for at most ${MAX_CONSENT_YEARS} years.`));
  const recipients = [...new Set(input.recipientOrganisationIds ?? [])];
  if (input.scope === ConsentScope.NAMED_ORGANISATIONS) {
    if (!recipients.length) errors.push(userError('recipientOrganisationIds', 'Name the organisations the firm consented to.', UserErrorCode.REQUIRED));
    else if (recipients.includes(org)) errors.push(userError('recipientOrganisationIds', 'Your own organisation sees its entries anyway; name others.'));
    else {
      const found: Array<{ id: string }> = await em.query('SELECT id FROM organisation WHERE id = ANY($1::uuid[])', [recipients]);
      if (found.length !== recipients.length) errors.push(userError('recipientOrganisationIds', 'Some of these organisations do not exist.', UserErrorCode.NOT_FOUND));
    }
  } else if (recipients.length) {
    errors.push(userError('recipientOrganisationIds', 'Leave out for ALL_PUBLIC_BUSINESS_SUPPORT.'));
  }
  if (errors.length) throw new UserInputRejection(errors);
  const consent = await em.save(em.create(FirmConsent, {
    firmId: firm.id, organisationId: org, scope: input.scope, purpose: input.purpose.trim(), validUntil: input.validUntil,
    recordedByUserId: userIdOf(ctx), withdrawnAt: null, withdrawnByUserId: null,
  }));
  if (recipients.length) await em.insert(FirmConsentRecipient, recipients.map((organisationId) => ({ consentId: consent.id, organisationId })));
  return { consent };
}

/** Withdraw a consent your organisation recorded. Takes effect at once. */
export async function withdrawConsent(ctx: RequestContext, em: EntityManager, input: WithdrawConsentInput) {
  const recording = ctx.scope.organisationIds(Capability.RECORD);
  const result = await em.createQueryBuilder().update(FirmConsent)
    .set({ withdrawnAt: () => 'now()', withdrawnByUserId: userIdOf(ctx) })
    .where('id = :id AND organisation_id = ANY(:recording) AND withdrawn_at IS NULL', { id: input.consentId, recording })
    .execute();
  const consent = await em.getRepository(FirmConsent).createQueryBuilder('c')
    .where('c.id = :id', { id: input.consentId }).andWhere('c.organisationId = ANY(:recording)', { recording }).getOne();
  if (!consent) throw new UserInputRejection([userError('consentId', 'Consent not found.', UserErrorCode.NOT_FOUND)]);
  if (!result.affected) throw new UserInputRejection([userError('consentId', 'This consent was withdrawn already.', UserErrorCode.IMMUTABLE)]);
  return { consent };
}
