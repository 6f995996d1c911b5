import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { applyAccessRules, DeclaredAccess } from './core/access';
import { FirmResolver, OrganisationFirmsResolver } from './firms/firm.resolver';
import { IdentityResolver, MembershipResolver, OrganisationMembersResolver } from './identity/identity.resolver';
import { OrganisationRelationshipResolver, OrganisationResolver } from './organisations/organisation.resolver';

/** Every resolver class; each domain area adds its own here. */
export const resolvers = [
  OrganisationResolver,
  OrganisationRelationshipResolver,
  FirmResolver,
  OrganisationFirmsResolver,
  IdentityResolver,
  MembershipResolver,
  OrganisationMembersResolver,
] as const;

let built: { schema: GraphQLSchema; access: DeclaredAccess[] } | undefined;

/** The executable schema with access rules applied (built once per process). */
export function buildAppSchema(): { schema: GraphQLSchema; access: DeclaredAccess[] } {
  if (!built) {
    const schema = buildSchemaSync({
      resolvers: resolvers as unknown as [Function, ...Function[]],
      validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
      emitSchemaFile: false,
    });
    const access = applyAccessRules(schema);
    built = { schema, access };
  }
  return built;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs stay small). */
export function printAppSchema(): string {
  return printSchema(lexicographicSortSchema(buildAppSchema().schema)) + '\n';
}
