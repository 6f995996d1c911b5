import { buildAppSchema } from '../schema';

/**
 * Every query and mutation with its access rule. A change in who can reach what must show up here, in
 * review. (The rules are also printed into the schema's descriptions.)
 */
const EXPECTED = `
GrowthPlanMilestone.ownerName: personal data: not API keys
Mutation.actOnReferral: member with "record" in an organisation; not API keys
Mutation.addClusterMember: member with "edit" in an organisation; not API keys
Mutation.addContactPerson: member with "record" in an organisation; not API keys
Mutation.addMember: member with "administer" in an organisation; not API keys
Mutation.addNetworkMembers: member with "edit" in an organisation; not API keys
Mutation.addNetworkWorkingGroupMember: member with "edit" in an organisation; not API keys
Mutation.addOrganisationRelationship: member with "administer" in an organisation; not API keys
Mutation.amendAgreement: member with "edit" in an organisation; not API keys
Mutation.anonymiseContactPerson: member with "edit" in an organisation; not API keys
Mutation.assessGrowthPotential: member with "record" in an organisation; not API keys
Mutation.changeEnrolmentState: member with "record" in an organisation; not API keys
Mutation.changeEstablishmentInquiryState: member with "record" in an organisation; not API keys
Mutation.changeMemberRole: member with "administer" in an organisation; not API keys
Mutation.changePassword: signed-in user; not API keys
Mutation.changeProgrammeState: member with "edit" in an organisation; not API keys
Mutation.confirmAgreementParticipation: member with "edit" in an organisation; not API keys
Mutation.confirmOrganisationRelationship: member with "administer" in an organisation; not API keys
Mutation.correctTouchpoint: member with "record" in an organisation; not API keys
Mutation.createApiKey: member with "administer" in an organisation; not API keys
Mutation.createClusterActivity: member with "edit" in an organisation; not API keys
Mutation.createDelegation: member with "record" in an organisation; not API keys
Mutation.createEstablishmentInquiry: member with "record" in an organisation; not API keys
Mutation.createFirm: member with "record" in an organisation; not API keys
Mutation.createFundingApplication: member with "edit" in an organisation; not API keys
Mutation.createFundingPool: member with "edit" in an organisation; not API keys
Mutation.createInvestorPortalProject: member with "edit" in an organisation; not API keys
Mutation.createNetwork: member with "edit" in an organisation; not API keys
Mutation.createOfficeCoFinancing: member with "edit" in an organisation; not API keys
Mutation.createOfficePlacementProposal: member with "edit" in an organisation; not API keys
Mutation.createProgramme: member with "edit" in an organisation; not API keys
Mutation.createServiceAgreement: member with "edit" in an organisation; not API keys
Mutation.decideFundingApplication: member with "edit" in an organisation; not API keys
Mutation.decideOfficePlacementProposal: member with "edit" in an organisation; not API keys
Mutation.declineOrganisationRelationship: member with "administer" in an organisation; not API keys
Mutation.enrolFirm: member with "record" in an organisation; not API keys
Mutation.linkFirmIdentifier: member with "record" in an organisation; not API keys
Mutation.recordActivityAttendance: member with "edit" in an organisation; not API keys
Mutation.recordConsent: member with "record" in an organisation; not API keys
Mutation.recordDelegationFollowUp: member with "record" in an organisation; not API keys
Mutation.recordFollowUp: member with "edit" in an organisation; not API keys
Mutation.recordNetworkMeetingAttendance: member with "record" in an organisation; not API keys
Mutation.recordTouchpoint: member with "record" in an organisation; not API keys
Mutation.registerForNetworkMeeting: member with "record" in an organisation; not API keys
Mutation.removeActivityAttendance: member with "edit" in an organisation; not API keys
Mutation.removeClusterMember: member with "edit" in an organisation; not API keys
Mutation.removeMember: member with "administer" in an organisation; not API keys
Mutation.removeOrganisationRelationship: member with "administer" in an organisation; not API keys
Mutation.revealContactPerson: member with "record" in an organisation; not API keys
Mutation.revokeApiKey: member with "administer" in an organisation; not API keys
Mutation.scheduleNetworkMeeting: member with "edit" in an organisation; not API keys
Mutation.signAgreement: member with "administer" in an organisation; not API keys
Mutation.signIn: public (no sign-in)
Mutation.signOut: signed-in user; not API keys
Mutation.submitEstablishmentOffer: member with "record" in an organisation; not API keys
Mutation.submitFundingApplication: member with "edit" in an organisation; not API keys
Mutation.transitionAgreement: member with "edit" in an organisation; not API keys
Mutation.updateAgreementDraft: member with "edit" in an organisation; not API keys
Mutation.updateClusterActivity: member with "edit" in an organisation; not API keys
Mutation.updateEstablishmentInquiry: member with "record" in an organisation; not API keys
Mutation.updateEstablishmentOffer: member with "record" in an organisation; not API keys
Mutation.updateFirm: member with "record" in an organisation; not API keys
Mutation.updateFundingApplication: member with "edit" in an organisation; not API keys
Mutation.updateInvestorPortalProject: member with "edit" in an organisation; not API keys
Mutation.updateNetwork: member with "edit" in an organisation; not API keys
Mutation.updateOfficeCoFinancing: member with "edit" in an organisation; not API keys
Mutation.updateOfficePlacementProposal: member with "edit" in an organisation; not API keys
Mutation.updateOrganisation: member with "administer" in an organisation; not API keys
Mutation.updateProgramme: member with "edit" in an organisation; not API keys
Mutation.withdrawConsent: member with "record" in an organisation; not API keys
NetworkMember.contactName: personal data: not API keys
NetworkWorkingGroupMember.personName: personal data: not API keys
Organisation.apiKeys: member with "administer" in this organisation
Organisation.members: signed-in user with "read" in this organisation (personal data, not API keys)
Query.agreementKpiAttainment: member with "read" in an organisation
Query.agreementKpiDrillDown: signed-in user with "read" in an organisation
Query.cluster: signed in (user or API key)
Query.clusterActivities: signed in (user or API key)
Query.clusterActivity: signed in (user or API key)
Query.clusterOffice: signed in (user or API key)
Query.clusters: signed in (user or API key)
Query.compareAgreementVersions: member with "read" in an organisation
Query.contactPersons: signed-in user with "read" in an organisation
Query.dashboard: member with "read" in an organisation (user or API key); figures cover that organisation's area in the graph, other organisations' records only as suppressed aggregates
Query.dashboardDrillDown: signed-in user with "read" in an organisation
Query.delegation: member with "read" in an organisation
Query.delegationResults: member with "read" in an organisation
Query.delegations: member with "read" in an organisation
Query.establishmentInquiries: member with "read" in an organisation
Query.establishmentInquiry: member with "read" in an organisation
Query.establishmentPipeline: member with "read" in an organisation
Query.firm: signed in (user or API key)
Query.firmConsents: signed-in user with "read" in an organisation
Query.firmDataExport: signed-in user with "administer" in an organisation
Query.firmJourney: signed-in user with "read" in an organisation
Query.firms: signed in (user or API key)
Query.fundingApplication: member with "read" in an organisation
Query.fundingApplications: member with "read" in an organisation
Query.fundingPools: signed in (user or API key)
Query.growthWheelModel: signed in (user or API key)
Query.investorPortalListing: public (no sign-in)
Query.investorPortalListings: public (no sign-in)
Query.investorPortalProjects: member with "read" in an organisation
Query.journeyAccessLog: signed-in user with "read" in an organisation
Query.me: signed-in user
Query.network: member with "read" in an organisation
Query.networks: member with "read" in an organisation
Query.officeCoFinancing: signed in (user or API key)
Query.officeCoFinancings: member with "read" in an organisation
Query.officePlacementProposal: signed in (user or API key)
Query.officePlacementProposals: member with "read" in an organisation
Query.operatedProgrammes: member with "read" in an organisation
Query.organisation: signed in (user or API key)
Query.organisationByCode: signed in (user or API key)
Query.organisations: signed in (user or API key)
Query.programme: signed in (user or API key)
Query.programmeCatalogue: signed in (user or API key)
Query.programmeEligibility: signed in (user or API key)
Query.programmeThroughput: signed in (user or API key)
Query.receptionMunicipalities: signed in (user or API key)
Query.referral: signed-in user with "read" in an organisation
Query.referrals: signed-in user with "read" in an organisation
Query.serviceAgreement: member with "read" in an organisation
Query.serviceAgreements: member with "read" in an organisation
Query.worklist: signed-in user with "read" in an organisation
User.displayName: personal data: not API keys
User.email: the user themself
User.memberships: the user themself
`;

