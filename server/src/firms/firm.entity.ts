import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Country, Organisation } from '../organisations/organisation.entity';

export enum FirmStatus {
  /** In the public business register (has a CVR / organisationsnummer). Register data is public. */
  REGISTERED = 'REGISTERED',
  /** A would-be entrepreneur without an identifier yet. Private to the organisation that recorded it. */
  PROSPECT = 'PROSPECT',
  /** A prospect whose firm turned out to exist already; its history lives on under `mergedInto`. */
  MERGED = 'MERGED',
}
registerEnumType(FirmStatus, { name: 'FirmStatus', description: 'Whether a firm is in the business register yet.' });

/** DA vækstpotentiale: decides which offers a firm is segmented into. */
export enum GrowthPotentialLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(GrowthPotentialLevel, { name: 'GrowthPotentialLevel', description: 'Growth-potential segment of a firm.' });

export enum SizeClass {
  /** 0-9 employees. */
  MICRO = 'MICRO',
  /** 10-49. */
  SMALL = 'SMALL',
  /** 50-249. */
  MEDIUM = 'MEDIUM',
  /** 250 or more. */
  LARGE = 'LARGE',
}
registerEnumType(SizeClass, { name: 'SizeClass', description: 'EU SME size class by employees.' });

export function sizeClassOf(employees: number | null): SizeClass | null {
  if (employees == null) return null;
  if (employees < 10) return SizeClass.MICRO;
  if (employees < 50) return SizeClass.SMALL;
  if (employees < 250) return SizeClass.MEDIUM;
  return SizeClass.LARGE;
}

@ObjectType({ description: 'A firm (or a would-be entrepreneur who has no CVR yet).' })
@Entity('firm')
@Index('UQ_firm_cvr', ['cvr'], { unique: true, where: 'cvr IS NOT NULL' })
@Index('UQ_firm_organisationsnummer', ['organisationsnummer'], { unique: true, where: 'organisationsnummer IS NOT NULL' })
@Index('IDX_firm_name_prefix', { synchronize: false })
@Index('IDX_firm_municipality_name', { synchronize: false })
@Check('CHK_firm_identifier_matches_country', `(country = 'DK' AND organisationsnummer IS NULL) OR (country = 'SE' AND cvr IS NULL)`)
@Check('CHK_firm_registered_has_identifier', `status <> 'REGISTERED' OR cvr IS NOT NULL OR organisationsnummer IS NOT NULL`)
@Check('CHK_firm_prospect_has_owner', `status <> 'PROSPECT' OR owner_organisation_id IS NOT NULL`)
export class Firm {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => FirmStatus)
  @Column({ type: 'enum', enum: FirmStatus, enumName: 'firm_status' })
  status!: FirmStatus;

  @Field(() => Country)
  @Column({ type: 'enum', enum: Country, enumName: 'country' })
  country!: Country;

  @Field(() => String, { nullable: true, description: 'Danish CVR number (8 digits). Immutable once set.' })
  @Column({ type: 'char', length: 8, nullable: true })
  cvr!: string | null;

  @Field(() => String, { nullable: true, description: 'Swedish organisationsnummer (10 digits, no dash). Immutable once set.' })
  @Column({ type: 'char', length: 10, nullable: true })
  organisationsnummer!: string | null;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'DB07 (6 digits, DK) or SNI 2007 (5 digits, SE) industry code.' })
  @Column({ name: 'industry_code', type: 'varchar', length: 6, nullable: true })
  industryCode!: string | null;

  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Organisation;

  @Field(() => Int, { nullable: true, description: 'Number of employees (full-time equivalents).' })
  @Column({ type: 'integer', nullable: true })
  employees!: number | null;

  @Field(() => String, { nullable: true, description: 'Founding date (YYYY-MM-DD).' })
  @Column({ name: 'founded_on', type: 'date', nullable: true })
  foundedOn!: string | null;

  /** Only prospects have an owner: the organisation that recorded the would-be entrepreneur. */
  @Index('IDX_firm_owner_organisation_id')
  @Column({ name: 'owner_organisation_id', type: 'uuid', nullable: true })
  ownerOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: Organisation;

  @Index('IDX_firm_merged_into_id', { where: 'merged_into_id IS NOT NULL' })
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into_id' })
  mergedInto?: Firm;

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
