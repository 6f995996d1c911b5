import { randomInt } from 'node:crypto';
import { RequestContext, userIdOf } from '../core/context';
import { EntityManager } from 'typeorm';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { EstablishmentGroupMember, EstablishmentInquiry, EstablishmentOffer, InquiryState, InquiryStateChange } from './inquiry.entity';
import {
  ChangeEstablishmentInquiryStateInput,
  CreateEstablishmentInquiryInput,
  EstablishmentInquiryFilter,
  SubmitEstablishmentOfferInput,
  UpdateEstablishmentInquiryInput,
  UpdateEstablishmentOfferInput,
} from './investment.inputs';
import { investmentLoaders } from './investment.loaders';
import { inquiryPage, OPEN_STATES, pipelineTotals } from './investment.service';
import { InquiryKind, TouchpointKind } from '../journeys/journey.enums';
import { appendEntry } from '../journeys/touchpoint.service';
import { restrictToHandledInquiries } from './investment.visibility';

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

/** Allowed moves in the pipeline. ELIMINATED and SUCCESSFUL are final. */
export const TRANSITIONS: Record<InquiryState, InquiryState[]> = {
  [InquiryState.LEAD]: [InquiryState.ACTIVE, InquiryState.DELAYED, InquiryState.ELIMINATED],
  [InquiryState.ACTIVE]: [InquiryState.DELAYED, InquiryState.ELIMINATED, InquiryState.SUCCESSFUL],
  [InquiryState.DELAYED]: [InquiryState.ACTIVE, InquiryState.ELIMINATED],
  [InquiryState.ELIMINATED]: [],
  [InquiryState.SUCCESSFUL]: [],
};

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

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newCodeName = () => 'EI-' + Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** The caller's role for an inquiry it can see (batched through the group loader). */
async function roleFor(ctx: RequestContext, inq: EstablishmentInquiry): Promise<InquiryRole> {
  const ids = ctx.scope.organisationIds(Capability.READ);
  if (ids.includes(inq.coordinatorOrganisationId)) return InquiryRole.COORDINATOR;
  if (ids.includes(inq.receivedFromOrganisationId)) return InquiryRole.AGENCY;
  const group = await investmentLoaders(ctx).groupIdsByInquiry.load(inq.id);
  return group.some((m) => ids.includes(m)) ? InquiryRole.GROUP_MUNICIPALITY : InquiryRole.OBSERVER;
}
const isHandler = async (ctx: RequestContext, inq: EstablishmentInquiry) => (await roleFor(ctx, inq)) !== InquiryRole.OBSERVER;

const NOT_FOUND = (field: string) => new UserInputRejection([userError(field, 'Establishment inquiry not found.', UserErrorCode.NOT_FOUND)]);

