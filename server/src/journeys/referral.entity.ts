import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Firm } from '../firms/firm.entity';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { ReferralStatus } from './journey.enums';

/**
 * A referral (DA henvisning) of a firm from one organisation to another: a closed loop. `status` is the
 * current state (changed only by a conditional UPDATE ... WHERE status = <expected>); every step is also
 * appended to `referral_step` with the server's time and who took it. The sending side's journey gets a
 * REFERRAL touchpoint (touchpoint.referral_id), the receiving side's a FIRST_CONTACT touchpoint when it
 * records the first contact.
 */
@ObjectType({ description: 'A referral of a firm from one organisation to another, and where it is in its loop.' })
@Entity('referral')
@Index('IDX_referral_receiver_inbox', { synchronize: false })
/** Partner dashboards: referrals sent in a period (migration 1765500000000). */
@Index('IDX_referral_sent_at', { synchronize: false })
export class Referral {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_referral_firm_id')
  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Index('IDX_referral_sender_organisation_id')
  @Column({ name: 'sender_organisation_id', type: 'uuid' })
  senderOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_organisation_id' })
  senderOrganisation?: Organisation;

  @Index('IDX_referral_receiver_organisation_id')
  @Column({ name: 'receiver_organisation_id', type: 'uuid' })
  receiverOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'receiver_organisation_id' })
  receiverOrganisation?: Organisation;

  @Field(() => ReferralStatus)
  @Column({ type: 'enum', enum: ReferralStatus, enumName: 'referral_status' })
  status!: ReferralStatus;

  @Field({ description: 'Why the firm is referred: what the receiver is asked to help with.' })
  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Field({ description: 'When it was sent (server time).' })
  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt!: Date;

  @Field({ description: 'When the status last changed (server time).' })
  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;
}

@ObjectType({ description: 'One step of a referral\'s loop, timestamped by the server.' })
@Entity('referral_step')
export class ReferralStep {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_referral_step_referral_id')
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: Referral;

  @Field(() => ReferralStatus, { description: 'The status the referral reached with this step.' })
  @Column({ type: 'enum', enum: ReferralStatus, enumName: 'referral_status' })
  status!: ReferralStatus;

  @Field({ description: 'Server time of the step.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Index('IDX_referral_step_by_user_id')
  @Column({ name: 'by_user_id', type: 'uuid', nullable: true })
  byUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_user_id' })
  byUser?: User;

  @Index('IDX_referral_step_by_organisation_id')
  @Column({ name: 'by_organisation_id', type: 'uuid' })
  byOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'by_organisation_id' })
  byOrganisation?: Organisation;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;
}
