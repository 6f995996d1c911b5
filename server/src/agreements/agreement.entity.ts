import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import {
  AgreementCurrency,
  AgreementKpiActualSource,
  AgreementKind,
  AgreementKpiMetric,
  AgreementKpiUnit,
  AgreementPartyRole,
  AgreementState,
} from './agreement.enums';

/**
 * A service agreement (DA lokal samarbejdsaftale / resultatkontrakt / driftsaftale / medfinansiering).
 * The row holds the life cycle; the content lives in numbered versions (`AgreementVersion`). Only its
 * parties see it. `version` is the concurrency token every write names (`expectedVersion`).
 */
@ObjectType({ description: 'A service agreement between organisations (DA samarbejdsaftale / resultatkontrakt). Visible to its parties only.' })
@Entity('service_agreement')
@Index('IDX_service_agreement_created', { synchronize: false })
export class ServiceAgreement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => AgreementKind)
  @Column({ type: 'enum', enum: AgreementKind, enumName: 'service_agreement_kind' })
  kind!: AgreementKind;

  @Field(() => AgreementState)
  @Column({ type: 'enum', enum: AgreementState, enumName: 'service_agreement_state' })
  state!: AgreementState;

  @Field(() => Int, { description: 'Number of the newest version (the one being edited or signed, or the one in force).' })
  @Column({ name: 'current_version_number', type: 'integer' })
  currentVersionNumber!: number;

  @Field(() => Int, { nullable: true, description: 'Number of the version in force: the newest one every party has signed. Null before the first signing.' })
  @Column({ name: 'in_force_version_number', type: 'integer', nullable: true })
  inForceVersionNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the agreement was terminated (DA opsigelse).' })
  @Column({ name: 'termination_reason', type: 'varchar', length: 2000, nullable: true })
  terminationReason!: string | null;

  @Field({ description: 'When the state last changed (server time).' })
  @Column({ name: 'state_changed_at', type: 'timestamptz', default: () => 'now()' })
  stateChangedAt!: Date;

  @Index('IDX_service_agreement_created_by_organisation_id')
  @Column({ name: 'created_by_organisation_id', type: 'uuid' })
  createdByOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_organisation_id' })
  createdByOrganisation?: Organisation;

  @Index('IDX_service_agreement_created_by_user_id')
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdByUser?: User;

  @Field(() => Int, { description: 'Concurrency token: increases on every write; send it back as expectedVersion.' })
  @VersionColumn()
  version!: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A party to an agreement, with its role. Visibility of an agreement follows these rows. */
@ObjectType({ description: 'An organisation that is party to an agreement, with its role.' })
@Entity('service_agreement_party')
@Unique('UQ_service_agreement_party', ['agreementId', 'organisationId'])
export class AgreementParty {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => ServiceAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: ServiceAgreement;

  @Field(() => ID)
  @Index('IDX_service_agreement_party_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field(() => AgreementPartyRole)
  @Column({ type: 'enum', enum: AgreementPartyRole, enumName: 'service_agreement_party_role' })
  role!: AgreementPartyRole;

  /**
   * When this party accepted the agreement (created it, confirmed participation, or signed). Until then
   * none of its recorded work flows into the agreement's KPI actuals or drill-down. Server time.
   */
  @Field(() => Date, { nullable: true, description: 'When this party accepted the agreement (created it, confirmed participation or signed); null while it has not.' })
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Index('IDX_service_agreement_party_accepted_by_user_id')
  @Column({ name: 'accepted_by_user_id', type: 'uuid', nullable: true })
  acceptedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'accepted_by_user_id' })
  acceptedBy?: User;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** DA opgavefordeling: what one party does. */
@ObjectType({ description: 'One party\'s tasks under the agreement (DA opgavefordeling).' })
export class AgreementTask {
  @Field(() => ID)
  organisationId!: string;

  @Field()
  tasks!: string;
}

/** DA økonomi: what one party pays in one year. */
@ObjectType({ description: 'What one party contributes in one year (DA økonomi), in the agreement\'s currency.' })
export class AgreementEconomyLine {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Float, { description: 'Amount in the agreement\'s currency; never negative.' })
  amount!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

/** A KPI with its target (DA måltal). */
@ObjectType({ description: 'A KPI of an agreement: metric, target, period and unit (DA resultmål / måltal).' })
export class AgreementKpi {
  @Field({ description: 'Stable key within the agreement (kept across versions), e.g. "growth-mappings".' })
  key!: string;

