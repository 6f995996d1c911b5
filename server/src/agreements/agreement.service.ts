import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { Capability } from '../core/access';
import { notFoundRejection, userError, UserError, UserErrorCode, UserInputRejection } from '../core/errors';
import { scoped } from '../core/scoped';
import { updateIfVersion } from '../core/versioned';
import { AgreementFollowUp, AgreementFollowUpEntry, AgreementParty, AgreementSignature, AgreementTransition, AgreementVersion, ServiceAgreement } from './agreement.entity';
import { AgreementKpiActualSource, AgreementState, isComputedMetric } from './agreement.enums';
import {
  AmendAgreementInput,
  ConfirmAgreementParticipationInput,
  CreateServiceAgreementInput,
  RecordFollowUpInput,
  SignAgreementInput,
  TransitionAgreementInput,
  UpdateAgreementDraftInput,
} from './agreement.inputs';
import { computeKpiActuals, KpiRequest } from './agreement.kpi';
import { AMENDABLE_STATES, EDITABLE_ORIGINAL_STATES, REPORTABLE_STATES, transitionProblem } from './agreement.lifecycle';
import { partyOf } from './agreement.loaders';
import { AgreementContent, checkContent, checkParties, checkPeriod, contentOf, sameContent } from './agreement.validation';

/** Filled by a write that lost a race: the agreement as it is now, returned in the payload as `current`. */
export interface ConflictHolder {
  current: ServiceAgreement | null;
}

/** Today's date in Denmark/Sweden (YYYY-MM-DD). */
export const todayLocal = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });

const notFound = () => notFoundRejection('agreementId', 'Service agreement');

/**
 * The agreement a write is about, if the caller is party to it (READ in a party); otherwise NOT_FOUND,
 * exactly as for an id that does not exist.
 */
