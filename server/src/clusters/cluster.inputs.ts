import { ArrayMaxSize, IsISO8601, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ClusterActivityKind } from './cluster-activity.entity';
import { MemberBenefit } from './office-co-financing.entity';
import { MAX_PLACEMENT_SCORE, MIN_PLACEMENT_SCORE, PlacementCriterion } from './office-placement.entity';
import { VersionedInput } from '../core/versioned';

export enum PlacementDecision {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(PlacementDecision, { name: 'PlacementDecision', description: 'The cluster\'s decision on a placement proposal.' });

@InputType({ description: 'Adds a firm or an organisation as member of a cluster. Give exactly one of firmId / organisationId.' })
export class AddClusterMemberInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  firmId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(10)
  joinedOn?: string;
}

@InputType()
export class RemoveClusterMemberInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@InputType({ description: 'A score on one placement criterion with the reasoning.' })
export class PlacementScoreInput {
  @Field(() => PlacementCriterion)
  criterion!: PlacementCriterion;

  @Field(() => Int, { description: `${MIN_PLACEMENT_SCORE} (weak) to ${MAX_PLACEMENT_SCORE} (strong).` })
  @Min(MIN_PLACEMENT_SCORE)
  @Max(MAX_PLACEMENT_SCORE)
  score!: number;

  @Field()
  @Length(1, 4000)
  reasoning!: string;
}

@InputType({ description: 'A lead municipality\'s proposal for placing a regional office of a cluster. All five criteria must be scored.' })
export class CreateOfficePlacementProposalInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => ID, { description: 'The lead municipality (DA lead-kommune).' })
  @IsUUID()
  leadMunicipalityId!: string;

  @Field(() => ID, { nullable: true, description: 'The office, if it exists already (organisation of kind CLUSTER_OFFICE of this cluster).' })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @Field()
  @Length(1, 200)
  proposedLocation!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  summary?: string;

  @Field(() => [PlacementScoreInput], { description: 'One score per criterion: all five.' })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  scores!: PlacementScoreInput[];
}

@InputType({ description: 'Revises a submitted proposal. Scores given replace the current ones (all five again).' })
export class UpdateOfficePlacementProposalInput extends VersionedInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  proposedLocation?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  summary?: string;

  @Field(() => [PlacementScoreInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  scores?: PlacementScoreInput[];
}

@InputType({ description: 'The cluster\'s decision on a proposal (recorded with the server\'s time).' })
export class DecideOfficePlacementProposalInput extends VersionedInput {
  @Field(() => PlacementDecision)
  decision!: PlacementDecision;

  @Field({ description: 'The reasoning behind the decision.' })
  @Length(1, 2000)
  note!: string;
}

@InputType({ description: 'One municipality\'s share of an office\'s co-financing.' })
export class CoFinancingShareInput {
  @Field(() => ID)
  @IsUUID()
  municipalityId!: string;

  @Field(() => Float, { description: 'Percent with at most two decimals; all shares together exactly 100.' })
  sharePercent!: number;
}

@InputType({ description: 'The co-financed budget of one year.' })
export class CoFinancingAmountInput {
  @Field(() => Int)
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => Int, { description: 'Whole DKK.' })
  @Min(0)
  @Max(2_000_000_000)
  amount!: number;
}

@InputType({ description: 'Cross-municipal co-financing of a regional cluster office.' })
export class CreateOfficeCoFinancingInput {
  @Field(() => ID, { description: 'The regional office (organisation of kind CLUSTER_OFFICE).' })
  @IsUUID()
  officeId!: string;

  @Field(() => ID, { nullable: true, description: 'The approved placement proposal this follows from.' })
  @IsOptional()
  @IsUUID()
  proposalId?: string;

  @Field()
  @Length(1, 200)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  modelDescription?: string;

  @Field(() => [CoFinancingShareInput], { description: 'Shares per municipality: together exactly 100 %.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  shares!: CoFinancingShareInput[];

  @Field(() => [CoFinancingAmountInput], { description: 'Budget per year.' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  annualAmounts!: CoFinancingAmountInput[];

  @Field(() => [MemberBenefit])
  @ArrayMaxSize(3)
  benefits!: MemberBenefit[];

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  benefitsDescription?: string;
}

@InputType({ description: 'Changes to a co-financing. Lists given replace the current ones.' })
export class UpdateOfficeCoFinancingInput extends VersionedInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  modelDescription?: string;

  @Field(() => [CoFinancingShareInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  shares?: CoFinancingShareInput[];

  @Field(() => [CoFinancingAmountInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  annualAmounts?: CoFinancingAmountInput[];

  @Field(() => [MemberBenefit], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  benefits?: MemberBenefit[];

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  benefitsDescription?: string;
}

@InputType({ description: 'A new activity of a cluster (or of one of its regional offices).' })
export class CreateClusterActivityInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => ID, { nullable: true, description: 'The regional office running it, if any.' })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @Field(() => ClusterActivityKind)
  kind!: ClusterActivityKind;

  @Field()
  @Length(1, 200)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string;

  @Field({ description: 'ISO 8601 date-time with offset, e.g. 2026-12-03T09:00:00+01:00.' })
  @IsISO8601({ strict: true })
  @MaxLength(40)
  startsAt!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  endsAt?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  location?: string;
}

@InputType({ description: 'Changes to an activity.' })
export class UpdateClusterActivityInput extends VersionedInput {
  @Field(() => ClusterActivityKind, { nullable: true })
  @IsOptional()
  kind?: ClusterActivityKind;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  startsAt?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  endsAt?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  location?: string;
}

@InputType({ description: 'Records who took part in an activity. Already recorded attendees are left as they are.' })
export class RecordActivityAttendanceInput {
  @Field(() => ID)
  @IsUUID()
  activityId!: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  firmIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  organisationIds?: string[];
}

@InputType()
export class RemoveActivityAttendanceInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Narrows the list of cluster activities.' })
export class ClusterActivityFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @Field(() => [ClusterActivityKind], { nullable: true })
  @IsOptional()
  kinds?: ClusterActivityKind[];

  @Field({ nullable: true, description: 'Only activities starting at or after this time (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  startsFrom?: string;
}
