/**
 * The panels of the partner dashboards, each defined once as SQL over the recorded events (the
 * append-only history: current touchpoints, referral steps, enrolment events, inquiries' state changes,
 * attendance). Every panel is ONE aggregate statement: an events CTE (`e`, one row per counted event,
 * tagged with the period it falls in) grouped by GROUPING SETS ((period, key), (period)) - the rows of
 * the breakdown and its total in one pass. Nothing is loaded row by row.
 *
 * Parameters of every events CTE:
 *   $1 uuid[]      the audience's municipalities (its area in the graph)
 *   $2 uuid        the organisation the dashboard is for (its own records are "own")
 *   $3 timestamptz start of the period
 *   $4 timestamptz end of the period (exclusive)
 *   $5 timestamptz start of the previous period (as long as the period, right before it)
 *   $6 text        time bucket for date_trunc: month | quarter | year
 *
 * Columns every events CTE yields (NULL where a panel has none): period ('C' current / 'P' previous), at,
 * entry_id (the recorded entry, for drill-down), entry_kind, firm_id, unit_id (what the suppression
 * threshold counts: the firm, or the inquiry / delegation where there is no firm), owner_id (the
 * organisation the entry belongs to), org_id (the organisation the row is attributed to), mun_id,
 * country, industry_code, employees, programme_id, programme_name, sector, stage, focus_area, then the
 * panel's own m_* columns.
 */
export const TZ = 'Europe/Copenhagen';

export enum DashboardPanelKind {
  AGREEMENTS = 'AGREEMENTS',
  REFERRALS = 'REFERRALS',
  GROWTH_WORK = 'GROWTH_WORK',
  GROWTH_WHEEL_FOCUS = 'GROWTH_WHEEL_FOCUS',
  PROGRAMMES = 'PROGRAMMES',
  OUTCOMES = 'OUTCOMES',
  INVESTMENT = 'INVESTMENT',
  DELEGATIONS = 'DELEGATIONS',
  NETWORKS_AND_CLUSTERS = 'NETWORKS_AND_CLUSTERS',
}

export enum DashboardDimension {
  ORGANISATION = 'ORGANISATION',
  ORGANISATION_KIND = 'ORGANISATION_KIND',
  MUNICIPALITY = 'MUNICIPALITY',
  REGION = 'REGION',
  COUNTRY = 'COUNTRY',
  /** DB07 / SNI 2007 section (the NACE letter). */
  INDUSTRY = 'INDUSTRY',
  SIZE_CLASS = 'SIZE_CLASS',
  /** From the firm's latest growth-potential assessment. */
  GROWTH_POTENTIAL = 'GROWTH_POTENTIAL',
  /** From the firm's latest growth-potential assessment. */
  SEGMENT = 'SEGMENT',
  TIME_BUCKET = 'TIME_BUCKET',
  PROGRAMME = 'PROGRAMME',
  SECTOR = 'SECTOR',
  STAGE = 'STAGE',
  FOCUS_AREA = 'FOCUS_AREA',
  /** Agreements panel: one row per KPI. */
  AGREEMENT_KPI = 'AGREEMENT_KPI',
}

