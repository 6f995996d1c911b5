import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../identity/user.entity';
import { Organisation } from './organisation.entity';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Typed, directed edges of the organisation graph ("from" RELATION "to"). */
export enum RelationshipKind {
  /** Growth house -> municipality it covers. */
  COVERS = 'COVERS',
  /** Business council -> municipality whose local business service it runs (DA lokal erhvervsservice). */
  SERVES = 'SERVES',
  /** Municipality -> its regional council of municipalities (KKR). */
  MEMBER_OF_COUNCIL = 'MEMBER_OF_COUNCIL',
  /** Municipality -> region it lies in. */
  LOCATED_IN = 'LOCATED_IN',
  /** Cluster office -> its national cluster. */
  OFFICE_OF = 'OFFICE_OF',
  /** Cluster office -> lead municipality hosting it. */
  HOSTED_BY = 'HOSTED_BY',
  /** Member (municipality, institution) -> cluster or network. */
  MEMBER_OF = 'MEMBER_OF',
  /** Investment promotion agency -> municipality it receives delegations for (DA modtageapparat). */
  RECEPTION_FOR = 'RECEPTION_FOR',
  /** Regional body -> national agency it has a cooperation agreement with (SE samverkansavtal). */
  COOPERATES_WITH = 'COOPERATES_WITH',
  /** Municipality -> growth house it co-funds. */
  FUNDS = 'FUNDS',
  /** Operator -> network or programme it runs as secretariat. */
  OPERATES = 'OPERATES',
}
registerEnumType(RelationshipKind, { name: 'RelationshipKind', description: 'How one organisation relates to another.' });

/** An edge between two independent organisations takes effect only when both sides agree to it. */
export enum RelationshipState {
  /** Proposed by one side's admin; changes nothing until the other side's admin confirms it. Visible only to the two sides. */
  PROPOSED = 'PROPOSED',
  /** Confirmed by the other side: in force (KPI areas, cluster offices, coverage, the public graph). */
  ACTIVE = 'ACTIVE',
  /** Refused by the other side. Visible only to the two sides; a new proposal reopens it. */
  DECLINED = 'DECLINED',
}
registerEnumType(RelationshipState, { name: 'RelationshipState', description: 'Whether both sides have agreed to a relationship.' });

@ObjectType({ description: 'A directed, typed relationship between two organisations.' })
@Entity('organisation_relationship')
@Unique('UQ_relationship', ['kind', 'fromId', 'toId'])
export class OrganisationRelationship {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => RelationshipKind)
  @Column({ type: 'enum', enum: RelationshipKind, enumName: 'relationship_kind' })
  kind!: RelationshipKind;

  @Index('IDX_relationship_from_id')
  @Column({ name: 'from_id', type: 'uuid' })
  fromId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_id' })
  from?: Organisation;

  @Index('IDX_relationship_to_id')
  @Column({ name: 'to_id', type: 'uuid' })
  toId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_id' })
  to?: Organisation;

  @Field(() => RelationshipState)
  @Column({ type: 'enum', enum: RelationshipState, enumName: 'relationship_state', default: RelationshipState.PROPOSED })
  state!: RelationshipState;

  @Field(() => ID, { description: 'The side that proposed it (from or to); the other side confirms or declines.' })
  @Index('IDX_relationship_proposed_by_organisation_id')
  @Column({ name: 'proposed_by_organisation_id', type: 'uuid' })
  proposedByOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposed_by_organisation_id' })
  proposedByOrganisation?: Organisation;

  @Index('IDX_relationship_proposed_by_user_id')
  @Column({ name: 'proposed_by_user_id', type: 'uuid', nullable: true })
  proposedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by_user_id' })
  proposedBy?: User;

  @Field(() => Date, { nullable: true, description: 'When the other side confirmed or declined it (server time).' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Index('IDX_relationship_decided_by_user_id')
  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_user_id' })
  decidedBy?: User;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
