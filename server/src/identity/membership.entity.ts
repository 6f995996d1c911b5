import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../core/scope';
import { Organisation } from '../organisations/organisation.entity';
import { User } from './user.entity';

registerEnumType(Role, {
  name: 'Role',
  description: 'A member\'s role in one organisation.',
  valuesConfig: {
    ADMIN: { description: 'Everything, plus members, API keys, the profile and relationships.' },
    EDITOR: { description: 'Reads and changes the organisation\'s records and agreements.' },
    CONSULTANT: { description: 'Reads and records work with firms.' },
    VIEWER: { description: 'Reads only.' },
  },
});

@ObjectType({ description: 'A user\'s role in an organisation.' })
@Entity('membership')
@Unique('UQ_membership_user_organisation', ['userId', 'organisationId'])
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('IDX_membership_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field(() => Role)
  @Column({ type: 'enum', enum: Role, enumName: 'membership_role' })
  role!: Role;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
