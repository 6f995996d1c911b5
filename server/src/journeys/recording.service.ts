import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { Capability } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { actingOrganisation, findFirmForRecording } from './journey.access';
import { TouchpointKind } from './journey.enums';
import { AssessGrowthPotentialInput, CorrectTouchpointInput, RecordTouchpointInput } from './journey.inputs';
import { GrowthPlanMilestone, GrowthPotentialAssessment, Touchpoint } from './touchpoint.entity';
import { appendEntry, applyMilestone, checkDetailsPresence, checkOccurredAt, openReferral, plainDetails } from './touchpoint.service';
import { Referral } from './referral.entity';

/** Recording journey entries and growth-potential assessments (the resolver stays thin): each runs inside its mutation's transaction. */

/** Record a touchpoint of any kind. The server assigns recordedAt; back-dating beyond 14 days is refused. */
export async function recordTouchpoint(ctx: RequestContext, em: EntityManager, input: RecordTouchpointInput) {
  const org = actingOrganisation(ctx, input.organisationId, Capability.RECORD).organisationIds[0];
  const errors = [...checkDetailsPresence(input.kind, input), ...checkOccurredAt(input.occurredAt, 'occurredAt', new Date())];
  if (errors.length) throw new UserInputRejection(errors);
  const firm = await findFirmForRecording(em, input.firmId, org);
  const payload: { touchpoint: Touchpoint | null; milestone: GrowthPlanMilestone | null; referral: Referral | null } = { touchpoint: null, milestone: null, referral: null };
  let details: Record<string, unknown>;
  if (input.kind === TouchpointKind.REFERRAL) {
    const opened = await openReferral(ctx, em, firm.id, org, input.referral!);
    payload.referral = opened.referral;
    details = opened.details;
  } else if (input.kind === TouchpointKind.GROWTH_PLAN_MILESTONE) {
    const applied = await applyMilestone(em, firm.id, org, input.milestone!);
    payload.milestone = applied.milestone;
    details = applied.details;
  } else {
    details = plainDetails(input.kind, input);
  }
  payload.touchpoint = await appendEntry(ctx, em, {
    firmId: firm.id, organisationId: org, kind: input.kind, occurredAt: input.occurredAt, summary: input.summary, details,
    referralId: payload.referral?.id ?? null, milestoneId: payload.milestone?.id ?? null,
  });
  return payload;
}

/** Correct an entry of your organisation: a new entry of the same kind supersedes it; both stay visible. */
export async function correctTouchpoint(ctx: RequestContext, em: EntityManager, input: CorrectTouchpointInput) {
  const recording = ctx.scope.organisationIds(Capability.RECORD);
  const original = await em.getRepository(Touchpoint).createQueryBuilder('t')
    .where('t.id = :id', { id: input.touchpointId }).andWhere('t.organisationId = ANY(:recording)', { recording }).getOne();
  if (!original) throw new UserInputRejection([userError('touchpointId', 'Touchpoint not found.', UserErrorCode.NOT_FOUND)]);
  if (original.kind === TouchpointKind.REFERRAL || original.kind === TouchpointKind.GROWTH_PLAN_MILESTONE) {
    throw new UserInputRejection([userError('touchpointId', `A ${original.kind} entry is changed through its ${original.kind === TouchpointKind.REFERRAL ? 'referral' : 'milestone'}, not corrected.`, UserErrorCode.IMMUTABLE)]);
  }
  const [corrected] = await em.query('SELECT id FROM touchpoint WHERE supersedes_id = $1', [original.id]);
  if (corrected) throw new UserInputRejection([userError('touchpointId', `This entry was corrected already (by ${corrected.id}); correct the newest one.`, UserErrorCode.IMMUTABLE)]);
  const occurredAt = input.occurredAt ?? original.occurredAt;
  const errors = [...checkDetailsPresence(original.kind, input), ...(input.occurredAt ? checkOccurredAt(input.occurredAt, 'occurredAt', new Date(), original.recordedAt) : [])];
  if (errors.length) throw new UserInputRejection(errors);
  const touchpoint = await appendEntry(ctx, em, {
    firmId: original.firmId, organisationId: original.organisationId, kind: original.kind, occurredAt, summary: input.summary ?? original.summary,
    details: plainDetails(original.kind, input), supersedesId: original.id, correctionReason: input.reason.trim(),
  });
  return { touchpoint };
}

/** Record a new growth-potential level and segment for a firm (history is kept; the newest is current). */
export async function assessGrowthPotential(ctx: RequestContext, em: EntityManager, input: AssessGrowthPotentialInput) {
  const org = actingOrganisation(ctx, input.organisationId, Capability.RECORD).organisationIds[0];
  const firm = await findFirmForRecording(em, input.firmId, org);
  const assessment = await em.save(em.create(GrowthPotentialAssessment, {
    firmId: firm.id, organisationId: org, level: input.level, segment: input.segment, rationale: input.rationale?.trim() || null,
    assessedByUserId: userIdOf(ctx),
  }));
  return { assessment };
}
