import { EntityManager } from 'typeorm';
import { sha256 } from '../identity/tokens';
import { Organisation } from '../organisations/organisation.entity';

/**
 * Demo audiences of the dashboards (README): a signed-in viewer and a read-only API key (for a BI tool)
 * for a KKR, a growth house, a region / län and a national agency. The KKR's key and viewer already
 * exist in the demo data (`ggk_demo_kkr_midtjylland_read_only`, viewer@kkr-midtjylland.demo).
 */
export const DASHBOARD_AUDIENCES: Array<{ orgKey: string; email: string | null; name: string; apiKey: string }> = [
  { orgKey: 'gh:fyn', email: 'viewer@fyn.demo', name: 'Frida Viewer', apiKey: 'ggk_demo_gh_fyn_read_only' },
  { orgKey: 'gh:sydjylland', email: 'viewer@sydjylland.demo', name: 'Sune Viewer', apiKey: 'ggk_demo_gh_sydjylland_read_only' },
  { orgKey: 'region:SE:08', email: 'viewer@kalmar.demo', name: 'Kerstin Viewer', apiKey: 'ggk_demo_region_kalmar_read_only' },
  { orgKey: 'erst', email: 'analyst@erst.demo', name: 'Esther Analyst', apiKey: 'ggk_demo_erhvervsstyrelsen_read_only' },
];

/**
 * Demo activity that makes the partner dashboards tell a story: two years of work (December 2024 to
 * November 2026, the second year busier) across the six erhvervshuse and their municipalities, Region
 * Kalmar län for the Swedish firms, and their referral partners. Per firm it decides - with a seeded
 * pseudo-random number drawn from the firm's CVR / organisationsnummer (md5, so the same on every
 * machine and PostgreSQL version) - whether the house met it, mapped it with the Growth Wheel, made a
 * growth plan or partnership, referred it (and how far the referral got), enrolled it in the house's
 * growth programme, and what outcomes were reported (self-reported by the firm, register-measured by
 * Erhvervsstyrelsen). The story: more firms mapped in the second year, and the share of referrals to
 * private advisors rising from about 20 % to about 38 %.
 *
 * Set-based SQL (a dozen statements whatever the number of firms): about 0.2 s at 400 firms, and it
 * scales to the benchmark's 100,000. Only firms with no journey yet are used, so the other areas' demo
 * stories (and their tests) are untouched. Timestamps are fixed calendar dates, so the figures of a
 * period are the same on every run ("the known seed" of the dashboard tests).
 */
export const DASHBOARD_ACTIVITY_START = '2024-12-01';
export const DASHBOARD_ACTIVITY_END = '2026-12-01';
/** Salt of the pseudo-random draws; change it for another (equally deterministic) data set. */
export const DASHBOARD_SEED = 'gg-dashboards-2026';

// Constants of our own are written into the SQL as literals (no user input reaches this module).
const R = (salt: string, ident = 'b.ident') => `(('x' || substr(md5(${ident} || '${salt}${DASHBOARD_SEED}'), 1, 8))::bit(32)::bigint / 4294967296.0)`;
const START = `('${DASHBOARD_ACTIVITY_START}'::date::timestamp AT TIME ZONE 'Europe/Copenhagen')`;
const END = `('${DASHBOARD_ACTIVITY_END}'::date::timestamp AT TIME ZONE 'Europe/Copenhagen')`;
const DAYS = (n: string) => `(${n}) * interval '1 day'`;

/**
 * The demo's free texts in the recording organisation's language: the firm's country decides it, as every
 * record below is made by an organisation of the firm's own country (the Danish houses, ERST and the Danish
 * partners for DK firms; Region Kalmar län and the Swedish partners for SE firms). seed/language.test.ts checks it.
 */
