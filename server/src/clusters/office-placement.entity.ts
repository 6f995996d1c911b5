import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';

/**
 * The published criteria for placing a regional cluster office (DA "Kriterier for placering af regionale
 * klyngekontorer", 6 May 2021). A proposal must address every one of them.
 */
export enum PlacementCriterion {
  /** DA værdi for de lokale virksomheder: how the location creates value for local firms. */
  VALUE_TO_LOCAL_FIRMS = 'VALUE_TO_LOCAL_FIRMS',
  /** DA tiltrækning og fastholdelse af virksomheder: attracting and retaining local firms in cluster activities. */
  ATTRACTION_AND_RETENTION = 'ATTRACTION_AND_RETENTION',
  /** DA sammenhæng mellem viden- og uddannelsesinstitutioner og virksomheder. */
  KNOWLEDGE_INSTITUTION_LINKS = 'KNOWLEDGE_INSTITUTION_LINKS',
  /** DA netværk, matchmaking, netværksmøder, konferencer, seminarer og samarbejdsprojekter. */
  NETWORK_AND_MATCHMAKING = 'NETWORK_AND_MATCHMAKING',
  /** DA større udbytte af de offentlige investeringer i forskning. */
  RETURN_ON_PUBLIC_RESEARCH = 'RETURN_ON_PUBLIC_RESEARCH',
}
registerEnumType(PlacementCriterion, {
  name: 'PlacementCriterion',
  description: 'The published criteria for placing a regional cluster office (all five must be scored).',
  valuesConfig: {
    VALUE_TO_LOCAL_FIRMS: { description: 'Value of the location for local firms (DA værdi for de lokale virksomheder).' },
    ATTRACTION_AND_RETENTION: { description: 'Attraction and retention of local firms in the cluster\'s activities.' },
    KNOWLEDGE_INSTITUTION_LINKS: { description: 'Links between local knowledge and education institutions and firms.' },
    NETWORK_AND_MATCHMAKING: { description: 'Networks, matchmaking, network meetings, conferences, seminars and joint projects.' },
    RETURN_ON_PUBLIC_RESEARCH: { description: 'Greater return on public investment in research.' },
  },
});
export const ALL_PLACEMENT_CRITERIA = Object.values(PlacementCriterion);

export enum PlacementProposalState {
  /** Submitted by (or for) the lead municipality; scores can still be revised. */
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(PlacementProposalState, { name: 'PlacementProposalState', description: 'SUBMITTED -> APPROVED or REJECTED (decided by the cluster).' });

export const MIN_PLACEMENT_SCORE = 1;
export const MAX_PLACEMENT_SCORE = 5;

@ObjectType({
  description: 'A lead municipality\'s proposal to place a regional office of a cluster, scored on the published criteria. ' +
    'Visible to the cluster and the lead municipality only.',
})
@Entity('office_placement_proposal')
export class OfficePlacementProposal {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_office_placement_proposal_cluster_organisation_id')
  @Column({ name: 'cluster_organisation_id', type: 'uuid' })
  clusterOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_organisation_id' })
  cluster?: Organisation;

  /** DA lead-kommune. */
  @Index('IDX_office_placement_proposal_lead_municipality_id')
  @Column({ name: 'lead_municipality_id', type: 'uuid' })
  leadMunicipalityId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_municipality_id' })
  leadMunicipality?: Organisation;

  /** The office, when it exists already as an organisation (kind CLUSTER_OFFICE). */
  @Index('IDX_office_placement_proposal_office_organisation_id')
  @Column({ name: 'office_organisation_id', type: 'uuid', nullable: true })
  officeOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'office_organisation_id' })
  office?: Organisation;

  @Field({ description: 'Where the office would be (town, address).' })
  @Column({ name: 'proposed_location', type: 'varchar', length: 200 })
  proposedLocation!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 4000, nullable: true })
  summary!: string | null;

  @Field(() => PlacementProposalState)
  @Column({ type: 'enum', enum: PlacementProposalState, enumName: 'placement_proposal_state' })
  state!: PlacementProposalState;

  @Field(() => String, { nullable: true, description: 'The cluster\'s reasoning for its decision.' })
  @Column({ name: 'decision_note', type: 'varchar', length: 2000, nullable: true })
  decisionNote!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the decision was recorded (server time).' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Index('IDX_office_placement_proposal_decided_by_user_id')
  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_user_id' })
  decidedBy?: User;

  @Field(() => Int, { description: 'Increases on every change; send it back when editing or deciding.' })
  @VersionColumn()
  version!: number;

  @Field({ description: 'When it was submitted (server time).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A proposal\'s score on one placement criterion, with the reasoning behind it.' })
@Entity('office_placement_score')
@Unique('UQ_office_placement_score_criterion', ['proposalId', 'criterion'])
@Check('CHK_office_placement_score_range', `score BETWEEN ${MIN_PLACEMENT_SCORE} AND ${MAX_PLACEMENT_SCORE}`)
export class OfficePlacementScore {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_office_placement_score_proposal_id')
  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => OfficePlacementProposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: OfficePlacementProposal;

  @Field(() => PlacementCriterion)
  @Column({ type: 'enum', enum: PlacementCriterion, enumName: 'placement_criterion' })
  criterion!: PlacementCriterion;

  @Field(() => Int, { description: `Score from ${MIN_PLACEMENT_SCORE} (weak) to ${MAX_PLACEMENT_SCORE} (strong).` })
  @Column({ type: 'integer' })
  score!: number;

  @Field({ description: 'Why: how the location meets this criterion.' })
  @Column({ type: 'varchar', length: 4000 })
  reasoning!: string;
}
