import { ArrayMaxSize, ArrayMinSize, IsIn, IsISO8601, IsOptional, IsUUID, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { FundingApplicationStatus } from './funding.entity';
import { VersionedInput } from '../core/versioned';

/** A DKK amount as a decimal string: up to 10 digits, optionally 1-2 decimals ("1600", "8000.50"). */
export const AMOUNT_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;
const AMOUNT_MESSAGE = 'must be an amount in DKK like "1600" or "1600.50" (no thousands separators)';
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'A new business network.' })
export class CreateNetworkInput {
  @Field(() => ID, { description: 'The organisation that owns the network record (e.g. the local committee); you need "edit" there.' })
  @IsUUID()
  ownerOrganisationId!: string;

  @Field({ description: 'Name of the network.' })
  @Length(1, 200)
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string;

  @Field(() => ID, { nullable: true, description: 'The organisation (kind NETWORK) that represents the network, if any.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => ID, { nullable: true, description: 'The secretariat (DA sekretariat) organisation.' })
  @IsOptional()
  @IsUUID()
  secretariatOrganisationId?: string;
}

@InputType({ description: 'Changes to a network.' })
export class UpdateNetworkInput extends VersionedInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  secretariatOrganisationId?: string;
}

@InputType({ description: 'A person and/or organisation joining the working group (DA arbejdsgruppe).' })
export class AddNetworkWorkingGroupMemberInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field({ nullable: true, description: 'Name of the person.' })
  @IsOptional()
  @Length(1, 200)
  personName?: string;

  @Field(() => ID, { nullable: true, description: 'The organisation the person represents (or the organisation itself).' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ nullable: true, description: 'Role in the group, e.g. "tovholder".' })
  @IsOptional()
  @MaxLength(100)
  role?: string;
}

@InputType({ description: 'One new member: a register firm and/or a contact name.' })
export class NetworkMemberInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  firmId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  contactName?: string;
}