/** An inquiry the caller manages (as agency or coordinator, with "record"). Others: not found / not allowed. */
async function findManagedInquiry(ctx: RequestContext, em: EntityManager, id: string, field = 'id'): Promise<{ inquiry: EstablishmentInquiry; actingOrganisationId: string }> {
  const scope = ctx.scope.require(Capability.READ);
  const inquiry = await restrictToHandledInquiries(em.getRepository(EstablishmentInquiry).createQueryBuilder('i').where('i.id = :id', { id }), 'i', scope)
    .setLock('pessimistic_write')
    .getOne();
  if (!inquiry) throw NOT_FOUND(field);
  const recording = ctx.scope.organisationIds(Capability.RECORD);
  const acting = [inquiry.coordinatorOrganisationId, inquiry.receivedFromOrganisationId].find((o) => recording.includes(o));
  if (!acting) throw new UserInputRejection([userError(field, 'Only the coordinator or the receiving agency can do this.', UserErrorCode.NOT_ALLOWED)]);
  return { inquiry, actingOrganisationId: acting };
}


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
    return runMutation(ctx, input, async (em) => {
      const recording = ctx.scope.organisationIds(Capability.RECORD);
      const acting = [input.coordinatorOrganisationId, input.receivedFromOrganisationId].find((o) => recording.includes(o));
      if (!acting) {
        throw new UserInputRejection([userError('coordinatorOrganisationId', 'You must have "record" in the coordinator or the receiving agency.', UserErrorCode.NOT_ALLOWED)]);
      }
      const orgs = await em.getRepository(Organisation).createQueryBuilder('o')
        .where('o.id = ANY(:ids)', { ids: [input.receivedFromOrganisationId, input.coordinatorOrganisationId, ...input.groupMunicipalityIds] })
        .getMany();
      const byId = new Map(orgs.map((o) => [o.id, o]));
      const errors = [];
      const agency = byId.get(input.receivedFromOrganisationId);
      if (!agency || ![OrganisationKind.INVESTMENT_PROMOTION_AGENCY, OrganisationKind.NATIONAL_AGENCY].includes(agency.kind)) {
        errors.push(userError('receivedFromOrganisationId', 'Must be an investment-promotion or national agency.', agency ? UserErrorCode.INVALID : UserErrorCode.NOT_FOUND));
      }
      if (!byId.has(input.coordinatorOrganisationId)) errors.push(userError('coordinatorOrganisationId', 'No organisation with this id.', UserErrorCode.NOT_FOUND));
      input.groupMunicipalityIds.forEach((id, i) => {
        if (byId.get(id)?.kind !== OrganisationKind.MUNICIPALITY) errors.push(userError(['groupMunicipalityIds', String(i)], 'Not a municipality.', UserErrorCode.NOT_FOUND));
      });
      if (errors.length) throw new UserInputRejection(errors);
      const inquiry = await em.save(
        em.create(EstablishmentInquiry, {
          codeName: newCodeName(),
          projectName: input.projectName.trim(),
          summary: input.summary ?? null,
          receivedFromOrganisationId: input.receivedFromOrganisationId,
          coordinatorOrganisationId: input.coordinatorOrganisationId,
          state: InquiryState.LEAD,
          sector: input.sector,
          originCountry: input.originCountry ?? null,
          projectedJobs: input.projectedJobs ?? null,
          projectedInvestmentSek: input.projectedInvestmentSek ?? null,
        }),
      );
      await em.insert(EstablishmentGroupMember, [...new Set(input.groupMunicipalityIds)].map((municipalityId) => ({ inquiryId: inquiry.id, municipalityId })));
      await em.insert(InquiryStateChange, {
        inquiryId: inquiry.id,
        fromState: null,
        toState: InquiryState.LEAD,
        note: 'Received',
        changedByUserId: userIdOf(ctx),
        changedByOrganisationId: acting,
      });
      return Object.assign(new EstablishmentInquiryPayload(), { inquiry });
    }, () => new EstablishmentInquiryPayload());
  }

  @Mutation(() => EstablishmentInquiryPayload, { description: 'Edit an inquiry\'s details and projections (agency or coordinator).' })
  @Access(Rules.member(Capability.RECORD))
  updateEstablishmentInquiry(@Arg('input', { validate: false }) input: UpdateEstablishmentInquiryInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const { inquiry } = await findManagedInquiry(ctx, em, input.id);
      const patch: Partial<EstablishmentInquiry> = {};
      if (input.projectName !== undefined) patch.projectName = input.projectName.trim();
      if (input.summary !== undefined) patch.summary = input.summary;
      if (input.projectedJobs !== undefined) patch.projectedJobs = input.projectedJobs;
      if (input.projectedInvestmentSek !== undefined) patch.projectedInvestmentSek = input.projectedInvestmentSek;
      const updated = await updateIfVersion(em, EstablishmentInquiry, inquiry.id, input.expectedVersion, patch);
      if (!updated) throw versionConflict('inquiry', inquiry.version);
      return Object.assign(new EstablishmentInquiryPayload(), { inquiry: updated });
    }, () => new EstablishmentInquiryPayload());
  }

  @Mutation(() => EstablishmentInquiryPayload, {
    description: 'Move an inquiry along the pipeline (agency or coordinator). SUCCESSFUL is refused without evidence.',
  })
  @Access(Rules.member(Capability.RECORD))
  changeEstablishmentInquiryState(@Arg('input', { validate: false }) input: ChangeEstablishmentInquiryStateInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const { inquiry, actingOrganisationId } = await findManagedInquiry(ctx, em, input.id);
      if (!TRANSITIONS[inquiry.state].includes(input.toState)) {
        const allowed = TRANSITIONS[inquiry.state];
        throw new UserInputRejection([
          userError('toState', `An inquiry in ${inquiry.state} cannot move to ${input.toState}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)'}.`, UserErrorCode.NOT_ALLOWED),
        ]);
      }
      const patch: Record<string, unknown> = { state: input.toState };
      if (input.toState === InquiryState.SUCCESSFUL) {
        const ev = input.evidence;
        if (!ev) {
          throw new UserInputRejection([
            userError('evidence', 'A case counts as successful only with evidence recorded: give evidence (description, municipality, realised jobs).', UserErrorCode.REQUIRED),
          ]);
        }
        if (!ev.description.trim()) throw new UserInputRejection([userError(['evidence', 'description'], 'Describe the evidence.', UserErrorCode.REQUIRED)]);
        const group = await em.countBy(EstablishmentGroupMember, { inquiryId: inquiry.id, municipalityId: ev.establishedInMunicipalityId });
        if (!group) {
          throw new UserInputRejection([userError(['evidence', 'establishedInMunicipalityId'], 'Must be one of the inquiry\'s group municipalities.', UserErrorCode.INVALID)]);
        }
        if (ev.firmId && !(await firmLoaders(ctx).byId.load(ev.firmId))) {
          throw new UserInputRejection([userError(['evidence', 'firmId'], 'Firm not found.', UserErrorCode.NOT_FOUND)]);
        }
        Object.assign(patch, {
          evidence: ev.description.trim(),
          evidenceRecordedAt: () => 'now()',
          establishedInMunicipalityId: ev.establishedInMunicipalityId,
          establishedFirmId: ev.firmId ?? null,
          realisedJobs: ev.realisedJobs,
          realisedInvestmentSek: ev.realisedInvestmentSek ?? null,
        });
      } else if (input.evidence) {
        throw new UserInputRejection([userError('evidence', 'Evidence is recorded only with the move to SUCCESSFUL.')]);
      }
      const updated = await updateIfVersion(em, EstablishmentInquiry, inquiry.id, input.expectedVersion, patch as never);
      if (!updated) throw versionConflict('inquiry', inquiry.version);
      await em.insert(InquiryStateChange, {
        inquiryId: inquiry.id,
        fromState: inquiry.state,
        toState: input.toState,
        note: input.note ?? null,
        changedByUserId: userIdOf(ctx),
        changedByOrganisationId: actingOrganisationId,
      });
      // A success with the established firm is also an entry of that firm's journey, owned by the
      // organisation that recorded it; it carries the neutral code name, never the confidential one.
      if (updated.state === InquiryState.SUCCESSFUL && updated.establishedFirmId) {
        await appendEntry(ctx, em, {
          firmId: updated.establishedFirmId,
          organisationId: actingOrganisationId,
          kind: TouchpointKind.DELEGATION_OR_INQUIRY,
          occurredAt: new Date(),
          summary: `Establishment inquiry ${updated.codeName}: established`,
          details: { inquiryKind: InquiryKind.ESTABLISHMENT_INQUIRY, originCountry: updated.originCountry, sector: updated.sector },
        });
      }
      return Object.assign(new EstablishmentInquiryPayload(), { inquiry: updated });
    }, () => new EstablishmentInquiryPayload());
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
    return runMutation(
      ctx,
      input,
      async (em) => {
        const scope = ctx.scope.require(Capability.READ);
        const inquiry = await restrictToHandledInquiries(
          em.getRepository(EstablishmentInquiry).createQueryBuilder('i').where('i.id = :id', { id: input.inquiryId }),
          'i',
          scope,
        ).getOne();
        if (!inquiry) throw NOT_FOUND('inquiryId');
        if (!ctx.scope.has(input.municipalityId, Capability.RECORD)) {
          throw new UserInputRejection([userError('municipalityId', 'You can only make offers for a municipality where you have "record".', UserErrorCode.NOT_ALLOWED)]);
        }
        if (!(await em.countBy(EstablishmentGroupMember, { inquiryId: inquiry.id, municipalityId: input.municipalityId }))) {
          throw new UserInputRejection([userError('municipalityId', 'This municipality is not in the inquiry\'s group.', UserErrorCode.NOT_ALLOWED)]);
        }
        if (!OPEN_STATES.includes(inquiry.state)) {
          throw new UserInputRejection([userError('inquiryId', `The inquiry is ${inquiry.state}; offers are made while it is open.`, UserErrorCode.NOT_ALLOWED)]);
        }
        const offer = await em.save(
          em.create(EstablishmentOffer, {
            inquiryId: inquiry.id,
            municipalityId: input.municipalityId,
            description: input.description.trim(),
            submittedByUserId: userIdOf(ctx),
          }),
        );
        return Object.assign(new EstablishmentOfferPayload(), { offer });
      },
      () => new EstablishmentOfferPayload(),
      { uniqueFields: { UQ_establishment_offer_municipality: { field: 'municipalityId', message: 'This municipality has made its offer already; edit it instead.' } } },
    );
  }

  @Mutation(() => EstablishmentOfferPayload, { description: 'Change your municipality\'s offer.' })
  @Access(Rules.member(Capability.RECORD))
  updateEstablishmentOffer(@Arg('input', { validate: false }) input: UpdateEstablishmentOfferInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const recording = ctx.scope.organisationIds(Capability.RECORD);
      const offer = await em
        .getRepository(EstablishmentOffer)
        .createQueryBuilder('o')
        .where('o.id = :id', { id: input.id })
        .andWhere('o.municipality_id = ANY(:mine)', { mine: recording })
        .getOne();
      if (!offer) throw new UserInputRejection([userError('id', 'Offer not found.', UserErrorCode.NOT_FOUND)]);
      const updated = await updateIfVersion(em, EstablishmentOffer, offer.id, input.expectedVersion, { description: input.description.trim() });
      if (!updated) {
        throw versionConflict('offer', offer.version);
      }
      return Object.assign(new EstablishmentOfferPayload(), { offer: updated });
    }, () => new EstablishmentOfferPayload());
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

