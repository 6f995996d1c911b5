import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext, userIdOf } from '../core/context';
import { Access, AccessRule, Capability, Rules } from '../core/access';
import { ForbiddenError, NotFoundError, UserError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { apiKeyPage } from './identity.loaders';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput, RevokeApiKeyInput, SignInInput } from './identity.inputs';
import { identityLoaders } from './identity.loaders';
import { Membership } from './membership.entity';
import { timingDummyHash, verifyPassword } from './password';
import { Session } from './session.entity';
import { signInThrottle } from './sign-in-throttle';
import { newApiKeySecret, sessionExpiry, sha256, signSessionToken } from './tokens';
import { User } from './user.entity';

@ObjectType()
export class SignInPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'Send as `Authorization: Bearer <token>`.' })
  token: string | null = null;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null = null;

  @Field(() => User, { nullable: true })
  user: User | null = null;
}

@ObjectType()
export class SignOutPayload extends MutationPayload {
  @Field()
  signedOut: boolean = false;
}

@ObjectType()
export class CreateApiKeyPayload extends MutationPayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey: ApiKey | null = null;

  @Field(() => String, { nullable: true, description: 'The key itself. Shown only now; only its hash is stored.' })
  secret: string | null = null;
}

@ObjectType()
export class RevokeApiKeyPayload extends MutationPayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey: ApiKey | null = null;
}

/** The caller themself. */
const self: AccessRule = {
  description: 'the user themself',
  check: (ctx, parent) => {
    if (ctx.principal?.kind !== 'user' || ctx.principal.userId !== (parent as User).id) throw new ForbiddenError('Only visible to the user themself.');
  },
};

@Resolver(() => User)
export class IdentityResolver {
  @Query(() => User, { description: 'The signed-in user.' })
  @Access(Rules.user())
  async me(@Ctx() ctx: RequestContext): Promise<User> {
    const user = await identityLoaders(ctx).userById.load(ctx.principal!.kind === 'user' ? ctx.principal!.userId : '');
    if (!user) throw new NotFoundError('User');
    return user;
  }

  @FieldResolver(() => String, { description: 'E-mail address (personal data).' })
  @Access(self)
  email(@Root() user: User) {
    return user.email;
  }

  @FieldResolver(() => [Membership], { description: 'The organisations the user belongs to, with a role in each.' })
  @Access(self)
  memberships(@Root() user: User, @Ctx() ctx: RequestContext) {
    return identityLoaders(ctx).membershipsByUser.load(user.id);
  }

