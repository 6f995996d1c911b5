import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { Capability } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { updateIfVersion } from '../core/versioned';
import { AgreementParty, AgreementTransition, AgreementVersion, ServiceAgreement } from './agreement.entity';
import { AgreementState } from './agreement.enums';
import { partyOf } from './agreement.loaders';
import { AgreementContent } from './agreement.validation';

/** Filled by a write that lost a race: the agreement as it is now, returned in the payload as `current`. */
export interface ConflictHolder {
  current: ServiceAgreement | null;
}


/** Today's date in Denmark/Sweden (YYYY-MM-DD). */
export const todayLocal = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });

const notFound = (field = 'agreementId') => new UserInputRejection([userError(field, 'Service agreement not found.', UserErrorCode.NOT_FOUND)]);

/**
 * The agreement a write is about, if the caller is party to it (READ in a party); otherwise NOT_FOUND,
 * exactly as for an id that does not exist.
 */
export async function loadVisibleForWrite(ctx: RequestContext, em: EntityManager, id: string): Promise<{ agreement: ServiceAgreement; parties: AgreementParty[] }> {
  const readable = ctx.scope.organisationIds(Capability.READ);
  if (!readable.length) throw notFound();
  const agreement = await em
    .getRepository(ServiceAgreement)
    .createQueryBuilder('a')
    .where('a.id = :id', { id })
    .andWhere(partyOf('a'), { visibleOrgs: readable })
    .getOne();
  if (!agreement) throw notFound();
  const parties = await em.find(AgreementParty, { where: { agreementId: id }, order: { role: 'ASC', organisationId: 'ASC' } });
  return { agreement, parties };
}

/** The caller's organisations that may edit this agreement: parties where the caller is EDITOR or ADMIN. */
export function requireEditorOf(ctx: RequestContext, parties: AgreementParty[]): string[] {
  const editable = ctx.scope.organisationIds(Capability.EDIT);
  const mine = parties.map((p) => p.organisationId).filter((id) => editable.includes(id));
  if (!mine.length) {
    throw new UserInputRejection([userError('agreementId', 'Only editors and admins of the parties can change this agreement.', UserErrorCode.NOT_ALLOWED)]);
  }
  return mine;
}

const conflictError = (current: ServiceAgreement) =>
  new UserInputRejection([
    userError(
      'expectedVersion',
      `Someone else changed this agreement (it is now at version ${current.version}). The current state is in "current"; merge your changes and save again.`,
      UserErrorCode.VERSION_CONFLICT,
    ),
  ]);

/** Refuses a write that names a version older than the one read. */
export function assertExpectedVersion(holder: ConflictHolder, agreement: ServiceAgreement, expectedVersion: number) {
  if (agreement.version !== expectedVersion) {
    holder.current = agreement;
    throw conflictError(agreement);
  }
}

/**
 * The one write of the agreement row: `UPDATE ... WHERE id = $1 AND version = $expected` (bumping the
 * version). 0 rows = someone else won the race: VERSION_CONFLICT with the current state. Every later
 * write of the mutation happens after this, while the row is locked, so writes are serialised.
 */
export async function commitAgreement(em: EntityManager, holder: ConflictHolder, agreement: ServiceAgreement, expectedVersion: number, patch: Partial<ServiceAgreement> = {}) {
  const updated = await updateIfVersion(em, ServiceAgreement, agreement.id, expectedVersion, patch);
  if (!updated) {
    const current = await em.findOneByOrFail(ServiceAgreement, { id: agreement.id });
    holder.current = current;
    throw conflictError(current);
  }
  return updated;
}

export async function recordTransition(ctx: RequestContext, em: EntityManager, agreementId: string, from: AgreementState | null, to: AgreementState, reason: string | null = null) {
  await em.insert(AgreementTransition, { agreementId, fromState: from, toState: to, reason, byUserId: userIdOf(ctx) });
}

export function versionRow(agreementId: string, number: number, content: AgreementContent, userId: string | null, amendmentReason: string | null): Partial<AgreementVersion> {
  return { agreementId, number, revision: 1, ...content, amendmentReason, createdByUserId: userId, completedAt: null };
}