export const DASHBOARD_TEXTS = {
  firstMeeting: { DK: 'Første møde (demo)', SE: 'Första mötet (demo)' },
  growthMapping: { DK: 'Vækstkortlægning med Væksthjulet (demo)', SE: 'Tillväxtkartläggning med Tillväxthjulet (demo)' },
  milestoneSet: { DK: 'Milepæl i vækstplanen sat (demo)', SE: 'Milstolpe i tillväxtplanen satt (demo)' },
  partnership: { DK: 'Vækstpartnerskab indgået (demo)', SE: 'Tillväxtpartnerskap ingått (demo)' },
  referred: { DK: 'Henvist (demo)', SE: 'Hänvisad (demo)' },
  referralReason: { DK: 'Hjælp til fokusområderne fra vækstkortlægningen (demo).', SE: 'Hjälp med fokusområdena från tillväxtkartläggningen (demo).' },
  firstContactAfterReferral: { DK: 'Første kontakt efter henvisning (demo)', SE: 'Första kontakt efter hänvisning (demo)' },
  enrolled: { DK: 'Optaget på vækstforløbet (demo)', SE: 'Antagen till tillväxtprogrammet (demo)' },
  outcomeSelfReported: { DK: 'Resultater indberettet af virksomheden (demo)', SE: 'Resultat rapporterat av företaget (demo)' },
  outcomeRegisterMeasured: { DK: 'Målt i registrene (demo)', SE: 'Mätt i registren (demo)' },
  milestoneTitle: { DK: 'Vækstplan: ', SE: 'Tillväxtplan: ' },
  milestoneOwner: { DK: 'Virksomhedens ejer (demo)', SE: 'Företagets ägare (demo)' },
  programmeName: { DK: 'Vækstforløb ', SE: 'Tillväxtprogram ' },
  programmeDescription: { DK: 'Erhvervshusets vækstforløb for vækstkortlagte virksomheder (demo).', SE: 'Regionens tillväxtprogram för kartlagda företag (demo).' },
} as const;
/** The Growth Wheel's decision areas (Væksthjulet / Tillväxthjulet), as in client/src/ui/messages.ts, lower case for a title. */
export const DECISION_AREA_NAMES: Record<'DK' | 'SE', Record<string, string>> = {
  DK: {
    ADMINISTRATION: 'administration', BUSINESS_CONCEPT: 'forretningskoncept', COMMUNICATION: 'kommunikation', COMPETITIVE_POSITION: 'konkurrenceposition',
    CUSTOMER_SEGMENTS: 'kundesegmenter', EMPLOYEES: 'medarbejdere', FINANCING: 'finansiering', INTERNATIONALISATION: 'internationalisering', INVESTORS: 'investorer',
    LEGAL_STRUCTURE: 'juridisk struktur', MANAGEMENT: 'ledelse', MARKETING: 'markedsføring', NETWORK: 'netværk', OPERATIONS: 'drift', OWNERSHIP: 'ejerskab',
    PARTNERS: 'partnere', PRODUCTS_AND_SERVICES: 'produkter og ydelser', PROFITABILITY: 'rentabilitet', SALES: 'salg', VISION: 'vision',
  },
  SE: {
    ADMINISTRATION: 'administration', BUSINESS_CONCEPT: 'affärsidé', COMMUNICATION: 'kommunikation', COMPETITIVE_POSITION: 'konkurrensposition',
    CUSTOMER_SEGMENTS: 'kundsegment', EMPLOYEES: 'medarbetare', FINANCING: 'finansiering', INTERNATIONALISATION: 'internationalisering', INVESTORS: 'investerare',
    LEGAL_STRUCTURE: 'juridisk struktur', MANAGEMENT: 'ledning', MARKETING: 'marknadsföring', NETWORK: 'nätverk', OPERATIONS: 'drift', OWNERSHIP: 'ägande',
    PARTNERS: 'partner', PRODUCTS_AND_SERVICES: 'produkter och tjänster', PROFITABILITY: 'lönsamhet', SALES: 'försäljning', VISION: 'vision',
  },
};
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** SQL choosing the text of the row's country (`country` is an SQL expression giving 'DK' or 'SE'). */
const L = (key: keyof typeof DASHBOARD_TEXTS, country: string) =>
  `(CASE WHEN ${country} = 'DK' THEN ${lit(DASHBOARD_TEXTS[key].DK)} ELSE ${lit(DASHBOARD_TEXTS[key].SE)} END)`;
