import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { UserError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { updateIfVersion } from '../core/versioned';
import { Organisation } from '../organisations/organisation.entity';
import { CLOCK_SKEW_TOLERANCE_MS, MAX_BACKDATING_DAYS, MilestoneStatus, ReferralStatus, TouchpointKind } from './journey.enums';
import { Referral, ReferralStep } from './referral.entity';
import { checkDetails, DETAILS_FIELD, DETAILS_FIELDS, DetailsField, MilestoneInput, ReferralInput, toJson } from './touchpoint.details';
import { GrowthPlanMilestone, Touchpoint } from './touchpoint.entity';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * occurredAt may not lie in the future, nor more than MAX_BACKDATING_DAYS before `reference` (the moment
 * of recording; for a correction, the moment the corrected entry was recorded). Lessons from the field:
 * back-dated entries were used to hit KPI targets.
 */
export function checkOccurredAt(occurredAt: Date, field: string, now: Date, reference: Date = now): UserError[] {
  if (Number.isNaN(occurredAt.getTime())) return [userError(field, 'Not a valid time.')];
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_TOLERANCE_MS) {
    return [userError(field, 'A touchpoint cannot be recorded for a time in the future.')];
  }
  const earliest = new Date(reference.getTime() - MAX_BACKDATING_DAYS * DAY_MS);
  if (occurredAt < earliest) {
    return [userError(field, `${field} may be at most ${MAX_BACKDATING_DAYS} days before the entry is recorded (earliest allowed: ${earliest.toISOString()}). Back-dating further is refused.`)];
  }
  return [];
}

/** Exactly the details field that matches the kind must be given; each other one is named as an error. */
export function checkDetailsPresence(kind: TouchpointKind, input: Partial<Record<DetailsField, unknown>>): UserError[] {
  const expected = DETAILS_FIELD[kind];
  const errors: UserError[] = [];
  if (input[expected] == null) errors.push(userError(expected, `A ${kind} touchpoint needs "${expected}".`, UserErrorCode.REQUIRED));
  for (const f of DETAILS_FIELDS) {
    if (f !== expected && input[f] != null) errors.push(userError(f, `"${f}" does not belong to a ${kind} touchpoint (give "${expected}").`));
  }
  return errors;
}

export interface NewEntry {
  firmId: string;
  organisationId: string;
  kind: TouchpointKind;
  occurredAt: Date;
  summary?: string | null;
  details: Record<string, unknown>;
  referralId?: string | null;
  milestoneId?: string | null;
  supersedesId?: string | null;
  correctionReason?: string | null;
}

/** Appends one entry. recorded_at is the database's now(): never taken from the client. */
export async function appendEntry(ctx: RequestContext, em: EntityManager, e: NewEntry): Promise<Touchpoint> {
  return em.save(em.create(Touchpoint, {
    firmId: e.firmId,
    organisationId: e.organisationId,
    recordedByUserId: userIdOf(ctx),
    kind: e.kind,
    occurredAt: e.occurredAt,
    summary: e.summary?.trim() || null,
    details: e.details,
    referralId: e.referralId ?? null,
    milestoneId: e.milestoneId ?? null,
    supersedesId: e.supersedesId ?? null,
    correctionReason: e.correctionReason ?? null,
  }));
}

/** REFERRAL: opens the loop (referral + its SENT step) and returns the details snapshot. */
export async function openReferral(ctx: RequestContext, em: EntityManager, firmId: string, senderId: string, input: ReferralInput) {
  const receiver = await em.findOne(Organisation, { where: { id: input.receiverOrganisationId }, select: { id: true } });
  if (!receiver) throw new UserInputRejection([userError(['referral', 'receiverOrganisationId'], 'Organisation not found.', UserErrorCode.NOT_FOUND)]);
  if (receiver.id === senderId) throw new UserInputRejection([userError(['referral', 'receiverOrganisationId'], 'A referral goes to another organisation.')]);
  const referral = await em.save(em.create(Referral, {
    firmId, senderOrganisationId: senderId, receiverOrganisationId: receiver.id, status: ReferralStatus.SENT, reason: input.reason.trim(),
  }));
  await em.insert(ReferralStep, { referralId: referral.id, status: ReferralStatus.SENT, byUserId: userIdOf(ctx), byOrganisationId: senderId, note: null });
  return { referral, details: { referralId: referral.id, receiverOrganisationId: receiver.id, reason: referral.reason } };
}

/** GROWTH_PLAN_MILESTONE: creates or changes the milestone (expectedVersion) and returns the snapshot for the entry. */
export async function applyMilestone(em: EntityManager, firmId: string, organisationId: string, input: MilestoneInput) {
  const path = (f: string) => ['milestone', f];
  if (!input.milestoneId) {
    const errors: UserError[] = [];
    for (const f of ['title', 'ownerName', 'dueOn'] as const) if (!input[f]) errors.push(userError(path(f), `A new milestone needs ${f}.`, UserErrorCode.REQUIRED));
    if (input.expectedVersion != null) errors.push(userError(path('expectedVersion'), 'Only for changing an existing milestone.'));
    if (errors.length) throw new UserInputRejection(errors);
    const m = await em.save(em.create(GrowthPlanMilestone, {
      firmId, organisationId, title: input.title!.trim(), ownerName: input.ownerName!.trim(), dueOn: input.dueOn!, status: input.status ?? MilestoneStatus.PLANNED,
    }));
    return { milestone: m, details: snapshot(m, null) };
  }
  const current = await em.findOne(GrowthPlanMilestone, { where: { id: input.milestoneId, organisationId, firmId } });
  if (!current) throw new UserInputRejection([userError(path('milestoneId'), 'Milestone not found.', UserErrorCode.NOT_FOUND)]);
  if (input.expectedVersion == null) throw new UserInputRejection([userError(path('expectedVersion'), 'Give the version you saw.', UserErrorCode.REQUIRED)]);
  const patch: Partial<GrowthPlanMilestone> = {};
  if (input.title) patch.title = input.title.trim();
  if (input.ownerName) patch.ownerName = input.ownerName.trim();
  if (input.dueOn) patch.dueOn = input.dueOn;
  if (input.status) patch.status = input.status;
  if (!Object.keys(patch).length) throw new UserInputRejection([userError(path('status'), 'Nothing to change.', UserErrorCode.REQUIRED)]);
  const updated = await updateIfVersion(em, GrowthPlanMilestone, current.id, input.expectedVersion, patch);
  if (!updated) {
    throw new UserInputRejection([userError(path('expectedVersion'), `Someone else changed this milestone (now version ${current.version}). Reload and try again.`, UserErrorCode.VERSION_CONFLICT)]);
  }
  return { milestone: updated, details: snapshot(updated, current.status) };
}

const snapshot = (m: GrowthPlanMilestone, previousStatus: MilestoneStatus | null) => ({
  milestoneId: m.id, title: m.title, ownerName: m.ownerName, dueOn: m.dueOn, status: m.status, previousStatus,
});

/** Validates and returns the details JSON of a plain (non-referral, non-milestone) kind. */
export function plainDetails(kind: TouchpointKind, input: Partial<Record<DetailsField, unknown>>): Record<string, unknown> {
  const field = DETAILS_FIELD[kind];
  const value = input[field] as object;
  const errors = checkDetails(kind, value, [field]);
  if (errors.length) throw new UserInputRejection(errors);
  return toJson(value);
}
