import { IsISO8601, IsOptional, IsUUID, Length, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Country } from '../organisations/organisation.entity';

@InputType({ description: 'Find firms. Give a name prefix, an identifier, or a municipality (or several).' })
export class FirmSearch {
  @Field({ nullable: true, description: 'Case-insensitive prefix of the firm name.' })
  @IsOptional()
  @MaxLength(200)
  namePrefix?: string;

  @Field({ nullable: true, description: 'A CVR (8 digits) or organisationsnummer (10 digits, dash optional).' })
  @IsOptional()
  @MaxLength(20)
  identifier?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  municipalityId?: string;

  @Field(() => Country, { nullable: true })
  @IsOptional()
  country?: Country;
}

@InputType({ description: 'A firm from the business register, or a would-be entrepreneur (no identifier yet).' })
export class CreateFirmInput {
  @Field(() => Country)
  country!: Country;

  @Field({ nullable: true, description: 'Danish CVR (8 digits). Leave out (with organisationsnummer) for a prospect.' })
  @IsOptional()
  @MaxLength(20)
  cvr?: string;

  @Field({ nullable: true, description: 'Swedish organisationsnummer (NNNNNN-NNNN).' })
  @IsOptional()
  @MaxLength(20)
  organisationsnummer?: string;

  @Field()
  // Two rules, not @Length(1, 200): an empty name is then REQUIRED (minLength 1) and a long one TOO_LONG, like other required fields.
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field({ nullable: true, description: 'DB07 (6 digits) or SNI 2007 (5 digits).' })
  @IsOptional()
  @MaxLength(10)
  industryCode?: string;

  @Field({ nullable: true, description: 'Official municipality code: kommunekode (DK, 3 digits) or kommunkod (SE, 4 digits).' })
  @IsOptional()
  @MaxLength(10)
  municipalityCode?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  employees?: number;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(10)
  foundedOn?: string;

  @Field(() => ID, { nullable: true, description: 'For a prospect: the organisation recording it (defaults to your only one).' })
  @IsOptional()
  @IsUUID()
  recordedByOrganisationId?: string;
}

@InputType({
  description:
    'Changes to a firm. Register firms: EDITOR or ADMIN only; prospects: the recording organisation. Identifiers cannot be changed (use linkFirmIdentifier for a prospect). ' +
    'The growth-potential level is not a field: it is the latest growth-potential assessment (recordGrowthPotentialAssessment).',
})
export class UpdateFirmInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(10)
  industryCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(10)
  municipalityCode?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  employees?: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation you act for (kept in the firm\'s history); defaults to your only one with the needed role (EDITOR for register firms).',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

@InputType({ description: 'Gives a prospect its CVR / organisationsnummer. Its history stays with it.' })
export class LinkFirmIdentifierInput {
  @Field(() => ID)
  @IsUUID()
  firmId!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20)
  cvr?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20)
  organisationsnummer?: string;
}
