import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Access } from '../core/access';
import { personalData } from './personal-data';

@ObjectType({ description: 'A person who signs in.' })
@Entity('app_user')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased; unique. Personal data: only shown to the user and their organisations' admins. */
  @Index('UQ_user_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Field({ description: 'Name (personal data: signed-in users only, never API keys).' })
  @Access(personalData)
  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  /**
   * scrypt hash with its parameters and salt (see password.ts). Not selected by default: the app role may not
   * read it (column privileges, migration 1769110000000); sign-in gets it from gg_sign_in_lookup.
   */
  @Column({ name: 'password_hash', type: 'varchar', length: 300, select: false })
  passwordHash!: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
