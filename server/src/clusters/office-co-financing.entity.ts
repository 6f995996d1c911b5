import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';
import { OfficePlacementProposal } from './office-placement.entity';

/** What a co-financing municipality gets in return (from the K17 placement criteria paper). */
export enum MemberBenefit {
  /** The municipality's staff may join all the cluster's events: workshops, meetings, conferences, study trips. */
  PARTICIPATION_IN_ACTIVITIES = 'PARTICIPATION_IN_ACTIVITIES',
  /** The municipality may join projects the cluster brings external funding to (test and demonstration). */
  EXTERNALLY_FUNDED_PROJECTS = 'EXTERNALLY_FUNDED_PROJECTS',
  /** The municipality is kept up to date on the cluster's activities, to pass on to its firms. */
  ACTIVITY_UPDATES = 'ACTIVITY_UPDATES',
}
registerEnumType(MemberBenefit, {
  name: 'MemberBenefit',
  description: 'What a co-financing (member) municipality gets.',
  valuesConfig: {
    PARTICIPATION_IN_ACTIVITIES: { description: 'Staff may join all the cluster\'s events (workshops, meetings, conferences, study trips).' },
    EXTERNALLY_FUNDED_PROJECTS: { description: 'May take part in externally funded projects needing test and demonstration.' },
    ACTIVITY_UPDATES: { description: 'Kept up to date on the cluster\'s activities, to pass on to local firms.' },
  },
});

@ObjectType({
  description: 'Cross-municipal co-financing of a regional cluster office (DA tværkommunal medfinansiering): shares per municipality ' +
    '(together exactly 100 %), amounts per year and what the member municipalities get. Visible to the cluster and the municipalities party to it.',
})
@Entity('office_co_financing')
export class OfficeCoFinancing {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_office_co_financing_office_organisation_id')
  @Column({ name: 'office_organisation_id', type: 'uuid' })
  officeOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'office_organisation_id' })
  office?: Organisation;

  /** The national cluster the office belongs to (it owns and edits the agreement). */
  @Index('IDX_office_co_financing_cluster_organisation_id')
  @Column({ name: 'cluster_organisation_id', type: 'uuid' })
  clusterOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_organisation_id' })
  cluster?: Organisation;

  @Index('IDX_office_co_financing_proposal_id')
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId!: string | null;

  @ManyToOne(() => OfficePlacementProposal, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: OfficePlacementProposal;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'The model the split follows, e.g. "K17-model (marts 2021)".' })
  @Column({ name: 'model_description', type: 'varchar', length: 2000, nullable: true })
  modelDescription!: string | null;

  @Field(() => [MemberBenefit])
  @Column({ type: 'enum', enum: MemberBenefit, enumName: 'member_benefit', array: true })
  benefits!: MemberBenefit[];

  @Field(() => String, { nullable: true, description: 'The benefits in the agreement\'s own words.' })
  @Column({ name: 'benefits_description', type: 'varchar', length: 4000, nullable: true })
  benefitsDescription!: string | null;

  @Field(() => Int, { description: 'Increases on every change; send it back when editing.' })
  @VersionColumn()
  version!: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: 'One municipality\'s share of an office\'s co-financing.' })
@Entity('office_co_financing_share')
@Unique('UQ_office_co_financing_share_municipality', ['coFinancingId', 'municipalityId'])
@Check('CHK_office_co_financing_share_range', `share_basis_points > 0 AND share_basis_points <= 10000`)
export class OfficeCoFinancingShare {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_office_co_financing_share_co_financing_id')
  @Column({ name: 'co_financing_id', type: 'uuid' })
  coFinancingId!: string;

  @ManyToOne(() => OfficeCoFinancing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'co_financing_id' })
  coFinancing?: OfficeCoFinancing;

  @Index('IDX_office_co_financing_share_municipality_id')
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Organisation;

  @Field(() => Int, { description: 'Share in basis points (1/100 of a percent): 10000 = 100 %.' })
  @Column({ name: 'share_basis_points', type: 'integer' })
  shareBasisPoints!: number;

  @Field(() => Int, { description: 'Display order.' })
  @Column({ type: 'integer' })
  position!: number;
}

@ObjectType({ description: 'The office\'s co-financed budget for one year (whole DKK).' })
@Entity('office_co_financing_amount')
@Unique('UQ_office_co_financing_amount_year', ['coFinancingId', 'year'])
@Check('CHK_office_co_financing_amount_positive', `amount >= 0`)
export class OfficeCoFinancingAmount {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_office_co_financing_amount_co_financing_id')
  @Column({ name: 'co_financing_id', type: 'uuid' })
  coFinancingId!: string;

  @ManyToOne(() => OfficeCoFinancing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'co_financing_id' })
  coFinancing?: OfficeCoFinancing;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: 'Total for the year in whole DKK, split between the municipalities by their shares.' })
  @Column({ type: 'integer' })
  amount!: number;
}
