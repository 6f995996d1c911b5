import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Access, Rules } from '../core/access';
import { RequestContext } from '../core/context';
import { MutationPayload, runMutation } from '../core/mutation';
import { accountService } from './account.service';
import { ChangePasswordInput } from './identity.inputs';

@ObjectType()
export class ChangePasswordPayload extends MutationPayload {
  @Field({ description: 'True when the password was changed.' })
  changed: boolean = false;

  @Field(() => Int, { description: 'How many of your other sessions were ended (this one stays signed in).' })
  otherSessionsEnded: number = 0;
}

/** The signed-in user's own account. */
@Resolver()
export class AccountResolver {
  @Mutation(() => ChangePasswordPayload, { description: 'Change your own password (give the current one). Your other sessions end.' })
  @Access(Rules.user())
  changePassword(@Arg('input', { validate: false }) input: ChangePasswordInput, @Ctx() ctx: RequestContext) {
    return runMutation(
      ctx,
      input,
      async (em) => Object.assign(new ChangePasswordPayload(), { changed: true, ...(await accountService.changePassword(ctx, em, input)) }),
      () => new ChangePasswordPayload(),
    );
  }
}
