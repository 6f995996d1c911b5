import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsISO8601, IsOptional, IsUUID, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { SectorFocus } from './delegation.entity';
import { InquiryState } from './inquiry.entity';
import { PortalProjectKind, PortalProjectStatus } from './portal.entity';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;
const MONEY_MESSAGE = 'must be an amount like "250000000" or "250000000.50" (no separators)';

@InputType({ description: 'A foreign business delegation to receive.' })
export class CreateDelegationInput {
  @Field(() => ID, { description: 'The receiving organisation (e.g. Copenhagen Capacity); you need "record" there.' })
  @IsUUID()
  receptionOrganisationId!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. CN.' })
  @Matches(COUNTRY_PATTERN, { message: 'originCountry must be a two-letter country code such as CN' })
  originCountry!: string;

  @Field(() => SectorFocus)
  sectorFocus!: SectorFocus;

  @Field({ description: 'YYYY-MM-DD.' })
  @Matches(DATE_PATTERN, { message: 'visitStartsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  visitStartsOn!: string;

  @Field({ description: 'YYYY-MM-DD, on or after the start.' })
  @Matches(DATE_PATTERN, { message: 'visitEndsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  visitEndsOn!: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(10000)
  visitorCount?: number;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20000)
  programme?: string;

  @Field(() => [ID], { description: 'Hosting municipalities; each must take part in the reception.' })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  hostMunicipalityIds!: string[];
}

@InputType({ description: 'A follow-up on a delegation with the value created since.' })
export class RecordDelegationFollowUpInput {
  @Field(() => ID)
  @IsUUID()
  delegationId!: string;

  @Field()
  @Length(1, 10000)
  note!: string;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(100000)
  contactsMade: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(100000)
  projectsStarted: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(100000)
  establishments: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(1000000)
  jobsCreated: number = 0;
}

@InputType({ description: 'An inbound establishment inquiry to route to a coordinator and a group of municipalities.' })
export class CreateEstablishmentInquiryInput {
  @Field(() => ID, { description: 'The agency it came from (e.g. Business Sweden).' })
  @IsUUID()
  receivedFromOrganisationId!: string;

  @Field(() => ID, { description: 'The regional coordinator (e.g. Region Kalmar län).' })
  @IsUUID()
  coordinatorOrganisationId!: string;

  @Field({ description: 'Confidential project name; only handlers will see it.' })
  @Length(1, 200)
  projectName!: string;

  @Field({ nullable: true, description: 'Confidential description of the investor\'s plans.' })
  @IsOptional()
  @MaxLength(20000)
  summary?: string;

  @Field(() => SectorFocus)
  sector!: SectorFocus;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2.' })
  @IsOptional()
  @Matches(COUNTRY_PATTERN, { message: 'originCountry must be a two-letter country code such as DE' })
  originCountry?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1000000)
  projectedJobs?: number;

  @Field({ nullable: true, description: 'SEK as a decimal string.' })
  @IsOptional()
  @Matches(MONEY_PATTERN, { message: `projectedInvestmentSek ${MONEY_MESSAGE}` })
  projectedInvestmentSek?: string;

  @Field(() => [ID], { description: 'The etableringsgrupp: municipalities the inquiry is routed to.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  groupMunicipalityIds!: string[];
}

@InputType({ description: 'Changes to an inquiry\'s details (by the agency or coordinator). Realised figures come only with the evidence of success.' })
export class UpdateEstablishmentInquiryInput {
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

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20000)
  summary?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1000000)
  projectedJobs?: number;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(MONEY_PATTERN, { message: `projectedInvestmentSek ${MONEY_MESSAGE}` })
  projectedInvestmentSek?: string;
}

@InputType({ description: 'Evidence that the investor established: required to mark an inquiry SUCCESSFUL.' })
export class SuccessEvidenceInput {
  @Field({ description: 'What proves it, e.g. "Lease signed 2025-03-01; company registered 556xxx-xxxx".' })
  @Length(1, 4000)
  description!: string;

  @Field(() => ID, { description: 'The municipality where it established (one of the group).' })
  @IsUUID()
  establishedInMunicipalityId!: string;

  @Field(() => Int, { description: 'Jobs realised so far.' })
  @Min(0)
  @Max(1000000)
  realisedJobs!: number;

  @Field({ nullable: true, description: 'Investment realised so far, SEK.' })
  @IsOptional()
  @Matches(MONEY_PATTERN, { message: `realisedInvestmentSek ${MONEY_MESSAGE}` })
  realisedInvestmentSek?: string;

  @Field(() => ID, { nullable: true, description: 'The established firm, if it is in the register.' })
  @IsOptional()
  @IsUUID()
  firmId?: string;
}

@InputType({ description: 'Moves an inquiry along the pipeline.' })
export class ChangeEstablishmentInquiryStateInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field(() => InquiryState)
  toState!: InquiryState;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  note?: string;

  @Field(() => SuccessEvidenceInput, { nullable: true, description: 'Required for SUCCESSFUL, refused otherwise.' })
  @IsOptional()
  @ValidateNested()
  evidence?: SuccessEvidenceInput;
}

@InputType({ description: 'A municipality\'s offer for an inquiry of its group.' })
export class SubmitEstablishmentOfferInput {
  @Field(() => ID)
  @IsUUID()
  inquiryId!: string;