export async function loadVisibleForWrite(ctx: RequestContext, em: EntityManager, id: string): Promise<{ agreement: ServiceAgreement; parties: AgreementParty[] }> {
  const readable = ctx.scope.organisationIds(Capability.READ);
  if (!readable.length) throw notFound();
  const agreement = await scoped(ctx, ServiceAgreement, 'a', em)
    .andWhere('a.id = :id', { id })
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

/** A party row; accepted now (by the caller) when `accepts`. */
const partyRow = (ctx: RequestContext, agreementId: string, p: { organisationId: string; role: AgreementParty['role'] }, accepts: boolean) => ({
  agreementId,
  organisationId: p.organisationId,
  role: p.role,
  acceptedAt: accepts ? () => 'now()' : null,
  acceptedByUserId: accepts ? userIdOf(ctx) : null,
});

const reject = (errors: UserError[]) => {
  if (errors.length) throw new UserInputRejection(errors);
};

// ---------------------------------------------------------------------------------------------------
// Writes: each mutation of the area, run inside runMutation (the resolver only wraps the result in its payload).

export async function createServiceAgreement(ctx: RequestContext, em: EntityManager, holder: ConflictHolder, input: CreateServiceAgreementInput) {
  const errors: UserError[] = [];
  const editable = ctx.scope.organisationIds(Capability.EDIT);
  await checkParties(em, input.parties, editable, errors);
  const content = checkContent(input.content, input.parties.map((p) => p.organisationId), errors);
  reject(errors);
  const creator = input.parties.find((p) => editable.includes(p.organisationId))!.organisationId;
  const agreement = await em.save(
    em.create(ServiceAgreement, {
      kind: input.kind,
      state: AgreementState.DRAFT,
      currentVersionNumber: 1,
      inForceVersionNumber: null,
      terminationReason: null,
      createdByOrganisationId: creator,
      createdByUserId: userIdOf(ctx),
    }),
  );
  // The caller accepts for the parties it edits for (the creator among them); the others only by
  // confirming participation or signing themselves.
  await em.insert(AgreementParty, input.parties.map((p) => partyRow(ctx, agreement.id, p, editable.includes(p.organisationId))));
  await em.insert(AgreementVersion, versionRow(agreement.id, 1, content, userIdOf(ctx), null) as AgreementVersion);
  await recordTransition(ctx, em, agreement.id, null, AgreementState.DRAFT);
  return { agreement };
}

export async function updateAgreementDraft(ctx: RequestContext, em: EntityManager, holder: ConflictHolder, input: UpdateAgreementDraftInput) {
  const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
  requireEditorOf(ctx, parties);
  assertExpectedVersion(holder, agreement, input.expectedVersion);
  const original = agreement.inForceVersionNumber == null;
  if (original ? !EDITABLE_ORIGINAL_STATES.includes(agreement.state) : !(AMENDABLE_STATES.includes(agreement.state) && agreement.currentVersionNumber > agreement.inForceVersionNumber!)) {
    throw new UserInputRejection([
      userError(
        'agreementId',
        AMENDABLE_STATES.includes(agreement.state)
          ? 'A signed agreement is changed only by an amendment (amendAgreement).'
          : `An agreement that is ${agreement.state} cannot be changed.`,
        UserErrorCode.IMMUTABLE,
      ),
    ]);
  }
  const errors: UserError[] = [];
  let partyIds = parties.map((p) => p.organisationId);
  if (input.parties) {
    if (!original) throw new UserInputRejection([userError('parties', 'The parties cannot change once the agreement has been signed.', UserErrorCode.IMMUTABLE)]);
    await checkParties(em, input.parties, ctx.scope.organisationIds(Capability.EDIT), errors);
    partyIds = input.parties.map((p) => p.organisationId);
  }
  const content = checkContent(input.content, partyIds, errors);
  reject(errors);
  const version = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.currentVersionNumber });
  const partiesChanged =
    !!input.parties &&
    JSON.stringify(parties.map((p) => [p.organisationId, p.role]).sort()) !== JSON.stringify(input.parties.map((p) => [p.organisationId, p.role]).sort());
  const contentChanged = !sameContent(version, content);
  const updated = await commitAgreement(em, holder, agreement, input.expectedVersion);
  if (partiesChanged) {
    // Parties that stay keep their acceptance; new ones accept only through the caller (if it edits for them) or themselves.
    // New parties first, removed ones last: the row-level security checks each write against the parties
    // stored at that moment, so the caller's party must never be missing in between (deleting all and
    // re-inserting failed for an editor of a party other than the creator).
    const before = new Map(parties.map((p) => [p.organisationId, p]));
    const editable = ctx.scope.organisationIds(Capability.EDIT);
    const added = input.parties!.filter((p) => !before.has(p.organisationId));
    if (added.length) await em.insert(AgreementParty, added.map((p) => partyRow(ctx, agreement.id, p, editable.includes(p.organisationId))));
    for (const p of input.parties!) {
      const kept = before.get(p.organisationId);
      if (!kept) continue;
      const accepts = !kept.acceptedAt && editable.includes(p.organisationId);
      if (kept.role !== p.role || accepts) {
        await em.update(AgreementParty, { id: kept.id }, { role: p.role, ...(accepts ? { acceptedAt: () => 'now()', acceptedByUserId: userIdOf(ctx) } : {}) });
      }
    }
    const removed = parties.filter((p) => !input.parties!.some((n) => n.organisationId === p.organisationId));
    if (removed.length) await em.delete(AgreementParty, removed.map((p) => p.id));
  }
  if (contentChanged || partiesChanged) {
    await em
      .createQueryBuilder()
      .update(AgreementVersion)
      .set({ ...content, revision: () => 'revision + 1', editedAt: () => 'now()' } as never)
      .where('id = :id', { id: version.id })
      .execute();
  }
  return { agreement: updated };
}

