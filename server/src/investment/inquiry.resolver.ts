import { RequestContext } from '../core/context';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { EstablishmentInquiry, EstablishmentOffer, InquiryStateChange } from './inquiry.entity';
import {
  ChangeEstablishmentInquiryStateInput,
  CreateEstablishmentInquiryInput,
  EstablishmentInquiryFilter,
  SubmitEstablishmentOfferInput,
  UpdateEstablishmentInquiryInput,
  UpdateEstablishmentOfferInput,
} from './investment.inputs';
import { investmentLoaders } from './investment.loaders';
import { inquiryPage, pipelineTotals } from './investment.service';
import { createEstablishmentInquiry, updateEstablishmentInquiry, changeEstablishmentInquiryState, submitEstablishmentOffer, updateEstablishmentOffer, TRANSITIONS } from './inquiry.service';
export { TRANSITIONS };

/** How the caller relates to an inquiry. */
export enum InquiryRole {
  /** The agency the inquiry came from (e.g. Business Sweden). */
  AGENCY = 'AGENCY',
  /** The regional coordinator (SE regional samordnare). */
  COORDINATOR = 'COORDINATOR',
  /** A municipality in the etableringsgrupp. */
  GROUP_MUNICIPALITY = 'GROUP_MUNICIPALITY',
  /** An organisation of the coordinator's region, not handling the case: sees the code name only. */
  OBSERVER = 'OBSERVER',
}
registerEnumType(InquiryRole, { name: 'InquiryRole', description: 'How you relate to an establishment inquiry; decides what you see of it.' });

@ObjectType({ description: 'The pipeline in numbers, over the inquiries you may see. Projected and realised figures are kept apart.' })
export class EstablishmentPipelineSummary {
  @Field(() => Int) lead!: number;
  @Field(() => Int) active!: number;
  @Field(() => Int) delayed!: number;
  @Field(() => Int) eliminated!: number;
  @Field(() => Int, { description: 'Successful cases: each has evidence recorded.' }) successful!: number;
  @Field(() => Int, { description: 'Projected jobs of open cases (LEAD, ACTIVE, DELAYED): expectations, not results.' }) projectedJobsOpen!: number;
  @Field(() => Int, { description: 'Realised jobs of successful cases, recorded with evidence.' }) realisedJobs!: number;
  @Field({ description: 'Realised investment of successful cases, SEK (decimal string).' }) realisedInvestmentSek!: string;
}

@ObjectType()
export class EstablishmentInquiryConnection extends Connection(EstablishmentInquiry, 'EstablishmentInquiry') {}

@ObjectType()
export class EstablishmentInquiryPayload extends MutationPayload {
  @Field(() => EstablishmentInquiry, { nullable: true })
  inquiry: EstablishmentInquiry | null = null;
}

@ObjectType()
export class EstablishmentOfferPayload extends MutationPayload {
  @Field(() => EstablishmentOffer, { nullable: true })
  offer: EstablishmentOffer | null = null;
}

/** The caller's role for an inquiry it can see (batched through the group loader). */
async function roleFor(ctx: RequestContext, inq: EstablishmentInquiry): Promise<InquiryRole> {
  const ids = ctx.scope.organisationIds(Capability.READ);
  if (ids.includes(inq.coordinatorOrganisationId)) return InquiryRole.COORDINATOR;
  if (ids.includes(inq.receivedFromOrganisationId)) return InquiryRole.AGENCY;
  const group = await investmentLoaders(ctx).groupIdsByInquiry.load(inq.id);
  return group.some((m) => ids.includes(m)) ? InquiryRole.GROUP_MUNICIPALITY : InquiryRole.OBSERVER;
}
const isHandler = async (ctx: RequestContext, inq: EstablishmentInquiry) => (await roleFor(ctx, inq)) !== InquiryRole.OBSERVER;


