import { EntityManager } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext, userIdOf } from '../core/context';
import { notFoundRejection, UserError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Firm, FirmStatus } from '../firms/firm.entity';
import { currentGrowthPotentialLevel } from '../firms/firm.history';
import { restrictToVisibleFirms } from '../firms/firm.visibility';
import { TouchpointKind } from '../journeys/journey.enums';
import { appendEntry } from '../journeys/touchpoint.service';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { EnrolmentState, ProgrammeEnrolment, ProgrammeEnrolmentEvent, SEAT_STATES } from './programme-enrolment.entity';
import { EligibilityCriterion, Programme, ProgrammeFundingSource, ProgrammeKpi, ProgrammeState } from './programme.entity';
import {
  ChangeEnrolmentStateInput,
  ChangeProgrammeStateInput,
  CreateProgrammeInput,
  EligibilityInput,
  EnrolFirmInput,
  FundingSourceInput,
  KpiInput,
  UpdateProgrammeInput,
} from './programme.inputs';
import { checkEligibility, ENROLLING_STATES, profileOf, PROGRAMME_TRANSITIONS, restrictToVisibleProgrammes } from './programme.service';
import { checkShares } from './shares';

// The programme area's writes. Each runs inside runMutation's transaction (the resolver passes `em`);
// throwing UserInputRejection rolls it back and answers with the errors.

/** Filled by enrolFirm before it refuses a firm as not eligible. */
export interface EnrolmentRefusal {
  failedCriteria: EligibilityCriterion[];
}

/** Creates a programme (as DRAFT) operated by one of the caller's organisations. */
export async function createProgramme(ctx: RequestContext, em: EntityManager, input: CreateProgrammeInput): Promise<{ programme: Programme }> {
  const errors: UserError[] = [];
  const editing = ctx.scope.organisationIds(Capability.EDIT);
  const operatorId = input.operatorOrganisationId ?? (editing.length === 1 ? editing[0] : null);
  if (!operatorId) errors.push(userError('operatorOrganisationId', 'Say which of your organisations operates the programme.', UserErrorCode.REQUIRED));
  else if (!editing.includes(operatorId)) errors.push(userError('operatorOrganisationId', 'You cannot create programmes for that organisation.', UserErrorCode.NOT_ALLOWED));
  if (input.endsOn < input.startsOn) errors.push(userError('endsOn', 'The programme cannot end before it starts.'));
  errors.push(...(await checkEligibilityInput(em, input.eligibility)));
  const funding = await checkFundingSources(em, input.fundingSources);
  errors.push(...funding.errors);
  if (errors.length) throw new UserInputRejection(errors);
  const programme = await em.save(
    em.create(Programme, {
      operatorOrganisationId: operatorId!,
      kind: input.kind,
      name: input.name.trim(),
      description: input.description ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      capacity: input.capacity,
      state: ProgrammeState.DRAFT,
      ...eligibilityColumns(input.eligibility),
    }),
  );
  await writeLists(em, programme.id, input.fundingSources, funding.basisPoints, input.kpis ?? []);
  return { programme };
}

/** Changes a programme the caller operates; lists given replace the current ones. */
export async function updateProgramme(ctx: RequestContext, em: EntityManager, input: UpdateProgrammeInput): Promise<{ programme: Programme }> {
  const current = await lockOperatedProgramme(ctx, em, input.id, Capability.EDIT, 'id');
  const errors: UserError[] = [];
  const startsOn = input.startsOn ?? current.startsOn;
  const endsOn = input.endsOn ?? current.endsOn;
  if (endsOn < startsOn) errors.push(userError(input.endsOn ? 'endsOn' : 'startsOn', 'The programme cannot end before it starts.'));
  if (input.capacity != null) {
    const taken = await seatsTaken(em, current.id);
    if (input.capacity < taken) errors.push(userError('capacity', `${taken} seats are taken already; capacity cannot be lower.`));
  }
  errors.push(...(await checkEligibilityInput(em, input.eligibility)));
  const funding = input.fundingSources ? await checkFundingSources(em, input.fundingSources) : null;
  if (funding) errors.push(...funding.errors);
  if (errors.length) throw new UserInputRejection(errors);
  const patch: Partial<Programme> = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.description !== undefined) patch.description = input.description;
  if (input.startsOn !== undefined) patch.startsOn = input.startsOn;
  if (input.endsOn !== undefined) patch.endsOn = input.endsOn;
  if (input.capacity != null) patch.capacity = input.capacity;
  if (input.eligibility) Object.assign(patch, eligibilityColumns(input.eligibility));
  const updated = await updateIfVersion(em, Programme, current.id, input.expectedVersion, patch);
  if (!updated) throw versionConflict('programme', current.version);
  if (input.fundingSources) await em.delete(ProgrammeFundingSource, { programmeId: current.id });
  if (input.kpis) await em.delete(ProgrammeKpi, { programmeId: current.id });
  await writeLists(em, current.id, input.fundingSources ?? [], funding?.basisPoints ?? [], input.kpis ?? []);
  return { programme: updated };
}

