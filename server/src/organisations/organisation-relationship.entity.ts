import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
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

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