describe('access rules', () => {
  it('declares a rule for every query and mutation, and the list is the reviewed one', () => {
    const { access } = buildAppSchema();
    const actual = access.map((a) => `${a.type}.${a.field}: ${a.rule}`).sort().join('\n');
    expect(actual).toBe(EXPECTED.trim());
  });

  it('refuses nothing by accident and nothing is left undeclared', () => {
    const { schema, access } = buildAppSchema();
    expect(access.filter((a) => a.rule.startsWith('DENIED'))).toEqual([]);
    const rootFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
    const declared = new Set(access.map((a) => `${a.type}.${a.field}`));
    expect(rootFields.filter((f) => !declared.has(f))).toEqual([]);
  });

  it('only sign-in and the public investor portal are open without signing in', () => {
    const { access } = buildAppSchema();
    expect(access.filter((a) => a.rule.startsWith('public')).map((a) => a.field).sort()).toEqual(['investorPortalListing', 'investorPortalListings', 'signIn']);
  });

  it('no mutation other than sign-in is open to API keys', () => {
    const { access } = buildAppSchema();
    const mutations = access.filter((a) => a.type === 'Mutation' && a.field !== 'signIn');
    expect(mutations.length).toBeGreaterThan(5);
    for (const m of mutations) expect(m.rule).toMatch(/not API keys$/);
  });
});
