import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Firm } from './firm.entity';

/**
 * One change of one register field of a firm: who (user and the organisation they acted for), when
 * (server time) and old -> new. Append-only: a trigger refuses UPDATE and DELETE, as for journey history.
 * Readable by everyone who can see the firm, since register changes change others' eligibility and KPIs.
 */
@ObjectType({ description: 'A change of one field of a firm\'s register data (append-only history).' })
@Entity('firm_change')
@Index('IDX_firm_change_firm_at', { synchronize: false })
export class FirmChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'firm_id', type: 'uuid' })
  firmId!: string;

  @ManyToOne(() => Firm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Field({ description: 'Server time of the change.' })
  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  @Index('IDX_firm_change_changed_by_user_id')
  @Column({ name: 'changed_by_user_id', type: 'uuid', nullable: true })
  changedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by_user_id' })
  changedBy?: User;

  @Index('IDX_firm_change_changed_by_organisation_id')
  @Column({ name: 'changed_by_organisation_id', type: 'uuid' })
  changedByOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by_organisation_id' })
  changedByOrganisation?: Organisation;

  @Field({ description: 'The field, as named in the API (name, industryCode, municipalityId, employees, status, cvr, organisationsnummer, mergedIntoId).' })
  @Column({ type: 'varchar', length: 50 })
  field!: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'old_value', type: 'varchar', length: 300, nullable: true })
  oldValue!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'new_value', type: 'varchar', length: 300, nullable: true })
  newValue!: string | null;
}
