import { IsOptional, IsUrl, Length, MaxLength, Min, IsUUID } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Country, OrganisationKind } from './organisation.entity';
import { RelationshipKind } from './organisation-relationship.entity';

export enum RelationshipDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
  BOTH = 'BOTH',
}
registerEnumType(RelationshipDirection, { name: 'RelationshipDirection', description: 'Which way along a relationship to look.' });

@InputType({ description: 'Narrows a list of organisations. All given conditions must hold.' })
export class OrganisationFilter {
  @Field(() => [OrganisationKind], { nullable: true })
  kinds?: OrganisationKind[];

  @Field(() => Country, { nullable: true })
  country?: Country;

  @Field(() => ID, { nullable: true, description: 'Only organisations in this region.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field({ nullable: true, description: 'Case-insensitive prefix of the name.' })
  @IsOptional()
  @MaxLength(200)
  namePrefix?: string;
}

@InputType({ description: 'Changes to an organisation\'s public profile.' })
export class UpdateOrganisationInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, { description: 'The version you edited; a newer version on the server is a conflict.' })
  @Min(1)
  expectedVersion!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'website must be an http(s) URL' })
  website?: string | null;
}

@InputType({ description: 'Proposes a new edge of the organisation graph: "from" KIND "to". You administer one side; it takes effect when the other side\'s admin confirms it.' })
export class AddOrganisationRelationshipInput {
  @Field(() => RelationshipKind)
  kind!: RelationshipKind;

  @Field(() => ID)
  @IsUUID()
  fromId!: string;

  @Field(() => ID)
  @IsUUID()
  toId!: string;
}

@InputType()
export class RemoveOrganisationRelationshipInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Confirms a relationship the other side proposed to your organisation: it takes effect now.' })
export class ConfirmOrganisationRelationshipInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Declines a relationship the other side proposed to your organisation: it never takes effect.' })
export class DeclineOrganisationRelationshipInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