@Resolver(() => EstablishmentInquiry)
export class EstablishmentInquiryResolver {
  @Query(() => EstablishmentInquiry, { nullable: true, description: 'An establishment inquiry by id; null if it does not exist or is not yours to see.' })
  @Access(Rules.member(Capability.READ))
  establishmentInquiry(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? investmentLoaders(ctx).inquiryById.load(id) : null;
  }

  @Query(() => EstablishmentInquiryConnection, { description: 'Inquiries you handle or observe, by code name.' })
  @Access(Rules.member(Capability.READ))
  async establishmentInquiries(
    @Arg('filter', () => EstablishmentInquiryFilter, { nullable: true }) filter: EstablishmentInquiryFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const scope = ctx.scope.require(Capability.READ);
    return inquiryPage(ctx, scope, filter, first, after);
  }

  @Query(() => EstablishmentPipelineSummary, { description: 'Counts per state and jobs/investment totals over the inquiries you may see.' })
  @Access(Rules.member(Capability.READ))
  async establishmentPipeline(
    @Arg('coordinatorOrganisationId', () => ID, { nullable: true }) coordinatorOrganisationId: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<EstablishmentPipelineSummary> {
    const scope = ctx.scope.require(Capability.READ);
    const r = await pipelineTotals(ctx, scope, coordinatorOrganisationId);
    return Object.assign(new EstablishmentPipelineSummary(), {
      lead: Number(r.lead),
      active: Number(r.active),
      delayed: Number(r.delayed),
      eliminated: Number(r.eliminated),
      successful: Number(r.successful),
      projectedJobsOpen: Number(r.projected_jobs),
      realisedJobs: Number(r.realised_jobs),
      realisedInvestmentSek: r.realised_investment,
    });
  }

  @FieldResolver(() => InquiryRole, { description: 'How you relate to this inquiry.' })
  myRole(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return roleFor(ctx, i);
  }

  @FieldResolver(() => String, { description: 'The confidential project name for those handling the inquiry; the neutral code name for everyone else.' })
  async displayName(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return (await isHandler(ctx, i)) ? i.projectName : i.codeName;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Confidential project name: null unless you handle the inquiry (agency, coordinator, group).' })
  async confidentialProjectName(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return (await isHandler(ctx, i)) ? i.projectName : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Confidential description: null unless you handle the inquiry.' })
  async summary(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return (await isHandler(ctx, i)) ? i.summary : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Evidence of the establishment (for SUCCESSFUL): null unless you handle the inquiry.' })
  async evidence(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return (await isHandler(ctx, i)) ? i.evidence : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Where the investor established (for SUCCESSFUL): null unless you handle the inquiry.' })
  async establishedIn(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return i.establishedInMunicipalityId && (await isHandler(ctx, i)) ? organisationLoaders(ctx).byId.load(i.establishedInMunicipalityId) : null;
  }

  @FieldResolver(() => Firm, { nullable: true, description: 'The established firm, if linked: null unless you handle the inquiry.' })
  async establishedFirm(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return i.establishedFirmId && (await isHandler(ctx, i)) ? firmLoaders(ctx).byId.load(i.establishedFirmId) : null;
  }

  @FieldResolver(() => Organisation, { description: 'The agency the inquiry came from.' })
  receivedFrom(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(i.receivedFromOrganisationId);
  }

  @FieldResolver(() => Organisation, { description: 'The regional coordinator.' })
  coordinator(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(i.coordinatorOrganisationId);
  }

  @FieldResolver(() => [Organisation], { nullable: true, description: 'The etableringsgrupp: null unless you handle the inquiry.' })
  async group(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    if (!(await isHandler(ctx, i))) return null;
    const ids = await investmentLoaders(ctx).groupIdsByInquiry.load(i.id);
    return (await organisationLoaders(ctx).byId.loadMany(ids)).filter((o) => o && !(o instanceof Error));
  }

  @FieldResolver(() => [EstablishmentOffer], {
    description: 'Offers you may see: all of them for the coordinator and the agency, your own for a municipality, none for anyone else.',
  })
  offers(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return investmentLoaders(ctx).visibleOffersByInquiry.load(i.id);
  }

  @FieldResolver(() => [InquiryStateChange], { nullable: true, description: 'State history, oldest first: null unless you handle the inquiry.' })
  async stateHistory(@Root() i: EstablishmentInquiry, @Ctx() ctx: RequestContext) {
    return (await isHandler(ctx, i)) ? investmentLoaders(ctx).historyByInquiry.load(i.id) : null;
  }

  @Mutation(() => EstablishmentInquiryPayload, { description: 'Record an inbound inquiry (as the receiving agency or the coordinator) and route it to a group of municipalities.' })
  @Access(Rules.member(Capability.RECORD))
  createEstablishmentInquiry(@Arg('input', { validate: false }) input: CreateEstablishmentInquiryInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new EstablishmentInquiryPayload(), await createEstablishmentInquiry(ctx, em, input)), () => new EstablishmentInquiryPayload());
  }

  @Mutation(() => EstablishmentInquiryPayload, { description: 'Edit an inquiry\'s details and projections (agency or coordinator).' })
  @Access(Rules.member(Capability.RECORD))
  updateEstablishmentInquiry(@Arg('input', { validate: false }) input: UpdateEstablishmentInquiryInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new EstablishmentInquiryPayload(), await updateEstablishmentInquiry(ctx, em, input)), () => new EstablishmentInquiryPayload());
  }

  @Mutation(() => EstablishmentInquiryPayload, {
    description: 'Move an inquiry along the pipeline (agency or coordinator). SUCCESSFUL is refused without evidence.',
  })
  @Access(Rules.member(Capability.RECORD))
  changeEstablishmentInquiryState(@Arg('input', { validate: false }) input: ChangeEstablishmentInquiryStateInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new EstablishmentInquiryPayload(), await changeEstablishmentInquiryState(ctx, em, input)), () => new EstablishmentInquiryPayload());
  }
}

