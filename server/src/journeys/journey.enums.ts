import { registerEnumType } from 'type-graphql';
import { OrganisationKind } from '../organisations/organisation.entity';

/** What happened in a firm's journey. Each kind has its own typed details. */
export enum TouchpointKind {
  /** The first meeting of an organisation with the firm (DA første kontakt). */
  FIRST_CONTACT = 'FIRST_CONTACT',
  /** DA vækstkortlægning: a growth mapping with a Growth Wheel (Væksthjulet) assessment. */
  GROWTH_MAPPING = 'GROWTH_MAPPING',
  /** A milestone of the firm's growth plan was set or changed (DA vækstplan, milepæl). */
  GROWTH_PLAN_MILESTONE = 'GROWTH_PLAN_MILESTONE',
  /** DA vækstpartnerskab: committed extra jobs, revenue and export over a period. */
  GROWTH_PARTNERSHIP = 'GROWTH_PARTNERSHIP',
  /** The firm was referred to another organisation (DA henvisning). */
  REFERRAL = 'REFERRAL',
  PROGRAMME_ENROLMENT = 'PROGRAMME_ENROLMENT',
  NETWORK_PARTICIPATION = 'NETWORK_PARTICIPATION',
  CLUSTER_PARTICIPATION = 'CLUSTER_PARTICIPATION',
  EVENT_ATTENDANCE = 'EVENT_ATTENDANCE',
  /** A foreign delegation received or an establishment inquiry handled (SE etableringsförfrågan). */
  DELEGATION_OR_INQUIRY = 'DELEGATION_OR_INQUIRY',
  /** Jobs, revenue and export at a date, self-reported or measured on registers. */
  OUTCOME_REPORT = 'OUTCOME_REPORT',
  NOTE = 'NOTE',
}
registerEnumType(TouchpointKind, { name: 'TouchpointKind', description: 'The kind of a touchpoint in a firm\'s journey.' });

/** The 4 areas of the Growth Wheel (DA Væksthjulet). */
export enum GrowthWheelArea {
  COMPANY = 'COMPANY',
  CUSTOMERS = 'CUSTOMERS',
  ORGANISATION = 'ORGANISATION',
  RELATIONS = 'RELATIONS',
}
registerEnumType(GrowthWheelArea, { name: 'GrowthWheelArea', description: 'One of the 4 areas of the Growth Wheel (Væksthjulet).' });

/** The 20 decision areas of the Growth Wheel: 4 areas x 5 focus areas. */
export enum GrowthWheelDecisionArea {
  VISION = 'VISION',
  BUSINESS_CONCEPT = 'BUSINESS_CONCEPT',
  OWNERSHIP = 'OWNERSHIP',
  LEGAL_STRUCTURE = 'LEGAL_STRUCTURE',
  PROFITABILITY = 'PROFITABILITY',
  PRODUCTS_AND_SERVICES = 'PRODUCTS_AND_SERVICES',
  CUSTOMER_SEGMENTS = 'CUSTOMER_SEGMENTS',
  COMPETITIVE_POSITION = 'COMPETITIVE_POSITION',
  SALES = 'SALES',
  MARKETING = 'MARKETING',
  MANAGEMENT = 'MANAGEMENT',
  EMPLOYEES = 'EMPLOYEES',
  OPERATIONS = 'OPERATIONS',
  ADMINISTRATION = 'ADMINISTRATION',
  FINANCING = 'FINANCING',
  PARTNERS = 'PARTNERS',
  NETWORK = 'NETWORK',
  INVESTORS = 'INVESTORS',
  COMMUNICATION = 'COMMUNICATION',
  INTERNATIONALISATION = 'INTERNATIONALISATION',
}
registerEnumType(GrowthWheelDecisionArea, { name: 'GrowthWheelDecisionArea', description: 'One of the 20 decision areas of the Growth Wheel (4 areas x 5).' });

