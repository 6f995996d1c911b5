import { ArrayMaxSize, IsDate, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { GrowthPotentialLevel } from '../firms/firm.entity';
import { ConsentScope, FirmSegment, ReferralAction, TouchpointKind } from './journey.enums';
import {
  DelegationOrInquiryDetails, EventAttendanceDetails, FirstContactDetails, GrowthMappingDetails, GrowthPartnershipDetails, MilestoneInput,
  NoteDetails, OutcomeReportDetails, ParticipationDetails, ProgrammeEnrolmentDetails, ReferralInput,
} from './touchpoint.details';

/** The per-kind detail fields, shared by recording and correcting. Give exactly the one that matches the kind. */
@InputType('TouchpointDetailsFieldsBase')
abstract class TouchpointDetailsFields {
  @Field(() => FirstContactDetails, { nullable: true, description: 'For FIRST_CONTACT.' })
  @IsOptional() @ValidateNested()
  firstContact?: FirstContactDetails;

  @Field(() => GrowthMappingDetails, { nullable: true, description: 'For GROWTH_MAPPING.' })
  @IsOptional() @ValidateNested()
  growthMapping?: GrowthMappingDetails;

  @Field(() => MilestoneInput, { nullable: true, description: 'For GROWTH_PLAN_MILESTONE (record only; a milestone changes by recording again).' })
  @IsOptional() @ValidateNested()
  milestone?: MilestoneInput;

  @Field(() => GrowthPartnershipDetails, { nullable: true, description: 'For GROWTH_PARTNERSHIP.' })
  @IsOptional() @ValidateNested()
  growthPartnership?: GrowthPartnershipDetails;

  @Field(() => ReferralInput, { nullable: true, description: 'For REFERRAL (record only).' })
  @IsOptional() @ValidateNested()
  referral?: ReferralInput;

  @Field(() => ProgrammeEnrolmentDetails, { nullable: true, description: 'For PROGRAMME_ENROLMENT.' })
  @IsOptional() @ValidateNested()
  programmeEnrolment?: ProgrammeEnrolmentDetails;

  @Field(() => ParticipationDetails, { nullable: true, description: 'For NETWORK_PARTICIPATION and CLUSTER_PARTICIPATION.' })
  @IsOptional() @ValidateNested()
  participation?: ParticipationDetails;

  @Field(() => EventAttendanceDetails, { nullable: true, description: 'For EVENT_ATTENDANCE.' })
  @IsOptional() @ValidateNested()
  eventAttendance?: EventAttendanceDetails;

  @Field(() => DelegationOrInquiryDetails, { nullable: true, description: 'For DELEGATION_OR_INQUIRY.' })
  @IsOptional() @ValidateNested()
  delegationOrInquiry?: DelegationOrInquiryDetails;

  @Field(() => OutcomeReportDetails, { nullable: true, description: 'For OUTCOME_REPORT.' })
  @IsOptional() @ValidateNested()
  outcomeReport?: OutcomeReportDetails;

  @Field(() => NoteDetails, { nullable: true, description: 'For NOTE.' })
  @IsOptional() @ValidateNested()
  note?: NoteDetails;

  @Field(() => String, { nullable: true, description: 'Free-text summary.' })
  @IsOptional()
  @MaxLength(2000)
  summary?: string;
}

@InputType({ description: 'Record a touchpoint in a firm\'s journey. The server assigns recordedAt.' })
export class RecordTouchpointInput extends TouchpointDetailsFields {
  @Field(() => ID)
  @IsUUID()
  firmId!: string;

  @Field(() => ID, { nullable: true, description: 'The organisation recording it (defaults to your only organisation that may record).' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => TouchpointKind)
  @IsIn(Object.values(TouchpointKind))
  kind!: TouchpointKind;

  @Field({ description: 'When it happened: not in the future, and at most MAX_BACKDATING_DAYS (14) days back.' })
  @IsDate()
  occurredAt!: Date;
}

@InputType({ description: 'Correct an entry: records a new entry of the same kind that supersedes it. Both stay visible.' })
export class CorrectTouchpointInput extends TouchpointDetailsFields {
  @Field(() => ID)
  @IsUUID()
  touchpointId!: string;

  @Field({ description: 'Why the entry is corrected.' })
  @Length(1, 1000)
  reason!: string;

  @Field({ nullable: true, description: 'Corrected time it happened; defaults to the original\'s. At most 14 days before the original was recorded.' })
  @IsOptional()
  @IsDate()
  occurredAt?: Date;
}

@InputType({ description: 'Filter a journey.' })
export class JourneyFilter {
  @Field(() => [TouchpointKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: TouchpointKind[];

  @Field(() => [ID], { nullable: true, description: 'Only entries recorded by these organisations.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  organisationIds?: string[];

  @Field({ nullable: true, description: 'occurredAt >= from' })
  @IsOptional()
  from?: Date;

  @Field({ nullable: true, description: 'occurredAt < to' })
  @IsOptional()
  to?: Date;

  @Field({ nullable: true, defaultValue: true, description: 'Include entries that were corrected by a later one (default true: history is shown whole).' })
  @IsOptional()
  includeSuperseded?: boolean;
}

@InputType({ description: 'A step of the receiving organisation on a referral.' })
export class ActOnReferralInput {
  @Field(() => ID)
  @IsUUID()
  referralId!: string;

  @Field(() => ReferralAction)
  @IsIn(Object.values(ReferralAction))
  action!: ReferralAction;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  note?: string;

  @Field({ nullable: true, description: 'For RECORD_FIRST_CONTACT: when it happened (back-dating window applies); defaults to now.' })
  @IsOptional()
  @IsDate()
  occurredAt?: Date;
}

@InputType({ description: 'Record a firm\'s consent to show your organisation\'s journey entries about it to others.' })
export class RecordConsentInput {
  @Field(() => ID)
  @IsUUID()
  firmId!: string;

  @Field(() => ID, { nullable: true, description: 'Your organisation recording it (defaults to your only organisation that may record).' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => ConsentScope)
  @IsIn(Object.values(ConsentScope))
  scope!: ConsentScope;

  @Field(() => [ID], { nullable: true, description: 'For NAMED_ORGANISATIONS: who may see.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  recipientOrganisationIds?: string[];

  @Field()
  @Length(1, 1000)
  purpose!: string;

  @Field({ description: 'When the consent lapses: in the future, at most 5 years ahead.' })
  @IsDate()
  validUntil!: Date;
}

@InputType()
export class WithdrawConsentInput {
  @Field(() => ID)
  @IsUUID()
  consentId!: string;
}

@InputType({ description: 'Assess a firm\'s growth-potential level and segment (the newest assessment is the current one).' })
export class AssessGrowthPotentialInput {
  @Field(() => ID)
  @IsUUID()
  firmId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => GrowthPotentialLevel)
  @IsIn(Object.values(GrowthPotentialLevel))
  level!: GrowthPotentialLevel;

  @Field(() => FirmSegment)
  @IsIn(Object.values(FirmSegment))
  segment!: FirmSegment;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  rationale?: string;
}

@InputType({ description: 'A contact person at a firm (personal data held by your organisation).' })
export class AddContactPersonInput {
  @Field(() => ID)
  @IsUUID()
  firmId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ description: 'ORDINARY' })
  @Length(1, 200)
  name!: string;

  @Field({ nullable: true, description: 'ORDINARY' })
  @IsOptional()
  @MaxLength(200)
  role?: string;

  @Field({ nullable: true, description: 'CONTACT' })
  @IsOptional()
  @MaxLength(320)
  @IsEmail()
  email?: string;

  @Field({ nullable: true, description: 'CONTACT' })
  @IsOptional()
  @MaxLength(50)
  @Matches(/^\+?[0-9 ()-]{4,50}$/, { message: 'phone must be digits, spaces, +, -, ( and )' })
  phone?: string;

  @Field({ nullable: true, description: 'SENSITIVE (e.g. health, trade-union membership): masked unless revealed.' })
  @IsOptional()
  @MaxLength(2000)
  sensitiveNote?: string;

  @Field({ nullable: true, description: 'Keep the personal data until this date (YYYY-MM-DD; default 3 years, at most 5); then it is anonymised.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(10)
  retainUntil?: string;
}

@InputType({ description: 'Reveal a contact person\'s sensitive fields. The reveal is logged.' })
export class RevealContactPersonInput {
  @Field(() => ID)
  @IsUUID()
  contactPersonId!: string;

  @Field({ description: 'Why you need to see them (logged).' })
  @Length(3, 500)
  reason!: string;
}

@InputType()
export class WorklistOptions {
  @Field(() => Int, { defaultValue: 14, description: 'Milestones due within this many days (overdue ones included).' })
  @IsInt()
  @Min(0)
  @Max(365)
  dueWithinDays: number = 14;

  @Field(() => Int, { defaultValue: 30, description: 'Firms with touchpoints in this many past days.' })
  @IsInt()
  @Min(1)
  @Max(365)
  recentDays: number = 30;
}

@InputType({ description: 'Remove a contact person\'s personal data now (e.g. on a request for erasure). The record of the contact stays, anonymised.' })
export class AnonymiseContactPersonInput {
  @Field(() => ID)
  @IsUUID()
  contactPersonId!: string;

  @Field({ description: 'Why, e.g. "Request for erasure 2026-11-25".' })
  @Length(1, 500)
  reason!: string;
}
