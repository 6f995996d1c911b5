import { IdentityResolver, MembershipResolver, OrganisationMembersResolver } from './identity.resolver';

/** Every resolver class of the identity area: server/src/schema.ts takes the area's resolvers only from here. */
export const IDENTITY_RESOLVERS = [
  IdentityResolver,
  MembershipResolver,
  OrganisationMembersResolver,
] as const;
