import { FirmResolver, FirmChangeResolver, FirmGrowthPotentialResolver, OrganisationFirmsResolver } from './firm.resolver';

/** Every resolver class of the firms area: server/src/schema.ts takes the area's resolvers only from here. */
export const FIRM_RESOLVERS = [
  FirmResolver,
  FirmChangeResolver,
  FirmGrowthPotentialResolver,
  OrganisationFirmsResolver,
] as const;
