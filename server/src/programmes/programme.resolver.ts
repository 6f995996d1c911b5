import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { UserError, userError, UserErrorCode, UserInputRejection, notFoundRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { isUuid } from '../core/text';
import { Firm, FirmStatus, GrowthPotentialLevel, SizeClass } from '../firms/firm.entity';
import { currentGrowthPotentialLevel } from '../firms/firm.history';
import { firmLoaders } from '../firms/firm.loaders';
import { restrictToVisibleFirms } from '../firms/firm.visibility';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { TouchpointKind } from '../journeys/journey.enums';
import { appendEntry } from '../journeys/touchpoint.service';
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
  ProgrammeCatalogueFilter,
  ProgrammeThroughputFilter,
  UpdateProgrammeInput,
} from './programme.inputs';
import { programmeLoaders } from './programme.loaders';
import * as reads from './programme.reads';
import { checkEligibility, EligibilityFailure, ENROLLING_STATES, profileOf, PROGRAMME_TRANSITIONS, restrictToVisibleProgrammes } from './programme.service';
import { basisPointsToPercent, checkShares } from './shares';

// ---------------------------------------------------------------------------------------------------
// Output types

@ObjectType({ description: 'Who may take part in a programme. An empty list means no restriction on that criterion.' })
export class ProgrammeEligibility {
  @Field(() => [GrowthPotentialLevel]) growthPotentialLevels!: GrowthPotentialLevel[];
  /** Resolved to organisations by a field resolver. */
  regionIds!: string[];
  @Field(() => [String], { description: 'Industry code prefixes (DB07 / SNI 2007).' }) industryCodePrefixes!: string[];
  @Field(() => [SizeClass]) sizeClasses!: SizeClass[];
}

@ObjectType({ description: 'How many firms a programme has had, by outcome. Counts only: never which firms.' })
export class ProgrammeThroughput {
  @Field(() => Int, { description: 'Currently taking part.' }) enrolled!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int) droppedOut!: number;
  @Field(() => Int, { description: 'All enrolments ever (enrolled + completed + dropped out).' }) total!: number;
}

@ObjectType({ description: 'Throughput summed over many programmes (published ones only). Counts only.' })
export class ProgrammeThroughputSummary extends ProgrammeThroughput {
  @Field(() => Int, { description: 'Number of programmes counted.' }) programmes!: number;
}

@ObjectType({ description: 'Whether a firm meets a programme\'s eligibility criteria, and which it fails.' })
export class EligibilityCheck {
  @Field() eligible!: boolean;
  @Field(() => [EligibilityCriterion]) failedCriteria!: EligibilityCriterion[];
  @Field(() => [String], { description: 'One explanation per failed criterion.' }) reasons!: string[];
}

@ObjectType()
export class ProgrammeConnection extends Connection(Programme, 'Programme') {}

@ObjectType()
export class ProgrammeEnrolmentConnection extends Connection(ProgrammeEnrolment, 'ProgrammeEnrolment') {}

@ObjectType()
export class ProgrammePayload extends MutationPayload {
  @Field(() => Programme, { nullable: true })
  programme: Programme | null = null;
}

@ObjectType()
export class EnrolmentPayload extends MutationPayload {
  @Field(() => ProgrammeEnrolment, { nullable: true })
  enrolment: ProgrammeEnrolment | null = null;

  @Field(() => [EligibilityCriterion], { description: 'When the firm was refused as not eligible: the criteria it fails.' })
  failedCriteria: EligibilityCriterion[] = [];
}

const enrolmentKey = (e: ProgrammeEnrolment) => [e.id];

