import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { RequestContext } from '../core/context';
import { MutationPayload, runMutation } from '../core/mutation';
import { AddMemberInput, ChangeMemberRoleInput, RemoveMemberInput } from './identity.inputs';
import { Membership } from './membership.entity';
import { memberService } from './member.service';

@ObjectType()
export class MembershipPayload extends MutationPayload {
  @Field(() => Membership, { nullable: true })
  membership: Membership | null = null;
}

@ObjectType()
export class RemoveMemberPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The membership removed.' })
  removedId: string | null = null;
}

/** An organisation's admins manage its members (the rules are in member.service.ts). */
@Resolver()
export class MemberAdminResolver {
  @Mutation(() => MembershipPayload, { description: 'Add a person (who has an account) to an organisation you administer, with a role.' })
  @Access(Rules.member(Capability.ADMINISTER))
  addMember(@Arg('input', { validate: false }) input: AddMemberInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new MembershipPayload(), { membership: await memberService.add(ctx, em, input) }), () => new MembershipPayload(), {
      uniqueFields: { UQ_membership_user_organisation: { field: 'email', message: 'This person is already a member.' } },
    });
  }

  @Mutation(() => MembershipPayload, { description: 'Give a member of an organisation you administer another role. The last admin stays admin.' })
  @Access(Rules.member(Capability.ADMINISTER))
  changeMemberRole(@Arg('input', { validate: false }) input: ChangeMemberRoleInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new MembershipPayload(), { membership: await memberService.changeRole(ctx, em, input) }), () => new MembershipPayload());
  }

  @Mutation(() => RemoveMemberPayload, { description: 'Remove a member from an organisation you administer (not its last admin). Their account stays.' })
  @Access(Rules.member(Capability.ADMINISTER))
  removeMember(@Arg('input', { validate: false }) input: RemoveMemberInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new RemoveMemberPayload(), { removedId: (await memberService.remove(ctx, em, input)).id }), () => new RemoveMemberPayload());
  }
}