/** Opens, starts or closes a programme the caller operates. */
export async function changeProgrammeState(ctx: RequestContext, em: EntityManager, input: ChangeProgrammeStateInput): Promise<{ programme: Programme }> {
  const current = await lockOperatedProgramme(ctx, em, input.id, Capability.EDIT, 'id');
  if (!PROGRAMME_TRANSITIONS[current.state].includes(input.state)) {
    throw new UserInputRejection([
      userError('state', `A ${current.state} programme cannot become ${input.state} (allowed: ${PROGRAMME_TRANSITIONS[current.state].join(', ') || 'none'}).`, UserErrorCode.INVALID_STATE),
    ]);
  }
  const updated = await updateIfVersion(em, Programme, current.id, input.expectedVersion, { state: input.state });
  if (!updated) throw versionConflict('programme', current.version);
  return { programme: updated };
}

/**
 * Enrols a firm in a programme the caller operates. When the firm is refused as not eligible, the failed
 * criteria are left in `refusal` so the (rolled-back) payload can still name them.
 */
export async function enrolFirm(ctx: RequestContext, em: EntityManager, input: EnrolFirmInput, refusal: EnrolmentRefusal): Promise<{ enrolment: ProgrammeEnrolment }> {
  // The row lock serialises enrolments of one programme: the seat count below cannot go stale.
  const programme = await lockOperatedProgramme(ctx, em, input.programmeId, Capability.RECORD, 'programmeId');
  if (!ENROLLING_STATES.includes(programme.state)) {
    throw new UserInputRejection([userError('programmeId', `The programme is ${programme.state}: firms can be enrolled only while it is OPEN or RUNNING.`, UserErrorCode.INVALID_STATE)]);
  }
  const firm = await findVisibleFirm(ctx, em, input.firmId);
  if (!firm) throw notFoundRejection('firmId', 'Firm');
  if (firm.status === FirmStatus.MERGED) {
    throw new UserInputRejection([userError('firmId', 'This prospect was merged into a registered firm; enrol that firm instead.', UserErrorCode.INVALID_STATE)]);
  }
  if (await em.existsBy(ProgrammeEnrolment, { programmeId: programme.id, firmId: firm.id })) {
    throw new UserInputRejection([userError('firmId', 'This firm is enrolled in the programme already.', UserErrorCode.DUPLICATE)]);
  }
  const regionId = await municipalityRegion(em, firm.municipalityId);
  const failures = checkEligibility(programme, profileOf(firm, regionId, await currentGrowthPotentialLevel(em, firm.id)));
  if (failures.length) {
    refusal.failedCriteria = failures.map((f) => f.criterion);
    throw new UserInputRejection([
      userError('firmId', `The firm is not eligible. ${failures.map((f) => f.message).join(' ')}`, UserErrorCode.NOT_ELIGIBLE),
    ]);
  }
  const taken = await seatsTaken(em, programme.id);
  if (taken >= programme.capacity) {
    throw new UserInputRejection([userError('programmeId', `The programme is full (${programme.capacity} of ${programme.capacity} seats taken).`, UserErrorCode.CAPACITY_FULL)]);
  }
  const enrolment = await em.save(
    em.create(ProgrammeEnrolment, { programmeId: programme.id, firmId: firm.id, state: EnrolmentState.ENROLLED, enrolledByUserId: userIdOf(ctx) }),
  );
  await em.insert(ProgrammeEnrolmentEvent, { enrolmentId: enrolment.id, state: EnrolmentState.ENROLLED, note: input.note ?? null, recordedByUserId: userIdOf(ctx) });
  await recordEnrolmentInJourney(ctx, em, programme, firm.id, EnrolmentState.ENROLLED);
  return { enrolment };
}

