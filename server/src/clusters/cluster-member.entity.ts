import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Firm } from '../firms/firm.entity';
import { Organisation } from '../organisations/organisation.entity';

/** What kind of member a cluster has. */
export enum ClusterMemberKind {
  FIRM = 'FIRM',
  MUNICIPALITY = 'MUNICIPALITY',
  /** Universities, GTS institutes, business academies (DA videninstitutioner). */
  KNOWLEDGE_INSTITUTION = 'KNOWLEDGE_INSTITUTION',
  /** Any other organisation (growth house, business council, ...). */
  OTHER_ORGANISATION = 'OTHER_ORGANISATION',
}
registerEnumType(ClusterMemberKind, { name: 'ClusterMemberKind', description: 'What kind of member a cluster has.' });

@ObjectType({ description: 'A member of a national cluster: a firm or an organisation. Member lists are visible to the cluster only.' })
@Entity('cluster_member')
@Unique('UQ_cluster_member_firm', ['clusterOrganisationId', 'firmId'])
@Unique('UQ_cluster_member_organisation', ['clusterOrganisationId', 'organisationId'])
@Check('CHK_cluster_member_one_member', `(firm_id IS NULL) <> (organisation_id IS NULL)`)
export class ClusterMember {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_cluster_member_cluster_organisation_id')
  @Column({ name: 'cluster_organisation_id', type: 'uuid' })
  clusterOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cluster_organisation_id' })
  cluster?: Organisation;

  @Field(() => ClusterMemberKind)
  @Column({ type: 'enum', enum: ClusterMemberKind, enumName: 'cluster_member_kind' })
  kind!: ClusterMemberKind;

  @Index('IDX_cluster_member_firm_id')
  @Column({ name: 'firm_id', type: 'uuid', nullable: true })
  firmId!: string | null;

  @ManyToOne(() => Firm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Index('IDX_cluster_member_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field(() => String, { nullable: true, description: 'When the membership began (YYYY-MM-DD).' })
  @Column({ name: 'joined_on', type: 'date', nullable: true })
  joinedOn!: string | null;

  @Field({ description: 'When it was recorded (server time).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
