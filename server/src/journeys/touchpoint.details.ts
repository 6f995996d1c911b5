import {
  ArrayMaxSize, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { createUnionType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError, userError, UserErrorCode } from '../core/errors';
import {
  AREA_OF_DECISION_AREA, ContactChannel, Currency, GROWTH_WHEEL_FOCUS_AREAS, GROWTH_WHEEL_MAX_SCORE, GROWTH_WHEEL_MIN_SCORE,
  GrowthWheelArea, GrowthWheelDecisionArea, InquiryKind, MilestoneStatus, OutcomeSource, TouchpointKind,
} from './journey.enums';

/**
 * Typed details per touchpoint kind. Stored as JSONB in `touchpoint.details` (validated here by the
 * server), exposed in GraphQL as the union `TouchpointDetails`. Most classes serve as both the input
 * (`...Input`) and the output (`...Details`) type.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ObjectType('FirstContactDetails', { description: 'First contact with the firm.' })
@InputType('FirstContactInput')
export class FirstContactDetails {
  @Field(() => ContactChannel)
  @IsIn(Object.values(ContactChannel))
  channel!: ContactChannel;

  @Field(() => String, { nullable: true, description: 'What the firm wanted.' })
  @IsOptional()
  @MaxLength(500)
  topic?: string | null;
}

@ObjectType('GrowthWheelScore', { description: 'The score of one Growth Wheel decision area.' })
@InputType('GrowthWheelScoreInput')
export class GrowthWheelScore {
  @Field(() => GrowthWheelDecisionArea)
  @IsIn(Object.values(GrowthWheelDecisionArea))
  decisionArea!: GrowthWheelDecisionArea;

  @Field(() => Int, { description: `${GROWTH_WHEEL_MIN_SCORE} (weak) to ${GROWTH_WHEEL_MAX_SCORE} (strong).` })
  @IsInt()
  @Min(GROWTH_WHEEL_MIN_SCORE)
  @Max(GROWTH_WHEEL_MAX_SCORE)
  score!: number;
}

@ObjectType('GrowthMappingDetails', { description: 'DA vækstkortlægning with its Growth Wheel (Væksthjulet) 360 screening.' })
@InputType('GrowthMappingInput')
export class GrowthMappingDetails {
  @Field(() => [GrowthWheelScore], { description: 'Exactly one score for each of the 20 decision areas.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  scores!: GrowthWheelScore[];

  @Field(() => [GrowthWheelDecisionArea], { description: `Exactly ${GROWTH_WHEEL_FOCUS_AREAS} different decision areas the firm chose to focus on.` })
  @ArrayMaxSize(20)
  @IsIn(Object.values(GrowthWheelDecisionArea), { each: true })
  focusAreas!: GrowthWheelDecisionArea[];

  @Field(() => String, { nullable: true, description: 'The firm\'s growth ambition in its own words.' })
  @IsOptional()
  @MaxLength(2000)
  ambition?: string | null;
}

@InputType('MilestoneInput', { description: 'Set a new milestone (no milestoneId) or change one (milestoneId + expectedVersion).' })
export class MilestoneInput {
  @Field(() => ID, { nullable: true, description: 'The milestone to change; leave out to add a new one.' })
  @IsOptional()
  @IsUUID()
  milestoneId?: string;

  @Field(() => Int, { nullable: true, description: 'Required with milestoneId: the version you saw.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field({ nullable: true, description: 'Who is responsible.' })
  @IsOptional()
  @Length(1, 200)
  ownerName?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(DATE, { message: 'dueOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  dueOn?: string;

  @Field(() => MilestoneStatus, { nullable: true, description: 'Defaults to PLANNED for a new milestone.' })
  @IsOptional()
  @IsIn(Object.values(MilestoneStatus))
  status?: MilestoneStatus;
}

@ObjectType('MilestoneDetails', { description: 'A growth-plan milestone as it was set by this entry (a snapshot).' })
export class MilestoneDetails {
  @Field(() => ID) milestoneId!: string;
  @Field() title!: string;
  @Field() ownerName!: string;
  @Field({ description: 'YYYY-MM-DD.' }) dueOn!: string;
  @Field(() => MilestoneStatus) status!: MilestoneStatus;
  @Field(() => MilestoneStatus, { nullable: true, description: 'The status before this change; null for a new milestone.' })
  previousStatus!: MilestoneStatus | null;
}

@ObjectType('GrowthPartnershipDetails', { description: 'DA vækstpartnerskab: what the firm commits to over a period.' })
@InputType('GrowthPartnershipInput')
export class GrowthPartnershipDetails {
  @Field({ description: 'YYYY-MM-DD.' })
  @Matches(DATE, { message: 'periodStart must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  periodStart!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @Matches(DATE, { message: 'periodEnd must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  periodEnd!: string;

  @Field(() => Int, { description: 'Committed extra full-time jobs.' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  committedExtraJobs!: number;

  @Field(() => Float, { description: 'Committed extra yearly revenue, in `currency`.' })
  @IsNumber()
  @Min(0)
  @Max(1e13)
  committedExtraRevenue!: number;

  @Field(() => Float, { description: 'Committed extra yearly export, in `currency`.' })
  @IsNumber()
  @Min(0)
  @Max(1e13)
  committedExtraExport!: number;

  @Field(() => Currency)
  @IsIn(Object.values(Currency))
  currency!: Currency;
}

@InputType('ReferralInput', { description: 'Refer the firm to another organisation (starts a referral loop).' })
export class ReferralInput {
  @Field(() => ID)
  @IsUUID()
  receiverOrganisationId!: string;

  @Field({ description: 'What the receiver is asked to help with.' })
  @Length(1, 2000)
  reason!: string;
}

@ObjectType('ReferralDetails', { description: 'The firm was referred to another organisation.' })
export class ReferralDetails {
  @Field(() => ID) referralId!: string;
  @Field(() => ID) receiverOrganisationId!: string;
  @Field() reason!: string;
}

@ObjectType('ProgrammeEnrolmentDetails', { description: 'The firm enrolled in a programme (accelerator, course, ...).' })
@InputType('ProgrammeEnrolmentInput')
export class ProgrammeEnrolmentDetails {
  @Field()
  @Length(1, 300)
  programmeName!: string;

  @Field(() => ID, { nullable: true, description: 'The operating organisation, if it is in the graph.' })
  @IsOptional()
  @IsUUID()
  operatorOrganisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn?: string | null;
}

@ObjectType('ParticipationDetails', { description: 'The firm took part in a network or cluster.' })
@InputType('ParticipationInput')
export class ParticipationDetails {
  @Field({ description: 'Network or cluster (or its activity) by name.' })
  @Length(1, 300)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The network / cluster organisation, if it is in the graph.' })
  @IsOptional()
  @IsUUID()
  networkOrClusterOrganisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. member, project partner, meeting attendee.' })
  @IsOptional()
  @MaxLength(200)
  role?: string | null;
}

@ObjectType('EventAttendanceDetails', { description: 'The firm attended an event (growth camp, seminar, ...).' })
@InputType('EventAttendanceInput')
export class EventAttendanceDetails {
  @Field()
  @Length(1, 300)
  eventName!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  organiserName?: string | null;
}

@ObjectType('DelegationOrInquiryDetails', { description: 'A foreign delegation received, or an establishment inquiry handled.' })
@InputType('DelegationOrInquiryInput')
export class DelegationOrInquiryDetails {
  @Field(() => InquiryKind)
  @IsIn(Object.values(InquiryKind))
  inquiryKind!: InquiryKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country of origin.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'originCountry must be an ISO 3166-1 alpha-2 code (e.g. CN)' })
  originCountry?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  sector?: string | null;
}

@ObjectType('OutcomeReportDetails', { description: 'Jobs, revenue and export at a date. Self-reported and register-measured figures are kept apart by `source`.' })
@InputType('OutcomeReportInput')
export class OutcomeReportDetails {
  @Field({ description: 'The date the figures are for (YYYY-MM-DD).' })
  @Matches(DATE, { message: 'measuredOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  measuredOn!: string;

  @Field(() => OutcomeSource)
  @IsIn(Object.values(OutcomeSource))
  source!: OutcomeSource;

  @Field(() => Int, { nullable: true, description: 'Full-time employees.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  jobs?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1e13)
  revenue?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1e13)
  exportRevenue?: number | null;

  @Field(() => Currency, { nullable: true, description: 'Required when revenue or export is given.' })
  @IsOptional()
  @IsIn(Object.values(Currency))
  currency?: Currency | null;
}

@ObjectType('NoteDetails', { description: 'A free-text note.' })
@InputType('NoteInput')
export class NoteDetails {
  @Field()
  @Length(1, 4000)
  text!: string;
}

export const TouchpointDetailsUnion = createUnionType({
  name: 'TouchpointDetails',
  description: 'The typed details of a touchpoint; which type depends on its kind.',
  types: () =>
    [
      FirstContactDetails, GrowthMappingDetails, MilestoneDetails, GrowthPartnershipDetails, ReferralDetails, ProgrammeEnrolmentDetails,
      ParticipationDetails, EventAttendanceDetails, DelegationOrInquiryDetails, OutcomeReportDetails, NoteDetails,
    ] as const,
});

/** Which input field carries the details of each kind (the same names in record and correct inputs). */
export const DETAILS_FIELD: Record<TouchpointKind, DetailsField> = {
  [TouchpointKind.FIRST_CONTACT]: 'firstContact',
  [TouchpointKind.GROWTH_MAPPING]: 'growthMapping',
  [TouchpointKind.GROWTH_PLAN_MILESTONE]: 'milestone',
  [TouchpointKind.GROWTH_PARTNERSHIP]: 'growthPartnership',
  [TouchpointKind.REFERRAL]: 'referral',
  [TouchpointKind.PROGRAMME_ENROLMENT]: 'programmeEnrolment',
  [TouchpointKind.NETWORK_PARTICIPATION]: 'participation',
  [TouchpointKind.CLUSTER_PARTICIPATION]: 'participation',
  [TouchpointKind.EVENT_ATTENDANCE]: 'eventAttendance',
  [TouchpointKind.DELEGATION_OR_INQUIRY]: 'delegationOrInquiry',
  [TouchpointKind.OUTCOME_REPORT]: 'outcomeReport',
  [TouchpointKind.NOTE]: 'note',
};
export type DetailsField =
  | 'firstContact' | 'growthMapping' | 'milestone' | 'growthPartnership' | 'referral' | 'programmeEnrolment'
  | 'participation' | 'eventAttendance' | 'delegationOrInquiry' | 'outcomeReport' | 'note';
export const DETAILS_FIELDS = [...new Set(Object.values(DETAILS_FIELD))];

const OUTPUT_CLASS: Record<TouchpointKind, new () => object> = {
  [TouchpointKind.FIRST_CONTACT]: FirstContactDetails,
  [TouchpointKind.GROWTH_MAPPING]: GrowthMappingDetails,
  [TouchpointKind.GROWTH_PLAN_MILESTONE]: MilestoneDetails,
  [TouchpointKind.GROWTH_PARTNERSHIP]: GrowthPartnershipDetails,
  [TouchpointKind.REFERRAL]: ReferralDetails,
  [TouchpointKind.PROGRAMME_ENROLMENT]: ProgrammeEnrolmentDetails,
  [TouchpointKind.NETWORK_PARTICIPATION]: ParticipationDetails,
  [TouchpointKind.CLUSTER_PARTICIPATION]: ParticipationDetails,
  [TouchpointKind.EVENT_ATTENDANCE]: EventAttendanceDetails,
  [TouchpointKind.DELEGATION_OR_INQUIRY]: DelegationOrInquiryDetails,
  [TouchpointKind.OUTCOME_REPORT]: OutcomeReportDetails,
  [TouchpointKind.NOTE]: NoteDetails,
};

/** Stored JSON -> an instance of the kind's GraphQL type (the union resolves by class). */
export function detailsFor(kind: TouchpointKind, json: Record<string, unknown>): object {
  const out = Object.assign(new OUTPUT_CLASS[kind](), json);
  if (kind === TouchpointKind.GROWTH_MAPPING) {
    const g = out as unknown as GrowthMappingDetails;
    g.scores = (g.scores ?? []).map((s) => Object.assign(new GrowthWheelScore(), s));
  }
  return out;
}

/** Plain JSON of an input object (drops undefined, keeps only declared values). */
export function toJson(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Checks class-validator cannot express: the Growth Wheel's shape, date order, currency when money is
 * given. `path` is the input path of the details object, e.g. ['growthMapping'].
 */
export function checkDetails(kind: TouchpointKind, details: any, path: string[]): UserError[] {
  const errors: UserError[] = [];
  switch (kind) {
    case TouchpointKind.GROWTH_MAPPING: {
      const g = details as GrowthMappingDetails;
      const seen = new Set<GrowthWheelDecisionArea>();
      g.scores.forEach((s, i) => {
        if (seen.has(s.decisionArea)) errors.push(userError([...path, 'scores', String(i), 'decisionArea'], `Decision area ${s.decisionArea} is scored twice.`, UserErrorCode.DUPLICATE));
        seen.add(s.decisionArea);
      });
      const missing = [...AREA_OF_DECISION_AREA.keys()].filter((d) => !seen.has(d));
      if (missing.length) {
        errors.push(userError([...path, 'scores'], `Score all 20 decision areas of the Growth Wheel (4 areas x 5); missing: ${missing.join(', ')}.`, UserErrorCode.REQUIRED));
      }
      const focus = new Set(g.focusAreas);
      if (focus.size !== g.focusAreas.length) errors.push(userError([...path, 'focusAreas'], 'The focus areas must be different.', UserErrorCode.DUPLICATE));
      else if (g.focusAreas.length !== GROWTH_WHEEL_FOCUS_AREAS) {
        errors.push(userError([...path, 'focusAreas'], `Choose exactly ${GROWTH_WHEEL_FOCUS_AREAS} focus areas (you gave ${g.focusAreas.length}).`));
      }
      break;
    }
    case TouchpointKind.GROWTH_PARTNERSHIP: {
      const p = details as GrowthPartnershipDetails;
      if (p.periodEnd <= p.periodStart) errors.push(userError([...path, 'periodEnd'], 'The period must end after it starts.'));
      break;
    }
    case TouchpointKind.OUTCOME_REPORT: {
      const o = details as OutcomeReportDetails;
      if ((o.revenue != null || o.exportRevenue != null) && !o.currency) errors.push(userError([...path, 'currency'], 'Give the currency of revenue and export.', UserErrorCode.REQUIRED));
      if (o.jobs == null && o.revenue == null && o.exportRevenue == null) errors.push(userError([...path, 'jobs'], 'Report at least one of jobs, revenue, export.', UserErrorCode.REQUIRED));
      if (o.measuredOn > new Date().toISOString().slice(0, 10)) errors.push(userError([...path, 'measuredOn'], 'Outcomes cannot be reported for a future date.'));
      break;
    }
  }
  return errors;
}

export { GrowthWheelArea };
