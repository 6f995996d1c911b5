import { randomInt } from 'node:crypto';
import { RequestContext, userIdOf } from '../core/context';
import { EntityManager } from 'typeorm';
import { Capability } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { EstablishmentGroupMember, EstablishmentInquiry, EstablishmentOffer, InquiryState, InquiryStateChange } from './inquiry.entity';
import { ChangeEstablishmentInquiryStateInput, CreateEstablishmentInquiryInput, SubmitEstablishmentOfferInput, UpdateEstablishmentInquiryInput, UpdateEstablishmentOfferInput } from './investment.inputs';
import { OPEN_STATES } from './investment.service';
import { InquiryKind, TouchpointKind } from '../journeys/journey.enums';
import { appendEntry } from '../journeys/touchpoint.service';
import { restrictToHandledInquiries } from './investment.visibility';

/** Establishment inquiries' writes (the resolver stays thin): each runs inside its mutation's transaction. Who sees what: investment.visibility.ts. */

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newCodeName = () => 'EI-' + Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

export const NOT_FOUND = (field: string) => new UserInputRejection([userError(field, 'Establishment inquiry not found.', UserErrorCode.NOT_FOUND)]);

/** An inquiry the caller manages (as agency or coordinator, with "record"). Others: not found / not allowed. */
export async function findManagedInquiry(ctx: RequestContext, em: EntityManager, id: string, field = 'id'): Promise<{ inquiry: EstablishmentInquiry; actingOrganisationId: string }> {
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

/** Allowed moves in the pipeline. ELIMINATED and SUCCESSFUL are final. */
export const TRANSITIONS: Record<InquiryState, InquiryState[]> = {
  [InquiryState.LEAD]: [InquiryState.ACTIVE, InquiryState.DELAYED, InquiryState.ELIMINATED],
  [InquiryState.ACTIVE]: [InquiryState.DELAYED, InquiryState.ELIMINATED, InquiryState.SUCCESSFUL],
  [InquiryState.DELAYED]: [InquiryState.ACTIVE, InquiryState.ELIMINATED],
  [InquiryState.ELIMINATED]: [],
  [InquiryState.SUCCESSFUL]: [],
};

/** Record an inbound inquiry (as the receiving agency or the coordinator) and route it to a group of municipalities. */
export async function createEstablishmentInquiry(ctx: RequestContext, em: EntityManager, input: CreateEstablishmentInquiryInput) {
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
  return { inquiry };
}

/** Edit an inquiry's details and projections (agency or coordinator). */
export async function updateEstablishmentInquiry(ctx: RequestContext, em: EntityManager, input: UpdateEstablishmentInquiryInput) {
  const { inquiry } = await findManagedInquiry(ctx, em, input.id);
  const patch: Partial<EstablishmentInquiry> = {};
  if (input.projectName !== undefined) patch.projectName = input.projectName.trim();
  if (input.summary !== undefined) patch.summary = input.summary;
  if (input.projectedJobs !== undefined) patch.projectedJobs = input.projectedJobs;
  if (input.projectedInvestmentSek !== undefined) patch.projectedInvestmentSek = input.projectedInvestmentSek;
  const updated = await updateIfVersion(em, EstablishmentInquiry, inquiry.id, input.expectedVersion, patch);
  if (!updated) throw versionConflict('inquiry', inquiry.version);
  return { inquiry: updated };
}

/** Move an inquiry along the pipeline (agency or coordinator). SUCCESSFUL is refused without evidence. */
export async function changeEstablishmentInquiryState(ctx: RequestContext, em: EntityManager, input: ChangeEstablishmentInquiryStateInput) {
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
  return { inquiry: updated };
}

/** Make your municipality's offer for an open inquiry of its group (one offer per municipality). */
export async function submitEstablishmentOffer(ctx: RequestContext, em: EntityManager, input: SubmitEstablishmentOfferInput) {
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
    return { offer };
}

/** Change your municipality's offer. */
export async function updateEstablishmentOffer(ctx: RequestContext, em: EntityManager, input: UpdateEstablishmentOfferInput) {
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
  return { offer: updated };
}
