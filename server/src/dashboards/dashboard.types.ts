import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrganisationKind } from '../organisations/organisation.entity';
import { DashboardBucket, DashboardDimension, DashboardPanelKind } from './dashboard.panels';

registerEnumType(DashboardPanelKind, { name: 'DashboardPanelKind', description: 'A panel of the partner dashboard.' });
registerEnumType(DashboardDimension, { name: 'DashboardDimension', description: 'What a panel is broken down by.' });
registerEnumType(DashboardBucket, { name: 'DashboardBucket', description: 'Length of the time buckets (for the TIME_BUCKET breakdown).' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'Which dashboard: for which of your organisations, which period, broken down how.' })
export class DashboardInput {
  @Field(() => ID, { nullable: true, description: 'The organisation the dashboard is for; defaults to the organisation you act for, or your only one.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ description: 'First day of the period (YYYY-MM-DD, Danish/Swedish time).' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @Field({ description: 'Last day of the period, inclusive (YYYY-MM-DD).' })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;

  @Field(() => DashboardBucket, { nullable: true, defaultValue: DashboardBucket.MONTH })
  @IsOptional()
  @IsIn(Object.values(DashboardBucket))
  bucket?: DashboardBucket;

  @Field(() => DashboardDimension, { nullable: true, description: 'Breakdown for every panel that offers it; each panel falls back to its own default otherwise.' })
  @IsOptional()
  @IsIn(Object.values(DashboardDimension))
  groupBy?: DashboardDimension;

  @Field(() => [DashboardPanelKind], { nullable: true, description: 'Only these panels (default: all).' })
  @IsOptional()
  @IsIn(Object.values(DashboardPanelKind), { each: true })
  panels?: DashboardPanelKind[];
}

@InputType({ description: 'The entries behind one cell of a panel (only those you may see).' })
export class DashboardDrillDownInput extends DashboardInput {
  @Field(() => DashboardPanelKind)
  @IsIn(Object.values(DashboardPanelKind))
  panel!: DashboardPanelKind;

  @Field({ description: 'The row key (DashboardRow.key); "__TOTAL__" for the total.' })
  rowKey!: string;
}

@ObjectType({ description: 'A figure a panel shows, and how it is computed.' })
export class DashboardMeasure {
  @Field() key!: string;
  @Field() label!: string;
  @Field() definition!: string;
  @Field({ description: 'COUNT, PERCENT, DAYS, JOBS, DKK or SEK.' }) unit!: string;
}

@ObjectType({ description: 'One row (cell group) of a panel. A suppressed row has every value null.' })
export class DashboardRow {
  @Field({ description: 'Stable key of the group (drill-down, joins across periods); "__NONE__" when the attribute is unknown, "__TOTAL__" for the total.' }) key!: string;
  @Field() label!: string;
  @Field({ description: 'Fewer than 5 firms (primary) or hidden so that totals cannot reveal another row (complementary).' }) suppressed!: boolean;
  @Field(() => String, { nullable: true, description: 'PRIMARY or COMPLEMENTARY when suppressed.' }) suppression!: string | null;
  @Field(() => String, { nullable: true, description: '"<5" when suppressed.' }) display!: string | null;
  @Field(() => Int, { nullable: true, description: 'Distinct firms (or inquiries / delegations) behind the row; null when suppressed.' }) units!: number | null;
  @Field(() => Int, { nullable: true, description: 'Recorded events behind the row; null when suppressed.' }) events!: number | null;
  @Field(() => Int, { nullable: true, description: 'Of those, recorded by the dashboard\'s organisation (what it can drill down to itself).' }) ownEvents!: number | null;
  @Field({ description: 'Every record behind the row is the organisation\'s own (never suppressed).' }) ownOnly!: boolean;
  @Field(() => [Float], { nullable: 'items', description: 'One value per measure, in the order of DashboardPanel.measures.' }) values!: (number | null)[];
  @Field(() => [Float], { nullable: 'itemsAndList', description: 'The same group in the previous period (null for time buckets).' }) previousValues!: (number | null)[] | null;
  @Field({ description: 'The previous-period values are suppressed.' }) previousSuppressed!: boolean;
}

@ObjectType()
export class DashboardPeriod {
  @Field() from!: string;
  @Field() to!: string;
  @Field() previousFrom!: string;
  @Field() previousTo!: string;
  @Field(() => DashboardBucket) bucket!: DashboardBucket;
}

@ObjectType({ description: 'One panel: its definition, its breakdown rows and total, suppression applied.' })
export class DashboardPanel {
  @Field(() => DashboardPanelKind) kind!: DashboardPanelKind;
  @Field() title!: string;
  @Field({ description: 'How the panel is computed (from which recorded events, over which records).' }) definition!: string;
  @Field(() => DashboardDimension) groupBy!: DashboardDimension;
  @Field(() => [DashboardDimension]) availableGroupings!: DashboardDimension[];
  @Field({ description: 'What the suppression threshold counts: firms, inquiries or delegations.' }) unit!: string;
  @Field(() => [DashboardMeasure]) measures!: DashboardMeasure[];
  @Field(() => [DashboardRow]) rows!: DashboardRow[];
  @Field(() => DashboardRow) total!: DashboardRow;
  @Field(() => DashboardRow, { nullable: true }) previousTotal!: DashboardRow | null;
  @Field({ description: 'Whether rows can be drilled into (signed-in users; only entries they may see are listed).' }) drillDown!: boolean;
}

@ObjectType()
export class DashboardAudience {
  @Field(() => ID) organisationId!: string;
  @Field() organisationName!: string;
  @Field(() => OrganisationKind) organisationKind!: OrganisationKind;
  @Field({ description: 'Which area the figures cover, following the organisation\'s role in the graph.' }) area!: string;
  @Field(() => Int) municipalities!: number;
}

@ObjectType({ description: 'A partner dashboard: org-safe aggregates for one organisation and period.' })
export class Dashboard {
  @Field(() => DashboardAudience) audience!: DashboardAudience;
  @Field(() => DashboardPeriod) period!: DashboardPeriod;
  @Field(() => Int, { description: 'Cells with fewer firms than this are suppressed.' }) minUnits!: number;
  @Field(() => [DashboardPanel]) panels!: DashboardPanel[];
  @Field() computedAt!: Date;
}

@ObjectType({ description: 'An entry behind a dashboard cell that the caller may see.' })
export class DashboardEntry {
  @Field(() => ID) id!: string;
  @Field({ description: 'TOUCHPOINT, REFERRAL, ENROLMENT, ...' }) kind!: string;
  @Field(() => ID, { nullable: true }) firmId!: string | null;
  @Field(() => String, { nullable: true }) firmName!: string | null;
  @Field(() => ID) organisationId!: string;
  @Field() organisationName!: string;
  @Field() at!: Date;
  @Field({ description: 'OWN, CONSENT or REFERRAL: why the caller may see it.' }) basis!: string;
}

@ObjectType()
export class DashboardDrillDown {
  @Field(() => [DashboardEntry]) entries!: DashboardEntry[];
  @Field({ description: 'Some entries behind the cell are not shown to you (no basis to see them). A yes/no only: a count could reveal a suppressed cell.' }) someHidden!: boolean;
  @Field({ description: 'More entries exist than were listed (the first 200 are examined).' }) truncated!: boolean;
}
