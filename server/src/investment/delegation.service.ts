import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { Capability } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { Delegation, DelegationFollowUp, DelegationHost } from './delegation.entity';
import { CreateDelegationInput, RecordDelegationFollowUpInput } from './investment.inputs';
import { investmentLoaders } from './investment.loaders';

/** Delegations' writes (the resolver stays thin): each runs inside its mutation's transaction. Who sees what: investment.visibility.ts. */

/** Record a delegation received by your organisation, with its hosting municipalities. */
export async function createDelegation(ctx: RequestContext, em: EntityManager, input: CreateDelegationInput) {
  if (!ctx.scope.has(input.receptionOrganisationId, Capability.RECORD)) {
    throw new UserInputRejection([userError('receptionOrganisationId', 'You can only record delegations for an organisation where you have "record".', UserErrorCode.NOT_ALLOWED)]);
  }
  if (input.visitEndsOn < input.visitStartsOn) throw new UserInputRejection([userError('visitEndsOn', 'The visit cannot end before it starts.')]);
  const hosts = [...new Set(input.hostMunicipalityIds)];
  if (hosts.length) {
    const rows: Array<{ municipality_id: string }> = await em.query(
      'SELECT municipality_id FROM reception_municipality WHERE reception_organisation_id = $1 AND municipality_id = ANY($2::uuid[])',
      [input.receptionOrganisationId, hosts],
    );
    const members = new Set(rows.map((r) => r.municipality_id));
    const errors = input.hostMunicipalityIds.flatMap((id, i) =>
      members.has(id) ? [] : [userError(['hostMunicipalityIds', String(i)], 'Not a municipality of this reception.', UserErrorCode.NOT_FOUND)],
    );
    if (errors.length) throw new UserInputRejection(errors);
  }
  const delegation = await em.save(
    em.create(Delegation, {
      receptionOrganisationId: input.receptionOrganisationId,
      name: input.name.trim(),
      originCountry: input.originCountry,
      sectorFocus: input.sectorFocus,
      visitStartsOn: input.visitStartsOn,
      visitEndsOn: input.visitEndsOn,
      visitorCount: input.visitorCount ?? null,
      programme: input.programme ?? null,
    }),
  );
  if (hosts.length) await em.insert(DelegationHost, hosts.map((municipalityId) => ({ delegationId: delegation.id, municipalityId })));
  return { delegation };
}

/** Record a follow-up on a delegation of your reception, with the value created. */
export async function recordDelegationFollowUp(ctx: RequestContext, em: EntityManager, input: RecordDelegationFollowUpInput) {
  const delegation = await investmentLoaders(ctx).delegationById.load(input.delegationId);
  if (!delegation) throw new UserInputRejection([userError('delegationId', 'Delegation not found.', UserErrorCode.NOT_FOUND)]);
  if (!ctx.scope.has(delegation.receptionOrganisationId, Capability.RECORD)) {
    throw new UserInputRejection([userError('delegationId', 'Only the receiving organisation records follow-ups.', UserErrorCode.NOT_ALLOWED)]);
  }
  const followUp = await em.save(
    em.create(DelegationFollowUp, {
      delegationId: delegation.id,
      note: input.note.trim(),
      contactsMade: input.contactsMade,
      projectsStarted: input.projectsStarted,
      establishments: input.establishments,
      jobsCreated: input.jobsCreated,
      recordedByUserId: userIdOf(ctx),
    }),
  );
  return { followUp };
}
