import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Firm } from '../firms/firm.entity';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { PersonalDataCategory } from './journey.enums';

/** Categories of the personal-data fields of a contact person (also shown in the API). */
export const CONTACT_PERSON_FIELD_CATEGORIES: ReadonlyArray<[field: string, category: PersonalDataCategory]> = [
  ['name', PersonalDataCategory.ORDINARY],
  ['role', PersonalDataCategory.ORDINARY],
  ['email', PersonalDataCategory.CONTACT],
  ['phone', PersonalDataCategory.CONTACT],
  ['sensitiveNote', PersonalDataCategory.SENSITIVE],
];

/**
 * A contact person at a firm, held by one organisation (personal data; that organisation is controller).
 * Visible only to members of that organisation; the SENSITIVE field is masked unless revealed, and every
 * reveal is logged in `contact_person_reveal_log`.
 */
@Entity('contact_person')
export class ContactPerson {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_contact_person_firm_id')
  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Index('IDX_contact_person_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** ORDINARY */
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** ORDINARY */
  @Column({ type: 'varchar', length: 200, nullable: true })
  role!: string | null;

  /** CONTACT */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  /** CONTACT */
  @Column({ type: 'varchar', length: 50, nullable: true })
  phone!: string | null;

  /** SENSITIVE (e.g. health, trade-union membership): masked unless revealed. */
  @Column({ name: 'sensitive_note', type: 'varchar', length: 2000, nullable: true })
  sensitiveNote!: string | null;

  @Index('IDX_contact_person_created_by_user_id')
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdByUser?: User;

  /** Retention: the personal data is anonymised after this date (DA/SE GDPR storage limitation). */
  @Index('IDX_contact_person_retain_until', { where: 'anonymised_at IS NULL' })
  @Column({ name: 'retain_until', type: 'date' })
  retainUntil!: string;

  /** Set when the personal data was removed (on request, or when retention ran out). The row stays. */
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true })
  anonymisedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One reveal of a contact person's sensitive fields: who, when, why. Append-only (trigger). */
@ObjectType({ description: 'A reveal of a contact person\'s sensitive fields.' })
@Entity('contact_person_reveal_log')
export class ContactPersonRevealLog {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_contact_person_reveal_log_contact_person_id')
  @Column({ name: 'contact_person_id', type: 'uuid' })
  contactPersonId!: string;

  @ManyToOne(() => ContactPerson, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_person_id' })
  contactPerson?: ContactPerson;

  @Index('IDX_contact_person_reveal_log_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Index('IDX_contact_person_reveal_log_user_id')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Field({ description: 'Server time of the reveal.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Field({ description: 'Why the sensitive fields were revealed.' })
  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Field(() => [String], { description: 'The fields revealed.' })
  @Column({ type: 'varchar', length: 50, array: true })
  fields!: string[];
}