export enum DashboardBucket {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

const NACE_SECTION = (code: string) => `(CASE
  WHEN ${code} IS NULL THEN NULL
  WHEN left(${code}, 2) <= '03' THEN 'A' WHEN left(${code}, 2) <= '09' THEN 'B' WHEN left(${code}, 2) <= '33' THEN 'C'
  WHEN left(${code}, 2) = '35' THEN 'D' WHEN left(${code}, 2) <= '39' THEN 'E' WHEN left(${code}, 2) <= '43' THEN 'F'
  WHEN left(${code}, 2) <= '47' THEN 'G' WHEN left(${code}, 2) <= '53' THEN 'H' WHEN left(${code}, 2) <= '56' THEN 'I'
  WHEN left(${code}, 2) <= '63' THEN 'J' WHEN left(${code}, 2) <= '66' THEN 'K' WHEN left(${code}, 2) = '68' THEN 'L'
  WHEN left(${code}, 2) <= '75' THEN 'M' WHEN left(${code}, 2) <= '82' THEN 'N' WHEN left(${code}, 2) = '84' THEN 'O'
  WHEN left(${code}, 2) = '85' THEN 'P' WHEN left(${code}, 2) <= '88' THEN 'Q' WHEN left(${code}, 2) <= '93' THEN 'R'
  WHEN left(${code}, 2) <= '96' THEN 'S' WHEN left(${code}, 2) <= '98' THEN 'T' ELSE 'U' END)`;

/** The latest growth-potential assessment of the row's firm (by any organisation: used only in aggregates). */
const LATEST_ASSESSMENT = `LEFT JOIN LATERAL (SELECT a.level::text AS level, a.segment::text AS segment FROM growth_potential_assessment a
  WHERE a.firm_id = e.firm_id ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) gpa ON e.firm_id IS NOT NULL`;

/** Key and label of each breakdown, over the events CTE `e`. */
export const DIMENSION_SQL: Record<Exclude<DashboardDimension, DashboardDimension.AGREEMENT_KPI>, { key: string; label: string; joins: string }> = {
  ORGANISATION: { key: 'e.org_id::text', label: 'og.name', joins: 'LEFT JOIN organisation og ON og.id = e.org_id' },
  ORGANISATION_KIND: { key: 'og.kind::text', label: 'og.kind::text', joins: 'LEFT JOIN organisation og ON og.id = e.org_id' },
  MUNICIPALITY: { key: 'e.mun_id::text', label: 'mn.name', joins: 'LEFT JOIN organisation mn ON mn.id = e.mun_id' },
  REGION: { key: 'mn.region_id::text', label: 'rg.name', joins: 'LEFT JOIN organisation mn ON mn.id = e.mun_id LEFT JOIN organisation rg ON rg.id = mn.region_id' },
  COUNTRY: { key: 'e.country', label: 'e.country', joins: '' },
  INDUSTRY: { key: NACE_SECTION('e.industry_code'), label: NACE_SECTION('e.industry_code'), joins: '' },
  SIZE_CLASS: {
    key: `(CASE WHEN e.employees IS NULL THEN NULL WHEN e.employees < 10 THEN 'MICRO' WHEN e.employees < 50 THEN 'SMALL' WHEN e.employees < 250 THEN 'MEDIUM' ELSE 'LARGE' END)`,
    label: `(CASE WHEN e.employees IS NULL THEN NULL WHEN e.employees < 10 THEN 'MICRO' WHEN e.employees < 50 THEN 'SMALL' WHEN e.employees < 250 THEN 'MEDIUM' ELSE 'LARGE' END)`,
    joins: '',
  },
  GROWTH_POTENTIAL: { key: 'gpa.level', label: 'gpa.level', joins: LATEST_ASSESSMENT },
  SEGMENT: { key: 'gpa.segment', label: 'gpa.segment', joins: LATEST_ASSESSMENT },
  TIME_BUCKET: {
    key: `to_char(date_trunc($6, e.at AT TIME ZONE '${TZ}'), 'YYYY-MM-DD')`,
    label: `to_char(date_trunc($6, e.at AT TIME ZONE '${TZ}'), 'YYYY-MM-DD')`,
    joins: '',
  },
  PROGRAMME: { key: 'e.programme_id::text', label: 'e.programme_name', joins: '' },
  SECTOR: { key: 'e.sector', label: 'e.sector', joins: '' },
  STAGE: { key: 'e.stage', label: 'e.stage', joins: '' },
  FOCUS_AREA: { key: 'e.focus_area', label: 'e.focus_area', joins: '' },
};

const PERIOD = (at: string) => `(CASE WHEN ${at} >= $3 THEN 'C' ELSE 'P' END)`;
const IN_RANGE = (at: string) => `${at} >= $5 AND ${at} < $4`;
const CURRENT_TP = `NOT EXISTS (SELECT 1 FROM touchpoint sup WHERE sup.supersedes_id = t.id)`;
const FIRM_DIMS = (f = 'f') => `${f}.municipality_id AS mun_id, ${f}.country::text AS country, ${f}.industry_code, ${f}.employees`;
const NO_EXTRA = `NULL::uuid AS programme_id, NULL::text AS programme_name, NULL::text AS sector, NULL::text AS stage, NULL::text AS focus_area`;

/*
 * Rollup reads (parameters after the six above, see rollupParams in dashboard.service.ts):
 *   $7 date, $8 date    whole Copenhagen months read from the monthly rollups: month >= $7 AND month < $8 ...
 *   $9 date, $10 date   ... except month >= $9 AND month < $10 (a month split by the start of the period)
 *   $11, $12 timestamptz[]  starts and ends of the partial months at the edges, read from the events themselves
 * A rollup row stands for `n` events at the start of its month (the month's time bucket is the same). Rollup
 * reads also yield `local_at`, the Copenhagen wall-clock time of `at`, so the time bucket costs no time-zone
 * conversion per row.
 */
const ROLLUP_AT = (month: string) => `(${month}::timestamp AT TIME ZONE '${TZ}')`;
/** $10 (the end of the excluded month range) is the first whole month of the current period whenever it has one. */
const ROLLUP_PERIOD = (month: string) => `(CASE WHEN ${month} >= $10::date THEN 'C' ELSE 'P' END)`;
const ROLLUP_MONTHS = (month: string) => `${month} >= $7::date AND ${month} < $8::date AND NOT (${month} >= $9::date AND ${month} < $10::date)`;
const EDGES = `unnest($11::timestamptz[], $12::timestamptz[]) AS w(s, e)`;
const GROWTH_KINDS = `('GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP')`;
const weighted = (filter: string) => `COALESCE(sum(e.n) FILTER (WHERE ${filter}), 0)::float8`;

export interface MeasureDef {
  key: string;
  label: string;
  /** What the figure is and how it is computed. */
  definition: string;
  unit: 'COUNT' | 'PERCENT' | 'DAYS' | 'JOBS' | 'DKK' | 'SEK';
  /** Aggregate over the events `e`; `{isTotal}` is true on the total row. */
  sql: string;
}

export interface PanelDef {
  kind: DashboardPanelKind;
  title: string;
  definition: string;
  /** What the suppression threshold counts. */
  unit: 'firms' | 'inquiries' | 'delegations';
  events: string;
  measures: MeasureDef[];
  dimensions: DashboardDimension[];
  defaultDimension: DashboardDimension;
  /** Whether the entries behind a cell can be listed (to callers who may see them). */
  drillDown: boolean;
  /**
   * The same events read from the rollups (migration 1769120000000-DashboardRollups) instead: `events` yields
   * the columns of `events` plus `n`, the number of events a row stands for; `measures` are the measures over
   * those weighted rows (same keys, same figures). The drill-down keeps reading the events themselves.
   * `{unit}` in `events` is the unit key panelStatement puts in (the rollup's firm_key, or firm_id with edges).
   */
  rollup?: {
    events: string;
    /** The partial months at the period's edges, read from the events (same columns): left out when it has none. */
    edges?: string;
    measures: MeasureDef[];
    perUnit?: PerUnitDef;
  };
}

/**
 * Two-level aggregation of a rollup read, for panels whose unit is the firm (unit_id = firm_id) and whose
 * measures combine per firm: first one row per (period, key, firm) and per (period, firm) for the total (a
 * hash aggregate), then the cells count and add those rows. Exact distinct-firm counts without
 * `count(DISTINCT ...)`, which sorts every group's rows again (the national growth-work and focus-area
 * panels: ~31,000 / ~55,000 firm-month rows of two years).
 */
export interface PerUnitDef {
  /** Aggregates over one firm's rollup rows `e` in a cell, as named columns of `u`. */
  columns: string;
  /** The panel's measures over the per-firm rows `u` (same keys, same figures as `rollup.measures`). */
  measures: MeasureDef[];
}

const pct = (filter: string) => `round(100.0 * count(*) FILTER (WHERE ${filter}) / NULLIF(count(*), 0), 1)::float8`;
const FIRM_DIMENSIONS = [
  DashboardDimension.MUNICIPALITY, DashboardDimension.REGION, DashboardDimension.COUNTRY, DashboardDimension.ORGANISATION,
  DashboardDimension.ORGANISATION_KIND, DashboardDimension.INDUSTRY, DashboardDimension.SIZE_CLASS, DashboardDimension.GROWTH_POTENTIAL,
  DashboardDimension.SEGMENT, DashboardDimension.TIME_BUCKET,
];

export const PANELS: Record<Exclude<DashboardPanelKind, DashboardPanelKind.AGREEMENTS>, PanelDef> = {
  [DashboardPanelKind.REFERRALS]: {
    kind: DashboardPanelKind.REFERRALS,
    title: 'Referrals',
    definition:
      'Referrals sent in the period (referral.sent_at) about firms of the area, or sent or received by the organisation. Steps come from the append-only referral_step history. "Organisation" is the receiving organisation.',
    unit: 'firms',
    events: `SELECT ${PERIOD('r.sent_at')} AS period, r.sent_at AS at, r.id AS entry_id, 'REFERRAL' AS entry_kind, r.firm_id, r.firm_id AS unit_id,
        CASE WHEN $2 IN (r.sender_organisation_id, r.receiver_organisation_id) THEN $2::uuid ELSE r.sender_organisation_id END AS owner_id,
        r.receiver_organisation_id AS org_id, ${FIRM_DIMS()}, ${NO_EXTRA},
        ro.kind::text AS m_receiver_kind, r.sender_organisation_id = $2 AS m_sent_by_you, r.receiver_organisation_id = $2 AS m_received_by_you,
        st.ack_at AS m_ack_at, st.fc_at AS m_fc_at, st.closed_at AS m_closed_at
      FROM referral r JOIN firm f ON f.id = r.firm_id JOIN organisation ro ON ro.id = r.receiver_organisation_id
      LEFT JOIN LATERAL (SELECT min(s.at) FILTER (WHERE s.status IN ('ACCEPTED', 'DECLINED')) AS ack_at,
                                min(s.at) FILTER (WHERE s.status = 'FIRST_CONTACT') AS fc_at,
                                min(s.at) FILTER (WHERE s.status = 'CLOSED') AS closed_at
                           FROM referral_step s WHERE s.referral_id = r.id) st ON true
      WHERE ${IN_RANGE('r.sent_at')} AND (f.municipality_id = ANY($1) OR $2 IN (r.sender_organisation_id, r.receiver_organisation_id))`,
    measures: [
      { key: 'referrals', label: 'Referrals', unit: 'COUNT', definition: 'Referrals sent in the period.', sql: 'count(*)::float8' },
      { key: 'sentByYou', label: 'Sent by you', unit: 'COUNT', definition: 'Of those, sent by the organisation.', sql: 'count(*) FILTER (WHERE e.m_sent_by_you)::float8' },
      { key: 'receivedByYou', label: 'Received by you', unit: 'COUNT', definition: 'Of those, received by the organisation.', sql: 'count(*) FILTER (WHERE e.m_received_by_you)::float8' },
      { key: 'privateAdvisorShare', label: 'To private advisors', unit: 'PERCENT', definition: 'Share of the referrals whose receiver is a private advisor.', sql: pct(`e.m_receiver_kind = 'PRIVATE_ADVISOR'`) },
      { key: 'acknowledgedRate', label: 'Acknowledged', unit: 'PERCENT', definition: 'Share the receiver accepted or declined (a step ACCEPTED/DECLINED exists).', sql: pct('e.m_ack_at IS NOT NULL') },
      { key: 'firstContactRate', label: 'First contact', unit: 'PERCENT', definition: 'Share that reached first contact (a FIRST_CONTACT step exists).', sql: pct('e.m_fc_at IS NOT NULL') },
      { key: 'closedRate', label: 'Closed', unit: 'PERCENT', definition: 'Share that was closed (a CLOSED step exists).', sql: pct('e.m_closed_at IS NOT NULL') },
      {
        key: 'daysToFirstContactMedian', label: 'Days to first contact (median)', unit: 'DAYS', definition: 'Median days from sent to the FIRST_CONTACT step, over referrals that reached it.',
        sql: `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.m_fc_at - e.at) / 86400))::numeric, 1)::float8`,
      },
      {
        key: 'daysToFirstContactP90', label: 'Days to first contact (p90)', unit: 'DAYS', definition: '90th percentile of days from sent to the FIRST_CONTACT step.',
        sql: `round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM e.m_fc_at - e.at) / 86400))::numeric, 1)::float8`,
      },
    ],
    dimensions: FIRM_DIMENSIONS,
    defaultDimension: DashboardDimension.ORGANISATION_KIND,
    drillDown: true,
  },
  [DashboardPanelKind.GROWTH_WORK]: {
    kind: DashboardPanelKind.GROWTH_WORK,
    title: 'Growth work',
    definition:
      'Growth mappings, growth-plan milestones and growth partnerships recorded in firms\' journeys in the period (current touchpoints: a corrected entry counts once, as its correction), for firms of the area or recorded by the organisation. "Organisation" is the recording organisation (the growth house).',
    unit: 'firms',
    events: `SELECT ${PERIOD('t.occurred_at')} AS period, t.occurred_at AS at, t.id AS entry_id, 'TOUCHPOINT' AS entry_kind, t.firm_id, t.firm_id AS unit_id,
        t.organisation_id AS owner_id, t.organisation_id AS org_id, ${FIRM_DIMS()}, ${NO_EXTRA}, t.kind::text AS m_kind
      FROM touchpoint t JOIN firm f ON f.id = t.firm_id
      WHERE t.kind IN ('GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP') AND ${IN_RANGE('t.occurred_at')}
        AND (f.municipality_id = ANY($1) OR t.organisation_id = $2) AND ${CURRENT_TP}`,
    measures: [
      { key: 'mappings', label: 'Growth mappings', unit: 'COUNT', definition: 'GROWTH_MAPPING entries (vækstkortlægninger).', sql: `count(*) FILTER (WHERE e.m_kind = 'GROWTH_MAPPING')::float8` },
      { key: 'firmsWithGrowthPlan', label: 'Firms with growth-plan work', unit: 'COUNT', definition: 'Distinct firms with a GROWTH_PLAN_MILESTONE entry (a milestone set or changed).', sql: `count(DISTINCT e.firm_id) FILTER (WHERE e.m_kind = 'GROWTH_PLAN_MILESTONE')::float8` },
      { key: 'partnerships', label: 'Growth partnerships', unit: 'COUNT', definition: 'GROWTH_PARTNERSHIP entries (vækstpartnerskaber).', sql: `count(*) FILTER (WHERE e.m_kind = 'GROWTH_PARTNERSHIP')::float8` },
      { key: 'firms', label: 'Firms', unit: 'COUNT', definition: 'Distinct firms with any of these entries.', sql: 'count(DISTINCT e.firm_id)::float8' },
    ],
    dimensions: FIRM_DIMENSIONS,
    defaultDimension: DashboardDimension.TIME_BUCKET,
    drillDown: true,
    // m_kind stays the enum (no text cast per row: ~15 % of the national panel); the owner pool has no RLS, so enum comparisons are free to use statistics.
    rollup: {
      events: `SELECT ${ROLLUP_PERIOD('r.month')} AS period, ${ROLLUP_AT('r.month')} AS at, r.firm_id, {unit} AS unit_id, r.organisation_id AS owner_id, r.organisation_id AS org_id,
          r.municipality_id AS mun_id, r.country::text AS country, r.industry_code, r.employees, ${NO_EXTRA}, r.kind AS m_kind, r.events AS n, r.month::timestamp AS local_at
        FROM dashboard_growth_month r
        WHERE ${ROLLUP_MONTHS('r.month')} AND (r.municipality_id = ANY($1) OR r.organisation_id = $2)`,
      edges: `SELECT ${PERIOD('t.occurred_at')}, t.occurred_at, t.firm_id, t.firm_id, t.organisation_id, t.organisation_id,
          ${FIRM_DIMS()}, ${NO_EXTRA}, t.kind, 1, t.occurred_at AT TIME ZONE '${TZ}'
        FROM ${EDGES} JOIN touchpoint t ON t.occurred_at >= w.s AND t.occurred_at < w.e JOIN firm f ON f.id = t.firm_id
        WHERE t.kind IN ${GROWTH_KINDS} AND (f.municipality_id = ANY($1) OR t.organisation_id = $2) AND ${CURRENT_TP}`,
      measures: [
        { key: 'mappings', label: 'Growth mappings', unit: 'COUNT', definition: 'GROWTH_MAPPING entries (vækstkortlægninger).', sql: weighted(`e.m_kind = 'GROWTH_MAPPING'`) },
        { key: 'firmsWithGrowthPlan', label: 'Firms with growth-plan work', unit: 'COUNT', definition: 'Distinct firms with a GROWTH_PLAN_MILESTONE entry (a milestone set or changed).', sql: `count(DISTINCT e.firm_id) FILTER (WHERE e.m_kind = 'GROWTH_PLAN_MILESTONE')::float8` },
        { key: 'partnerships', label: 'Growth partnerships', unit: 'COUNT', definition: 'GROWTH_PARTNERSHIP entries (vækstpartnerskaber).', sql: weighted(`e.m_kind = 'GROWTH_PARTNERSHIP'`) },
        { key: 'firms', label: 'Firms', unit: 'COUNT', definition: 'Distinct firms with any of these entries.', sql: 'count(DISTINCT e.firm_id)::float8' },
      ],
      perUnit: {
        columns: `sum(e.n) FILTER (WHERE e.m_kind = 'GROWTH_MAPPING') AS m_mappings, sum(e.n) FILTER (WHERE e.m_kind = 'GROWTH_PARTNERSHIP') AS m_partnerships,
          bool_or(e.m_kind = 'GROWTH_PLAN_MILESTONE') AS m_plan`,
        measures: [
          { key: 'mappings', label: 'Growth mappings', unit: 'COUNT', definition: 'GROWTH_MAPPING entries (vækstkortlægninger).', sql: 'COALESCE(sum(u.m_mappings), 0)::float8' },
          { key: 'firmsWithGrowthPlan', label: 'Firms with growth-plan work', unit: 'COUNT', definition: 'Distinct firms with a GROWTH_PLAN_MILESTONE entry (a milestone set or changed).', sql: 'count(u.unit_id) FILTER (WHERE u.m_plan)::float8' },
          { key: 'partnerships', label: 'Growth partnerships', unit: 'COUNT', definition: 'GROWTH_PARTNERSHIP entries (vækstpartnerskaber).', sql: 'COALESCE(sum(u.m_partnerships), 0)::float8' },
          { key: 'firms', label: 'Firms', unit: 'COUNT', definition: 'Distinct firms with any of these entries.', sql: 'count(u.unit_id)::float8' },
        ],
      },
    },
  },
  [DashboardPanelKind.GROWTH_WHEEL_FOCUS]: {
    kind: DashboardPanelKind.GROWTH_WHEEL_FOCUS,
    title: 'Growth Wheel focus areas',
    definition: 'How often each Growth Wheel decision area was chosen as one of the 3 focus areas in the growth mappings of the period (current GROWTH_MAPPING touchpoints, details.focusAreas). A firm counts in 3 rows, so rows do not add up to the total.',
    unit: 'firms',
    events: `SELECT ${PERIOD('t.occurred_at')} AS period, t.occurred_at AS at, t.id AS entry_id, 'TOUCHPOINT' AS entry_kind, t.firm_id, t.firm_id AS unit_id,
        t.organisation_id AS owner_id, t.organisation_id AS org_id, ${FIRM_DIMS()},
        NULL::uuid AS programme_id, NULL::text AS programme_name, NULL::text AS sector, NULL::text AS stage, fa.area AS focus_area
      FROM (SELECT t.id, t.firm_id, t.organisation_id, t.occurred_at, t.details->'focusAreas' AS focus FROM touchpoint t
             WHERE t.kind = 'GROWTH_MAPPING' AND ${IN_RANGE('t.occurred_at')} AND ${CURRENT_TP} OFFSET 0) t
      JOIN firm f ON f.id = t.firm_id CROSS JOIN LATERAL jsonb_array_elements_text(t.focus) AS fa(area)
      WHERE f.municipality_id = ANY($1) OR t.organisation_id = $2`,
    measures: [
      { key: 'chosen', label: 'Times chosen', unit: 'COUNT', definition: 'Growth mappings that chose the area as a focus area.', sql: 'count(*)::float8' },
    ],
    dimensions: [DashboardDimension.FOCUS_AREA],
    defaultDimension: DashboardDimension.FOCUS_AREA,
    drillDown: true,
    rollup: {
      events: `SELECT ${ROLLUP_PERIOD('r.month')} AS period, ${ROLLUP_AT('r.month')} AS at, r.firm_id, {unit} AS unit_id, r.organisation_id AS owner_id, r.organisation_id AS org_id,
          r.municipality_id AS mun_id, NULL::text AS country, NULL::text AS industry_code, NULL::int AS employees, NULL::uuid AS programme_id, NULL::text AS programme_name,
          NULL::text AS sector, NULL::text AS stage, r.focus_area, r.events AS n, r.month::timestamp AS local_at
        FROM dashboard_focus_month r
        WHERE ${ROLLUP_MONTHS('r.month')} AND (r.municipality_id = ANY($1) OR r.organisation_id = $2)`,
      edges: `SELECT ${PERIOD('t.occurred_at')}, t.occurred_at, t.firm_id, t.firm_id, t.organisation_id, t.organisation_id,
          ${FIRM_DIMS()}, NULL::uuid, NULL::text, NULL::text, NULL::text, fa.area, 1, t.occurred_at AT TIME ZONE '${TZ}'
        FROM (SELECT t.id, t.firm_id, t.organisation_id, t.occurred_at, t.details->'focusAreas' AS focus
                FROM ${EDGES} JOIN touchpoint t ON t.occurred_at >= w.s AND t.occurred_at < w.e
               WHERE t.kind = 'GROWTH_MAPPING' AND ${CURRENT_TP} OFFSET 0) t
        JOIN firm f ON f.id = t.firm_id CROSS JOIN LATERAL jsonb_array_elements_text(t.focus) AS fa(area)
        WHERE f.municipality_id = ANY($1) OR t.organisation_id = $2`,
      measures: [
        { key: 'chosen', label: 'Times chosen', unit: 'COUNT', definition: 'Growth mappings that chose the area as a focus area.', sql: 'sum(e.n)::float8' },
      ],
    },
  },
  [DashboardPanelKind.PROGRAMMES]: {
    kind: DashboardPanelKind.PROGRAMMES,
    title: 'Programmes',
    definition:
      'Enrolment events recorded in the period (programme_enrolment_event, append-only) for firms of the area or in programmes the organisation operates. "Organisation" is the operator. Seats used = enrolled minus dropped out in the period, against the programmes\' capacity (only when broken down by programme).',
    unit: 'firms',
    events: `SELECT ${PERIOD('ev.recorded_at')} AS period, ev.recorded_at AS at, en.id AS entry_id, 'ENROLMENT' AS entry_kind, en.firm_id, en.firm_id AS unit_id,
        p.operator_organisation_id AS owner_id, p.operator_organisation_id AS org_id, ${FIRM_DIMS()},
        p.id AS programme_id, p.name AS programme_name, NULL::text AS sector, NULL::text AS stage, NULL::text AS focus_area,
        ev.state::text AS m_state, p.capacity AS m_capacity
      FROM programme_enrolment_event ev JOIN programme_enrolment en ON en.id = ev.enrolment_id
      JOIN programme p ON p.id = en.programme_id JOIN firm f ON f.id = en.firm_id
      WHERE ${IN_RANGE('ev.recorded_at')} AND (f.municipality_id = ANY($1) OR p.operator_organisation_id = $2)`,
    measures: [
      { key: 'enrolled', label: 'Enrolled', unit: 'COUNT', definition: 'Enrolments (ENROLLED events).', sql: `count(DISTINCT e.entry_id) FILTER (WHERE e.m_state = 'ENROLLED')::float8` },
      { key: 'completed', label: 'Completed', unit: 'COUNT', definition: 'COMPLETED events.', sql: `count(DISTINCT e.entry_id) FILTER (WHERE e.m_state = 'COMPLETED')::float8` },
      { key: 'droppedOut', label: 'Dropped out', unit: 'COUNT', definition: 'DROPPED_OUT events.', sql: `count(DISTINCT e.entry_id) FILTER (WHERE e.m_state = 'DROPPED_OUT')::float8` },
      {
        key: 'seatsUsedPercent', label: 'Seats used', unit: 'PERCENT', definition: 'Enrolled minus dropped out, in percent of the programme\'s capacity (broken down by programme only).',
        sql: `CASE WHEN {dimension} = 'PROGRAMME' AND NOT {isTotal} THEN round(100.0 * (count(DISTINCT e.entry_id) FILTER (WHERE e.m_state = 'ENROLLED') - count(DISTINCT e.entry_id) FILTER (WHERE e.m_state = 'DROPPED_OUT')) / NULLIF(max(e.m_capacity), 0), 1)::float8 END`,
      },
    ],
    dimensions: [...FIRM_DIMENSIONS, DashboardDimension.PROGRAMME],
    defaultDimension: DashboardDimension.PROGRAMME,
    drillDown: true,
  },
  [DashboardPanelKind.OUTCOMES]: {
    kind: DashboardPanelKind.OUTCOMES,
    title: 'Outcomes',
    definition:
      'Per firm of the area and source, its latest current OUTCOME_REPORT whose figures are for a day in the period (details.measuredOn). Self-reported and register-measured figures are separate measures and are never added together; amounts are summed per currency.',
    unit: 'firms',
    events: `SELECT * FROM (SELECT DISTINCT ON (1, t.firm_id, t.details->>'source')
        ${PERIOD(`((t.details->>'measuredOn')::date::timestamp AT TIME ZONE '${TZ}')`)} AS period,
        ((t.details->>'measuredOn')::date::timestamp AT TIME ZONE '${TZ}') AS at, t.id AS entry_id, 'TOUCHPOINT' AS entry_kind, t.firm_id, t.firm_id AS unit_id,
        t.organisation_id AS owner_id, t.organisation_id AS org_id, ${FIRM_DIMS()}, ${NO_EXTRA},
        t.details->>'source' AS m_source, (t.details->>'jobs')::float8 AS m_jobs, (t.details->>'revenue')::float8 AS m_revenue,
        (t.details->>'exportRevenue')::float8 AS m_export, t.details->>'currency' AS m_currency
      FROM touchpoint t JOIN firm f ON f.id = t.firm_id
      WHERE t.kind = 'OUTCOME_REPORT' AND ${IN_RANGE(`((t.details->>'measuredOn')::date::timestamp AT TIME ZONE '${TZ}')`)}
        AND (f.municipality_id = ANY($1) OR t.organisation_id = $2) AND ${CURRENT_TP}
      ORDER BY 1, t.firm_id, t.details->>'source', (t.details->>'measuredOn')::date DESC, t.recorded_at DESC, t.id) latest`,
    measures: [
      ...(['SELF_REPORTED', 'REGISTER_MEASURED'] as const).map((s): MeasureDef => ({
        key: s === 'SELF_REPORTED' ? 'jobsSelfReported' : 'jobsRegisterMeasured', label: s === 'SELF_REPORTED' ? 'Jobs (self-reported)' : 'Jobs (register)', unit: 'JOBS',
        definition: `Sum of jobs in the firms' latest ${s} report of the period.`, sql: `sum(e.m_jobs) FILTER (WHERE e.m_source = '${s}')::float8`,
      })),
      ...(['DKK', 'SEK'] as const).flatMap((cur) => (['SELF_REPORTED', 'REGISTER_MEASURED'] as const).flatMap((s) => {
        const src = s === 'SELF_REPORTED' ? 'SelfReported' : 'RegisterMeasured';
        const srcLabel = s === 'SELF_REPORTED' ? 'self-reported' : 'register';
        return [
          { key: `revenue${src}${cur}`, label: `Revenue ${cur} (${srcLabel})`, unit: cur, definition: `Sum of revenue in ${cur} in the latest ${s} reports.`, sql: `sum(e.m_revenue) FILTER (WHERE e.m_source = '${s}' AND e.m_currency = '${cur}')::float8` },
          { key: `export${src}${cur}`, label: `Export ${cur} (${srcLabel})`, unit: cur, definition: `Sum of export in ${cur} in the latest ${s} reports.`, sql: `sum(e.m_export) FILTER (WHERE e.m_source = '${s}' AND e.m_currency = '${cur}')::float8` },
        ] as MeasureDef[];
      })),
    ],
    dimensions: FIRM_DIMENSIONS,
    defaultDimension: DashboardDimension.MUNICIPALITY,
    drillDown: true,
  },
  [DashboardPanelKind.INVESTMENT]: {
    kind: DashboardPanelKind.INVESTMENT,
    title: 'Investment promotion: establishment inquiries',
    definition:
      'Establishment inquiries received in the period that the organisation coordinates or passed on, or that concern a municipality of the area. Stage is the current state; time in stage counts from the last recorded state change (establishment_inquiry_state_change). Success counts only with recorded evidence.',
    unit: 'inquiries',
    events: `SELECT ${PERIOD('i.received_at')} AS period, i.received_at AS at, i.id AS entry_id, 'INQUIRY' AS entry_kind, i.established_firm_id AS firm_id, i.id AS unit_id,
        i.coordinator_organisation_id AS owner_id, i.coordinator_organisation_id AS org_id, i.established_in_municipality_id AS mun_id, co.country::text AS country,
        NULL::text AS industry_code, NULL::int AS employees, NULL::uuid AS programme_id, NULL::text AS programme_name, i.sector::text AS sector, i.state::text AS stage, NULL::text AS focus_area,
        (i.state = 'SUCCESSFUL' AND i.evidence IS NOT NULL) AS m_success, i.realised_jobs AS m_realised_jobs, i.projected_jobs AS m_projected_jobs,
        extract(epoch FROM now() - COALESCE(sc.last_change, i.received_at)) / 86400 AS m_days_in_stage
      FROM establishment_inquiry i JOIN organisation co ON co.id = i.coordinator_organisation_id
      LEFT JOIN LATERAL (SELECT max(c.changed_at) AS last_change FROM establishment_inquiry_state_change c WHERE c.inquiry_id = i.id) sc ON true
      WHERE ${IN_RANGE('i.received_at')}
        AND ($2 IN (i.coordinator_organisation_id, i.received_from_organisation_id) OR i.established_in_municipality_id = ANY($1)
             OR EXISTS (SELECT 1 FROM establishment_inquiry_municipality im WHERE im.inquiry_id = i.id AND im.municipality_id = ANY($1)))`,
    measures: [
      { key: 'inquiries', label: 'Inquiries', unit: 'COUNT', definition: 'Establishment inquiries received.', sql: 'count(*)::float8' },
      { key: 'successfulWithEvidence', label: 'Successful (with evidence)', unit: 'COUNT', definition: 'In state SUCCESSFUL with recorded evidence.', sql: 'count(*) FILTER (WHERE e.m_success)::float8' },
      { key: 'realisedJobs', label: 'Jobs (realised)', unit: 'JOBS', definition: 'Realised jobs of the successful establishments.', sql: 'COALESCE(sum(e.m_realised_jobs) FILTER (WHERE e.m_success), 0)::float8' },
      { key: 'projectedJobs', label: 'Jobs (projected)', unit: 'JOBS', definition: 'Projected jobs of all inquiries (expectations, not outcomes).', sql: 'COALESCE(sum(e.m_projected_jobs), 0)::float8' },
      { key: 'medianDaysInStage', label: 'Days in current stage (median)', unit: 'DAYS', definition: 'Median days since the last state change, today.', sql: 'round((percentile_cont(0.5) WITHIN GROUP (ORDER BY e.m_days_in_stage))::numeric, 1)::float8' },
    ],
    dimensions: [DashboardDimension.STAGE, DashboardDimension.SECTOR, DashboardDimension.ORGANISATION, DashboardDimension.MUNICIPALITY, DashboardDimension.COUNTRY, DashboardDimension.TIME_BUCKET],
    defaultDimension: DashboardDimension.STAGE,
    drillDown: false,
  },
  [DashboardPanelKind.DELEGATIONS]: {
    kind: DashboardPanelKind.DELEGATIONS,
    title: 'Investment promotion: delegations',
    definition:
      'Foreign delegations whose visit started in the period, received by the organisation or hosted in a municipality of the area (one row per host municipality), with the value recorded in their follow-ups (delegation_follow_up).',
    unit: 'delegations',
    events: `SELECT ${PERIOD(`(d.visit_starts_on::timestamp AT TIME ZONE '${TZ}')`)} AS period, (d.visit_starts_on::timestamp AT TIME ZONE '${TZ}') AS at, d.id AS entry_id, 'DELEGATION' AS entry_kind,
        NULL::uuid AS firm_id, d.id AS unit_id, d.reception_organisation_id AS owner_id, d.reception_organisation_id AS org_id, h.municipality_id AS mun_id, ro.country::text AS country,
        NULL::text AS industry_code, NULL::int AS employees, NULL::uuid AS programme_id, NULL::text AS programme_name, d.sector_focus::text AS sector, NULL::text AS stage, NULL::text AS focus_area,
        row_number() OVER (PARTITION BY d.id ORDER BY h.municipality_id) = 1 AS m_first, d.visitor_count AS m_visitors,
        fu.contacts AS m_contacts, fu.establishments AS m_establishments, fu.jobs AS m_jobs
      FROM delegation d JOIN organisation ro ON ro.id = d.reception_organisation_id
      LEFT JOIN delegation_host h ON h.delegation_id = d.id
      LEFT JOIN LATERAL (SELECT sum(x.contacts_made) AS contacts, sum(x.establishments) AS establishments, sum(x.jobs_created) AS jobs
                           FROM delegation_follow_up x WHERE x.delegation_id = d.id) fu ON true
      WHERE ${IN_RANGE(`(d.visit_starts_on::timestamp AT TIME ZONE '${TZ}')`)} AND (d.reception_organisation_id = $2 OR h.municipality_id = ANY($1))`,
    measures: [
      { key: 'delegations', label: 'Delegations', unit: 'COUNT', definition: 'Distinct delegations.', sql: 'count(DISTINCT e.unit_id)::float8' },
      { key: 'visitors', label: 'Visitors', unit: 'COUNT', definition: 'Visitors of those delegations (each delegation once in the total).', sql: 'COALESCE(CASE WHEN {isTotal} THEN sum(e.m_visitors) FILTER (WHERE e.m_first) ELSE sum(e.m_visitors) END, 0)::float8' },
      { key: 'contacts', label: 'Contacts made', unit: 'COUNT', definition: 'Contacts made, from follow-ups.', sql: 'COALESCE(CASE WHEN {isTotal} THEN sum(e.m_contacts) FILTER (WHERE e.m_first) ELSE sum(e.m_contacts) END, 0)::float8' },
      { key: 'establishments', label: 'Establishments', unit: 'COUNT', definition: 'Establishments, from follow-ups.', sql: 'COALESCE(CASE WHEN {isTotal} THEN sum(e.m_establishments) FILTER (WHERE e.m_first) ELSE sum(e.m_establishments) END, 0)::float8' },
      { key: 'jobsCreated', label: 'Jobs created', unit: 'JOBS', definition: 'Jobs created, from follow-ups.', sql: 'COALESCE(CASE WHEN {isTotal} THEN sum(e.m_jobs) FILTER (WHERE e.m_first) ELSE sum(e.m_jobs) END, 0)::float8' },
    ],
    dimensions: [DashboardDimension.MUNICIPALITY, DashboardDimension.SECTOR, DashboardDimension.ORGANISATION, DashboardDimension.COUNTRY, DashboardDimension.TIME_BUCKET],
    defaultDimension: DashboardDimension.MUNICIPALITY,
    drillDown: false,
  },
  [DashboardPanelKind.NETWORKS_AND_CLUSTERS]: {
    kind: DashboardPanelKind.NETWORKS_AND_CLUSTERS,
    title: 'Networks and clusters',
    definition:
      'Attendance recorded at network meetings and cluster activities held in the period, and members who joined in the period, for firms of the area or networks/clusters of the organisation. "Organisation" is the network or cluster.',
    unit: 'firms',
    events: `SELECT ${PERIOD(`(nm.held_on::timestamp AT TIME ZONE '${TZ}')`)} AS period, (nm.held_on::timestamp AT TIME ZONE '${TZ}') AS at, np.id AS entry_id, 'NETWORK_ATTENDANCE' AS entry_kind,
          mem.firm_id, COALESCE(mem.firm_id, mem.id) AS unit_id, n.owner_organisation_id AS owner_id, COALESCE(n.organisation_id, n.owner_organisation_id) AS org_id, ${FIRM_DIMS()}, ${NO_EXTRA},
          nm.id AS m_event_id, true AS m_attended, false AS m_joined
        FROM network_meeting_participant np JOIN network_meeting nm ON nm.id = np.meeting_id JOIN network n ON n.id = nm.network_id
        JOIN network_member mem ON mem.id = np.member_id LEFT JOIN firm f ON f.id = mem.firm_id
        WHERE np.attended AND ${IN_RANGE(`(nm.held_on::timestamp AT TIME ZONE '${TZ}')`)} AND (f.municipality_id = ANY($1) OR $2 IN (n.owner_organisation_id, n.organisation_id))
      UNION ALL
      SELECT ${PERIOD('ca.starts_at')}, ca.starts_at, caa.id, 'CLUSTER_ATTENDANCE', caa.firm_id, COALESCE(caa.firm_id, caa.organisation_id, caa.id), ca.cluster_organisation_id, ca.cluster_organisation_id,
          ${FIRM_DIMS()}, ${NO_EXTRA}, ca.id, true, false
        FROM cluster_activity_attendance caa JOIN cluster_activity ca ON ca.id = caa.activity_id LEFT JOIN firm f ON f.id = caa.firm_id
        WHERE ${IN_RANGE('ca.starts_at')} AND (f.municipality_id = ANY($1) OR ca.cluster_organisation_id = $2)
      UNION ALL
      SELECT ${PERIOD('mem.joined_at')}, mem.joined_at, mem.id, 'NETWORK_MEMBER', mem.firm_id, COALESCE(mem.firm_id, mem.id), n.owner_organisation_id, COALESCE(n.organisation_id, n.owner_organisation_id),
          ${FIRM_DIMS()}, ${NO_EXTRA}, NULL::uuid, false, true
        FROM network_member mem JOIN network n ON n.id = mem.network_id LEFT JOIN firm f ON f.id = mem.firm_id
        WHERE ${IN_RANGE('mem.joined_at')} AND (f.municipality_id = ANY($1) OR $2 IN (n.owner_organisation_id, n.organisation_id))
      UNION ALL
      SELECT ${PERIOD(`(cm.joined_on::timestamp AT TIME ZONE '${TZ}')`)}, (cm.joined_on::timestamp AT TIME ZONE '${TZ}'), cm.id, 'CLUSTER_MEMBER', cm.firm_id, COALESCE(cm.firm_id, cm.organisation_id, cm.id),
          cm.cluster_organisation_id, cm.cluster_organisation_id, ${FIRM_DIMS()}, ${NO_EXTRA}, NULL::uuid, false, true
        FROM cluster_member cm LEFT JOIN firm f ON f.id = cm.firm_id
        WHERE ${IN_RANGE(`(cm.joined_on::timestamp AT TIME ZONE '${TZ}')`)} AND (f.municipality_id = ANY($1) OR cm.cluster_organisation_id = $2)`,
    measures: [
      { key: 'meetingsAndActivities', label: 'Meetings and activities', unit: 'COUNT', definition: 'Distinct network meetings and cluster activities with recorded attendance.', sql: 'count(DISTINCT e.m_event_id)::float8' },
      { key: 'attendances', label: 'Attendances', unit: 'COUNT', definition: 'Recorded attendances.', sql: 'count(*) FILTER (WHERE e.m_attended)::float8' },
      { key: 'attendingFirms', label: 'Attending firms', unit: 'COUNT', definition: 'Distinct firms that attended.', sql: 'count(DISTINCT e.firm_id) FILTER (WHERE e.m_attended)::float8' },
      { key: 'newMembers', label: 'New members', unit: 'COUNT', definition: 'Members who joined a network or cluster in the period.', sql: 'count(*) FILTER (WHERE e.m_joined)::float8' },
    ],
    dimensions: [DashboardDimension.MUNICIPALITY, DashboardDimension.ORGANISATION, DashboardDimension.REGION, DashboardDimension.INDUSTRY, DashboardDimension.SIZE_CLASS, DashboardDimension.TIME_BUCKET],
    defaultDimension: DashboardDimension.MUNICIPALITY,
    drillDown: false,
  },
};

// Referrals from dashboard_referral: one row per referral (the percentiles need each one's days), with its
// steps' times and its firm's register data already joined; the same measures as over the events.
PANELS[DashboardPanelKind.REFERRALS].rollup = {
  events: `SELECT ${PERIOD('r.sent_at')} AS period, r.sent_at AS at, r.firm_id, r.firm_id AS unit_id,
        CASE WHEN $2 IN (r.sender_organisation_id, r.receiver_organisation_id) THEN $2::uuid ELSE r.sender_organisation_id END AS owner_id,
        r.receiver_organisation_id AS org_id, r.municipality_id AS mun_id, r.country::text AS country, r.industry_code, r.employees, ${NO_EXTRA},
        r.receiver_kind AS m_receiver_kind, r.sender_organisation_id = $2 AS m_sent_by_you, r.receiver_organisation_id = $2 AS m_received_by_you,
        r.ack_at AS m_ack_at, r.fc_at AS m_fc_at, r.closed_at AS m_closed_at, 1 AS n, r.sent_at AT TIME ZONE '${TZ}' AS local_at
      FROM dashboard_referral r
      WHERE ${IN_RANGE('r.sent_at')} AND (r.municipality_id = ANY($1) OR $2 IN (r.sender_organisation_id, r.receiver_organisation_id))`,
  measures: PANELS[DashboardPanelKind.REFERRALS].measures,
};

// Programmes from dashboard_enrolment_event (migration 1769190000000): one row per enrolment event with its
// firm's register data copied, so the area is an index range instead of a hash join against every firm; the
// operator's programmes are the other index range. Programme name, operator and capacity are read live.
PANELS[DashboardPanelKind.PROGRAMMES].rollup = {
  events: `SELECT ${PERIOD('r.recorded_at')} AS period, r.recorded_at AS at, r.enrolment_id AS entry_id, r.firm_id, r.firm_id AS unit_id,
        p.operator_organisation_id AS owner_id, p.operator_organisation_id AS org_id, r.municipality_id AS mun_id, r.country::text AS country, r.industry_code, r.employees,
        p.id AS programme_id, p.name AS programme_name, NULL::text AS sector, NULL::text AS stage, NULL::text AS focus_area,
        r.state::text AS m_state, p.capacity AS m_capacity, 1 AS n, r.recorded_at AT TIME ZONE '${TZ}' AS local_at
      FROM dashboard_enrolment_event r JOIN programme p ON p.id = r.programme_id
      WHERE ${IN_RANGE('r.recorded_at')}
        AND (r.municipality_id = ANY($1) OR r.programme_id = ANY(ARRAY(SELECT op.id FROM programme op WHERE op.operator_organisation_id = $2)))`,
  measures: PANELS[DashboardPanelKind.PROGRAMMES].measures,
};

// Outcomes from dashboard_outcome_report (migration 1769200000000): one row per current outcome report with its
// figures as columns and its firm's register data copied, so the area and the organisation's own reports are index
// ranges over measured_on (the period's local days, LOCAL_DAY); the latest report per
// firm and source of each period is still picked here, exactly as over the events.
const OUTCOME_AT = `(r.measured_on::timestamp AT TIME ZONE '${TZ}')`;
// The period's bounds are always Copenhagen midnights (resolvePeriod), so "the day's midnight is in the period" is a
// date comparison with the bounds' local days - no time-zone conversion per report (the national panel reads ~5,000).
const LOCAL_DAY = (bound: string) => `(${bound} AT TIME ZONE '${TZ}')::date`;
PANELS[DashboardPanelKind.OUTCOMES].rollup = {
  events: `SELECT * FROM (SELECT DISTINCT ON (1, r.firm_id, r.source)
        (CASE WHEN r.measured_on >= ${LOCAL_DAY('$3')} THEN 'C' ELSE 'P' END) AS period, ${OUTCOME_AT} AS at, r.touchpoint_id AS entry_id, 'TOUCHPOINT' AS entry_kind, r.firm_id, r.firm_id AS unit_id,
        r.organisation_id AS owner_id, r.organisation_id AS org_id, r.municipality_id AS mun_id, r.country::text AS country, r.industry_code, r.employees, ${NO_EXTRA},
        r.source AS m_source, r.jobs AS m_jobs, r.revenue AS m_revenue, r.export_revenue AS m_export, r.currency AS m_currency,
        1 AS n, r.measured_on::timestamp AS local_at
      FROM dashboard_outcome_report r
      WHERE r.measured_on >= ${LOCAL_DAY('$5')} AND r.measured_on < ${LOCAL_DAY('$4')}
        AND (r.municipality_id = ANY($1) OR r.organisation_id = $2)
      ORDER BY 1, r.firm_id, r.source, r.measured_on DESC, r.recorded_at DESC, r.touchpoint_id) latest`,
  measures: PANELS[DashboardPanelKind.OUTCOMES].measures,
};

/** Types every parameter, also those a panel does not use (an unreferenced one has no type in PostgreSQL). */
const PARAMS = `params AS (SELECT $1::uuid[] AS area, $2::uuid AS org, $3::timestamptz AS p_from, $4::timestamptz AS p_to, $5::timestamptz AS prev_from, $6::text AS bucket)`;
/** Row keys of the drill-down: the total, and the group whose key is unknown (NULL). */
export const TOTAL_KEY = '__TOTAL__';
export const NONE_KEY = '__NONE__';

const ROLLUP_TIME_BUCKET = { key: `to_char(date_trunc($6, e.local_at), 'YYYY-MM-DD')`, label: `to_char(date_trunc($6, e.local_at), 'YYYY-MM-DD')`, joins: '' };
const ROLLUP_PARAMS = `rollup_params AS (SELECT $7::date AS lo, $8::date AS hi, $9::date AS gap_lo, $10::date AS gap_hi, $11::timestamptz[] AS edge_from, $12::timestamptz[] AS edge_to)`;

/**
 * The one statement of a panel: rows and total, for the period and the previous one. With `rollup`, over the
 * panel's rollup rows (each standing for `n` events) and the parameters $7-$12 of rollupParams.
 */
export function panelStatement(def: PanelDef, dimension: Exclude<DashboardDimension, DashboardDimension.AGREEMENT_KPI>, rollup = false, edges = true): string {
  const rolled = rollup && def.rollup ? def.rollup : null;
  // Whole months only (the usual period): no edge branch to plan.
  // `{unit}`: the rollup's compact firm_key (migration 1769224000000) when the rollup rows are all there is; with
  // edge days read from the events the firm's uuid, the one key both branches have.
  const withEdges = !!(rolled?.edges && edges);
  const unit = (sql: string) => sql.replaceAll('{unit}', withEdges ? 'r.firm_id' : 'r.firm_key');
  const source = rolled && { ...rolled, events: withEdges ? `${unit(rolled.events)}\n      UNION ALL\n      ${rolled.edges}` : unit(rolled.events) };
  const dim = source && dimension === DashboardDimension.TIME_BUCKET ? ROLLUP_TIME_BUCKET : DIMENSION_SQL[dimension];
  const isTotal = `(GROUPING(${dim.key}) = 1)`;
  if (source?.perUnit) return perUnitStatement(source.events, source.perUnit, dim, dimension);
  const measures = (source?.measures ?? def.measures)
    .map((m) => `${m.sql.replaceAll('{isTotal}', isTotal).replaceAll('{dimension}', `'${dimension}'`)} AS "${m.key}"`)
    .join(',\n       ');
  return `WITH ${PARAMS}, ${source ? `${ROLLUP_PARAMS}, ` : ''}e AS (${source ? source.events : def.events})
SELECT e.period, ${isTotal} AS is_total, ${dim.key} AS key, min(${dim.label}) AS label,
       count(DISTINCT e.unit_id)::int AS units,
       -- Whether any unit is another organisation's (suppression spares own-only cells): a yes/no, not a second
       -- count(DISTINCT) - that cost 40-50 ms per national panel.
       bool_or(e.owner_id IS DISTINCT FROM $2) AS has_foreign,
       ${source ? 'sum(e.n)::int' : 'count(*)::int'} AS events,
       ${source ? 'COALESCE(sum(e.n) FILTER (WHERE e.owner_id = $2), 0)::int' : 'count(*) FILTER (WHERE e.owner_id = $2)::int'} AS own_events,
       ${measures}
  FROM e ${dim.joins}
 GROUP BY GROUPING SETS ((e.period, ${dim.key}), (e.period))`;
}

/** A rollup read aggregated per firm first, then per cell (PerUnitDef): the columns of panelStatement. */
/**
 * Breakdowns by the firm's own register data or latest assessment: every rollup row of a firm carries the same
 * copied register columns (the firm trigger rewrites them together), so a firm falls in exactly one cell and the
 * total is the sum of the cells' per-firm rows - no second per-firm grouping set for the total.
 */
const FIRM_KEYED = new Set<DashboardDimension>([
  DashboardDimension.MUNICIPALITY, DashboardDimension.REGION, DashboardDimension.COUNTRY, DashboardDimension.INDUSTRY,
  DashboardDimension.SIZE_CLASS, DashboardDimension.GROWTH_POTENTIAL, DashboardDimension.SEGMENT,
]);

function perUnitStatement(events: string, def: PerUnitDef, dim: { key: string; label: string; joins: string }, dimension: DashboardDimension): string {
  const single = FIRM_KEYED.has(dimension);
  const measures = def.measures
    .map((m) => `${m.sql.replaceAll('{isTotal}', single ? '(GROUPING(u.key) = 1)' : 'u.is_total').replaceAll('{dimension}', `'${dimension}'`)} AS "${m.key}"`)
    .join(',\n       ');
  // A key that is a column cast to text (`mn.region_id::text`) is grouped on the column and cast once per cell at
  // the output: the per-firm hash then neither casts nor hashes a text per row (national growth work 175 -> 153 ms).
  const column = /^([a-z_]+\.[a-z_]+)::text$/.exec(dim.key)?.[1];
  const inner = column ?? dim.key;
  const outer = column ? 'u.key::text' : 'u.key';
  return `WITH ${PARAMS}, ${ROLLUP_PARAMS}, e AS (${events}),
u AS (SELECT e.period, ${single ? '' : `(GROUPING(${inner}) = 1) AS is_total, `}${inner} AS key, min(${dim.label}) AS label, e.unit_id,
             bool_or(e.owner_id IS DISTINCT FROM $2) AS foreign_unit, sum(e.n) AS n, sum(e.n) FILTER (WHERE e.owner_id = $2) AS own_n,
             ${def.columns}
        FROM e ${dim.joins}
       GROUP BY ${single ? `e.period, ${inner}, e.unit_id)` : `GROUPING SETS ((e.period, ${inner}, e.unit_id), (e.period, e.unit_id)))`}
SELECT u.period, ${single ? '(GROUPING(u.key) = 1)' : 'u.is_total'} AS is_total, ${outer} AS key, min(u.label) AS label,
       count(u.unit_id)::int AS units,
       bool_or(u.foreign_unit) AS has_foreign,
       sum(u.n)::int AS events,
       COALESCE(sum(u.own_n), 0)::int AS own_events,
       ${measures}
  FROM u
 GROUP BY ${single ? 'GROUPING SETS ((u.period, u.key), (u.period))' : 'u.period, u.is_total, u.key'}`;
}

/** The entries behind one cell (current period), newest first, for the drill-down. */
export function drillDownStatement(def: PanelDef, dimension: Exclude<DashboardDimension, DashboardDimension.AGREEMENT_KPI>): string {
  const dim = DIMENSION_SQL[dimension];
  return `WITH ${PARAMS}, e AS (${def.events})
SELECT DISTINCT e.entry_id, e.entry_kind, e.firm_id, e.owner_id, e.at
  FROM e ${dim.joins}
 WHERE e.period = 'C' AND ($7::text = '${TOTAL_KEY}' OR (${dim.key}) IS NOT DISTINCT FROM NULLIF($7::text, '${NONE_KEY}'))
 ORDER BY e.at DESC, e.entry_id
 LIMIT $8`;
}
