import { ArrayMaxSize, IsOptional, IsUUID, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import {
  AgreementCurrency,
  AgreementKind,
  AgreementKpiMetric,
  AgreementKpiUnit,
  AgreementPartyRole,
  AgreementState,
} from './agreement.enums';

/*
 * Inputs of the agreement area. Semantic checks (periods, negative amounts, unknown parties, a KPI
 * without a target, ...) are done in agreement.validation.ts so each becomes a typed user error naming
 * its field; class-validator here only bounds sizes.
 */

@InputType({ description: 'Narrows the list of your agreements.' })
export class ServiceAgreementFilter {
  @Field(() => [AgreementState], { nullable: true })
  states?: AgreementState[];

  @Field(() => [AgreementKind], { nullable: true })
  kinds?: AgreementKind[];

  @Field(() => ID, { nullable: true, description: 'Only agreements this organisation is party to.' })
  @IsOptional()
  @IsUUID()
  partyOrganisationId?: string;
}

@InputType({ description: 'A party and its role.' })
export class AgreementPartyInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @Field(() => AgreementPartyRole)
  role!: AgreementPartyRole;
}

@InputType({ description: 'One party\'s tasks (DA opgavefordeling).' })
export class AgreementTaskInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @Field()
  @Length(1, 5000)
  tasks!: string;
}

@InputType({ description: 'What one party contributes in one year.' })
export class AgreementEconomyLineInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Float, { description: 'Amount in the agreement\'s currency; negative amounts are refused.' })
  amount!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@InputType({ description: 'A KPI. `target` is required (it is nullable here only so that a missing one is a user error naming the field).' })
export class AgreementKpiInput {
  @Field({ description: 'Stable key, lower-case letters, digits and dashes, e.g. "growth-mappings".' })
  @MaxLength(40)
  key!: string;

  @Field()
  @Length(1, 300)
  name!: string;

  @Field(() => AgreementKpiMetric)
  metric!: AgreementKpiMetric;

  @Field(() => Float, { nullable: true })
  target?: number | null;

  @Field(() => AgreementKpiUnit, { nullable: true, description: 'Required for EXTERNAL metrics; computed metrics have their own unit.' })
  unit?: AgreementKpiUnit | null;

  @Field({ description: 'YYYY-MM-DD' })
  @MaxLength(10)
  periodStart!: string;

  @Field({ description: 'YYYY-MM-DD, inclusive' })
  @MaxLength(10)
  periodEnd!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;
}

@InputType({ description: 'The whole content of a version. A save replaces the content of the version being edited.' })
export class AgreementContentInput {
  @Field()
  @Length(1, 300)
  title!: string;

  @Field({ description: 'First day (YYYY-MM-DD).' })
  @MaxLength(10)
  periodStart!: string;