@Resolver(() => EstablishmentOffer)
export class EstablishmentOfferResolver {
  @FieldResolver(() => Organisation, { description: 'The offering municipality.' })
  municipality(@Root() o: EstablishmentOffer, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(o.municipalityId);
  }

  @Mutation(() => EstablishmentOfferPayload, { description: 'Make your municipality\'s offer for an open inquiry of its group (one offer per municipality).' })
  @Access(Rules.member(Capability.RECORD))
  submitEstablishmentOffer(@Arg('input', { validate: false }) input: SubmitEstablishmentOfferInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new EstablishmentOfferPayload(), await submitEstablishmentOffer(ctx, em, input)),
      () => new EstablishmentOfferPayload(),
      { uniqueFields: { UQ_establishment_offer_municipality: { field: 'municipalityId', message: 'This municipality has made its offer already; edit it instead.' } } },
    );
  }

  @Mutation(() => EstablishmentOfferPayload, { description: 'Change your municipality\'s offer.' })
  @Access(Rules.member(Capability.RECORD))
  updateEstablishmentOffer(@Arg('input', { validate: false }) input: UpdateEstablishmentOfferInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new EstablishmentOfferPayload(), await updateEstablishmentOffer(ctx, em, input)), () => new EstablishmentOfferPayload());
  }
}

@Resolver(() => InquiryStateChange)
export class InquiryStateChangeResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who made the change.' })
  changedBy(@Root() c: InquiryStateChange, @Ctx() ctx: RequestContext) {
    return c.changedByUserId ? identityLoaders(ctx).userById.load(c.changedByUserId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'On behalf of which organisation.' })
  changedByOrganisation(@Root() c: InquiryStateChange, @Ctx() ctx: RequestContext) {
    return c.changedByOrganisationId ? organisationLoaders(ctx).byId.load(c.changedByOrganisationId) : null;
  }
}