export async function transitionAgreement(ctx: RequestContext, em: EntityManager, holder: ConflictHolder, input: TransitionAgreementInput) {
  const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
  requireEditorOf(ctx, parties);
  assertExpectedVersion(holder, agreement, input.expectedVersion);
  const problem = transitionProblem(agreement.state, input.to, 'HAND');
  if (problem) throw new UserInputRejection([userError('to', problem, UserErrorCode.INVALID_STATE)]);
  const reason = input.reason?.trim() || null;
  if (input.to === AgreementState.TERMINATED && !reason) throw new UserInputRejection([userError('reason', 'Say why the agreement is terminated.', UserErrorCode.REQUIRED)]);
  if (input.to === AgreementState.EXPIRED) {
    const inForce = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.inForceVersionNumber! });
    if (inForce.periodEnd >= todayLocal()) {
      throw new UserInputRejection([userError('to', `The agreement runs until ${inForce.periodEnd}; it expires after that. To end it earlier, terminate it.`, UserErrorCode.INVALID_STATE)]);
    }
  }
  const updated = await commitAgreement(em, holder, agreement, input.expectedVersion, {
    state: input.to,
    stateChangedAt: () => 'now()',
    ...(input.to === AgreementState.TERMINATED ? { terminationReason: reason } : {}),
  } as never);
  await recordTransition(ctx, em, agreement.id, agreement.state, input.to, reason);
  return { agreement: updated };
}

export async function signAgreement(ctx: RequestContext, em: EntityManager, holder: ConflictHolder, input: SignAgreementInput) {
  const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
  if (!parties.some((p) => p.organisationId === input.partyOrganisationId)) {
    throw new UserInputRejection([userError('partyOrganisationId', 'This organisation is not a party of the agreement.', UserErrorCode.NOT_FOUND)]);
  }
  if (!ctx.scope.has(input.partyOrganisationId, Capability.ADMINISTER)) {
    throw new UserInputRejection([userError('partyOrganisationId', 'Only an admin of this party can sign for it.', UserErrorCode.NOT_ALLOWED)]);
  }
  assertExpectedVersion(holder, agreement, input.expectedVersion);
  const original = agreement.inForceVersionNumber == null;
  const signable = original
    ? agreement.state === AgreementState.IN_NEGOTIATION
    : AMENDABLE_STATES.includes(agreement.state) && agreement.currentVersionNumber > agreement.inForceVersionNumber!;
  if (!signable) {
    const why =
      agreement.state === AgreementState.DRAFT
        ? 'Send the draft to negotiation (IN_NEGOTIATION) before signing.'
        : AMENDABLE_STATES.includes(agreement.state)
          ? 'There is nothing to sign: the agreement is signed; changes need an amendment.'
          : `An agreement that is ${agreement.state} cannot be signed.`;
    throw new UserInputRejection([userError('agreementId', why, UserErrorCode.INVALID_STATE)]);
  }
  const version = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.currentVersionNumber });
  const existing = await em.findOneBy(AgreementSignature, { versionId: version.id, partyOrganisationId: input.partyOrganisationId, revision: version.revision });
  if (existing) throw new UserInputRejection([userError('partyOrganisationId', 'This party has signed this version already.', UserErrorCode.DUPLICATE)]);

  // Is this the last signature missing? Read at the expected version: if anyone signs or edits in
  // between, the conditional update below fails and this write is refused as a conflict.
  const validSigners = new Set(
    (await em.findBy(AgreementSignature, { versionId: version.id, revision: version.revision })).map((s) => s.partyOrganisationId),
  );
  validSigners.add(input.partyOrganisationId);
  const complete = parties.every((p) => validSigners.has(p.organisationId));
  const patch: Record<string, unknown> = {};
  if (complete) {
    patch.inForceVersionNumber = version.number;
    if (original) {
      const problem = transitionProblem(agreement.state, AgreementState.SIGNED, 'SIGNATURES');
      if (problem) throw new UserInputRejection([userError('agreementId', problem, UserErrorCode.INVALID_STATE)]);
      Object.assign(patch, { state: AgreementState.SIGNED, stateChangedAt: () => 'now()' });
    }
  }
  const updated = await commitAgreement(em, holder, agreement, input.expectedVersion, patch as Partial<ServiceAgreement>);
  const signature = await em.save(
    em.create(AgreementSignature, {
      agreementId: agreement.id,
      versionId: version.id,
      partyOrganisationId: input.partyOrganisationId,
      signedByUserId: userIdOf(ctx)!,
      versionNumber: version.number,
      revision: version.revision,
    }),
  );
  // Signing is accepting.
  await em.query(
    `UPDATE service_agreement_party SET accepted_at = now(), accepted_by_user_id = $3 WHERE agreement_id = $1 AND organisation_id = $2 AND accepted_at IS NULL`,
    [agreement.id, input.partyOrganisationId, userIdOf(ctx)],
  );
  if (complete) {
    await em.update(AgreementVersion, { id: version.id }, { completedAt: () => 'now()' } as never);
    if (original) await recordTransition(ctx, em, agreement.id, agreement.state, AgreementState.SIGNED, 'Signed by every party.');
  }
  return { agreement: updated, signature };
}

