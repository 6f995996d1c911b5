import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Access } from '../core/access';
import { personalData } from '../identity/personal-data';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Firm, GrowthPotentialLevel } from '../firms/firm.entity';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { FirmSegment, MilestoneStatus, TouchpointKind } from './journey.enums';
import { Referral } from './referral.entity';

/**
 * The current state of a growth-plan milestone (DA milepæl i vækstplanen) of a firm at one organisation.
 * A projection: every creation or change is also appended to the journey as a GROWTH_PLAN_MILESTONE
 * touchpoint carrying a snapshot, so the history is append-only while the current state is edited with
 * `expectedVersion`.
 */
@ObjectType({ description: 'A milestone of a firm\'s growth plan at one organisation (current state; its history is in the journey).' })
@Entity('growth_plan_milestone')
@Index('IDX_growth_plan_milestone_due', { synchronize: false })
export class GrowthPlanMilestone {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_growth_plan_milestone_firm_id')
  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Index('IDX_growth_plan_milestone_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Field({ description: 'Who is responsible (a person at the firm or the organisation; personal data).' })
  @Access(personalData)
  @Column({ name: 'owner_name', type: 'varchar', length: 200 })
  ownerName!: string;

  @Field({ description: 'Due date (YYYY-MM-DD).' })
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Field(() => MilestoneStatus)
  @Column({ type: 'enum', enum: MilestoneStatus, enumName: 'milestone_status' })
  status!: MilestoneStatus;

  @Field(() => Int, { description: 'Send it back as expectedVersion when changing the milestone.' })
  @VersionColumn()
  version!: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One entry of a firm's journey, recorded by an organisation. Append-only: the database refuses UPDATE of
 * its content and DELETE (trigger `touchpoint_append_only`). A correction is a new row whose
 * `supersedes_id` points at the entry it corrects; `current_touchpoint` (a view) leaves superseded rows out.
 */
@ObjectType({ description: 'An entry in a firm\'s journey, recorded by one organisation. Never changed: corrections are new entries.' })
@Entity('touchpoint')
@Index('IDX_touchpoint_firm_occurred', { synchronize: false })
@Index('IDX_touchpoint_organisation_occurred', { synchronize: false })
/** Partner dashboards: one kind of entry over a period (migration 1765500000000). */
@Index('IDX_touchpoint_kind_occurred', { synchronize: false })
/** Agreement KPI: a party's referrals over a period (migration 1769226000000). */
@Index('IDX_touchpoint_referral_org_occurred', { synchronize: false })
@Index('UQ_touchpoint_supersedes_id', ['supersedesId'], { unique: true, where: 'supersedes_id IS NOT NULL' })
@Index('IDX_touchpoint_referral_id', ['referralId'], { where: 'referral_id IS NOT NULL' })
@Index('IDX_touchpoint_milestone_id', ['milestoneId'], { where: 'milestone_id IS NOT NULL' })
@Check('CHK_touchpoint_recorded_after_occurred', `occurred_at <= recorded_at + interval '5 minutes'`)
export class Touchpoint {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  /** The organisation that recorded the entry and owns it (the data controller). */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Index('IDX_touchpoint_recorded_by_user_id')
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_user_id' })
  recordedByUser?: User;

  @Field(() => TouchpointKind)
  @Column({ type: 'enum', enum: TouchpointKind, enumName: 'touchpoint_kind' })
  kind!: TouchpointKind;

  @Field({ description: 'When it happened (given by the user; at most a short window back in time, never in the future).' })
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Field({ description: 'When it was recorded: assigned by the server, never by the client.' })
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  /** The earlier entry this one corrects (both stay visible). */
  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @ManyToOne(() => Touchpoint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id' })
  supersedes?: Touchpoint;

  @Field(() => String, { nullable: true, description: 'For a correction: why the earlier entry was corrected.' })
  @Column({ name: 'correction_reason', type: 'varchar', length: 1000, nullable: true })
  correctionReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Free-text summary of the touchpoint.' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  summary!: string | null;

  /** Per-kind details, validated by the server (see touchpoint.details.ts), exposed as the `details` union. */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  /** For REFERRAL (sent) and FIRST_CONTACT (after a referral) entries: the referral. */
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @ManyToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: Referral;

  /** For GROWTH_PLAN_MILESTONE entries: the milestone whose change this entry records. */
  @Column({ name: 'milestone_id', type: 'uuid', nullable: true })
  milestoneId!: string | null;

  @ManyToOne(() => GrowthPlanMilestone, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: GrowthPlanMilestone;
}

/**
 * Growth-potential level and segment of a firm as assessed by an organisation, over time. Append-only
 * (trigger); the latest assessment is the current one. Visible to the assessing organisation only.
 */
@ObjectType({ description: 'An organisation\'s assessment of a firm\'s growth potential and segment. The latest is the current one.' })
@Entity('growth_potential_assessment')
@Index('IDX_growth_potential_assessment_firm', { synchronize: false })
export class GrowthPotentialAssessment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Index('IDX_growth_potential_assessment_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field(() => GrowthPotentialLevel)
  @Column({ type: 'enum', enum: GrowthPotentialLevel, enumName: 'growth_potential_level' })
  level!: GrowthPotentialLevel;

  @Field(() => FirmSegment)
  @Column({ type: 'enum', enum: FirmSegment, enumName: 'firm_segment' })
  segment!: FirmSegment;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  rationale!: string | null;

  @Field({ description: 'Assigned by the server.' })
  @Column({ name: 'assessed_at', type: 'timestamptz', default: () => 'now()' })
  assessedAt!: Date;

  @Index('IDX_growth_potential_assessment_assessed_by_user_id')
  @Column({ name: 'assessed_by_user_id', type: 'uuid', nullable: true })
  assessedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assessed_by_user_id' })
  assessedByUser?: User;
}