/** Records that an enrolled firm completed the programme or dropped out (operator only). */
export async function changeEnrolmentState(ctx: RequestContext, em: EntityManager, input: ChangeEnrolmentStateInput): Promise<{ enrolment: ProgrammeEnrolment }> {
  if (input.state === EnrolmentState.ENROLLED) {
    throw new UserInputRejection([userError('state', 'Give COMPLETED or DROPPED_OUT.', UserErrorCode.INVALID_STATE)]);
  }
  const recording = ctx.scope.require(Capability.RECORD);
  const qb = em
    .getRepository(ProgrammeEnrolment)
    .createQueryBuilder('e')
    .innerJoin(Programme, 'p', 'p.id = e.programme_id')
    .where('e.id = :id', { id: input.enrolmentId });
  const current = await recording.restrict(qb, 'p.operator_organisation_id').getOne();
  // Not found and not yours give the same answer: enrolments are the operator's records.
  if (!current) throw notFoundRejection('enrolmentId', 'Enrolment');
  if (current.state !== EnrolmentState.ENROLLED) {
    throw new UserInputRejection([userError('state', `The enrolment is ${current.state} already; only ENROLLED firms can complete or drop out.`, UserErrorCode.INVALID_STATE)]);
  }
  const updated = await updateIfVersion(em, ProgrammeEnrolment, current.id, input.expectedVersion, { state: input.state });
  if (!updated) throw versionConflict('enrolment', current.version);
  await em.insert(ProgrammeEnrolmentEvent, { enrolmentId: current.id, state: input.state, note: input.note ?? null, recordedByUserId: userIdOf(ctx) });
  const programme = await em.findOneByOrFail(Programme, { id: current.programmeId });
  await recordEnrolmentInJourney(ctx, em, programme, current.firmId, input.state);
  return { enrolment: updated };
}

// ---------------------------------------------------------------------------------------------------
// Helpers

const ENROLMENT_SUMMARY: Record<EnrolmentState, string> = {
  [EnrolmentState.ENROLLED]: 'Enrolled in',
  [EnrolmentState.COMPLETED]: 'Completed',
  [EnrolmentState.DROPPED_OUT]: 'Dropped out of',
};

/** Enrolments, completions and drop-outs are also entries of the firm's journey, owned by the operator. */
function recordEnrolmentInJourney(ctx: RequestContext, em: EntityManager, programme: Programme, firmId: string, state: EnrolmentState) {
  return appendEntry(ctx, em, {
    firmId,
    organisationId: programme.operatorOrganisationId,
    kind: TouchpointKind.PROGRAMME_ENROLMENT,
    occurredAt: new Date(),
    summary: `${ENROLMENT_SUMMARY[state]} ${programme.name}`,
    details: { programmeName: programme.name, operatorOrganisationId: programme.operatorOrganisationId, startsOn: programme.startsOn },
  });
}

/**
 * Locks a programme the caller may act on with `capability` as its operator. A draft of another
 * organisation (or a missing id) is NOT_FOUND; a published programme of another organisation NOT_ALLOWED
 * (published programmes are public, so saying so leaks nothing).
 */
async function lockOperatedProgramme(ctx: RequestContext, em: EntityManager, id: string, capability: Capability, field: string): Promise<Programme> {
  const qb = em.getRepository(Programme).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id });
  const programme = await restrictToVisibleProgrammes(qb, 'p', ctx).getOne();
  if (!programme) throw new UserInputRejection([userError(field, 'Programme not found.', UserErrorCode.NOT_FOUND)]);
  if (!ctx.scope.has(programme.operatorOrganisationId, capability)) {
    throw new UserInputRejection([userError(field, 'Only the programme\'s operator can do this.', UserErrorCode.NOT_ALLOWED)]);
  }
  return programme;
}

