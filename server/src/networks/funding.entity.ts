import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../identity/user.entity';
import { Network } from './network.entity';

/** Where a funding application is in its life. Only drafts can be edited. */
export enum FundingApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(FundingApplicationStatus, {
  name: 'FundingApplicationStatus',
  description: 'DRAFT -> SUBMITTED -> APPROVED or REJECTED. Only drafts can be edited.',
});

/** A pool of money (DA pulje, puljemidler) that organisations can apply to, owned by the deciding organisation. */
@ObjectType({ description: 'A funding pool (DA puljemidler) owned by the organisation that decides on applications.' })
@Entity('funding_pool')
export class FundingPool {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Index('IDX_funding_pool_owner_organisation_id')
  @Column({ name: 'owner_organisation_id', type: 'uuid' })
  ownerOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: Organisation;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * An application for pool money (DA ansøgning om puljemidler), in the shape of the Amager Øst
 * application. Visible to the applicant organisation; once submitted also to the pool's owner, who decides.
 * Amounts are DKK in numeric(12,2), exchanged as decimal strings; the total is computed from the lines.
 */
@ObjectType({ description: 'An application for funding from a pool (DA ansøgning om puljemidler). The total is computed from the budget lines.' })
@Entity('funding_application')
@Check('CHK_funding_application_decided', `status NOT IN ('APPROVED', 'REJECTED') OR (decided_at IS NOT NULL AND decided_by_organisation_id IS NOT NULL)`)
@Check('CHK_funding_application_granted', `status <> 'APPROVED' OR amount_granted IS NOT NULL`)
export class FundingApplication {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_funding_application_pool_id')
  @Column({ name: 'pool_id', type: 'uuid' })
  poolId!: string;

  @ManyToOne(() => FundingPool, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pool_id' })
  pool?: FundingPool;

  /** The applying organisation: owns the application. */
  @Index('IDX_funding_application_applicant_organisation_id')
  @Column({ name: 'applicant_organisation_id', type: 'uuid' })
  applicantOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_organisation_id' })
  applicantOrganisation?: Organisation;

  @Index('IDX_funding_application_network_id')
  @Column({ name: 'network_id', type: 'uuid', nullable: true })
  networkId!: string | null;

  @ManyToOne(() => Network, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Field(() => FundingApplicationStatus)
  @Column({ type: 'enum', enum: FundingApplicationStatus, enumName: 'funding_application_status', default: FundingApplicationStatus.DRAFT })
  status!: FundingApplicationStatus;

  @Field({ description: 'DA projektnavn.' })
  @Column({ name: 'project_name', type: 'varchar', length: 200 })
  projectName!: string;

  @Field(() => String, { nullable: true, description: 'DA projektansvarlig: who is responsible (working group, coordinator).' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  responsible!: string | null;

  @Field(() => String, { nullable: true, description: 'DA hvad vil vi opnå: what the project is to achieve.' })
  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'DA hvorfor vil vi det: why.' })
  @Column({ type: 'text', nullable: true })
  rationale!: string | null;

  @Field(() => String, { nullable: true, description: 'DA målgruppe(r).' })
  @Column({ name: 'target_group', type: 'text', nullable: true })
  targetGroup!: string | null;

  @Field(() => String, { nullable: true, description: 'DA aktiviteter.' })
  @Column({ type: 'text', nullable: true })
  activities!: string | null;

  @Field(() => String, { nullable: true, description: 'DA forventede resultater, kort sigt (self-reported expectation).' })
  @Column({ name: 'expected_short_term_results', type: 'text', nullable: true })
  expectedShortTermResults!: string | null;

  @Field(() => String, { nullable: true, description: 'DA forventede resultater, langt sigt (self-reported expectation).' })
  @Column({ name: 'expected_long_term_results', type: 'text', nullable: true })
  expectedLongTermResults!: string | null;

  @Field(() => String, { nullable: true, description: 'DA forankringsstrategi.' })
  @Column({ name: 'anchoring_strategy', type: 'text', nullable: true })
  anchoringStrategy!: string | null;

  @Field(() => String, { nullable: true, description: 'DA samarbejdspartnere.' })
  @Column({ type: 'text', nullable: true })
  partners!: string | null;

  @Field(() => String, { nullable: true, description: 'DA tidsplan.' })
  @Column({ type: 'text', nullable: true })
  timeline!: string | null;

  @Field(() => String, { nullable: true, description: 'DA kommunikationsstrategi.' })
  @Column({ type: 'text', nullable: true })
  communication!: string | null;

  @Field(() => String, { nullable: true, description: 'DA hvad skal sekretariatet bidrage med.' })
  @Column({ name: 'secretariat_contribution', type: 'text', nullable: true })
  secretariatContribution!: string | null;

  @Field(() => String, { nullable: true, description: 'DA hvad skal arbejdsgruppen stå for.' })
  @Column({ name: 'working_group_contribution', type: 'text', nullable: true })
  workingGroupContribution!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was submitted (server time).' })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Index('IDX_funding_application_submitted_by_user_id')
  @Column({ name: 'submitted_by_user_id', type: 'uuid', nullable: true })
  submittedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submitted_by_user_id' })
  submittedBy?: User;

  @Field(() => Date, { nullable: true, description: 'When the pool owner decided (server time).' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Index('IDX_funding_application_decided_by_user_id')
  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_user_id' })
  decidedBy?: User;

  @Index('IDX_funding_application_decided_by_organisation_id')
  @Column({ name: 'decided_by_organisation_id', type: 'uuid', nullable: true })
  decidedByOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_organisation_id' })
  decidedByOrganisation?: Organisation;

  @Field(() => String, { nullable: true, description: 'Amount granted in DKK (decimal string, e.g. "14600.00"); set by an approval.' })
  @Column({ name: 'amount_granted', type: 'numeric', precision: 12, scale: 2, nullable: true })
  amountGranted!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason given with the decision.' })
  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Field(() => Int, { description: 'Increases on every change; send it back when editing to detect concurrent edits.' })
  @VersionColumn()
  version!: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One line of an application's budget (e.g. "Lokaleleje", 1600 DKK). */
@ObjectType({ description: 'A budget line of a funding application. Amounts are DKK decimal strings.' })
@Entity('funding_budget_line')
@Check('CHK_funding_budget_line_amount', `amount >= 0`)
export class FundingBudgetLine {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_funding_budget_line_application_id')
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => FundingApplication, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: FundingApplication;

  @Field(() => Int, { description: 'Order of the line in the budget (0-based).' })
  @Column({ type: 'integer' })
  position!: number;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  description!: string;

  @Field({ description: 'Amount in DKK as a decimal string, e.g. "1600.00".' })
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount!: string;
}