export async function confirmAgreementParticipation(ctx: RequestContext, em: EntityManager, holder: ConflictHolder, input: ConfirmAgreementParticipationInput) {
  const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
  const party = parties.find((p) => p.organisationId === input.partyOrganisationId);
  if (!party) throw new UserInputRejection([userError('partyOrganisationId', 'This organisation is not a party of the agreement.', UserErrorCode.NOT_FOUND)]);
  if (!ctx.scope.has(input.partyOrganisationId, Capability.EDIT)) {
    throw new UserInputRejection([userError('partyOrganisationId', 'Only an editor or admin of this party can confirm for it.', UserErrorCode.NOT_ALLOWED)]);
  }
  if (party.acceptedAt) throw new UserInputRejection([userError('partyOrganisationId', 'This party has accepted the agreement already.', UserErrorCode.DUPLICATE)]);
  const [[row]] = await em.query(
    `UPDATE service_agreement_party SET accepted_at = now(), accepted_by_user_id = $3
      WHERE agreement_id = $1 AND organisation_id = $2 AND accepted_at IS NULL RETURNING id`,
    [agreement.id, input.partyOrganisationId, userIdOf(ctx)],
  );
  if (!row) throw new UserInputRejection([userError('partyOrganisationId', 'This party has accepted the agreement already.', UserErrorCode.DUPLICATE)]);
  const updated = await em.findOneByOrFail(AgreementParty, { id: row.id });
  return { agreement, party: updated };
}

export async function amendAgreement(ctx: RequestContext, em: EntityManager, holder: ConflictHolder, input: AmendAgreementInput) {
  const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
  requireEditorOf(ctx, parties);
  assertExpectedVersion(holder, agreement, input.expectedVersion);
  if (!AMENDABLE_STATES.includes(agreement.state)) {
    throw new UserInputRejection([userError('agreementId', `Only a SIGNED or ACTIVE agreement can be amended (this one is ${agreement.state}).`, UserErrorCode.INVALID_STATE)]);
  }
  if (agreement.currentVersionNumber > agreement.inForceVersionNumber!) {
    throw new UserInputRejection([userError('agreementId', `Amendment ${agreement.currentVersionNumber} is still being signed; finish it first.`, UserErrorCode.INVALID_STATE)]);
  }
  const inForce = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.inForceVersionNumber! });
  const errors: UserError[] = [];
  const content: AgreementContent = input.content ? checkContent(input.content, parties.map((p) => p.organisationId), errors) : contentOf(inForce);
  reject(errors);
  const number = agreement.currentVersionNumber + 1;
  const updated = await commitAgreement(em, holder, agreement, input.expectedVersion, { currentVersionNumber: number });
  await em.insert(AgreementVersion, versionRow(agreement.id, number, content, userIdOf(ctx), input.reason.trim()) as AgreementVersion);
  return { agreement: updated };
}

