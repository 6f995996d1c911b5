import { IsEmail, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class SignInInput {
  @Field()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @Field()
  @Length(1, 200)
  password!: string;
}

@InputType({ description: 'A new read-only API key for one of the organisations you administer.' })
export class CreateApiKeyInput {
  @Field(() => ID)
  @IsUUID()
  organisationId!: string;

  @Field({ description: 'What the key is for, e.g. "KKR dashboard".' })
  @Length(1, 100)
  name!: string;
}

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
