import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Country {
  DK = 'DK',
  SE = 'SE',
}
registerEnumType(Country, { name: 'Country', description: 'Denmark or Sweden.' });

/** Every kind of actor in the business-support ecosystem (and the public bodies around it). */
export enum OrganisationKind {
  /** DA erhvervshus (formerly væksthus): regional, publicly funded growth house. */
  GROWTH_HOUSE = 'GROWTH_HOUSE',
  /** DA kommune / SE kommun. */
  MUNICIPALITY = 'MUNICIPALITY',
  /** DA erhvervsråd: local business council running local business service for a municipality. */
  BUSINESS_COUNCIL = 'BUSINESS_COUNCIL',
  /** DA region / SE region (län). */
  REGION = 'REGION',
  /** DA KKR (Kommunekontaktråd): the regional council of municipalities. */
  REGIONAL_COUNCIL = 'REGIONAL_COUNCIL',
  /** Ministries, boards and national agencies (e.g. Erhvervsstyrelsen, Tillväxtverket). */
  NATIONAL_AGENCY = 'NATIONAL_AGENCY',
  /** Investment promotion (e.g. Copenhagen Capacity, Business Sweden). */
  INVESTMENT_PROMOTION_AGENCY = 'INVESTMENT_PROMOTION_AGENCY',
  /** National cluster organisation (DA klyngeorganisation). */
  CLUSTER = 'CLUSTER',
  /** A cluster's regional office (DA regionalt klyngekontor). */
  CLUSTER_OFFICE = 'CLUSTER_OFFICE',
  /** Local business network (DA erhvervsnetværk). */
  NETWORK = 'NETWORK',
  /** Universities, GTS institutes, business academies. */
  KNOWLEDGE_INSTITUTION = 'KNOWLEDGE_INSTITUTION',
  /** Private advisors: auditors, lawyers, consultants. */
  PRIVATE_ADVISOR = 'PRIVATE_ADVISOR',
  /** Banks, business angels, funds (e.g. Vækstfonden / EIFO). */
  CAPITAL_PROVIDER = 'CAPITAL_PROVIDER',
}
registerEnumType(OrganisationKind, { name: 'OrganisationKind', description: 'What kind of actor an organisation is.' });

/** Public bodies and actors of the ecosystem. Their profile is public; their records are not. */
@ObjectType({ description: 'An actor in the business-support ecosystem: growth house, municipality, cluster, ...' })
@Entity('organisation')
@Index('UQ_organisation_official_code', ['country', 'kind', 'officialCode'], { unique: true, where: 'official_code IS NOT NULL' })
@Index('IDX_organisation_name', { synchronize: false })
export class Organisation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => OrganisationKind)
  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind!: OrganisationKind;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => Country)
  @Column({ type: 'enum', enum: Country, enumName: 'country' })
  country!: Country;

  @Field(() => String, {
    nullable: true,
    description: 'Official code: DA kommunekode (3 digits) / regionskode (4), SE kommunkod (4) / länskod (2).',
  })
  @Column({ name: 'official_code', type: 'varchar', length: 10, nullable: true })
  officialCode!: string | null;

  @Index('IDX_organisation_region_id')
  @Column({ name: 'region_id', type: 'uuid', nullable: true })
  regionId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Organisation;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  website!: string | null;

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