/** SQL naming a decision area (an SQL text expression) in the row's language. */
const AREA = (area: string, country: string) =>
  `(CASE WHEN ${country} = 'DK' THEN ${lit(JSON.stringify(DECISION_AREA_NAMES.DK))}::jsonb ELSE ${lit(JSON.stringify(DECISION_AREA_NAMES.SE))}::jsonb END ->> ${area})`;
/** The demo growth programmes of step 2 (one per house, either language). */
const DEMO_PROGRAMME = (p: string) =>
  `(${p}.name LIKE ${lit(DASHBOARD_TEXTS.programmeName.DK + '%')} OR ${p}.name LIKE ${lit(DASHBOARD_TEXTS.programmeName.SE + '%')}) AND ${p}.starts_on = '${DASHBOARD_ACTIVITY_START}'::date`;

const FOCUS_WEIGHTS: Record<string, number> = {
  SALES: 3, FINANCING: 2.6, INTERNATIONALISATION: 2.4, MARKETING: 2, MANAGEMENT: 1.8, CUSTOMER_SEGMENTS: 1.5, EMPLOYEES: 1.4, PROFITABILITY: 1.3,
  VISION: 1, BUSINESS_CONCEPT: 1, OWNERSHIP: 0.6, LEGAL_STRUCTURE: 0.4, PRODUCTS_AND_SERVICES: 1.2, COMPETITIVE_POSITION: 1, OPERATIONS: 1,
  ADMINISTRATION: 0.5, PARTNERS: 0.9, NETWORK: 0.9, INVESTORS: 1.1, COMMUNICATION: 0.8,
};

