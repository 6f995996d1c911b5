import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Firm } from '../firms/firm.entity';
import { User } from '../identity/user.entity';
import { Programme } from './programme.entity';

/** Where a firm stands in a programme. */
export enum EnrolmentState {
  /** Taking part (holds a seat). */
  ENROLLED = 'ENROLLED',
  /** Finished the programme (keeps its seat in the count). */
  COMPLETED = 'COMPLETED',
  /** Left before the end (frees its seat). */
  DROPPED_OUT = 'DROPPED_OUT',
}
registerEnumType(EnrolmentState, { name: 'EnrolmentState', description: 'ENROLLED -> COMPLETED or DROPPED_OUT.' });

/** The states that occupy a seat of the programme's capacity. */
export const SEAT_STATES = [EnrolmentState.ENROLLED, EnrolmentState.COMPLETED];

@ObjectType({ description: 'A firm taking part in a programme. Visible only to the programme\'s operator.' })
@Entity('programme_enrolment')
@Unique('UQ_programme_enrolment_firm', ['programmeId', 'firmId'])
export class ProgrammeEnrolment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_programme_enrolment_programme_id')
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Index('IDX_programme_enrolment_firm_id')
  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Field(() => EnrolmentState)
  @Column({ type: 'enum', enum: EnrolmentState, enumName: 'programme_enrolment_state' })
  state!: EnrolmentState;

  @Index('IDX_programme_enrolment_enrolled_by_user_id')
  @Column({ name: 'enrolled_by_user_id', type: 'uuid', nullable: true })
  enrolledByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'enrolled_by_user_id' })
  enrolledBy?: User;

  @Field(() => Int, { description: 'Increases on every change; send it back when completing or recording a drop-out.' })
  @VersionColumn()
  version!: number;

  @Field({ description: 'When the firm was enrolled (server time).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When the state last changed (server time).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: 'One step in an enrolment\'s history (append-only, server-timestamped).' })
@Entity('programme_enrolment_event')
/** Partner dashboards: enrolment events in a period (migration 1765500000000). */
@Index('IDX_programme_enrolment_event_recorded_at', { synchronize: false })
export class ProgrammeEnrolmentEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_programme_enrolment_event_enrolment_id')
  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId!: string;

  @ManyToOne(() => ProgrammeEnrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: ProgrammeEnrolment;

  @Field(() => EnrolmentState, { description: 'The state the enrolment entered.' })
  @Column({ type: 'enum', enum: EnrolmentState, enumName: 'programme_enrolment_state' })
  state!: EnrolmentState;

  @Field(() => String, { nullable: true, description: 'Why (e.g. the reason for a drop-out).' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Index('IDX_programme_enrolment_event_recorded_by_user_id')
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_user_id' })
  recordedBy?: User;

  @Field({ description: 'Server time of the change; never supplied by clients.' })
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
