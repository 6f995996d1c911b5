import { EntityManager } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { Role } from '../core/scope';
import { AddMemberInput, ChangeMemberRoleInput, RemoveMemberInput } from './identity.inputs';
import { Membership } from './membership.entity';
import { User } from './user.entity';

/**
 * Members of an organisation, managed by its admins (ADMINISTER in the acting scope, so the organisation
 * switcher applies). A membership of an organisation the caller does not administer is "not found",
 * whatever its existence. An organisation always keeps at least one ADMIN: the admins' rows are locked
 * first, so two admins demoting each other at once cannot both succeed.
 */
export const memberService = {
  async add(ctx: RequestContext, em: EntityManager, input: AddMemberInput): Promise<Membership> {
    if (!ctx.scope.has(input.organisationId, Capability.ADMINISTER)) {
      throw new UserInputRejection([userError('organisationId', 'You can only add members to organisations you administer.', UserErrorCode.NOT_ALLOWED)]);
    }
    // Accounts are not created here (there is no invitation e-mail): the person must have signed up.
    const user = await em.getRepository(User).createQueryBuilder('u').where('u.email = :email', { email: input.email.trim().toLowerCase() }).getOne();
    if (!user) throw new UserInputRejection([userError('email', 'No account has this e-mail address.', UserErrorCode.NOT_FOUND)]);
    if (await em.existsBy(Membership, { userId: user.id, organisationId: input.organisationId })) {
      throw new UserInputRejection([userError('email', 'This person is already a member.', UserErrorCode.DUPLICATE)]);
    }
    return em.save(em.create(Membership, { userId: user.id, organisationId: input.organisationId, role: input.role }));
  },

  async changeRole(ctx: RequestContext, em: EntityManager, input: ChangeMemberRoleInput): Promise<Membership> {
    const membership = await administeredMembership(ctx, em, input.id);
    if (membership.role === input.role) return membership;
    if (membership.role === Role.ADMIN) await refuseLastAdmin(em, membership, 'role');
    await em.update(Membership, { id: membership.id }, { role: input.role });
    return Object.assign(membership, { role: input.role });
  },

  async remove(ctx: RequestContext, em: EntityManager, input: RemoveMemberInput): Promise<Membership> {
    const membership = await administeredMembership(ctx, em, input.id);
    if (membership.role === Role.ADMIN) await refuseLastAdmin(em, membership, 'id');
    await em.delete(Membership, { id: membership.id });
    return membership;
  },
};

/** The membership, if the caller administers its organisation (else NOT_FOUND, the same as no such id). */
async function administeredMembership(ctx: RequestContext, em: EntityManager, id: string): Promise<Membership> {
  const administered = ctx.scope.require(Capability.ADMINISTER);
  const qb = em.getRepository(Membership).createQueryBuilder('m').where('m.id = :id', { id }).setLock('pessimistic_write');
  const membership = await administered.restrict(qb, 'm.organisationId').getOne();
  if (!membership) throw new UserInputRejection([userError('id', 'Member not found.', UserErrorCode.NOT_FOUND)]);
  return membership;
}

/** Refuses to take away the organisation's last ADMIN (locks the admins' rows until the transaction ends). */
async function refuseLastAdmin(em: EntityManager, membership: Membership, field: string): Promise<void> {
  const admins = await em
    .getRepository(Membership)
    .createQueryBuilder('m')
    .select('m.id')
    .where('m.organisationId = :org AND m.role = :role', { org: membership.organisationId, role: Role.ADMIN })
    .setLock('pessimistic_write')
    .getMany();
  if (admins.every((a) => a.id === membership.id)) {
    throw new UserInputRejection([userError(field, 'An organisation needs at least one admin: make someone else admin first.', UserErrorCode.INVALID_STATE)]);
  }
}
