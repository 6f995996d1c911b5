import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Access } from '../core/access';
import { personalData } from '../identity/personal-data';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';
import { Firm } from '../firms/firm.entity';
import { User } from '../identity/user.entity';

/**
 * A local business network (DA erhvervsnetværk), e.g. Erhvervsnetværk Amager Øst. Owned by one
 * organisation (e.g. the local committee, DA lokaludvalg) and run with a secretariat (DA sekretariat).
 * Visible to members of the owning organisation and of the secretariat; changed by the owner's editors.
 */
@ObjectType({ description: 'A local business network (DA erhvervsnetværk) with its working group, secretariat, members and meetings.' })
@Entity('network')
export class Network {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Name of the network.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the network is for.' })
  @Column({ type: 'varchar', length: 4000, nullable: true })
  description!: string | null;

  /** The organisation that owns the record (e.g. the local committee). */
  @Index('IDX_network_owner_organisation_id')
  @Column({ name: 'owner_organisation_id', type: 'uuid' })
  ownerOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: Organisation;

  /** The organisation of kind NETWORK representing the network in the organisation graph, if any. */
  @Index('IDX_network_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** DA sekretariat: the organisation doing invitations, registrations, catering and rooms. */
  @Index('IDX_network_secretariat_organisation_id')
  @Column({ name: 'secretariat_organisation_id', type: 'uuid', nullable: true })
  secretariatOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'secretariat_organisation_id' })
  secretariatOrganisation?: Organisation;

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

/** DA arbejdsgruppe: a person and/or an organisation in the network's working group. */
@ObjectType({ description: 'A member of a network\'s working group (DA arbejdsgruppe): a person, an organisation, or a person from an organisation.' })
@Entity('network_working_group_member')
@Check('CHK_network_wg_person_or_organisation', `person_name IS NOT NULL OR organisation_id IS NOT NULL`)
export class NetworkWorkingGroupMember {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_network_wg_network_id')
  @Column({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Field(() => String, { nullable: true, description: 'Name of the person (personal data).' })
  @Access(personalData)
  @Column({ name: 'person_name', type: 'varchar', length: 200, nullable: true })
  personName!: string | null;

  @Index('IDX_network_wg_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field(() => String, { nullable: true, description: 'Role in the group, e.g. "tovholder" (coordinator).' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  role!: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A member of a network: a firm from the register and/or a contact name (many members are sole traders). */
@ObjectType({ description: 'A member of a network: a firm and/or a contact person.' })
@Entity('network_member')
@Index('UQ_network_member_firm', ['networkId', 'firmId'], { unique: true, where: 'firm_id IS NOT NULL' })
@Check('CHK_network_member_firm_or_contact', `firm_id IS NOT NULL OR contact_name IS NOT NULL`)
export class NetworkMember {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_network_member_network_id')
  @Column({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Index('IDX_network_member_firm_id')
  @Column({ name: 'firm_id', type: 'uuid', nullable: true })
  firmId!: string | null;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Field(() => String, { nullable: true, description: 'Contact person (personal data).' })
  @Access(personalData)
  @Column({ name: 'contact_name', type: 'varchar', length: 200, nullable: true })
  contactName!: string | null;

  @Field({ description: 'When the member was added (server time).' })
  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz', precision: 3 })
  joinedAt!: Date;
}

/** A network meeting (DA netværksmøde) on a set date. */
@ObjectType({ description: 'A network meeting (DA netværksmøde) with registrations and, after the meeting, attendance.' })
@Entity('network_meeting')
export class NetworkMeeting {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_network_meeting_network_id')
  @Column({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Field({ description: 'Date of the meeting (YYYY-MM-DD).' })
  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

  @Field(() => Date, { nullable: true, description: 'When attendance was last recorded (server time); null until it is.' })
  @Column({ name: 'attendance_recorded_at', type: 'timestamptz', nullable: true })
  attendanceRecordedAt!: Date | null;

  @Field(() => Int, { description: 'Increases on every change; send it back when recording attendance.' })
  @VersionColumn()
  version!: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A member's registration for a meeting (DA tilmelding), and whether they attended (recorded afterwards). */
@ObjectType({ description: 'A member\'s registration for a meeting and, once recorded, their attendance.' })
@Entity('network_meeting_participant')
@Unique('UQ_network_meeting_participant', ['meetingId', 'memberId'])
export class NetworkMeetingParticipant {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_network_meeting_participant_meeting_id')
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => NetworkMeeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: NetworkMeeting;

  @Index('IDX_network_meeting_participant_member_id')
  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => NetworkMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: NetworkMember;

  @Field(() => Date, { nullable: true, description: 'When the member registered (server time); null for a walk-in.' })
  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt!: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the member attended; null until attendance is recorded.' })
  @Column({ type: 'boolean', nullable: true })
  attended!: boolean | null;

  @Index('IDX_network_meeting_participant_recorded_by')
  @Column({ name: 'attendance_recorded_by_user_id', type: 'uuid', nullable: true })
  attendanceRecordedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'attendance_recorded_by_user_id' })
  attendanceRecordedBy?: User;
}
