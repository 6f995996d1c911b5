import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { isUuid } from '../core/text';
import { Firm, GrowthPotentialLevel, SizeClass } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { ProgrammeEnrolment, ProgrammeEnrolmentEvent } from './programme-enrolment.entity';
import { EligibilityCriterion, Programme, ProgrammeFundingSource, ProgrammeKpi, ProgrammeState } from './programme.entity';
import {
  ChangeEnrolmentStateInput,
  ChangeProgrammeStateInput,
  CreateProgrammeInput,
  EnrolFirmInput,
  ProgrammeCatalogueFilter,
  ProgrammeThroughputFilter,
  UpdateProgrammeInput,
} from './programme.inputs';
import { programmeLoaders } from './programme.loaders';
import * as mutations from './programme.mutations';
import * as reads from './programme.reads';
import { checkEligibility, EligibilityFailure } from './programme.service';
import { basisPointsToPercent } from './shares';

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
// Mutations: argument in, the write in programme.mutations.ts, payload out.

@Resolver()
export class ProgrammeMutationResolver {
  @Mutation(() => ProgrammePayload, { description: 'Create a programme (as DRAFT) operated by one of your organisations.' })
  @Access(Rules.member(Capability.EDIT))
  createProgramme(@Arg('input', { validate: false }) input: CreateProgrammeInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ProgrammePayload(), await mutations.createProgramme(ctx, em, input)), () => new ProgrammePayload());
  }

  @Mutation(() => ProgrammePayload, { description: 'Change a programme you operate. Lists given replace the current ones.' })
  @Access(Rules.member(Capability.EDIT))
  updateProgramme(@Arg('input', { validate: false }) input: UpdateProgrammeInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ProgrammePayload(), await mutations.updateProgramme(ctx, em, input)), () => new ProgrammePayload());
  }

  @Mutation(() => ProgrammePayload, { description: 'Open, start or close a programme you operate.' })
  @Access(Rules.member(Capability.EDIT))
  changeProgrammeState(@Arg('input', { validate: false }) input: ChangeProgrammeStateInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ProgrammePayload(), await mutations.changeProgrammeState(ctx, em, input)), () => new ProgrammePayload());
  }

  @Mutation(() => EnrolmentPayload, {
    description:
      'Enrol a firm in a programme your organisation operates. Refused (NOT_ELIGIBLE, naming the criteria) when the firm is not eligible, ' +
      '(CAPACITY_FULL) when no seat is left, (INVALID_STATE) unless the programme is OPEN or RUNNING.',
  })
  @Access(Rules.member(Capability.RECORD))
  enrolFirm(@Arg('input', { validate: false }) input: EnrolFirmInput, @Ctx() ctx: RequestContext) {
    const refusal: mutations.EnrolmentRefusal = { failedCriteria: [] };
    return runMutation(
      ctx,
      input,
      async (em) => Object.assign(new EnrolmentPayload(), await mutations.enrolFirm(ctx, em, input, refusal)),
      () => Object.assign(new EnrolmentPayload(), { failedCriteria: refusal.failedCriteria }),
      { uniqueFields: { UQ_programme_enrolment_firm: { field: 'firmId', message: 'This firm is enrolled in the programme already.' } } },
    );
  }

  @Mutation(() => EnrolmentPayload, { description: 'Record that an enrolled firm completed the programme or dropped out (operator only).' })
  @Access(Rules.member(Capability.RECORD))
  changeEnrolmentState(@Arg('input', { validate: false }) input: ChangeEnrolmentStateInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new EnrolmentPayload(), await mutations.changeEnrolmentState(ctx, em, input)), () => new EnrolmentPayload());
  }
}

// ---------------------------------------------------------------------------------------------------
// Helpers

function toEligibilityCheck(failures: EligibilityFailure[]): EligibilityCheck {
  return Object.assign(new EligibilityCheck(), {
    eligible: failures.length === 0,
    failedCriteria: failures.map((f) => f.criterion),
    reasons: failures.map((f) => f.message),
  });
}