async function seatsTaken(em: EntityManager, programmeId: string): Promise<number> {
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM programme_enrolment WHERE programme_id = $1 AND state = ANY($2)`, [programmeId, SEAT_STATES]);
  return n;
}

async function findVisibleFirm(ctx: RequestContext, em: EntityManager, id: string): Promise<Firm | null> {
  const qb = em.getRepository(Firm).createQueryBuilder('f').where('f.id = :id', { id });
  return restrictToVisibleFirms(qb, 'f', ctx).getOne();
}

async function municipalityRegion(em: EntityManager, municipalityId: string | null): Promise<string | null> {
  if (!municipalityId) return null;
  const m = await em.findOne(Organisation, { where: { id: municipalityId }, select: { id: true, regionId: true } });
  return m?.regionId ?? null;
}

function eligibilityColumns(e: EligibilityInput | undefined) {
  return {
    eligibleGrowthPotentialLevels: [...new Set(e?.growthPotentialLevels ?? [])],
    eligibleRegionIds: [...new Set(e?.regionIds ?? [])],
    eligibleIndustryCodePrefixes: [...new Set(e?.industryCodePrefixes ?? [])],
    eligibleSizeClasses: [...new Set(e?.sizeClasses ?? [])],
  };
}

async function checkEligibilityInput(em: EntityManager, e: EligibilityInput | undefined): Promise<UserError[]> {
  const ids = [...new Set(e?.regionIds ?? [])];
  if (!ids.length) return [];
  const found = await em.find(Organisation, { where: ids.map((id) => ({ id, kind: OrganisationKind.REGION })), select: { id: true } });
  const known = new Set(found.map((o) => o.id));
  return (e!.regionIds ?? [])
    .map((id, i) => (known.has(id) ? null : userError(['eligibility', 'regionIds', String(i)], 'No region with this id.', UserErrorCode.NOT_FOUND)))
    .filter((x): x is UserError => !!x);
}

async function checkFundingSources(em: EntityManager, sources: FundingSourceInput[]) {
  const errors: UserError[] = [];
  sources.forEach((s, i) => {
    if (!s.funderOrganisationId && !s.funderName?.trim()) {
      errors.push(userError(['fundingSources', String(i), 'funderName'], 'Name the funder (or give funderOrganisationId).', UserErrorCode.REQUIRED));
    }
  });
  const orgIds = [...new Set(sources.map((s) => s.funderOrganisationId).filter((x): x is string => !!x))];
  if (orgIds.length) {
    const found = new Set((await em.find(Organisation, { where: orgIds.map((id) => ({ id })), select: { id: true } })).map((o) => o.id));
    sources.forEach((s, i) => {
      if (s.funderOrganisationId && !found.has(s.funderOrganisationId)) {
        errors.push(userError(['fundingSources', String(i), 'funderOrganisationId'], 'No organisation with this id.', UserErrorCode.NOT_FOUND));
      }
    });
  }
  const shares = checkShares('fundingSources', 'sharePercent', sources.map((s) => s.sharePercent));
  errors.push(...shares.errors);
  return { errors, basisPoints: shares.basisPoints };
}

async function writeLists(em: EntityManager, programmeId: string, sources: FundingSourceInput[], basisPoints: number[], kpis: KpiInput[]) {
  if (sources.length) {
    await em.insert(
      ProgrammeFundingSource,
      sources.map((s, i) => ({
        programmeId,
        funderOrganisationId: s.funderOrganisationId ?? null,
        funderName: s.funderName?.trim() || null,
        shareBasisPoints: basisPoints[i],
        amount: s.amount ?? null,
        position: i,
      })),
    );
  }
  if (kpis.length) {
    await em.insert(ProgrammeKpi, kpis.map((k, i) => ({ programmeId, metric: k.metric.trim(), target: k.target, unit: k.unit.trim(), position: i })));
  }
}
