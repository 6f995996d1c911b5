import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GrowthPotentialLevel, SizeClass } from '../firms/firm.entity';
import { Organisation } from '../organisations/organisation.entity';

/** What kind of offer a programme is. */
export enum ProgrammeKind {
  /** Intensive, cohort-based acceleration of high-potential firms. */
  ACCELERATOR = 'ACCELERATOR',
  /** DA vækstcamp: collective training days for a group of firms. */
  GROWTH_CAMP = 'GROWTH_CAMP',
  /** DA udviklingsprogram: a longer development programme, often co-financed (e.g. EU structural funds). */
  DEVELOPMENT_PROGRAMME = 'DEVELOPMENT_PROGRAMME',
  /** A course whose price is partly paid by public co-financing (DA medfinansieret forløb). */
  CO_FINANCED_COURSE = 'CO_FINANCED_COURSE',
  /** Mentoring schemes (e.g. DA mentorordning). */
  MENTORING = 'MENTORING',
  OTHER = 'OTHER',
}
registerEnumType(ProgrammeKind, { name: 'ProgrammeKind', description: 'What kind of offer a programme is.' });

/** Life cycle of a programme. Only OPEN and RUNNING programmes are in the public catalogue. */
export enum ProgrammeState {
  /** Being prepared: only its operator sees it. */
  DRAFT = 'DRAFT',
  /** Published and taking enrolments. */
  OPEN = 'OPEN',
  /** Under way; late enrolments are still possible while there is capacity. */
  RUNNING = 'RUNNING',
  /** Finished: no more enrolments; kept for throughput and effect measurement. */
  CLOSED = 'CLOSED',
}
registerEnumType(ProgrammeState, {
  name: 'ProgrammeState',
  description: 'Life cycle of a programme: DRAFT -> OPEN -> RUNNING -> CLOSED (OPEN may also close directly).',
});

/** The firm attributes an eligibility rule can restrict. Named in refusals so the consultant sees which one failed. */
export enum EligibilityCriterion {
  GROWTH_POTENTIAL = 'GROWTH_POTENTIAL',
  REGION = 'REGION',
  INDUSTRY = 'INDUSTRY',
  SIZE = 'SIZE',
}
registerEnumType(EligibilityCriterion, { name: 'EligibilityCriterion', description: 'An eligibility criterion of a programme.' });

@ObjectType({ description: 'An offer to firms (accelerator, growth camp, development programme, ...) run by an operator organisation.' })
@Entity('programme')
@Check('CHK_programme_period', `ends_on >= starts_on`)
@Check('CHK_programme_capacity', `capacity > 0`)
export class Programme {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The organisation running the programme (DA operatør); it owns the programme and its enrolments. */
  @Index('IDX_programme_operator_organisation_id')
  @Column({ name: 'operator_organisation_id', type: 'uuid' })
  operatorOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_organisation_id' })
  operatorOrganisation?: Organisation;

  @Field(() => ProgrammeKind)
  @Column({ type: 'enum', enum: ProgrammeKind, enumName: 'programme_kind' })
  kind!: ProgrammeKind;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 4000, nullable: true })
  description!: string | null;

  @Field({ description: 'First day (YYYY-MM-DD).' })
  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Field({ description: 'Last day (YYYY-MM-DD).' })
  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Field(() => Int, { description: 'How many firms can take part at once (enrolled or completed; drop-outs free their seat).' })
  @Column({ type: 'integer' })
  capacity!: number;

  @Field(() => ProgrammeState)
  @Index('IDX_programme_state')
  @Column({ type: 'enum', enum: ProgrammeState, enumName: 'programme_state' })
  state!: ProgrammeState;

  /** Eligibility: empty list = no restriction on that criterion. */
  @Column({ name: 'eligible_growth_potential_levels', type: 'enum', enum: GrowthPotentialLevel, enumName: 'growth_potential_level', array: true })
  eligibleGrowthPotentialLevels!: GrowthPotentialLevel[];

  /** Ids of REGION organisations; a firm's region is its municipality's region. */
  @Column({ name: 'eligible_region_ids', type: 'uuid', array: true })
  eligibleRegionIds!: string[];

  /** Prefixes of DB07 / SNI codes, e.g. "62" (IT) or "4120". */
  @Column({ name: 'eligible_industry_code_prefixes', type: 'varchar', length: 6, array: true })
  eligibleIndustryCodePrefixes!: string[];

  @Column({ name: 'eligible_size_classes', type: 'enum', enum: SizeClass, enumName: 'programme_size_class', array: true })
  eligibleSizeClasses!: SizeClass[];

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

@ObjectType({ description: 'Who pays for a programme, and what share of it (co-financing). The shares of a programme add up to 100 %.' })
@Entity('programme_funding_source')
@Check('CHK_programme_funding_share', `share_basis_points > 0 AND share_basis_points <= 10000`)
@Check('CHK_programme_funding_funder', `funder_organisation_id IS NOT NULL OR funder_name IS NOT NULL`)
export class ProgrammeFundingSource {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_programme_funding_source_programme_id')
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  /** The funder, when it is an organisation of the graph. */
  @Index('IDX_programme_funding_source_funder_organisation_id')
  @Column({ name: 'funder_organisation_id', type: 'uuid', nullable: true })
  funderOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'funder_organisation_id' })
  funderOrganisation?: Organisation;

  @Field(() => String, { nullable: true, description: 'The funder\'s name when it is not an organisation of the graph (e.g. "EU Regionalfond").' })
  @Column({ name: 'funder_name', type: 'varchar', length: 200, nullable: true })
  funderName!: string | null;

  @Field(() => Int, { description: 'Share in basis points (1/100 of a percent): 10000 = 100 %.' })
  @Column({ name: 'share_basis_points', type: 'integer' })
  shareBasisPoints!: number;

  @Field(() => Int, { nullable: true, description: 'Amount committed, in whole DKK / SEK.' })
  @Column({ name: 'amount', type: 'integer', nullable: true })
  amount!: number | null;

  @Field(() => Int, { description: 'Display order.' })
  @Column({ type: 'integer' })
  position!: number;
}

@ObjectType({ description: 'A target the programme is measured on (e.g. 40 firms completed, 25 new jobs).' })
@Entity('programme_kpi')
export class ProgrammeKpi {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_programme_kpi_programme_id')
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Field({ description: 'What is measured, e.g. "Virksomheder gennemført".' })
  @Column({ type: 'varchar', length: 200 })
  metric!: string;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  target!: number;

  @Field({ description: 'Unit, e.g. "firms", "jobs", "DKK".' })
  @Column({ type: 'varchar', length: 50 })
  unit!: string;

  @Field(() => Int, { description: 'Display order.' })
  @Column({ type: 'integer' })
  position!: number;
}