// ---------------------------------------------------------------------------------------------------
// Queries and fields

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => Programme, { nullable: true, description: 'A programme by id. Drafts only for their operator; null if not found or not yours to see.' })
  @Access(Rules.signedIn())
  programme(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? programmeLoaders(ctx).byId.load(id) : null;
  }

  @Query(() => ProgrammeConnection, { description: 'The public catalogue of current offers (OPEN and RUNNING programmes), by start date.' })
  @Access(Rules.signedIn())
  async programmeCatalogue(
    @Arg('filter', () => ProgrammeCatalogueFilter, { nullable: true }) filter: ProgrammeCatalogueFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return reads.programmeCatalogue(ctx, filter, first, after);
  }

  @Query(() => ProgrammeConnection, { description: 'Programmes your organisations operate, in every state (drafts included), by start date.' })
  @Access(Rules.member(Capability.READ))
  async operatedProgrammes(
    @Arg('states', () => [ProgrammeState], { nullable: true }) states: ProgrammeState[] | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return reads.operatedProgrammes(ctx, states, first, after);
  }

  @Query(() => EligibilityCheck, {
    nullable: true,
    description: 'Checks a firm against a programme\'s eligibility before enrolling it. Null if either is not found or not yours to see.',
  })
  @Access(Rules.signedIn())
  async programmeEligibility(@Arg('programmeId', () => ID) programmeId: string, @Arg('firmId', () => ID) firmId: string, @Ctx() ctx: RequestContext) {
    if (!isUuid(programmeId) || !isUuid(firmId)) return null;
    const [programme, profile] = await Promise.all([programmeLoaders(ctx).byId.load(programmeId), reads.visibleFirmProfile(ctx, firmId)]);
    if (!programme || !profile) return null;
    return toEligibilityCheck(checkEligibility(programme, profile));
  }

  @Query(() => ProgrammeThroughputSummary, { description: 'Enrolled / completed / dropped-out counts summed over published programmes. Counts only, never firms.' })
  @Access(Rules.signedIn())
  async programmeThroughput(@Arg('filter', () => ProgrammeThroughputFilter, { nullable: true }) filter: ProgrammeThroughputFilter | undefined, @Ctx() ctx: RequestContext) {
    const raw = await reads.throughputCounts(ctx, filter);
    const n = (s: string | undefined) => Number(s ?? 0);
    const summary = new ProgrammeThroughputSummary();
    Object.assign(summary, {
      programmes: n(raw?.programmes),
      enrolled: n(raw?.enrolled),
      completed: n(raw?.completed),
      droppedOut: n(raw?.droppedOut),
    });
    summary.total = summary.enrolled + summary.completed + summary.droppedOut;
    return summary;
  }

  @FieldResolver(() => Organisation, { description: 'The organisation running the programme.' })
  async operator(@Root() p: Programme, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(p.operatorOrganisationId);
  }

  @FieldResolver(() => ProgrammeEligibility)
  eligibility(@Root() p: Programme): ProgrammeEligibility {
    return Object.assign(new ProgrammeEligibility(), {
      growthPotentialLevels: p.eligibleGrowthPotentialLevels,
      regionIds: p.eligibleRegionIds,
      industryCodePrefixes: p.eligibleIndustryCodePrefixes,
      sizeClasses: p.eligibleSizeClasses,
    });
  }

  @FieldResolver(() => [ProgrammeFundingSource], { description: 'Funders and their co-financing shares (together 100 %).' })
  fundingSources(@Root() p: Programme, @Ctx() ctx: RequestContext) {
    return programmeLoaders(ctx).fundingSources.load(p.id);
  }

  @FieldResolver(() => [ProgrammeKpi])
  kpis(@Root() p: Programme, @Ctx() ctx: RequestContext) {
    return programmeLoaders(ctx).kpis.load(p.id);
  }

  @FieldResolver(() => ProgrammeThroughput, { description: 'Counts of enrolled / completed / dropped-out firms. Counts only, for anyone who sees the programme.' })
  async throughput(@Root() p: Programme, @Ctx() ctx: RequestContext) {
    const c = await programmeLoaders(ctx).throughput.load(p.id);
    return { ...c, total: c.enrolled + c.completed + c.droppedOut };
  }

  @FieldResolver(() => Int, { description: 'Seats still free (capacity minus enrolled and completed firms).' })
  async availableSeats(@Root() p: Programme, @Ctx() ctx: RequestContext) {
    const c = await programmeLoaders(ctx).throughput.load(p.id);
    return Math.max(0, p.capacity - c.enrolled - c.completed);
  }

  @FieldResolver(() => ProgrammeEnrolmentConnection, {
    nullable: true,
    description: 'The firms enrolled, oldest first. Only the operator\'s members see them; null for everyone else.',
  })
  async enrolments(@Root() p: Programme, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    if (!ctx.scope.has(p.operatorOrganisationId, Capability.READ)) return null;
    const cursor = decodeCursor(after, ['uuid']) as [string] | null;
    if (cursor && !isUuid(String(cursor[0]))) return toConnection([], first, enrolmentKey, true);
    const rows = await programmeLoaders(ctx).enrolmentPage.load({ programmeId: p.id, first, afterId: cursor ? String(cursor[0]) : null });
    return toConnection(rows, first, enrolmentKey, !!cursor);
  }
}

@Resolver(() => ProgrammeEligibility)
export class ProgrammeEligibilityResolver {
  @FieldResolver(() => [Organisation], { description: 'Regions a firm\'s municipality must lie in.' })
  async regions(@Root() e: ProgrammeEligibility, @Ctx() ctx: RequestContext) {
    const orgs = await organisationLoaders(ctx).byId.loadMany(e.regionIds);
    return orgs.filter((o): o is Organisation => !!o && !(o instanceof Error));
  }
}