export const GROWTH_WHEEL: Record<GrowthWheelArea, readonly GrowthWheelDecisionArea[]> = {
  [GrowthWheelArea.COMPANY]: [
    GrowthWheelDecisionArea.VISION, GrowthWheelDecisionArea.BUSINESS_CONCEPT, GrowthWheelDecisionArea.OWNERSHIP,
    GrowthWheelDecisionArea.LEGAL_STRUCTURE, GrowthWheelDecisionArea.PROFITABILITY,
  ],
  [GrowthWheelArea.CUSTOMERS]: [
    GrowthWheelDecisionArea.PRODUCTS_AND_SERVICES, GrowthWheelDecisionArea.CUSTOMER_SEGMENTS, GrowthWheelDecisionArea.COMPETITIVE_POSITION,
    GrowthWheelDecisionArea.SALES, GrowthWheelDecisionArea.MARKETING,
  ],
  [GrowthWheelArea.ORGANISATION]: [
    GrowthWheelDecisionArea.MANAGEMENT, GrowthWheelDecisionArea.EMPLOYEES, GrowthWheelDecisionArea.OPERATIONS,
    GrowthWheelDecisionArea.ADMINISTRATION, GrowthWheelDecisionArea.FINANCING,
  ],
  [GrowthWheelArea.RELATIONS]: [
    GrowthWheelDecisionArea.PARTNERS, GrowthWheelDecisionArea.NETWORK, GrowthWheelDecisionArea.INVESTORS,
    GrowthWheelDecisionArea.COMMUNICATION, GrowthWheelDecisionArea.INTERNATIONALISATION,
  ],
};
export const AREA_OF_DECISION_AREA = new Map<GrowthWheelDecisionArea, GrowthWheelArea>(
  Object.entries(GROWTH_WHEEL).flatMap(([area, ds]) => ds.map((d) => [d, area as GrowthWheelArea] as const)),
);
export const GROWTH_WHEEL_MIN_SCORE = 1;
export const GROWTH_WHEEL_MAX_SCORE = 5;
export const GROWTH_WHEEL_FOCUS_AREAS = 3;

/** Growth-plan milestone states. */
export enum MilestoneStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MilestoneStatus, { name: 'MilestoneStatus', description: 'State of a growth-plan milestone.' });
export const OPEN_MILESTONE_STATUSES = [MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS];

/** The closed loop of a referral (DA henvisning). */
export enum ReferralStatus {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  /** The receiving organisation has had its first contact with the firm. */
  FIRST_CONTACT = 'FIRST_CONTACT',
  CLOSED = 'CLOSED',
}
registerEnumType(ReferralStatus, { name: 'ReferralStatus', description: 'Where a referral is in its loop: sent -> accepted/declined -> first contact -> closed.' });
/** Open referrals are in the receiver's inbox and give both parties a basis to see each other's entries about the firm. */
export const OPEN_REFERRAL_STATUSES = [ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.FIRST_CONTACT];

/** What the receiving organisation does with a referral. */
export enum ReferralAction {
  ACCEPT = 'ACCEPT',
  DECLINE = 'DECLINE',
  RECORD_FIRST_CONTACT = 'RECORD_FIRST_CONTACT',
  CLOSE = 'CLOSE',
}
registerEnumType(ReferralAction, { name: 'ReferralAction', description: 'A step the receiving organisation takes on a referral.' });
export const REFERRAL_TRANSITIONS: Record<ReferralAction, { from: ReferralStatus; to: ReferralStatus }> = {
  [ReferralAction.ACCEPT]: { from: ReferralStatus.SENT, to: ReferralStatus.ACCEPTED },
  [ReferralAction.DECLINE]: { from: ReferralStatus.SENT, to: ReferralStatus.DECLINED },
  [ReferralAction.RECORD_FIRST_CONTACT]: { from: ReferralStatus.ACCEPTED, to: ReferralStatus.FIRST_CONTACT },
  [ReferralAction.CLOSE]: { from: ReferralStatus.FIRST_CONTACT, to: ReferralStatus.CLOSED },
};

/** Who a firm's consent lets see the recording organisation's journey entries. */
export enum ConsentScope {
  /** Only the organisations named in the consent. */
  NAMED_ORGANISATIONS = 'NAMED_ORGANISATIONS',
  /** Every public business-support actor (see PUBLIC_BUSINESS_SUPPORT_KINDS). */
  ALL_PUBLIC_BUSINESS_SUPPORT = 'ALL_PUBLIC_BUSINESS_SUPPORT',
}
registerEnumType(ConsentScope, { name: 'ConsentScope', description: 'To whom a firm consented that its journey entries be shown.' });