  @Field({ description: 'Label, e.g. "Vækstkortlægninger af virksomheder i kommunen".' })
  name!: string;

  @Field(() => AgreementKpiMetric)
  metric!: AgreementKpiMetric;

  @Field(() => Float)
  target!: number;

  @Field(() => AgreementKpiUnit)
  unit!: AgreementKpiUnit;

  @Field({ description: 'First day of the KPI period (YYYY-MM-DD).' })
  periodStart!: string;

  @Field({ description: 'Last day of the KPI period (YYYY-MM-DD), inclusive.' })
  periodEnd!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

/**
 * The content of one version of an agreement. Version 1 is the original; each amendment adds n+1.
 * `revision` increases on every edit of the version: a signature names the revision it signed, so an
 * edit after a signature leaves the signature in the history but no longer valid.
 */
@ObjectType({ description: 'The content of one version of an agreement. Every version stays readable.' })
@Entity('service_agreement_version')
@Unique('UQ_service_agreement_version_number', ['agreementId', 'number'])
@Check('CHK_service_agreement_version_period', 'period_end >= period_start')
@Check('CHK_service_agreement_version_number', 'number >= 1 AND revision >= 1')
export class AgreementVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => ServiceAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: ServiceAgreement;

  @Field(() => Int, { description: '1 for the original agreement, n+1 for each amendment (DA tillæg).' })
  @Column({ type: 'integer' })
  number!: number;

  @Field(() => Int, { description: 'Increases on every edit of this version; signatures refer to a revision.' })
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Field({ description: 'First day of the agreement period (YYYY-MM-DD).' })
  @Column({ name: 'period_start', type: 'date' })
  periodStart!: string;

  @Field({ description: 'Last day of the agreement period (YYYY-MM-DD), inclusive.' })
  @Column({ name: 'period_end', type: 'date' })
  periodEnd!: string;

  @Field(() => String, { nullable: true, description: 'DA formål.' })
  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Field(() => [String], { description: 'DA målgrupper, e.g. "iværksættere", "etablerede virksomheder med vækstpotentiale".' })
  @Column({ name: 'target_groups', type: 'jsonb', default: () => `'[]'` })
  targetGroups!: string[];

  @Field(() => AgreementCurrency)
  @Column({ type: 'enum', enum: AgreementCurrency, enumName: 'service_agreement_currency' })
  currency!: AgreementCurrency;

  @Field(() => [AgreementTask], { description: 'Division of tasks between the parties (DA opgavefordeling).' })
  @Column({ name: 'task_division', type: 'jsonb', default: () => `'[]'` })
  taskDivision!: AgreementTask[];

  @Field(() => [AgreementEconomyLine], { description: 'Amounts per party and year (DA økonomi).' })
  @Column({ type: 'jsonb', default: () => `'[]'` })
  economy!: AgreementEconomyLine[];

  @Field(() => [AgreementKpi])
  @Column({ type: 'jsonb', default: () => `'[]'` })
  kpis!: AgreementKpi[];

  @Field(() => String, { nullable: true, description: 'For an amendment (version > 1): why the agreement is changed.' })
  @Column({ name: 'amendment_reason', type: 'varchar', length: 2000, nullable: true })
  amendmentReason!: string | null;

  @Index('IDX_service_agreement_version_created_by_user_id')
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdByUser?: User;

  @Field(() => Date, { nullable: true, description: 'When the last party signed this version (server time); null while signatures are missing.' })
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When the content was last edited (server time).' })
  @Column({ name: 'edited_at', type: 'timestamptz', default: () => 'now()' })
  editedAt!: Date;
}

/** A party's signature on one revision of one version. Append-only (a trigger refuses UPDATE/DELETE). */
@ObjectType({ description: 'A party\'s signature on an exact revision of a version. Kept even when a later edit makes it invalid.' })
@Entity('service_agreement_signature')
@Unique('UQ_service_agreement_signature', ['versionId', 'partyOrganisationId', 'revision'])
export class AgreementSignature {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_service_agreement_signature_agreement_id')
  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => ServiceAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: ServiceAgreement;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => AgreementVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  agreementVersion?: AgreementVersion;

  @Field(() => ID)
  @Index('IDX_service_agreement_signature_party_organisation_id')
  @Column({ name: 'party_organisation_id', type: 'uuid' })
  partyOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_organisation_id' })
  partyOrganisation?: Organisation;

