import { OrganisationResolver, OrganisationRelationshipResolver } from './organisation.resolver';

/** Every resolver class of the organisations area: server/src/schema.ts takes the area's resolvers only from here. */
export const ORGANISATION_RESOLVERS = [
  OrganisationResolver,
  OrganisationRelationshipResolver,
] as const;