/**
 * "Public business-support actors" for ConsentScope.ALL_PUBLIC_BUSINESS_SUPPORT. Private advisors, capital
 * providers, knowledge institutions and networks (often private associations) are not included: they see
 * details only when named in a consent or party to an open referral.
 */
export const PUBLIC_BUSINESS_SUPPORT_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.GROWTH_HOUSE,
  OrganisationKind.MUNICIPALITY,
  OrganisationKind.BUSINESS_COUNCIL,
  OrganisationKind.REGION,
  OrganisationKind.REGIONAL_COUNCIL,
  OrganisationKind.NATIONAL_AGENCY,
  OrganisationKind.INVESTMENT_PROMOTION_AGENCY,
  OrganisationKind.CLUSTER,
  OrganisationKind.CLUSTER_OFFICE,
];

/** The recorded basis on which another organisation's journey details are shown. */
export enum AccessBasis {
  CONSENT = 'CONSENT',
  REFERRAL = 'REFERRAL',
}
registerEnumType(AccessBasis, { name: 'AccessBasis', description: 'Why another organisation\'s journey details may be shown: the firm\'s consent or an open referral.' });

/** Firm segment (DA segment) that, with the growth-potential level, decides which offers a firm gets. */
export enum FirmSegment {
  /** Would-be or new entrepreneur (DA iværksætter). */
  ENTREPRENEUR = 'ENTREPRENEUR',
  /** Established small or medium firm. */
  ESTABLISHED = 'ESTABLISHED',
  /** Firm with documented growth ambition (DA vækstvirksomhed). */
  GROWTH_FIRM = 'GROWTH_FIRM',
  /** Scale-up / high-growth firm. */
  SCALE_UP = 'SCALE_UP',
}
registerEnumType(FirmSegment, { name: 'FirmSegment', description: 'Segment of a firm for offers (with its growth-potential level).' });

/** Categories of personal-data fields of a contact person. */
export enum PersonalDataCategory {
  /** Ordinary personal data: name, role. */
  ORDINARY = 'ORDINARY',
  /** Contact details: phone, e-mail. */
  CONTACT = 'CONTACT',
  /** Special categories (GDPR art. 9): health, trade-union membership. Masked unless revealed. */
  SENSITIVE = 'SENSITIVE',
}
registerEnumType(PersonalDataCategory, { name: 'PersonalDataCategory', description: 'How sensitive a personal-data field is.' });

/** Where an outcome figure comes from; self-reported expectations and register measurements are never mixed. */
export enum OutcomeSource {
  SELF_REPORTED = 'SELF_REPORTED',
  REGISTER_MEASURED = 'REGISTER_MEASURED',
}
registerEnumType(OutcomeSource, { name: 'OutcomeSource', description: 'Self-reported by the firm, or measured on registers (kept apart).' });

export enum ContactChannel {
  MEETING = 'MEETING',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  EVENT = 'EVENT',
  WEBSITE = 'WEBSITE',
  REFERRAL = 'REFERRAL',
  OTHER = 'OTHER',
}
registerEnumType(ContactChannel, { name: 'ContactChannel', description: 'How a first contact came about.' });

export enum InquiryKind {
  /** A foreign business delegation received. */
  DELEGATION_VISIT = 'DELEGATION_VISIT',
  /** An establishment inquiry from a foreign firm. */
  ESTABLISHMENT_INQUIRY = 'ESTABLISHMENT_INQUIRY',
  OTHER = 'OTHER',
}
registerEnumType(InquiryKind, { name: 'InquiryKind', description: 'Delegation visit or establishment inquiry.' });

export enum Currency {
  DKK = 'DKK',
  SEK = 'SEK',
  EUR = 'EUR',
}
registerEnumType(Currency, { name: 'Currency', description: 'Currency of money amounts.' });

/** Back-dating window: a touchpoint's occurredAt may lie at most this many days before the moment it is recorded. */
export const MAX_BACKDATING_DAYS = 14;
/** Tolerance for client clocks running ahead when checking that occurredAt is not in the future. */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;