  @Field({ description: 'Last day (YYYY-MM-DD), inclusive; not before periodStart.' })
  @MaxLength(10)
  periodEnd!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20000)
  purpose?: string | null;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  @MaxLength(300, { each: true })
  targetGroups!: string[];

  @Field(() => AgreementCurrency)
  currency!: AgreementCurrency;

  @Field(() => [AgreementTaskInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested()
  taskDivision!: AgreementTaskInput[];

  @Field(() => [AgreementEconomyLineInput], { defaultValue: [] })
  @ArrayMaxSize(500)
  @ValidateNested()
  economy!: AgreementEconomyLineInput[];

  @Field(() => [AgreementKpiInput], { defaultValue: [] })
  @ArrayMaxSize(100)
  @ValidateNested()
  kpis!: AgreementKpiInput[];
}

@InputType({ description: 'A new agreement, created as a DRAFT. One of your organisations (where you are EDITOR or ADMIN) must be a party.' })
export class CreateServiceAgreementInput {
  @Field(() => AgreementKind)
  kind!: AgreementKind;

  @Field(() => [AgreementPartyInput])
  @ArrayMaxSize(20)
  @ValidateNested()
  parties!: AgreementPartyInput[];

  @Field(() => AgreementContentInput)
  @ValidateNested()
  content!: AgreementContentInput;
}

@InputType({ description: 'Saves the version being edited: a draft / version in negotiation, or a pending amendment.' })
export class UpdateAgreementDraftInput {
  @Field(() => ID)
  @IsUUID()
  agreementId!: string;

  @Field(() => Int, { description: 'The agreement version you edited; a newer one on the server is a VERSION_CONFLICT.' })
  @Min(1)
  expectedVersion!: number;

  @Field(() => AgreementContentInput)
  @ValidateNested()
  content!: AgreementContentInput;

  @Field(() => [AgreementPartyInput], { nullable: true, description: 'New list of parties (only before the agreement was first signed).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  parties?: AgreementPartyInput[] | null;
}

@InputType({ description: 'Moves an agreement along its life cycle (SIGNED is reached by signing only).' })
export class TransitionAgreementInput {
  @Field(() => ID)
  @IsUUID()
  agreementId!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field(() => AgreementState)
  to!: AgreementState;

  @Field(() => String, { nullable: true, description: 'Required for TERMINATED.' })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType({ description: 'Signs the current version of an agreement for one party. Only that party\'s admins can.' })
export class SignAgreementInput {
  @Field(() => ID)
  @IsUUID()
  agreementId!: string;

  @Field(() => Int, { description: 'The agreement version you read: you sign exactly what you saw.' })
  @Min(1)
  expectedVersion!: number;

  @Field(() => ID, { description: 'The party you sign for.' })
  @IsUUID(undefined, { message: 'partyOrganisationId must be an organisation id' })
  partyOrganisationId!: string;
}

@InputType({ description: 'Confirms that a party takes part in an agreement (DA tilslutning), so its recorded work may count in the KPIs.' })
export class ConfirmAgreementParticipationInput {
  @Field(() => ID)
  @IsUUID()
  agreementId!: string;

  @Field(() => ID, { description: 'The party you confirm for (you are its EDITOR or ADMIN).' })
  @IsUUID(undefined, { message: 'partyOrganisationId must be an organisation id' })
  partyOrganisationId!: string;
}

@InputType({ description: 'Starts an amendment (DA tillæg) of a signed or active agreement: a new version n+1 that every party must sign.' })
export class AmendAgreementInput {
  @Field(() => ID)
  @IsUUID()
  agreementId!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field({ description: 'Why the agreement is amended.' })
  @Length(1, 2000)
  reason!: string;

  @Field(() => AgreementContentInput, { nullable: true, description: 'The amended content; leave out to start from a copy of the version in force.' })
  @IsOptional()
  @ValidateNested()
  content?: AgreementContentInput | null;
}

@InputType({ description: 'The actual of an EXTERNAL KPI, with its source. Computed KPIs cannot be typed in.' })
export class ExternalKpiActualInput {
  @Field()
  @MaxLength(40)
  kpiKey!: string;

  @Field(() => Float)
  actual!: number;

  @Field(() => String, { nullable: true, description: 'Required: where the figure comes from (e.g. "Tilfredshedsundersøgelse 2025, Epinion").' })
  @IsOptional()
  @MaxLength(500)
  source?: string | null;
}

@InputType({ description: 'A follow-up report (DA opfølgning) for a period.' })
export class RecordFollowUpInput {
  @Field(() => ID)
  @IsUUID()
  agreementId!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field({ description: 'YYYY-MM-DD' })
  @MaxLength(10)
  periodStart!: string;

  @Field({ description: 'YYYY-MM-DD, inclusive' })
  @MaxLength(10)
  periodEnd!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20000)
  comment?: string | null;

  @Field(() => [ExternalKpiActualInput], { defaultValue: [] })
  @ArrayMaxSize(100)
  @ValidateNested()
  externalActuals!: ExternalKpiActualInput[];

  @Field(() => ID, { nullable: true, description: 'Which of your party organisations reports (needed only if you are EDITOR+ in several).' })
  @IsOptional()
  @IsUUID()
  reportingOrganisationId?: string | null;
}
