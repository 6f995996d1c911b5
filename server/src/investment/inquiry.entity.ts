import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../identity/user.entity';
import { Firm } from '../firms/firm.entity';
import { SectorFocus } from './delegation.entity';

/** The pipeline of an establishment inquiry. */
export enum InquiryState {
  LEAD = 'LEAD',
  ACTIVE = 'ACTIVE',
  DELAYED = 'DELAYED',
  ELIMINATED = 'ELIMINATED',
  SUCCESSFUL = 'SUCCESSFUL',
}
registerEnumType(InquiryState, {
  name: 'InquiryState',
  description: 'Pipeline state of an establishment inquiry. SUCCESSFUL needs recorded evidence; ELIMINATED and SUCCESSFUL are final.',
});

/**
 * An inbound establishment inquiry (SE etableringsförfrågan), e.g. from Business Sweden to Region Kalmar
 * län, routed to a group of municipal business managers (SE etableringsgrupp). Handlers are the receiving
 * agency, the coordinator and the municipalities in the group; only they see the confidential project
 * name. Municipalities in the coordinator's region see the case under its neutral code name.
 * Projected figures (typed in) are kept apart from realised ones (recorded with the evidence of success).
 */
@ObjectType({ description: 'An inbound establishment inquiry (SE etableringsförfrågan) in the pipeline of a regional coordinator.' })
@Entity('establishment_inquiry')
@Unique('UQ_establishment_inquiry_code_name', ['codeName'])
@Check('CHK_establishment_inquiry_success_evidence', `state <> 'SUCCESSFUL' OR (evidence IS NOT NULL AND evidence_recorded_at IS NOT NULL)`)
@Check('CHK_establishment_inquiry_non_negative', `(projected_jobs IS NULL OR projected_jobs >= 0) AND (realised_jobs IS NULL OR realised_jobs >= 0)`)
export class EstablishmentInquiry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Neutral code name, e.g. "EI-7K3QX2": what everyone who is not handling the case sees.' })
  @Column({ name: 'code_name', type: 'varchar', length: 20 })
  codeName!: string;

  /** Confidential: only exposed to handlers through a field resolver. */
  @Column({ name: 'project_name', type: 'varchar', length: 200 })
  projectName!: string;

  /** Confidential description of the investor's plans. */
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  /** The agency the inquiry came from (e.g. Business Sweden). */
  @Index('IDX_establishment_inquiry_received_from_id')
  @Column({ name: 'received_from_organisation_id', type: 'uuid' })
  receivedFromOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'received_from_organisation_id' })
  receivedFromOrganisation?: Organisation;

  /** SE regional samordnare (e.g. Region Kalmar län). */
  @Index('IDX_establishment_inquiry_coordinator_id')
  @Column({ name: 'coordinator_organisation_id', type: 'uuid' })
  coordinatorOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coordinator_organisation_id' })
  coordinatorOrganisation?: Organisation;

  @Field(() => InquiryState)
  @Column({ type: 'enum', enum: InquiryState, enumName: 'inquiry_state', default: InquiryState.LEAD })
  state!: InquiryState;

  @Field(() => SectorFocus)
  @Column({ type: 'enum', enum: SectorFocus, enumName: 'sector_focus' })
  sector!: SectorFocus;

  @Field(() => String, { nullable: true, description: 'Investor\'s country, ISO 3166-1 alpha-2.' })
  @Column({ name: 'origin_country', type: 'char', length: 2, nullable: true })
  originCountry!: string | null;

  @Field(() => Int, { nullable: true, description: 'Projected jobs (the investor\'s expectation; not a result).' })
  @Column({ name: 'projected_jobs', type: 'integer', nullable: true })
  projectedJobs!: number | null;

  @Field(() => String, { nullable: true, description: 'Projected investment in SEK (decimal string; an expectation, not a result).' })
  @Column({ name: 'projected_investment_sek', type: 'numeric', precision: 14, scale: 2, nullable: true })
  projectedInvestmentSek!: string | null;

  @Field(() => Int, { nullable: true, description: 'Realised jobs, recorded with the evidence of success.' })
  @Column({ name: 'realised_jobs', type: 'integer', nullable: true })
  realisedJobs!: number | null;

  @Field(() => String, { nullable: true, description: 'Realised investment in SEK, recorded with the evidence of success.' })
  @Column({ name: 'realised_investment_sek', type: 'numeric', precision: 14, scale: 2, nullable: true })
  realisedInvestmentSek!: string | null;

  /** Evidence of the establishment (confidential to handlers). */
  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ name: 'evidence_recorded_at', type: 'timestamptz', nullable: true })
  evidenceRecordedAt!: Date | null;

  /** The municipality the investor established in. */
  @Index('IDX_establishment_inquiry_established_in_id')
  @Column({ name: 'established_in_municipality_id', type: 'uuid', nullable: true })
  establishedInMunicipalityId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'established_in_municipality_id' })
  establishedInMunicipality?: Organisation;

  /** The firm that was established (register data), if known. */
  @Index('IDX_establishment_inquiry_established_firm_id')
  @Column({ name: 'established_firm_id', type: 'uuid', nullable: true })
  establishedFirmId!: string | null;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'established_firm_id' })
  establishedFirm?: Firm;

  @Field({ description: 'When the inquiry was received (server time).' })
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Field(() => Int)
  @VersionColumn()
  version!: number;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A municipality in an inquiry's etableringsgrupp. */
