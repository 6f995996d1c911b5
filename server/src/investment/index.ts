import { DelegationResolver, ReceptionMunicipalityResolver } from './delegation.resolver';
import { EstablishmentInquiryResolver, EstablishmentOfferResolver, InquiryStateChangeResolver } from './inquiry.resolver';
import { InvestorPortalResolver } from './portal.resolver';

/** Every resolver class of the investment area: server/src/schema.ts takes the area's resolvers only from here. */
export const INVESTMENT_RESOLVERS = [
  DelegationResolver,
  ReceptionMunicipalityResolver,
  EstablishmentInquiryResolver,
  EstablishmentOfferResolver,
  InquiryStateChangeResolver,
  InvestorPortalResolver,
] as const;
