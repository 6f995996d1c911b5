import { ArrayMaxSize, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { GrowthPotentialLevel, SizeClass } from '../firms/firm.entity';
import { EnrolmentState } from './programme-enrolment.entity';
import { ProgrammeKind, ProgrammeState } from './programme.entity';
import { VersionedInput } from '../core/versioned';

@InputType({ description: 'Who may take part. An empty or missing list means no restriction on that criterion.' })
export class EligibilityInput {
  @Field(() => [GrowthPotentialLevel], { nullable: true, description: 'Growth-potential levels (DA vækstpotentiale) admitted.' })
  @IsOptional()
  @ArrayMaxSize(3)
  growthPotentialLevels?: GrowthPotentialLevel[];

  @Field(() => [ID], { nullable: true, description: 'Regions (organisations of kind REGION) a firm\'s municipality must lie in.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  regionIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Industry code prefixes (DB07 / SNI 2007), 1-6 digits, e.g. "62" or "4120".' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^\d{1,6}$/, { each: true, message: 'each industry code prefix must be 1-6 digits' })
  industryCodePrefixes?: string[];

  @Field(() => [SizeClass], { nullable: true, description: 'Size classes by employees.' })
  @IsOptional()
  @ArrayMaxSize(4)
  sizeClasses?: SizeClass[];
}

@InputType({ description: 'One funder of a programme and its co-financing share.' })
export class FundingSourceInput {
  @Field(() => ID, { nullable: true, description: 'The funder, if it is an organisation of the graph.' })
  @IsOptional()
  @IsUUID()
  funderOrganisationId?: string;

  @Field({ nullable: true, description: 'The funder\'s name, if it is not an organisation of the graph.' })
  @IsOptional()
  @Length(1, 200)
  funderName?: string;

  @Field(() => Float, { description: 'Share in percent, at most two decimals (e.g. 33.33). All shares together: exactly 100.' })
  sharePercent!: number;

  @Field(() => Int, { nullable: true, description: 'Amount committed, in whole DKK / SEK.' })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  amount?: number;
}

@InputType({ description: 'A target the programme is measured on.' })
export class KpiInput {
  @Field()
  @Length(1, 200)
  metric!: string;

  @Field(() => Float)
  @Min(0)
  @Max(1e12)
  target!: number;

  @Field()
  @Length(1, 50)
  unit!: string;
}

@InputType({ description: 'A new programme (starts as DRAFT, visible only to its operator until opened).' })
export class CreateProgrammeInput {
  @Field(() => ID, { nullable: true, description: 'The operator: one of your organisations (defaults to your only one with "edit").' })
  @IsOptional()
  @IsUUID()
  operatorOrganisationId?: string;

  @Field(() => ProgrammeKind)
  kind!: ProgrammeKind;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @IsISO8601({ strict: true })
  @MaxLength(10)
  startsOn!: string;

  @Field({ description: 'YYYY-MM-DD, not before startsOn.' })
  @IsISO8601({ strict: true })
  @MaxLength(10)
  endsOn!: string;

  @Field(() => Int)
  @Min(1)
  @Max(100_000)
  capacity!: number;

  @Field(() => EligibilityInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  eligibility?: EligibilityInput;

  @Field(() => [FundingSourceInput], { description: 'Funders; their shares must add up to exactly 100 %.' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  fundingSources!: FundingSourceInput[];

  @Field(() => [KpiInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  kpis?: KpiInput[];
}

@InputType({ description: 'Changes to a programme. Lists given replace the current ones.' })
export class UpdateProgrammeInput extends VersionedInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(10)
  startsOn?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(10)
  endsOn?: string;

  @Field(() => Int, { nullable: true, description: 'Cannot go below the seats already taken.' })
  @IsOptional()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @Field(() => EligibilityInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  eligibility?: EligibilityInput;

  @Field(() => [FundingSourceInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  fundingSources?: FundingSourceInput[];

  @Field(() => [KpiInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  kpis?: KpiInput[];
}

@InputType({ description: 'Moves a programme along its life cycle: DRAFT -> OPEN -> RUNNING -> CLOSED (or OPEN -> CLOSED).' })
export class ChangeProgrammeStateInput extends VersionedInput {
  @Field(() => ProgrammeState)
  state!: ProgrammeState;
}

@InputType({ description: 'Enrols a firm in a programme (by the operator\'s consultants).' })
export class EnrolFirmInput {
  @Field(() => ID)
  @IsUUID()
  programmeId!: string;

  @Field(() => ID)
  @IsUUID()
  firmId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(1000)
  note?: string;
}

@InputType({ description: 'Records that an enrolled firm completed the programme or dropped out.' })
export class ChangeEnrolmentStateInput {
  @Field(() => ID)
  @IsUUID()
  enrolmentId!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field(() => EnrolmentState, { description: 'COMPLETED or DROPPED_OUT.' })
  state!: EnrolmentState;

  @Field({ nullable: true, description: 'Why (e.g. the reason for a drop-out).' })
  @IsOptional()
  @MaxLength(1000)
  note?: string;
}

@InputType({ description: 'Narrows the programme catalogue. All given conditions must hold.' })
export class ProgrammeCatalogueFilter {
  @Field(() => [ProgrammeKind], { nullable: true })
  @IsOptional()
  kinds?: ProgrammeKind[];

  @Field(() => [ProgrammeState], { nullable: true, description: 'OPEN and/or RUNNING (the catalogue shows nothing else).' })
  @IsOptional()
  states?: ProgrammeState[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  operatorOrganisationId?: string;

  @Field(() => ID, { nullable: true, description: 'Programmes open to firms of this region (or to all regions).' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => GrowthPotentialLevel, { nullable: true, description: 'Programmes open to this growth-potential level (or to all).' })
  @IsOptional()
  growthPotentialLevel?: GrowthPotentialLevel;

  @Field(() => SizeClass, { nullable: true, description: 'Programmes open to this size class (or to all).' })
  @IsOptional()
  sizeClass?: SizeClass;

  @Field({ nullable: true, description: 'Programmes open to this industry code (DB07 / SNI), or to all industries.' })
  @IsOptional()
  @Matches(/^\d{1,6}$/, { message: 'industryCode must be 1-6 digits' })
  industryCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only programmes this firm is eligible for.' })
  @IsOptional()
  @IsUUID()
  eligibleForFirmId?: string;

  @Field({ nullable: true, description: 'Case-insensitive prefix of the name.' })
  @IsOptional()
  @MaxLength(200)
  namePrefix?: string;

  @Field({ nullable: true, description: 'Only programmes running on or after this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(10)
  endsOnOrAfter?: string;
}

@InputType({ description: 'Narrows throughput aggregates.' })
export class ProgrammeThroughputFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  operatorOrganisationId?: string;

  @Field(() => [ProgrammeKind], { nullable: true })
  @IsOptional()
  kinds?: ProgrammeKind[];
}
