import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../identity/user.entity';

/** Sector focus of a delegation or an inquiry. */
export enum SectorFocus {
  CLEANTECH = 'CLEANTECH',
  ENERGY = 'ENERGY',
  LIFE_SCIENCE = 'LIFE_SCIENCE',
  ICT = 'ICT',
  FOOD = 'FOOD',
  MARITIME = 'MARITIME',
  MANUFACTURING = 'MANUFACTURING',
  LOGISTICS = 'LOGISTICS',
  CONSTRUCTION = 'CONSTRUCTION',
  TOURISM = 'TOURISM',
  OTHER = 'OTHER',
}
registerEnumType(SectorFocus, { name: 'SectorFocus', description: 'The sector a delegation or investor is interested in (e.g. cleantech).' });

/**
 * A municipality taking part in a shared reception (DA fælles modtageapparat), e.g. one of Copenhagen
 * Capacity's 46 municipalities; `pilot` marks the pilot municipalities that tested it first.
 */
@ObjectType({ description: 'A municipality taking part in a shared delegation reception (DA fælles modtageapparat).' })
@Entity('reception_municipality')
@Unique('UQ_reception_municipality', ['receptionOrganisationId', 'municipalityId'])
export class ReceptionMunicipality {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_reception_municipality_reception_id')
  @Column({ name: 'reception_organisation_id', type: 'uuid' })
  receptionOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reception_organisation_id' })
  receptionOrganisation?: Organisation;

  @Index('IDX_reception_municipality_municipality_id')
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Organisation;

  @Field({ description: 'A pilot municipality (DA pilotkommune) that tested the reception first.' })
  @Column({ type: 'boolean', default: false })
  pilot!: boolean;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A foreign business delegation received by an investment-promotion agency. */
@ObjectType({ description: 'A foreign business delegation (DA erhvervsdelegation) received through a shared reception.' })
@Entity('delegation')
@Check('CHK_delegation_dates', `visit_ends_on >= visit_starts_on`)
@Check('CHK_delegation_visitors', `visitor_count IS NULL OR visitor_count >= 0`)
export class Delegation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The receiving organisation (e.g. Copenhagen Capacity): owns the record. */
  @Index('IDX_delegation_reception_organisation_id')
  @Column({ name: 'reception_organisation_id', type: 'uuid' })
  receptionOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reception_organisation_id' })
  receptionOrganisation?: Organisation;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field({ description: 'Country of origin, ISO 3166-1 alpha-2 (e.g. CN).' })
  @Column({ name: 'origin_country', type: 'char', length: 2 })
  originCountry!: string;

  @Field(() => SectorFocus)
  @Column({ name: 'sector_focus', type: 'enum', enum: SectorFocus, enumName: 'sector_focus' })
  sectorFocus!: SectorFocus;

  @Field({ description: 'First day of the visit (YYYY-MM-DD).' })
  @Column({ name: 'visit_starts_on', type: 'date' })
  visitStartsOn!: string;

  @Field({ description: 'Last day of the visit (YYYY-MM-DD).' })
  @Column({ name: 'visit_ends_on', type: 'date' })
  visitEndsOn!: string;

  @Field(() => Int, { nullable: true, description: 'Number of visitors. Only one measure: see results for the value created.' })
  @Column({ name: 'visitor_count', type: 'integer', nullable: true })
  visitorCount!: number | null;

  @Field(() => String, { nullable: true, description: 'The visit programme.' })
  @Column({ type: 'text', nullable: true })
  programme!: string | null;

  @Field(() => Int)
  @VersionColumn()
  version!: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A municipality hosting (part of) a delegation's visit. */
@Entity('delegation_host')
@Unique('UQ_delegation_host', ['delegationId', 'municipalityId'])
export class DelegationHost {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_delegation_host_delegation_id')
  @Column({ name: 'delegation_id', type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  @Index('IDX_delegation_host_municipality_id')
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Organisation;
}

/** A follow-up on a delegation (DA opfølgning), with the value it recorded. */
@ObjectType({ description: 'A follow-up on a delegation, recording the value created since (contacts, projects, establishments, jobs).' })
@Entity('delegation_follow_up')
@Check('CHK_delegation_follow_up_non_negative', `contacts_made >= 0 AND projects_started >= 0 AND establishments >= 0 AND jobs_created >= 0`)
export class DelegationFollowUp {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_delegation_follow_up_delegation_id')
  @Column({ name: 'delegation_id', type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  @Field({ description: 'What happened.' })
  @Column({ type: 'text' })
  note!: string;

  @Field(() => Int, { description: 'New business contacts made (firms, municipalities).' })
  @Column({ name: 'contacts_made', type: 'integer', default: 0 })
  contactsMade!: number;

  @Field(() => Int, { description: 'Joint projects or collaborations started.' })
  @Column({ name: 'projects_started', type: 'integer', default: 0 })
  projectsStarted!: number;

  @Field(() => Int, { description: 'Establishments (new sites, offices) in the region.' })
  @Column({ type: 'integer', default: 0 })
  establishments!: number;

  @Field(() => Int, { description: 'Jobs created.' })
  @Column({ name: 'jobs_created', type: 'integer', default: 0 })
  jobsCreated!: number;

  @Field({ description: 'When it was recorded (server time).' })
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Index('IDX_delegation_follow_up_recorded_by_user_id')
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_user_id' })
  recordedBy?: User;
}
