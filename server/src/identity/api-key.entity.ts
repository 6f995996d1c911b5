import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';
import { User } from './user.entity';

/** Read-only key for a partner dashboard, owned by one organisation. Only its SHA-256 is stored. */
@ObjectType({ description: 'A read-only API key owned by an organisation (for partner dashboards).' })
@Entity('api_key')
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_api_key_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field({ description: 'The first characters of the key, to recognise it. The key itself is shown once.' })
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Index('UQ_api_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  @Index('IDX_api_key_created_by_user_id')
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: User;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Stamped by authentication (gg_api_key_lookup) at most once a minute per key, so reads stay cheap. */
  @Field(() => Date, { nullable: true, description: 'When the key was last used, to the minute (recorded at most once a minute); null if never.' })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
