import { AccountResolver } from './account.resolver';
import { IdentityResolver, MembershipResolver, OrganisationMembersResolver } from './identity.resolver';
import { MemberAdminResolver } from './member.resolver';

/** Every resolver class of the identity area: server/src/schema.ts takes the area's resolvers only from here. */
export const IDENTITY_RESOLVERS = [
  IdentityResolver,
  MembershipResolver,
  OrganisationMembersResolver,
  MemberAdminResolver,
  AccountResolver,
] as const;
