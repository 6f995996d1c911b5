import { IsEmail, IsEnum, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../core/scope';

/** The shortest new password accepted (a passphrase; NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 12;

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

@InputType({ description: 'Adds a person who already has an account to an organisation you administer, with a role.' })
export class AddMemberInput {
  @Field(() => ID)
  @IsUUID()
  organisationId!: string;

  @Field({ description: 'The e-mail address the person signs in with.' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}

@InputType({ description: 'Gives a member of an organisation you administer another role.' })
export class ChangeMemberRoleInput {
  @Field(() => ID, { description: 'The membership.' })
  @IsUUID()
  id!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}

@InputType({ description: 'Removes a member from an organisation you administer (their account stays).' })
export class RemoveMemberInput {
  @Field(() => ID, { description: 'The membership.' })
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Changes your own password; needs the current one.' })
export class ChangePasswordInput {
  @Field()
  @Length(1, 200)
  currentPassword!: string;

  @Field({ description: `At least ${MIN_PASSWORD_LENGTH} characters.` })
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  newPassword!: string;
}