  @Mutation(() => SignInPayload, { description: 'Sign in with e-mail and password; returns a token valid for 8 hours.' })
  @Access(Rules.public())
  signIn(@Arg('input', { validate: false }) input: SignInInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const email = input.email.trim().toLowerCase();
      const address = ctx.clientAddress ?? null;
      const lock = await signInThrottle.lockedFor(ctx.db.appDs, email, address);
      if (lock) {
        const minutes = Math.ceil(lock.waitMs / 60_000);
        throw new UserInputRejection([
          lock.reason === 'email'
            ? userError('email', `Too many failed sign-ins for this e-mail address. Try again in ${minutes} minutes.`, UserErrorCode.TOO_MANY_ATTEMPTS)
            : new UserError(['input'], `Too many failed sign-ins from this network address. Try again in ${minutes} minutes.`, UserErrorCode.TOO_MANY_ATTEMPTS),
        ]);
      }
      // Before sign-in there is no scope: the user is looked up by a narrow SECURITY DEFINER function (RLS).
      const [found]: Array<{ id: string; password_hash: string }> = await em.query('SELECT id, password_hash FROM gg_sign_in_lookup($1)', [email]);
      // Same work and the same answer for an unknown e-mail and a wrong password.
      const ok = await verifyPassword(input.password, found?.password_hash ?? (await timingDummyHash()));
      if (!found || !ok) {
        // On the pool, not the request's transaction: the failure must count although this mutation rolls back.
        await signInThrottle.recordFailure(ctx.db.appDs, email, address);
        throw new UserInputRejection([userError('password', 'E-mail or password is wrong.', UserErrorCode.BAD_CREDENTIALS)]);
      }
      await signInThrottle.recordSuccess(ctx.db.appDs, email);
      // The rest of this request acts as the user who proved the password (their session, their row).
      await ctx.db.setUser(em, found.id);
      const user = await em.findOneByOrFail(User, { id: found.id });
      const session = await em.save(em.create(Session, { userId: user.id, expiresAt: sessionExpiry(), revokedAt: null }));
      return Object.assign(new SignInPayload(), {
        token: signSessionToken(ctx.config.authSecret, user.id, session.id, session.expiresAt),
        expiresAt: session.expiresAt,
        user,
      });
    }, () => new SignInPayload(), { secretResult: true });
  }

  @Mutation(() => SignOutPayload, { description: 'Ends this session: its token stops working at once.' })
  @Access(Rules.user())
  signOut(@Ctx() ctx: RequestContext) {
    return runMutation(ctx, undefined, async (em) => {
      if (ctx.principal?.kind !== 'user') throw new ForbiddenError();
      await em.update(Session, { id: ctx.principal.sessionId, userId: ctx.principal.userId }, { revokedAt: () => 'now()' });
      return Object.assign(new SignOutPayload(), { signedOut: true });
    }, () => new SignOutPayload());
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Create a read-only API key for a partner dashboard.' })
  @Access(Rules.member(Capability.ADMINISTER))
  createApiKey(@Arg('input', { validate: false }) input: CreateApiKeyInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      if (!ctx.scope.has(input.organisationId, Capability.ADMINISTER)) {
        throw new UserInputRejection([userError('organisationId', 'You can only create keys for organisations you administer.', UserErrorCode.NOT_ALLOWED)]);
      }
      const secret = newApiKeySecret();
      const apiKey = await em.save(
        em.create(ApiKey, {
          organisationId: input.organisationId,
          name: input.name.trim(),
          prefix: secret.slice(0, 10),
          keyHash: sha256(secret),
          createdByUserId: userIdOf(ctx),
          revokedAt: null,
        }),
      );
      return Object.assign(new CreateApiKeyPayload(), { apiKey, secret });
    }, () => new CreateApiKeyPayload(), { secretResult: true });
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Revoke an API key of an organisation you administer.' })
  @Access(Rules.member(Capability.ADMINISTER))
  revokeApiKey(@Arg('input', { validate: false }) input: RevokeApiKeyInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const administered = ctx.scope.require(Capability.ADMINISTER);
      const qb = em.getRepository(ApiKey).createQueryBuilder('k').where('k.id = :id', { id: input.id });
      const key = await administered.restrict(qb, 'k.organisationId').getOne();
      if (!key) throw new UserInputRejection([userError('id', 'API key not found.', UserErrorCode.NOT_FOUND)]);
      if (!key.revokedAt) {
        key.revokedAt = new Date();
        await em.update(ApiKey, { id: key.id }, { revokedAt: () => 'now()' });
      }
      return Object.assign(new RevokeApiKeyPayload(), { apiKey: key });
    }, () => new RevokeApiKeyPayload());
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() m: Membership, @Ctx() ctx: RequestContext) {
    const org = await organisationLoaders(ctx).byId.load(m.organisationId);
    if (!org) throw new NotFoundError('Organisation');
    return org;
  }

  @FieldResolver(() => User)
  async user(@Root() m: Membership, @Ctx() ctx: RequestContext) {
    const user = await identityLoaders(ctx).userById.load(m.userId);
    if (!user) throw new NotFoundError('User');
    return user;
  }
}

@ObjectType({ description: 'A page of an organisation\'s API keys.' })
export class ApiKeyConnection extends Connection(ApiKey, 'ApiKey') {}

/** A signed-in person (not an API key) with READ in the organisation: its member list is personal data. */
const membersOf: AccessRule = {
  description: 'signed-in user with "read" in this organisation (personal data, not API keys)',
  check: (ctx, parent) => {
    if (ctx.principal?.kind !== 'user') throw new ForbiddenError('Member lists are personal data: signed-in users only, not API keys.');
    if (!ctx.scope.has((parent as Organisation).id, Capability.READ)) throw new ForbiddenError('Only members of this organisation can see this.');
  },
};

/** Members and keys of an organisation: visible to its own members (keys to its admins) only. */
@Resolver(() => Organisation)
export class OrganisationMembersResolver {
  @FieldResolver(() => [Membership], {
    nullable: true,
    description: 'The organisation\'s members and their roles: personal data for its signed-in members (null, with an error, for others and for API keys).',
  })
  @Access(membersOf)
  members(@Root() org: Organisation, @Ctx() ctx: RequestContext) {
    return identityLoaders(ctx).membershipsByOrganisation.load(org.id);
  }

  @FieldResolver(() => ApiKeyConnection, {
    nullable: true,
    description: 'The organisation\'s API keys, oldest first, never the keys themselves (null, with an error, for non-admins). Revoked keys stay listed, so the list pages.',
  })
  @Access(Rules.memberOfParent(Capability.ADMINISTER, (o: Organisation) => o.id))
  async apiKeys(@Root() org: Organisation, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    // Keyed on the creation time to the millisecond (what a cursor can carry), then the id.
    const cursor = decodeCursor(after, ['timestamp', 'uuid']);
    const rows = await apiKeyPage(ctx, org.id, first, cursor as [string, string] | null);
    return toConnection(rows, first, (k) => [k.createdAt.toISOString(), k.id], !!cursor);
  }
}