  @Field(() => ID, { description: 'Your municipality (in the inquiry\'s group).' })
  @IsUUID()
  municipalityId!: string;

  @Field()
  @Length(1, 20000)
  description!: string;
}

@InputType({ description: 'Changes to your municipality\'s offer.' })
export class UpdateEstablishmentOfferInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field()
  @Length(1, 20000)
  description!: string;
}

@InputType({ description: 'Narrows a list of establishment inquiries.' })
export class EstablishmentInquiryFilter {
  @Field(() => InquiryState, { nullable: true })
  @IsOptional()
  state?: InquiryState;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  coordinatorOrganisationId?: string;
}

@InputType({ description: 'A project for the investor portal.' })
export class CreateInvestorPortalProjectInput {
  @Field(() => ID, { description: 'The investment agency managing it; you need "edit" there.' })
  @IsUUID()
  ownerOrganisationId!: string;

  @Field()
  @Length(1, 200)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20000)
  description?: string;

  @Field(() => PortalProjectKind)
  kind!: PortalProjectKind;

  @Field(() => PortalProjectStatus)
  status!: PortalProjectStatus;

  @Field({ defaultValue: false })
  @IsBoolean()
  isTender: boolean = false;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'tenderDeadline must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  tenderDeadline?: string;

  @Field({ description: 'DKK as a decimal string.' })
  @Matches(MONEY_PATTERN, { message: `estimatedInvestmentDkk ${MONEY_MESSAGE}` })
  estimatedInvestmentDkk!: string;

  @Field(() => ID, { nullable: true, description: 'The public owner (municipality, region, state agency).' })
  @IsOptional()
  @IsUUID()
  publicOwnerOrganisationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  municipalityId?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(2000)
  @Max(2100)
  expectedStartYear?: number;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(300)
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'] })
  url?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20000)
  internalNotes?: string;

  @Field({ defaultValue: false, description: 'List it on the public portal (refused, naming the field, unless it meets the criteria).' })
  @IsBoolean()
  listed: boolean = false;
}

@InputType({ description: 'Changes to a portal project.' })
export class UpdateInvestorPortalProjectInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20000)
  description?: string;

  @Field(() => PortalProjectStatus, { nullable: true })
  @IsOptional()
  status?: PortalProjectStatus;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(MONEY_PATTERN, { message: `estimatedInvestmentDkk ${MONEY_MESSAGE}` })
  estimatedInvestmentDkk?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  publicOwnerOrganisationId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20000)
  internalNotes?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  listed?: boolean;

  @Field({ nullable: true, description: 'Whether it is a tender (DA udbud).' })
  @IsOptional()
  @IsBoolean()
  isTender?: boolean;

  @Field({ nullable: true, description: 'YYYY-MM-DD (e.g. a tender extended).' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'tenderDeadline must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  tenderDeadline?: string;
}

@InputType({ description: 'Narrows the public investor portal.' })
export class InvestorPortalFilter {
  @Field(() => PortalProjectKind, { nullable: true })
  @IsOptional()
  kind?: PortalProjectKind;

  @Field({ nullable: true, description: 'Only tenders that are still open (deadline today or later, Copenhagen time).' })
  @IsOptional()
  @IsBoolean()
  tendersOnly?: boolean;
}