@Entity('establishment_inquiry_municipality')
@Unique('UQ_establishment_inquiry_municipality', ['inquiryId', 'municipalityId'])
export class EstablishmentGroupMember {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_establishment_inquiry_municipality_inquiry_id')
  @Column({ name: 'inquiry_id', type: 'uuid' })
  inquiryId!: string;

  @ManyToOne(() => EstablishmentInquiry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inquiry_id' })
  inquiry?: EstablishmentInquiry;

  @Index('IDX_establishment_inquiry_municipality_municipality_id')
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Organisation;
}

/** Append-only history of state changes (server timestamps, by whom). */
@ObjectType({ description: 'A change of an inquiry\'s state: when (server time), by whom, from what to what.' })
@Entity('establishment_inquiry_state_change')
export class InquiryStateChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_inquiry_state_change_inquiry_id')
  @Column({ name: 'inquiry_id', type: 'uuid' })
  inquiryId!: string;

  @ManyToOne(() => EstablishmentInquiry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inquiry_id' })
  inquiry?: EstablishmentInquiry;

  @Field(() => InquiryState, { nullable: true, description: 'Null for the first entry (the inquiry was received).' })
  @Column({ name: 'from_state', type: 'enum', enum: InquiryState, enumName: 'inquiry_state', nullable: true })
  fromState!: InquiryState | null;

  @Field(() => InquiryState)
  @Column({ name: 'to_state', type: 'enum', enum: InquiryState, enumName: 'inquiry_state' })
  toState!: InquiryState;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field({ description: 'Server time of the change.' })
  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Index('IDX_inquiry_state_change_user_id')
  @Column({ name: 'changed_by_user_id', type: 'uuid', nullable: true })
  changedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by_user_id' })
  changedBy?: User;

  @Index('IDX_inquiry_state_change_organisation_id')
  @Column({ name: 'changed_by_organisation_id', type: 'uuid', nullable: true })
  changedByOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by_organisation_id' })
  changedByOrganisation?: Organisation;
}

/** A municipality's offer to the investor (site, premises, support). One per municipality and inquiry. */
@ObjectType({ description: 'A municipality\'s offer for an inquiry. Seen by the coordinator, the agency and the offering municipality only.' })
@Entity('establishment_offer')
@Unique('UQ_establishment_offer_municipality', ['inquiryId', 'municipalityId'])
export class EstablishmentOffer {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_establishment_offer_inquiry_id')
  @Column({ name: 'inquiry_id', type: 'uuid' })
  inquiryId!: string;

  @ManyToOne(() => EstablishmentInquiry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inquiry_id' })
  inquiry?: EstablishmentInquiry;

  @Index('IDX_establishment_offer_municipality_id')
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Organisation;

  @Field({ description: 'The offer: sites, premises, support, contacts.' })
  @Column({ type: 'text' })
  description!: string;

  @Field({ description: 'When it was made (server time).' })
  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Index('IDX_establishment_offer_submitted_by_user_id')
  @Column({ name: 'submitted_by_user_id', type: 'uuid', nullable: true })
  submittedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submitted_by_user_id' })
  submittedBy?: User;

  @Field(() => Int)
  @VersionColumn()
  version!: number;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
