import { AgreementFollowUp, AgreementParty, AgreementSignature, AgreementTransition, AgreementVersion, ServiceAgreement } from './agreements/agreement.entity';
import { ClusterActivity, ClusterActivityAttendance } from './clusters/cluster-activity.entity';
import { ClusterMember } from './clusters/cluster-member.entity';
import { OfficeCoFinancing, OfficeCoFinancingAmount, OfficeCoFinancingShare } from './clusters/office-co-financing.entity';
import { OfficePlacementProposal, OfficePlacementScore } from './clusters/office-placement.entity';
import { FirmChange } from './firms/firm-change.entity';
import { Firm } from './firms/firm.entity';
import { ApiKey } from './identity/api-key.entity';
import { Membership } from './identity/membership.entity';
import { Session } from './identity/session.entity';
import { User } from './identity/user.entity';
import { FirmConsent, FirmConsentRecipient, JourneyAccessLog } from './journeys/consent.entity';
import { ContactPerson, ContactPersonRevealLog } from './journeys/contact-person.entity';
import { Referral, ReferralStep } from './journeys/referral.entity';
import { GrowthPlanMilestone, GrowthPotentialAssessment, Touchpoint } from './journeys/touchpoint.entity';
import { OrganisationRelationship } from './organisations/organisation-relationship.entity';
import { Organisation } from './organisations/organisation.entity';
import { FundingApplication, FundingBudgetLine, FundingPool } from './networks/funding.entity';
import { Network, NetworkMeeting, NetworkMeetingParticipant, NetworkMember, NetworkWorkingGroupMember } from './networks/network.entity';
import { Delegation, DelegationFollowUp, DelegationHost, ReceptionMunicipality } from './investment/delegation.entity';
import { EstablishmentGroupMember, EstablishmentInquiry, EstablishmentOffer, InquiryStateChange } from './investment/inquiry.entity';
import { InvestorPortalProject } from './investment/portal.entity';
import { ProgrammeEnrolment, ProgrammeEnrolmentEvent } from './programmes/programme-enrolment.entity';
import { Programme, ProgrammeFundingSource, ProgrammeKpi } from './programmes/programme.entity';

/** Every TypeORM entity; each domain area adds its own here. */
export const entities = [Organisation, OrganisationRelationship, Firm, FirmChange, User, Membership, Session, ApiKey,
  Programme, ProgrammeFundingSource, ProgrammeKpi, ProgrammeEnrolment, ProgrammeEnrolmentEvent,
  ClusterMember, OfficePlacementProposal, OfficePlacementScore, OfficeCoFinancing, OfficeCoFinancingShare, OfficeCoFinancingAmount, ClusterActivity, ClusterActivityAttendance,
  Touchpoint, GrowthPlanMilestone, GrowthPotentialAssessment, Referral, ReferralStep, FirmConsent, FirmConsentRecipient, JourneyAccessLog, ContactPerson, ContactPersonRevealLog,
  Network, NetworkWorkingGroupMember, NetworkMember, NetworkMeeting, NetworkMeetingParticipant, FundingPool, FundingApplication, FundingBudgetLine,
  ReceptionMunicipality, Delegation, DelegationHost, DelegationFollowUp, EstablishmentInquiry, EstablishmentGroupMember, InquiryStateChange, EstablishmentOffer, InvestorPortalProject,
  ServiceAgreement, AgreementParty, AgreementVersion, AgreementSignature, AgreementTransition, AgreementFollowUp];