export async function recordFollowUp(ctx: RequestContext, em: EntityManager, holder: ConflictHolder, input: RecordFollowUpInput) {
  const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
  const mine = requireEditorOf(ctx, parties);
  const reporter = input.reportingOrganisationId ?? (mine.length === 1 ? mine[0] : null);
  if (!reporter) throw new UserInputRejection([userError('reportingOrganisationId', 'Say which of your party organisations reports.', UserErrorCode.REQUIRED)]);
  if (!mine.includes(reporter)) throw new UserInputRejection([userError('reportingOrganisationId', 'You cannot report for that organisation.', UserErrorCode.NOT_ALLOWED)]);
  assertExpectedVersion(holder, agreement, input.expectedVersion);
  if (!REPORTABLE_STATES.includes(agreement.state) || agreement.inForceVersionNumber == null) {
    throw new UserInputRejection([userError('agreementId', 'Follow-ups are reported on agreements that are or were in force (ACTIVE, EXPIRED, TERMINATED).', UserErrorCode.INVALID_STATE)]);
  }
  const errors: UserError[] = [];
  if (!checkPeriod(errors, input.periodStart, input.periodEnd)) reject(errors);
  const version = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.inForceVersionNumber });
  const overlapping = version.kpis.filter((k) => k.periodStart <= input.periodEnd && k.periodEnd >= input.periodStart);
  const given = new Map<string, { actual: number; source: string; i: number }>();
  input.externalActuals.forEach((x, i) => {
    const at = (f: string) => ['externalActuals', `${i}`, f];
    const kpi = version.kpis.find((k) => k.key === x.kpiKey);
    if (!kpi) errors.push(userError(at('kpiKey'), 'The agreement has no KPI with this key.', UserErrorCode.NOT_FOUND));
    else if (isComputedMetric(kpi.metric)) errors.push(userError(at('kpiKey'), `${kpi.name} is computed from recorded work; it cannot be typed in.`, UserErrorCode.NOT_ALLOWED));
    else if (!overlapping.includes(kpi)) errors.push(userError(at('kpiKey'), 'This KPI\'s period does not overlap the follow-up period.'));
    else if (given.has(x.kpiKey)) errors.push(userError(at('kpiKey'), 'This KPI is given twice.', UserErrorCode.DUPLICATE));
    if (!Number.isFinite(x.actual) || x.actual < 0) errors.push(userError(at('actual'), 'An actual cannot be negative.'));
    const source = x.source?.trim();
    if (!source) errors.push(userError(at('source'), 'Name the source of an external figure (e.g. the survey).', UserErrorCode.REQUIRED));
    given.set(x.kpiKey, { actual: x.actual, source: source ?? '', i });
  });
  reject(errors);
  const windows = overlapping.map((k) => ({
    kpi: k,
    from: k.periodStart > input.periodStart ? k.periodStart : input.periodStart,
    to: k.periodEnd < input.periodEnd ? k.periodEnd : input.periodEnd,
  }));
  // Lock first, then compute: the snapshot is taken with the agreement row locked.
  const updated = await commitAgreement(em, holder, agreement, input.expectedVersion);
  const requests: KpiRequest[] = windows.map((w) => ({ agreementId: agreement.id, metric: w.kpi.metric, from: w.from, to: w.to }));
  const actuals = await computeKpiActuals(em, requests);
  const entries: AgreementFollowUpEntry[] = windows.map((w, i) => {
    const external = given.get(w.kpi.key);
    const computed = isComputedMetric(w.kpi.metric);
    return {
      kpiKey: w.kpi.key,
      name: w.kpi.name,
      metric: w.kpi.metric,
      unit: w.kpi.unit,
      target: w.kpi.target,
      countedFrom: w.from,
      countedTo: w.to,
      actual: computed ? actuals[i].actual : (external?.actual ?? null),
      actualSource: computed ? actuals[i].source : external ? AgreementKpiActualSource.EXTERNAL_REPORTED : AgreementKpiActualSource.NOT_REPORTED,
      externalSource: computed ? null : (external?.source ?? null),
      countedEntries: computed ? actuals[i].counted : null,
    };
  });
  const followUp = await em.save(
    em.create(AgreementFollowUp, {
      agreementId: agreement.id,
      versionNumber: version.number,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      comment: input.comment?.trim() || null,
      entries,
      reportedByUserId: userIdOf(ctx)!,
      reportedByOrganisationId: reporter,
    }),
  );
  return { agreement: updated, followUp };
}
