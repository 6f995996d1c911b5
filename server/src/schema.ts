import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync, getMetadataStorage } from 'type-graphql';
import { applyAccessRules, DeclaredAccess } from './core/access';
import { applyInputGuard } from './core/input-guard';
import { applyListCaps } from './core/list-bounds';
import { FirmChangeResolver, FirmGrowthPotentialResolver, FirmResolver, OrganisationFirmsResolver } from './firms/firm.resolver';
import { IdentityResolver, MembershipResolver, OrganisationMembersResolver } from './identity/identity.resolver';
import { ConsentResolver, JourneyAccessLogResolver } from './journeys/consent.resolver';
import { ContactPersonResolver } from './journeys/contact-person.resolver';
import { FirmDataExportResolver } from './journeys/export.resolver';
import {
  FirmJourneyResolver, GrowthPlanMilestoneResolver, GrowthPotentialAssessmentResolver, MilestoneDetailsResolver, ReferralDetailsResolver, TouchpointResolver,
} from './journeys/journey.resolver';
import { ReferralResolver, ReferralStepResolver } from './journeys/referral.resolver';
import { WorklistFirmResolver, WorklistResolver } from './journeys/worklist.resolver';
import { OrganisationRelationshipResolver, OrganisationResolver } from './organisations/organisation.resolver';
import { FundingApplicationResolver, FundingPoolResolver } from './networks/funding.resolver';
import {
  NetworkMeetingParticipantResolver, NetworkMeetingResolver, NetworkMemberResolver, NetworkResolver, NetworkWorkingGroupMemberResolver,
} from './networks/network.resolver';
import { DelegationResolver, ReceptionMunicipalityResolver } from './investment/delegation.resolver';
import { EstablishmentInquiryResolver, EstablishmentOfferResolver, InquiryStateChangeResolver } from './investment/inquiry.resolver';
import { InvestorPortalResolver } from './investment/portal.resolver';
import { DashboardResolver } from './dashboards/dashboard.resolver';
import { AGREEMENT_RESOLVERS } from './agreements/agreement.resolver';
import { AccountResolver } from './identity/account.resolver';
import { MemberAdminResolver } from './identity/member.resolver';
import { ProgrammeEligibilityResolver, ProgrammeEnrolmentResolver, ProgrammeFundingSourceResolver, ProgrammeMutationResolver, ProgrammeResolver } from './programmes/programme.resolver';
import {
  ClusterActivityAttendanceResolver, ClusterActivityResolver, ClusterMemberResolver, ClusterMutationResolver, ClusterOfficeResolver, ClusterResolver,
  CoFinancingAllocationResolver, OfficeCoFinancingResolver, OfficeCoFinancingShareResolver, OfficePlacementProposalResolver,
} from './clusters/cluster.resolver';

/** Every resolver class; each domain area adds its own here. */
export const resolvers = [
  OrganisationResolver,
  OrganisationRelationshipResolver,
  FirmResolver,
  FirmChangeResolver,
  FirmGrowthPotentialResolver,
  OrganisationFirmsResolver,
  IdentityResolver,
  MembershipResolver,
  OrganisationMembersResolver,
  FirmJourneyResolver,
  TouchpointResolver,
  ReferralDetailsResolver,
  MilestoneDetailsResolver,
  GrowthPlanMilestoneResolver,
  GrowthPotentialAssessmentResolver,
  ReferralResolver,
  ReferralStepResolver,
  ConsentResolver,
  JourneyAccessLogResolver,
  ContactPersonResolver,
  FirmDataExportResolver,
  WorklistResolver,
  WorklistFirmResolver,
  ProgrammeResolver,
  ProgrammeEligibilityResolver,
  ProgrammeFundingSourceResolver,
  ProgrammeEnrolmentResolver,
  ProgrammeMutationResolver,
  ClusterResolver,
  ClusterOfficeResolver,
  ClusterMemberResolver,
  OfficePlacementProposalResolver,
  OfficeCoFinancingResolver,
  OfficeCoFinancingShareResolver,
  CoFinancingAllocationResolver,
  ClusterActivityResolver,
  ClusterActivityAttendanceResolver,
  ClusterMutationResolver,
  NetworkResolver,
  NetworkMeetingResolver,
  NetworkWorkingGroupMemberResolver,
  NetworkMemberResolver,
  NetworkMeetingParticipantResolver,
  FundingPoolResolver,
  FundingApplicationResolver,
  DelegationResolver,
  ReceptionMunicipalityResolver,
  EstablishmentInquiryResolver,
  EstablishmentOfferResolver,
  InquiryStateChangeResolver,
  InvestorPortalResolver,
  DashboardResolver,
  ...AGREEMENT_RESOLVERS,
  MemberAdminResolver,
  AccountResolver,
] as const;

let built: { schema: GraphQLSchema; access: DeclaredAccess[] } | undefined;

/** The executable schema with access rules applied (built once per process). */
export function buildAppSchema(): { schema: GraphQLSchema; access: DeclaredAccess[] } {
  if (!built) {
    // type-graphql wraps every plain property field in a resolver of its own (a resolverData object and a
    // middleware chain per field and row) unless the field is "simple". Nothing here uses field middlewares
    // or @Authorized (access rules wrap the root fields, see applyAccessRules), so plain fields resolve with
    // graphql-js's default resolver, which reads the same property. Field resolvers are unaffected.
    for (const field of getMetadataStorage().fields) {
      if (field.simple === undefined && !field.middlewares?.length && !field.roles?.length) field.simple = true;
    }
    const schema = buildSchemaSync({
      resolvers: resolvers as unknown as [Function, ...Function[]],
      validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
      emitSchemaFile: false,
    });
    const access = applyAccessRules(schema);
    // After the access rules, so that the input check runs first (see core/input-guard.ts).
    applyInputGuard(schema);
    // Every list of objects pages or has a hard cap (core/list-bounds.ts).
    applyListCaps(schema);
    built = { schema, access };
  }
  return built;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs stay small). */
export function printAppSchema(): string {
  return printSchema(lexicographicSortSchema(buildAppSchema().schema)) + '\n';
}