  @Index('IDX_service_agreement_signature_signed_by_user_id')
  @Column({ name: 'signed_by_user_id', type: 'uuid' })
  signedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by_user_id' })
  signedByUser?: User;

  @Field(() => Int, { description: 'The version number signed.' })
  @Column({ name: 'version_number', type: 'integer' })
  versionNumber!: number;

  @Field(() => Int, { description: 'The exact revision of that version that was signed.' })
  @Column({ type: 'integer' })
  revision!: number;

  @Field({ description: 'Server time of signing.' })
  @CreateDateColumn({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;
}

/** One step of the life cycle, kept as an append-only history. */
@ObjectType({ description: 'A change of an agreement\'s state (append-only history).' })
@Entity('service_agreement_transition')
export class AgreementTransition {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_service_agreement_transition_agreement_id')
  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => ServiceAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: ServiceAgreement;

  @Field(() => AgreementState, { nullable: true, description: 'Null for the creation.' })
  @Column({ name: 'from_state', type: 'enum', enum: AgreementState, enumName: 'service_agreement_state', nullable: true })
  fromState!: AgreementState | null;

  @Field(() => AgreementState)
  @Column({ name: 'to_state', type: 'enum', enum: AgreementState, enumName: 'service_agreement_state' })
  toState!: AgreementState;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;

  @Index('IDX_service_agreement_transition_by_user_id')
  @Column({ name: 'by_user_id', type: 'uuid', nullable: true })
  byUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_user_id' })
  byUser?: User;

  @Field({ description: 'Server time.' })
  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;
}

/** One KPI line of a follow-up report: actual vs target, as it stood when reported. */
@ObjectType({ description: 'One KPI in a follow-up: the actual as it stood when reported (a snapshot) against the target.' })
export class AgreementFollowUpEntry {
  @Field() kpiKey!: string;
  @Field() name!: string;
  @Field(() => AgreementKpiMetric) metric!: AgreementKpiMetric;
  @Field(() => AgreementKpiUnit) unit!: AgreementKpiUnit;
  @Field(() => Float) target!: number;
  @Field({ description: 'First day counted (the KPI period within the follow-up period).' }) countedFrom!: string;
  @Field({ description: 'Last day counted, inclusive.' }) countedTo!: string;
  @Field(() => Float, { nullable: true, description: 'Actual when reported: computed by the server, or for EXTERNAL metrics as reported.' })
  actual!: number | null;
  @Field(() => AgreementKpiActualSource)
  actualSource!: AgreementKpiActualSource;
  @Field(() => String, { nullable: true, description: 'For external metrics: where the figure comes from (e.g. the survey).' })
  externalSource!: string | null;
  @Field(() => Int, { nullable: true, description: 'How many recorded entries the computed actual was based on.' })
  countedEntries!: number | null;
}

/** DA opfølgning: a follow-up report on the agreement's KPIs for a period. Append-only. */
@ObjectType({ description: 'A follow-up report (DA opfølgning): actual vs target for each KPI in a period. Append-only.' })
@Entity('service_agreement_follow_up')
@Check('CHK_service_agreement_follow_up_period', 'period_end >= period_start')
export class AgreementFollowUp {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_service_agreement_follow_up_agreement_id')
  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => ServiceAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: ServiceAgreement;

  @Field(() => Int, { description: 'The version in force whose KPIs were reported on.' })
  @Column({ name: 'version_number', type: 'integer' })
  versionNumber!: number;

  @Field()
  @Column({ name: 'period_start', type: 'date' })
  periodStart!: string;

  @Field()
  @Column({ name: 'period_end', type: 'date' })
  periodEnd!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Field(() => [AgreementFollowUpEntry])
  @Column({ type: 'jsonb' })
  entries!: AgreementFollowUpEntry[];

  @Index('IDX_service_agreement_follow_up_reported_by_user_id')
  @Column({ name: 'reported_by_user_id', type: 'uuid' })
  reportedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reported_by_user_id' })
  reportedByUser?: User;

  @Field(() => ID)
  @Index('IDX_service_agreement_follow_up_reported_by_organisation_id')
  @Column({ name: 'reported_by_organisation_id', type: 'uuid' })
  reportedByOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reported_by_organisation_id' })
  reportedByOrganisation?: Organisation;

  @Field({ description: 'Server time of reporting.' })
  @CreateDateColumn({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;
}

export const AGREEMENT_ENTITIES = [ServiceAgreement, AgreementParty, AgreementVersion, AgreementSignature, AgreementTransition, AgreementFollowUp];
