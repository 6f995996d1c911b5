import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Firm } from '../firms/firm.entity';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';

/** Kinds of cluster activity named in the placement criteria. */
export enum ClusterActivityKind {
  MATCHMAKING = 'MATCHMAKING',
  /** DA netværksmøde. */
  NETWORK_MEETING = 'NETWORK_MEETING',
  CONFERENCE = 'CONFERENCE',
  SEMINAR = 'SEMINAR',
  /** DA samarbejdsprojekt. */
  JOINT_PROJECT = 'JOINT_PROJECT',
}
registerEnumType(ClusterActivityKind, { name: 'ClusterActivityKind', description: 'What kind of activity a cluster runs.' });

@ObjectType({ description: 'An activity of a cluster (or one of its regional offices). Public to signed-in users; its attendance list only to the cluster.' })
@Entity('cluster_activity')
@Check('CHK_cluster_activity_period', `ends_at IS NULL OR ends_at >= starts_at`)
export class ClusterActivity {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_cluster_activity_cluster_organisation_id')
  @Column({ name: 'cluster_organisation_id', type: 'uuid' })
  clusterOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_organisation_id' })
  cluster?: Organisation;

  @Index('IDX_cluster_activity_office_organisation_id')
  @Column({ name: 'office_organisation_id', type: 'uuid', nullable: true })
  officeOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'office_organisation_id' })
  office?: Organisation;

  @Field(() => ClusterActivityKind)
  @Column({ type: 'enum', enum: ClusterActivityKind, enumName: 'cluster_activity_kind' })
  kind!: ClusterActivityKind;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 4000, nullable: true })
  description!: string | null;

  @Field()
  @Index('IDX_cluster_activity_starts_at')
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

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

@ObjectType({ description: 'A firm or organisation that took part in a cluster activity. Visible to the cluster only.' })
@Entity('cluster_activity_attendance')
@Unique('UQ_cluster_activity_attendance_firm', ['activityId', 'firmId'])
@Unique('UQ_cluster_activity_attendance_organisation', ['activityId', 'organisationId'])
@Check('CHK_cluster_activity_attendance_one', `(firm_id IS NULL) <> (organisation_id IS NULL)`)
export class ClusterActivityAttendance {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_cluster_activity_attendance_activity_id')
  @Column({ name: 'activity_id', type: 'uuid' })
  activityId!: string;

  @ManyToOne(() => ClusterActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: ClusterActivity;

  @Index('IDX_cluster_activity_attendance_firm_id')
  @Column({ name: 'firm_id', type: 'uuid', nullable: true })
  firmId!: string | null;

  @ManyToOne(() => Firm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Index('IDX_cluster_activity_attendance_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Index('IDX_cluster_activity_attendance_recorded_by_user_id')
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_user_id' })
  recordedBy?: User;

  @Field({ description: 'When the attendance was recorded (server time).' })
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
