import { defaultFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { Extensions } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from './errors';
import type { RequestContext } from './context';

/**
 * The one access mechanism. Every query and mutation declares its rule with `@Access(...)` next to its
 * decorator; `applyAccessRules` wraps those resolvers when the schema is built. A root field without a
 * rule is refused (deny by default), and API keys can never run a mutation.
 *
 * Rules only say *who may call*. *Which rows* the caller then sees is decided by the scoped data layer
 * (`Scope` in ./scope.ts), which every resolver and loader of organisation-owned records goes through.
 */

/** What a role lets a member do inside its organisation. */
export enum Capability {
  /** See the organisation's own records. */
  READ = 'read',
  /** Record work with firms (prospects, touchpoints, referrals). */
  RECORD = 'record',
  /** Change the organisation's agreements and registers. */
  EDIT = 'edit',
  /** Manage members, API keys, the organisation's profile and relationships. */
  ADMINISTER = 'administer',
}

export interface AccessRule {
  /** Short text shown in the schema description and in the access-rule test. */
  readonly description: string;
  /** Throws UnauthenticatedError / ForbiddenError when the caller may not proceed. */
  check(ctx: RequestContext, parent: unknown, args: Record<string, unknown>): void;
}

const rules = new Map<string, AccessRule>();
let nextRuleId = 0;
const ACCESS_EXTENSION = 'growthGraphAccess';

/** Declares who may call this query, mutation or field. */
export function Access(rule: AccessRule): MethodDecorator & PropertyDecorator {
  const id = `rule${nextRuleId++}`;
  rules.set(id, rule);
  return Extensions({ [ACCESS_EXTENSION]: id }) as MethodDecorator & PropertyDecorator;
}

function requirePrincipal(ctx: RequestContext) {
  if (!ctx.principal) throw new UnauthenticatedError();
  return ctx.principal;
}

export const Rules = {
  /** Open to everyone, signed in or not. Use only for data that is public by nature. */
  public: (): AccessRule => ({ description: 'public (no sign-in)', check: () => {} }),

  /** Any signed-in user or API key. For public-register data (firms, organisations). */
  signedIn: (): AccessRule => ({
    description: 'signed in (user or API key)',
    check: (ctx) => void requirePrincipal(ctx),
  }),

  /** A signed-in person (not an API key). */
  user: (): AccessRule => ({
    description: 'signed-in user',
    check: (ctx) => {
      if (requirePrincipal(ctx).kind !== 'user') throw new ForbiddenError('This needs a signed-in user, not an API key.');
    },
  }),

  /** The caller holds `capability` in at least one organisation it acts for. Rows are then scoped to those. */
  member: (capability: Capability): AccessRule => ({
    description: `member with "${capability}" in an organisation`,
    check: (ctx) => {
      requirePrincipal(ctx);
      if (ctx.scope.organisationIds(capability).length === 0) {
        throw new ForbiddenError(`Your role does not allow this (needs "${capability}").`);
      }
    },
  }),

  /** A signed-in person (not an API key) holding `capability` in at least one organisation: for personal data. */
  userMember: (capability: Capability): AccessRule => ({
    description: `signed-in user with "${capability}" in an organisation`,
    check: (ctx) => {
      if (requirePrincipal(ctx).kind !== 'user') throw new ForbiddenError('This needs a signed-in user, not an API key.');
      if (ctx.scope.organisationIds(capability).length === 0) throw new ForbiddenError(`Your role does not allow this (needs "${capability}").`);
    },
  }),

  /** The caller holds `capability` in the organisation this field belongs to (for fields of `Organisation`). */
  memberOfParent: (capability: Capability, orgIdOf: (parent: any) => string): AccessRule => ({
    description: `member with "${capability}" in this organisation`,
    check: (ctx, parent) => {
      requirePrincipal(ctx);
      if (!ctx.scope.has(orgIdOf(parent), capability)) {
        throw new ForbiddenError('Only members of this organisation can see this.');
      }
    },
  }),
};

export interface DeclaredAccess {
  type: string;
  field: string;
  rule: string;
}

/**
 * Wraps every field that declares a rule, refuses root fields that declare none, and writes each rule
 * into the field's description so the published schema says who can call what.
 * Returns the declared rules (for the test that lists them).
 */
export function applyAccessRules(schema: GraphQLSchema): DeclaredAccess[] {
  const declared: DeclaredAccess[] = [];
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const isRoot = roots.has(type);
    const isMutation = type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      const id = field.extensions?.[ACCESS_EXTENSION] as string | undefined;
      const rule = id ? rules.get(id) : undefined;
      if (!rule) {
        if (isRoot) {
          declared.push({ type: type.name, field: field.name, rule: 'DENIED (no rule declared)' });
          field.resolve = () => {
            throw new ForbiddenError('This operation has no access rule and is refused.');
          };
        }
        continue;
      }
      const effective = isMutation && rule.description !== Rules.public().description ? readOnlyKeysRefused(rule) : rule;
      declared.push({ type: type.name, field: field.name, rule: effective.description });
      field.description = `${field.description ? field.description + '\n\n' : ''}Access: ${effective.description}.`;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, ctx: RequestContext, info) => {
        effective.check(ctx, parent, args);
        return resolve(parent, args, ctx, info);
      };
    }
  }
  return declared;
}

/** Mutations are never open to API keys: those are read-only by design. */
function readOnlyKeysRefused(rule: AccessRule): AccessRule {
  return {
    description: `${rule.description}; not API keys`,
    check: (ctx, parent, args) => {
      if (ctx.principal?.kind === 'apiKey') throw new ForbiddenError('API keys are read-only.');
      rule.check(ctx, parent, args);
    },
  };
}
