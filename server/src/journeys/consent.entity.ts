import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Firm } from '../firms/firm.entity';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { AccessBasis, ConsentScope } from './journey.enums';
import { Referral } from './referral.entity';

/**
 * A firm's consent, recorded by the organisation that obtained it, to show THAT organisation's journey
 * entries about the firm to others (named organisations, or all public business-support actors), for a
 * purpose, until a time. Each organisation is its own data controller: one organisation's consent never
 * opens another organisation's entries. Effective while `withdrawn_at IS NULL AND valid_until > now()`,
 * evaluated on every read, so withdrawal and expiry take effect at once.
 */
@ObjectType({ description: 'A firm\'s consent to show the recording organisation\'s journey entries to others.' })
@Entity('firm_consent')
@Index('IDX_firm_consent_firm_organisation', ['firmId', 'organisationId'])
export class FirmConsent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  /** The organisation that recorded the consent; its entries are the ones shared. */
  @Index('IDX_firm_consent_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field(() => ConsentScope)
  @Column({ type: 'enum', enum: ConsentScope, enumName: 'consent_scope' })
  scope!: ConsentScope;

  @Field({ description: 'What the firm consented to the sharing for.' })
  @Column({ type: 'varchar', length: 1000 })
  purpose!: string;

  @Field({ description: 'The consent lapses at this time.' })
  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil!: Date;

  @Field({ description: 'When it was recorded (server time).' })
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Index('IDX_firm_consent_recorded_by_user_id')
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_user_id' })
  recordedByUser?: User;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn (server time); it has no effect from then on.' })
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Index('IDX_firm_consent_withdrawn_by_user_id')
  @Column({ name: 'withdrawn_by_user_id', type: 'uuid', nullable: true })
  withdrawnByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'withdrawn_by_user_id' })
  withdrawnByUser?: User;
}

/** The organisations named in a NAMED_ORGANISATIONS consent. */
@Entity('firm_consent_recipient')
export class FirmConsentRecipient {
  @PrimaryColumn({ name: 'consent_id', type: 'uuid' })
  consentId!: string;

  @ManyToOne(() => FirmConsent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id' })
  consent?: FirmConsent;

  @Index('IDX_firm_consent_recipient_organisation_id')
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;
}

/**
 * One read of another organisation's journey details: who (user, acting for which organisation), which
 * firm, which entries, on which basis, when. Written in the same request as the read; append-only
 * (trigger). The owning organisation queries it.
 */
@ObjectType({ description: 'A read of your organisation\'s journey entries by another organisation, and its basis.' })
@Entity('journey_access_log')
@Index('IDX_journey_access_log_owner_at', { synchronize: false })
export class JourneyAccessLog {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Server time of the read.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Index('IDX_journey_access_log_viewer_user_id')
  @Column({ name: 'viewer_user_id', type: 'uuid', nullable: true })
  viewerUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'viewer_user_id' })
  viewerUser?: User;

  @Index('IDX_journey_access_log_viewer_organisation_id')
  @Column({ name: 'viewer_organisation_id', type: 'uuid' })
  viewerOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'viewer_organisation_id' })
  viewerOrganisation?: Organisation;

  @Index('IDX_journey_access_log_firm_id')
  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  /** The organisation whose entries were read. */
  @Column({ name: 'owner_organisation_id', type: 'uuid' })
  ownerOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: Organisation;

  @Field(() => AccessBasis)
  @Column({ type: 'enum', enum: AccessBasis, enumName: 'access_basis' })
  basis!: AccessBasis;

  @Index('IDX_journey_access_log_consent_id')
  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId!: string | null;

  @ManyToOne(() => FirmConsent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id' })
  consent?: FirmConsent;

  @Index('IDX_journey_access_log_referral_id')
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @ManyToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: Referral;

  @Field(() => [ID], { description: 'The entries that were shown.' })
  @Column({ name: 'touchpoint_ids', type: 'uuid', array: true })
  touchpointIds!: string[];
}
