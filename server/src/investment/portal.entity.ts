import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';

export enum PortalProjectKind {
  BUILDING = 'BUILDING',
  INFRASTRUCTURE = 'INFRASTRUCTURE',
  URBAN_DEVELOPMENT = 'URBAN_DEVELOPMENT',
  ENERGY = 'ENERGY',
}
registerEnumType(PortalProjectKind, { name: 'PortalProjectKind', description: 'What kind of construction or infrastructure project.' });

export enum PortalProjectStatus {
  PLANNED = 'PLANNED',
  IN_TENDER = 'IN_TENDER',
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PortalProjectStatus, { name: 'PortalProjectStatus', description: 'Where a project stands. Only PLANNED, IN_TENDER and UNDER_CONSTRUCTION are listed.' });

/**
 * A large construction or infrastructure project (or tender) managed by an investment agency's editors
 * for the investor portal (DA investorportalen). It is shown publicly only while `listed` and while it
 * meets the listing criteria (see portal.criteria.ts).
 */
@ObjectType({ description: 'A project managed for the investor portal (the editors\' view, with internal notes).' })
@Entity('investor_portal_project')
export class InvestorPortalProject {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The investment agency managing the listing. */
  @Index('IDX_investor_portal_project_owner_id')
  @Column({ name: 'owner_organisation_id', type: 'uuid' })
  ownerOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: Organisation;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => PortalProjectKind)
  @Column({ type: 'enum', enum: PortalProjectKind, enumName: 'portal_project_kind' })
  kind!: PortalProjectKind;

  @Field(() => PortalProjectStatus)
  @Column({ type: 'enum', enum: PortalProjectStatus, enumName: 'portal_project_status' })
  status!: PortalProjectStatus;

  @Field({ description: 'Whether this is a tender (DA udbud) investors can bid in.' })
  @Column({ name: 'is_tender', type: 'boolean', default: false })
  isTender!: boolean;

  @Field(() => String, { nullable: true, description: 'Tender deadline (YYYY-MM-DD).' })
  @Column({ name: 'tender_deadline', type: 'date', nullable: true })
  tenderDeadline!: string | null;

  @Field({ description: 'Estimated investment in DKK (decimal string).' })
  @Column({ name: 'estimated_investment_dkk', type: 'numeric', precision: 14, scale: 2 })
  estimatedInvestmentDkk!: string;

  /** The public owner (municipality, region, state agency) behind the project. */
  @Index('IDX_investor_portal_project_public_owner_id')
  @Column({ name: 'public_owner_organisation_id', type: 'uuid', nullable: true })
  publicOwnerOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'public_owner_organisation_id' })
  publicOwnerOrganisation?: Organisation;

  /** Where the project is. */
  @Index('IDX_investor_portal_project_municipality_id')
  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Organisation;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'expected_start_year', type: 'integer', nullable: true })
  expectedStartYear!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Internal notes of the agency. Never public.' })
  @Column({ name: 'internal_notes', type: 'text', nullable: true })
  internalNotes!: string | null;

  @Field({ description: 'Whether the editors chose to list it (it is shown only while it also meets the criteria).' })
  @Column({ type: 'boolean', default: false })
  listed!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was last listed (server time).' })
  @Column({ name: 'listed_at', type: 'timestamptz', nullable: true })
  listedAt!: Date | null;

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

/** What anyone (no sign-in) sees of a listed project: no internal notes, no links into the private graph. */
@ObjectType({ description: 'A project on the public investor portal (DA investorportalen). Readable without signing in.' })
export class InvestorPortalListing {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => PortalProjectKind) kind!: PortalProjectKind;
  @Field(() => PortalProjectStatus) status!: PortalProjectStatus;
  @Field() isTender!: boolean;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) tenderDeadline!: string | null;
  @Field({ description: 'Estimated investment in DKK (decimal string).' }) estimatedInvestmentDkk!: string;
  @Field(() => Int, { nullable: true }) expectedStartYear!: number | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field({ description: 'Name of the public owner behind the project.' }) publicOwnerName!: string;
  @Field(() => String, { nullable: true, description: 'Municipality where the project is.' }) municipalityName!: string | null;
  @Field({ description: 'The investment agency listing it.' }) listedBy!: string;
}