@Resolver(() => ProgrammeFundingSource)
export class ProgrammeFundingSourceResolver {
  @FieldResolver(() => Float, { description: 'Share in percent (e.g. 33.33).' })
  sharePercent(@Root() f: ProgrammeFundingSource) {
    return basisPointsToPercent(f.shareBasisPoints);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The funder, when it is an organisation of the graph.' })
  funder(@Root() f: ProgrammeFundingSource, @Ctx() ctx: RequestContext) {
    return f.funderOrganisationId ? organisationLoaders(ctx).byId.load(f.funderOrganisationId) : null;
  }
}

@Resolver(() => ProgrammeEnrolment)
export class ProgrammeEnrolmentResolver {
  @FieldResolver(() => Firm, { nullable: true, description: 'The firm (null only if it is a prospect you may no longer see).' })
  firm(@Root() e: ProgrammeEnrolment, @Ctx() ctx: RequestContext) {
    return firmLoaders(ctx).byId.load(e.firmId);
  }

  @FieldResolver(() => Programme, { nullable: true })
  programme(@Root() e: ProgrammeEnrolment, @Ctx() ctx: RequestContext) {
    return programmeLoaders(ctx).byId.load(e.programmeId);
  }

  @FieldResolver(() => [ProgrammeEnrolmentEvent], { description: 'Every state change, oldest first, with server timestamps.' })
  history(@Root() e: ProgrammeEnrolment, @Ctx() ctx: RequestContext) {
    return programmeLoaders(ctx).history.load(e.id);
  }
}

// ---------------------------------------------------------------------------------------------------
// Mutations

@Resolver()
export class ProgrammeMutationResolver {
  @Mutation(() => ProgrammePayload, { description: 'Create a programme (as DRAFT) operated by one of your organisations.' })
  @Access(Rules.member(Capability.EDIT))
  createProgramme(@Arg('input', { validate: false }) input: CreateProgrammeInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new ProgrammePayload(), { programme });
    }, () => new ProgrammePayload());
  }

  @Mutation(() => ProgrammePayload, { description: 'Change a programme you operate. Lists given replace the current ones.' })
  @Access(Rules.member(Capability.EDIT))
  updateProgramme(@Arg('input', { validate: false }) input: UpdateProgrammeInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new ProgrammePayload(), { programme: updated });
    }, () => new ProgrammePayload());
  }

  @Mutation(() => ProgrammePayload, { description: 'Open, start or close a programme you operate.' })
  @Access(Rules.member(Capability.EDIT))
  changeProgrammeState(@Arg('input', { validate: false }) input: ChangeProgrammeStateInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const current = await lockOperatedProgramme(ctx, em, input.id, Capability.EDIT, 'id');
      if (!PROGRAMME_TRANSITIONS[current.state].includes(input.state)) {
        throw new UserInputRejection([
          userError('state', `A ${current.state} programme cannot become ${input.state} (allowed: ${PROGRAMME_TRANSITIONS[current.state].join(', ') || 'none'}).`, UserErrorCode.INVALID_STATE),
        ]);
      }
      const updated = await updateIfVersion(em, Programme, current.id, input.expectedVersion, { state: input.state });
      if (!updated) throw versionConflict('programme', current.version);
      return Object.assign(new ProgrammePayload(), { programme: updated });
    }, () => new ProgrammePayload());
  }

  @Mutation(() => EnrolmentPayload, {
    description:
      'Enrol a firm in a programme your organisation operates. Refused (NOT_ELIGIBLE, naming the criteria) when the firm is not eligible, ' +
      '(CAPACITY_FULL) when no seat is left, (INVALID_STATE) unless the programme is OPEN or RUNNING.',
  })
  @Access(Rules.member(Capability.RECORD))
  enrolFirm(@Arg('input', { validate: false }) input: EnrolFirmInput, @Ctx() ctx: RequestContext) {
    let failedCriteria: EligibilityCriterion[] = [];
    return runMutation(
      ctx,
      input,
      async (em) => {
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
          failedCriteria = failures.map((f) => f.criterion);
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
        return Object.assign(new EnrolmentPayload(), { enrolment });
      },
      () => Object.assign(new EnrolmentPayload(), { failedCriteria }),
      { uniqueFields: { UQ_programme_enrolment_firm: { field: 'firmId', message: 'This firm is enrolled in the programme already.' } } },
    );
  }

  @Mutation(() => EnrolmentPayload, { description: 'Record that an enrolled firm completed the programme or dropped out (operator only).' })
  @Access(Rules.member(Capability.RECORD))
  changeEnrolmentState(@Arg('input', { validate: false }) input: ChangeEnrolmentStateInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new EnrolmentPayload(), { enrolment: updated });
    }, () => new EnrolmentPayload());
  }
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

function toEligibilityCheck(failures: EligibilityFailure[]): EligibilityCheck {
  return Object.assign(new EligibilityCheck(), {
    eligible: failures.length === 0,
    failedCriteria: failures.map((f) => f.criterion),
    reasons: failures.map((f) => f.message),
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