export async function seedDashboardActivity(em: EntityManager, orgs: Map<string, Organisation>): Promise<void> {
  const id = (key: string) => orgs.get(key)!.id;
  for (const a of DASHBOARD_AUDIENCES) {
    if (a.email) {
      // Same (slow to compute) demo password hash as the other demo users.
      const [{ id: userId }] = await em.query(
        `INSERT INTO app_user (email, display_name, password_hash) SELECT $1, $2, password_hash FROM app_user ORDER BY created_at, email LIMIT 1 RETURNING id`,
        [a.email, a.name],
      );
      await em.query(`INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, 'VIEWER')`, [userId, id(a.orgKey)]);
    }
    await em.query(`INSERT INTO api_key (organisation_id, name, prefix, key_hash) VALUES ($1, $2, $3, $4)`, [
      id(a.orgKey), `${orgs.get(a.orgKey)!.name} dashboard (demo)`, a.apiKey.slice(0, 10), sha256(a.apiKey),
    ]);
  }
  const keys = {
    kalmar: id('region:SE:08'), erst: id('erst'), advisorDk: id('advisor:nord'), advisorSe: id('advisor:kalmar'), eifo: id('capital:eifo'), almi: id('capital:almi'),
    fyn: id('gh:fyn'), sydjylland: id('gh:sydjylland'), hovedstaden: id('gh:hovedstaden'), au: id('ki:au'), dtu: id('ki:dtu'), lnu: id('ki:lnu'), webuild: id('cluster:webuild'), energy: id('cluster:energy'), lifescience: id('cluster:lifescience'),
  };
  const O = (k: keyof typeof keys) => `'${keys[k]}'::uuid`;

  // 1. Per firm: who works with it and when (NULL = does not happen, or after the end of the demo period).
  await em.query(
    `CREATE TEMP TABLE dash_firm ON COMMIT DROP AS
     WITH b AS (
       SELECT f.id AS firm_id, f.country::text AS country, f.municipality_id, f.employees, COALESCE(f.cvr, f.organisationsnummer) AS ident,
              CASE WHEN f.country = 'DK' THEN cov.from_id ELSE ${O('kalmar')} END AS house_id,
              (SELECT s.from_id FROM organisation_relationship s WHERE s.to_id = f.municipality_id AND s.kind = 'SERVES' LIMIT 1) AS council_id
         FROM firm f
         LEFT JOIN organisation_relationship cov ON cov.to_id = f.municipality_id AND cov.kind = 'COVERS'
        WHERE f.status = 'REGISTERED' AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.firm_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM programme_enrolment en WHERE en.firm_id = f.id)
     ), b2 AS (
       -- Hub function: Erhvervshus Sydjylland also works with a few firms of Fyn's area (other houses' records there).
       SELECT b.firm_id, b.country, b.municipality_id, b.employees, b.ident, b.council_id,
              CASE WHEN b.house_id = ${O('fyn')} AND ${R(':hub')} < 0.12 THEN ${O('sydjylland')} ELSE b.house_id END AS house_id
         FROM b
     ), t AS (
       SELECT b.*,
              ${R(':e')} < 0.30 AS engaged,
              ${START} + ${DAYS(`floor(730 * sqrt(${R(':t')}))`)} + (8 + floor(${R(':h')} * 8)) * interval '1 hour' AS t_contact,
              ${R(':m')} AS r_map, ${R(':md')} AS r_map_delay, ${R(':r')} AS r_ref, ${R(':rd')} AS r_ref_delay, ${R(':rr')} AS r_receiver, ${R(':rk')} AS r_kind,
              ${R(':ra')} AS r_ack, ${R(':rad')} AS r_ack_delay, ${R(':rf')} AS r_fc, ${R(':rfd')} AS r_fc_delay, ${R(':rc')} AS r_close, ${R(':rcd')} AS r_close_delay,
              ${R(':p')} AS r_part, ${R(':pd')} AS r_part_delay, ${R(':g')} AS r_plan, ${R(':gd')} AS r_plan_delay, ${R(':n')} AS r_enrol, ${R(':nd')} AS r_enrol_delay,
              ${R(':ns')} AS r_enrol_state, ${R(':nsd')} AS r_enrol_state_delay, ${R(':o')} AS r_outcome, ${R(':od')} AS r_outcome_delay, ${R(':ov')} AS r_outcome_value,
              ${R(':gp')} AS r_level, ${R(':ch')} AS r_channel
         FROM b2 b WHERE b.house_id IS NOT NULL
     )
     SELECT t.*, gen_random_uuid() AS referral_id, gen_random_uuid() AS milestone_id, gen_random_uuid() AS enrolment_id,
            t.t_contact + ${DAYS('7 + floor(t.r_map_delay * 28)')} AS t_map
       FROM t WHERE t.engaged`,
  );
  await em.query(
    `CREATE TEMP TABLE dash_work ON COMMIT DROP AS
     SELECT d.*,
            CASE WHEN d.r_map < 0.75 AND d.t_map < ${END} THEN d.t_map END AS map_at,
            CASE WHEN d.r_map < 0.75 AND d.r_plan < 0.5 THEN d.t_map + ${DAYS('5 + floor(d.r_plan_delay * 20)')} END AS plan_at,
            CASE WHEN d.r_map < 0.75 AND d.r_part < 0.3 THEN d.t_map + ${DAYS('30 + floor(d.r_part_delay * 60)')} END AS part_at,
            -- Erhvervshus Hovedstaden sends no referrals and runs no programme here: it is the journeys and
            -- programmes areas' "other organisation", whose tests know its slate exactly.
            CASE WHEN d.r_map < 0.75 AND d.r_ref < 0.5 AND d.house_id <> ${O('hovedstaden')} THEN d.t_map + ${DAYS('3 + floor(d.r_ref_delay * 17)')} END AS ref_at,
            CASE WHEN d.r_map < 0.75 AND d.r_enrol < 0.35 AND d.house_id <> ${O('hovedstaden')} THEN d.t_map + ${DAYS('10 + floor(d.r_enrol_delay * 30)')} END AS enrol_at,
            -- The growth focus areas: 3 decision areas, weighted towards sales, financing and internationalisation.
            ARRAY(SELECT w.area FROM jsonb_each_text('${JSON.stringify(FOCUS_WEIGHTS)}'::jsonb) AS w(area, weight)
                   ORDER BY ${R(':fa:', "d.ident || w.area")} * w.weight::float8 DESC, w.area
                   LIMIT 3) AS focus
       FROM dash_firm d WHERE d.t_contact < ${END}`,
  );
  await em.query(
    `CREATE TEMP TABLE dash_ref ON COMMIT DROP AS
     SELECT w.firm_id, w.country, w.referral_id, w.house_id AS sender_id, w.ref_at AS sent_at,
            CASE
              WHEN w.r_receiver < CASE WHEN w.ref_at < ${START} + interval '365 days' THEN 0.20 ELSE 0.38 END
                THEN CASE WHEN w.country = 'DK' THEN ${O('advisorDk')} ELSE ${O('advisorSe')} END
              WHEN w.r_kind < 0.30 THEN COALESCE(w.council_id, w.municipality_id)
              WHEN w.r_kind < 0.55 THEN CASE WHEN w.country = 'SE' THEN ${O('lnu')} WHEN w.r_kind < 0.40 THEN ${O('webuild')} WHEN w.r_kind < 0.48 THEN ${O('energy')} ELSE ${O('lifescience')} END
              WHEN w.r_kind < 0.80 THEN CASE WHEN w.country = 'DK' THEN ${O('eifo')} ELSE ${O('almi')} END
              ELSE CASE WHEN w.country = 'SE' THEN ${O('lnu')} WHEN w.r_kind < 0.9 THEN ${O('au')} ELSE ${O('dtu')} END
            END AS receiver_id,
            CASE WHEN w.r_ack < 0.85 THEN 'ACCEPTED' WHEN w.r_ack < 0.95 THEN 'DECLINED' END AS answer,
            w.ref_at + ${DAYS('1 + floor(w.r_ack_delay * 5)')} + interval '3 hours' AS answer_at,
            w.ref_at + ${DAYS('3 + floor(power(w.r_fc_delay, 2) * 40)')} + interval '5 hours' AS fc_at,
            w.r_fc < 0.8 AS fc, w.r_close < 0.7 AS closes,
            w.ref_at + ${DAYS('25 + floor(w.r_close_delay * 45)')} AS close_at
       FROM dash_work w WHERE w.ref_at < ${END}`,
  );
  // Steps only up to the end of the demo period; the status is the last step reached.
  await em.query(
    `CREATE TEMP TABLE dash_step ON COMMIT DROP AS
     SELECT r.referral_id, r.firm_id, r.sender_id, r.receiver_id, 'SENT' AS status, r.sent_at AS at, r.sender_id AS by_id, 1 AS n FROM dash_ref r
     UNION ALL SELECT r.referral_id, r.firm_id, r.sender_id, r.receiver_id, r.answer, r.answer_at, r.receiver_id, 2 FROM dash_ref r WHERE r.answer IS NOT NULL AND r.answer_at < ${END}
     UNION ALL SELECT r.referral_id, r.firm_id, r.sender_id, r.receiver_id, 'FIRST_CONTACT', r.fc_at, r.receiver_id, 3 FROM dash_ref r
       WHERE r.answer = 'ACCEPTED' AND r.fc AND r.answer_at < ${END} AND r.fc_at < ${END}
     UNION ALL SELECT r.referral_id, r.firm_id, r.sender_id, r.receiver_id, 'CLOSED', GREATEST(r.close_at, r.fc_at + interval '1 day'), r.receiver_id, 4 FROM dash_ref r
       WHERE r.answer = 'ACCEPTED' AND r.fc AND r.closes AND r.fc_at < ${END} AND GREATEST(r.close_at, r.fc_at + interval '1 day') < ${END}`,
  );
  await em.query(
    `INSERT INTO referral (id, firm_id, sender_organisation_id, receiver_organisation_id, status, reason, sent_at, status_changed_at)
     SELECT r.referral_id, r.firm_id, r.sender_id, r.receiver_id, last.status::referral_status,
            ${L('referralReason', 'r.country')}, r.sent_at, last.at
       FROM dash_ref r JOIN (SELECT DISTINCT ON (s.referral_id) s.referral_id, s.status, s.at FROM dash_step s ORDER BY s.referral_id, s.n DESC) last
         ON last.referral_id = r.referral_id`,
  );
  await em.query(
    `INSERT INTO referral_step (referral_id, status, at, by_organisation_id, note)
     SELECT s.referral_id, s.status::referral_status, s.at, s.by_id, NULL FROM dash_step s`,
  );

  // 2. Growth-plan milestones (current state) and the house's growth programme with its enrolments.
  await em.query(
    `INSERT INTO growth_plan_milestone (id, firm_id, organisation_id, title, owner_name, due_on, status, version, created_at, updated_at)
     SELECT w.milestone_id, w.firm_id, w.house_id, ${L('milestoneTitle', 'w.country')} || ${AREA('w.focus[1]', 'w.country')}, ${L('milestoneOwner', 'w.country')},
            (w.plan_at + interval '120 days')::date, (CASE WHEN w.r_plan < 0.2 THEN 'DONE' WHEN w.r_plan < 0.4 THEN 'IN_PROGRESS' ELSE 'PLANNED' END)::milestone_status,
            1, w.plan_at, w.plan_at
       FROM dash_work w WHERE w.plan_at < ${END}`,
  );
  await em.query(
    `CREATE TEMP TABLE dash_enrol ON COMMIT DROP AS
     SELECT w.firm_id, w.country, w.enrolment_id, w.house_id, w.enrol_at,
            CASE WHEN w.r_enrol_state < 0.55 THEN 'COMPLETED' WHEN w.r_enrol_state < 0.70 THEN 'DROPPED_OUT' END AS outcome,
            w.enrol_at + ${DAYS('40 + floor(w.r_enrol_state_delay * 80)')} AS outcome_at
       FROM dash_work w WHERE w.enrol_at < ${END}`,
  );
  await em.query(
    `INSERT INTO programme (operator_organisation_id, kind, name, description, starts_on, ends_on, capacity, state,
                            eligible_growth_potential_levels, eligible_region_ids, eligible_industry_code_prefixes, eligible_size_classes, version)
     SELECT e.house_id, 'DEVELOPMENT_PROGRAMME', ${L('programmeName', 'e.country')} || o.name || ' 2025-26', ${L('programmeDescription', 'e.country')},
            '${DASHBOARD_ACTIVITY_START}'::date, ('${DASHBOARD_ACTIVITY_END}'::date - 1), GREATEST(10, ceil(count(*) * 1.25))::int, 'RUNNING', '{}', '{}', '{}', '{}', 1
       FROM dash_enrol e JOIN organisation o ON o.id = e.house_id GROUP BY e.house_id, o.name, e.country`,
  );
  await em.query(
    `INSERT INTO programme_enrolment (id, programme_id, firm_id, state, version, created_at, updated_at)
     SELECT e.enrolment_id, p.id, e.firm_id, (CASE WHEN e.outcome_at < ${END} THEN COALESCE(e.outcome, 'ENROLLED') ELSE 'ENROLLED' END)::programme_enrolment_state,
            1, e.enrol_at, e.enrol_at
       FROM dash_enrol e JOIN programme p ON p.operator_organisation_id = e.house_id AND ${DEMO_PROGRAMME('p')}`,
  );
  await em.query(
    `INSERT INTO programme_enrolment_event (enrolment_id, state, note, recorded_at)
     SELECT e.enrolment_id, 'ENROLLED', NULL, e.enrol_at FROM dash_enrol e
     UNION ALL SELECT e.enrolment_id, e.outcome::programme_enrolment_state, NULL, e.outcome_at FROM dash_enrol e WHERE e.outcome IS NOT NULL AND e.outcome_at < ${END}`,
  );

  // 3. Growth-potential assessments (the history table: the latest is the current one).
  await em.query(
    `INSERT INTO growth_potential_assessment (firm_id, organisation_id, level, segment, rationale, assessed_at)
     SELECT w.firm_id, w.house_id, (CASE WHEN w.r_level < 0.25 THEN 'HIGH' WHEN w.r_level < 0.65 THEN 'MEDIUM' ELSE 'LOW' END)::growth_potential_level,
            (CASE WHEN COALESCE(w.employees, 0) < 3 THEN 'ENTREPRENEUR' WHEN w.r_level < 0.25 AND COALESCE(w.employees, 0) >= 50 THEN 'SCALE_UP'
                  WHEN w.r_level < 0.25 THEN 'GROWTH_FIRM' ELSE 'ESTABLISHED' END)::firm_segment,
            'Assessed at the growth mapping (demo).', w.map_at
       FROM dash_work w WHERE w.map_at IS NOT NULL`,
  );

  // 4. The journeys: every piece of work above as touchpoints of the organisation that did it.
  const areas = Object.keys(FOCUS_WEIGHTS);
  await em.query(
    `INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, recorded_at, summary, details, referral_id, milestone_id)
     SELECT w.firm_id, w.house_id, 'FIRST_CONTACT'::touchpoint_kind, w.t_contact, w.t_contact + interval '2 hours', ${L('firstMeeting', 'w.country')},
            jsonb_build_object('channel', (ARRAY['MEETING', 'PHONE', 'EVENT', 'WEBSITE', 'EMAIL'])[1 + floor(w.r_channel * 5)::int], 'topic', NULL), NULL::uuid, NULL::uuid
       FROM dash_work w
     UNION ALL
     SELECT w.firm_id, w.house_id, 'GROWTH_MAPPING', w.map_at, w.map_at + interval '2 hours', ${L('growthMapping', 'w.country')},
            jsonb_build_object('focusAreas', to_jsonb(w.focus), 'ambition', NULL, 'scores',
              (SELECT jsonb_agg(jsonb_build_object('decisionArea', a.area, 'score',
                        CASE WHEN a.area = ANY(w.focus) THEN 1 + floor(${R(':s1', 'w.ident || a.area')} * 2)::int
                             ELSE 2 + floor(${R(':s2', 'w.ident || a.area')} * 4)::int END) ORDER BY a.ord)
                 FROM unnest($1::text[]) WITH ORDINALITY AS a(area, ord))), NULL, NULL
       FROM dash_work w WHERE w.map_at IS NOT NULL
     UNION ALL
     SELECT m.firm_id, m.organisation_id, 'GROWTH_PLAN_MILESTONE', m.created_at, m.created_at + interval '1 hour', ${L('milestoneSet', 'w.country')},
            jsonb_build_object('milestoneId', m.id, 'title', m.title, 'ownerName', m.owner_name, 'dueOn', m.due_on, 'status', m.status, 'previousStatus', NULL), NULL, m.id
       FROM growth_plan_milestone m JOIN dash_work w ON w.milestone_id = m.id
     UNION ALL
     SELECT w.firm_id, w.house_id, 'GROWTH_PARTNERSHIP', w.part_at, w.part_at + interval '2 hours', ${L('partnership', 'w.country')},
            jsonb_build_object('periodStart', w.part_at::date, 'periodEnd', (w.part_at + interval '2 years')::date,
              'committedExtraJobs', 1 + floor(w.r_outcome_value * 9)::int, 'committedExtraRevenue', (1 + floor(w.r_outcome_value * 20)) * 500000,
              'committedExtraExport', floor(w.r_outcome_value * 10) * 250000, 'currency', CASE WHEN w.country = 'DK' THEN 'DKK' ELSE 'SEK' END), NULL, NULL
       FROM dash_work w WHERE w.part_at < ${END}
     UNION ALL
     SELECT r.firm_id, r.sender_id, 'REFERRAL', r.sent_at, r.sent_at + interval '1 hour', ${L('referred', 'r.country')},
            jsonb_build_object('referralId', r.referral_id, 'receiverOrganisationId', r.receiver_id, 'reason', ${L('referralReason', 'r.country')}), r.referral_id, NULL
       FROM dash_ref r
     UNION ALL
     SELECT s.firm_id, s.receiver_id, 'FIRST_CONTACT', s.at, s.at + interval '1 hour', ${L('firstContactAfterReferral', 'r.country')},
            jsonb_build_object('channel', 'REFERRAL', 'topic', NULL), s.referral_id, NULL
       FROM dash_step s JOIN dash_ref r ON r.referral_id = s.referral_id WHERE s.status = 'FIRST_CONTACT'
     UNION ALL
     SELECT e.firm_id, e.house_id, 'PROGRAMME_ENROLMENT', e.enrol_at, e.enrol_at + interval '1 hour', ${L('enrolled', 'e.country')},
            jsonb_build_object('programmeName', p.name, 'operatorOrganisationId', e.house_id, 'startsOn', p.starts_on), NULL, NULL
       FROM dash_enrol e JOIN programme p ON p.operator_organisation_id = e.house_id AND ${DEMO_PROGRAMME('p')}`,
    [areas],
  );
  // Outcomes of the firms in growth partnerships: self-reported by the firm to the house, and measured on
  // the registers by Erhvervsstyrelsen (Danish firms) - two sources, never mixed.
  await em.query(
    `WITH o AS (
       SELECT w.*, (w.part_at + ${DAYS('60 + floor(w.r_outcome_delay * 120)')})::date AS self_on,
              date_trunc('quarter', w.part_at + interval '200 days')::date - 1 AS register_on
         FROM dash_work w WHERE w.part_at IS NOT NULL
     )
     INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, recorded_at, summary, details)
     SELECT o.firm_id, o.house_id, 'OUTCOME_REPORT'::touchpoint_kind, o.self_on::timestamp AT TIME ZONE 'Europe/Copenhagen' + interval '10 hours',
            o.self_on::timestamp AT TIME ZONE 'Europe/Copenhagen' + interval '11 hours', ${L('outcomeSelfReported', 'o.country')},
            jsonb_build_object('measuredOn', o.self_on, 'source', 'SELF_REPORTED', 'jobs', COALESCE(o.employees, 1) + 1 + floor(o.r_outcome_value * 6)::int,
              'revenue', (COALESCE(o.employees, 1) * 900000 + floor(o.r_outcome_value * 4000000))::float8,
              'exportRevenue', (floor(o.r_outcome_value * 1500000))::float8, 'currency', CASE WHEN o.country = 'DK' THEN 'DKK' ELSE 'SEK' END)
       FROM o WHERE o.self_on < '${DASHBOARD_ACTIVITY_END}'::date
     UNION ALL
     SELECT o.firm_id, ${O('erst')}, 'OUTCOME_REPORT', o.register_on::timestamp AT TIME ZONE 'Europe/Copenhagen' + interval '40 days',
            o.register_on::timestamp AT TIME ZONE 'Europe/Copenhagen' + interval '40 days', ${L('outcomeRegisterMeasured', 'o.country')},
            jsonb_build_object('measuredOn', o.register_on, 'source', 'REGISTER_MEASURED', 'jobs', COALESCE(o.employees, 1) + floor(o.r_outcome_value * 4)::int,
              'revenue', (COALESCE(o.employees, 1) * 850000 + floor(o.r_outcome_value * 3000000))::float8, 'exportRevenue', NULL, 'currency', 'DKK')
       FROM o WHERE o.country = 'DK' AND o.r_outcome < 0.6 AND o.register_on + 40 < '${DASHBOARD_ACTIVITY_END}'::date`,
  );
}