@InputType({ description: 'Adds members to a network (up to 500 at a time).' })
export class AddNetworkMembersInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field(() => [NetworkMemberInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  members!: NetworkMemberInput[];
}

@InputType({ description: 'A network meeting on a set date.' })
export class ScheduleNetworkMeetingInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @Matches(DATE_PATTERN, { message: 'heldOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  heldOn!: string;

  @Field()
  @Length(1, 200)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  location?: string;
}

@InputType({ description: 'Registers members for a meeting (DA tilmelding).' })
export class RegisterForNetworkMeetingInput {
  @Field(() => ID)
  @IsUUID()
  meetingId!: string;

  @Field(() => [ID], { description: 'Members of the meeting\'s network.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds!: string[];
}

@InputType({ description: 'Who attended a meeting, recorded on or after its date. Members not listed are recorded as absent.' })
export class RecordNetworkMeetingAttendanceInput {
  @Field(() => ID)
  @IsUUID()
  meetingId!: string;

  @Field(() => Int, { description: 'The meeting\'s version you saw.' })
  @Min(1)
  expectedVersion!: number;

  @Field(() => [ID], { description: 'Members who attended (walk-ins without a registration included).' })
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  attendedMemberIds!: string[];
}

@InputType({ description: 'A new funding pool (DA pulje).' })
export class CreateFundingPoolInput {
  @Field(() => ID, { description: 'The organisation that owns the pool and decides on applications.' })
  @IsUUID()
  ownerOrganisationId!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  description?: string;
}

@InputType({ description: 'A budget line: what and how much (DKK).' })
export class BudgetLineInput {
  @Field()
  @Length(1, 300)
  description!: string;

  @Field({ description: 'DKK as a decimal string, e.g. "1600" or "8000.00".' })
  @Matches(AMOUNT_PATTERN, { message: `amount ${AMOUNT_MESSAGE}` })
  amount!: string;
}

/** The text sections of an application, shared by create and update. */
@InputType('FundingApplicationSectionsInput', { description: 'The text sections and budget of an application (shared by create and update).' })
export class FundingApplicationSections {
  @Field({ nullable: true, description: 'DA projektansvarlig.' })
  @IsOptional()
  @MaxLength(500)
  responsible?: string;

  @Field({ nullable: true, description: 'DA hvad vil vi opnå.' })
  @IsOptional()
  @MaxLength(10000)
  purpose?: string;

  @Field({ nullable: true, description: 'DA hvorfor vil vi det.' })
  @IsOptional()
  @MaxLength(10000)
  rationale?: string;

  @Field({ nullable: true, description: 'DA målgruppe(r).' })
  @IsOptional()
  @MaxLength(10000)
  targetGroup?: string;

  @Field({ nullable: true, description: 'DA aktiviteter.' })
  @IsOptional()
  @MaxLength(10000)
  activities?: string;

  @Field({ nullable: true, description: 'DA forventede resultater, kort sigt.' })
  @IsOptional()
  @MaxLength(10000)
  expectedShortTermResults?: string;

  @Field({ nullable: true, description: 'DA forventede resultater, langt sigt.' })
  @IsOptional()
  @MaxLength(10000)
  expectedLongTermResults?: string;

  @Field({ nullable: true, description: 'DA forankringsstrategi.' })
  @IsOptional()
  @MaxLength(10000)
  anchoringStrategy?: string;

  @Field({ nullable: true, description: 'DA samarbejdspartnere.' })
  @IsOptional()
  @MaxLength(10000)
  partners?: string;

  @Field({ nullable: true, description: 'DA tidsplan.' })
  @IsOptional()
  @MaxLength(10000)
  timeline?: string;

  @Field({ nullable: true, description: 'DA kommunikationsstrategi.' })
  @IsOptional()
  @MaxLength(10000)
  communication?: string;

  @Field({ nullable: true, description: 'DA hvad skal sekretariatet bidrage med.' })
  @IsOptional()
  @MaxLength(10000)
  secretariatContribution?: string;

  @Field({ nullable: true, description: 'DA hvad skal arbejdsgruppen stå for.' })
  @IsOptional()
  @MaxLength(10000)
  workingGroupContribution?: string;

  @Field(() => [BudgetLineInput], { nullable: true, description: 'The budget; replaces all lines. The total is computed, never sent.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  budgetLines?: BudgetLineInput[];
}

@InputType({ description: 'A new (draft) application for pool money.' })
export class CreateFundingApplicationInput extends FundingApplicationSections {
  @Field(() => ID)
  @IsUUID()
  poolId!: string;

  @Field(() => ID, { description: 'Your organisation applying; you need "edit" there.' })
  @IsUUID()
  applicantOrganisationId!: string;

  @Field(() => ID, { nullable: true, description: 'The network the application is for, if any (it must be one you can see).' })
  @IsOptional()
  @IsUUID()
  networkId?: string;

  @Field({ description: 'DA projektnavn.' })
  @Length(1, 200)
  projectName!: string;
}

@InputType({ description: 'Changes to a draft application. Submitted applications cannot be edited.' })
export class UpdateFundingApplicationInput extends FundingApplicationSections {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  projectName?: string;
}

@InputType({ description: 'Submits a draft to the pool owner. It cannot be edited afterwards.' })
export class SubmitFundingApplicationInput extends VersionedInput {
}

@InputType({ description: 'The pool owner\'s decision on a submitted application.' })
export class DecideFundingApplicationInput extends VersionedInput {
  @Field(() => FundingApplicationStatus, { description: 'APPROVED or REJECTED.' })
  @IsIn([FundingApplicationStatus.APPROVED, FundingApplicationStatus.REJECTED], { message: 'decision must be APPROVED or REJECTED' })
  decision!: FundingApplicationStatus;

  @Field({ nullable: true, description: 'For an approval: the amount granted in DKK (at most the requested total).' })
  @IsOptional()
  @Matches(AMOUNT_PATTERN, { message: `amountGranted ${AMOUNT_MESSAGE}` })
  amountGranted?: string;

  @Field({ description: 'The reason for the decision.' })
  @Length(1, 4000)
  reason!: string;
}

@InputType({ description: 'Narrows a list of funding applications.' })
export class FundingApplicationFilter {
  @Field(() => FundingApplicationStatus, { nullable: true })
  @IsOptional()
  status?: FundingApplicationStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  poolId?: string;
}
