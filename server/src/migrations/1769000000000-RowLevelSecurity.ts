import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security on every owned table: the second wall behind the app's visibility rules (see
 * core/rls.ts and core/row-rules.ts, which lists each table's rule in words).
 *
 * The request's scope arrives as transaction-local settings (set_config(..., true)):
 *   app.org_ids        organisations the caller reads in          -> gg_org_ids()
 *   app.write_org_ids  organisations the caller records in         -> gg_write_org_ids()  (API keys: none)
 *   app.admin_org_ids  organisations the caller administers        -> gg_admin_org_ids()
 *   app.user_id        the signed-in user (none for API keys)      -> gg_user_id()
 * Unset settings mean an empty scope, so an unscoped read of an owned table returns nothing.
 *
 * Rules that need another owned table which in turn looks back (delegation <-> hosts, agreement <->
 * parties, ...) go through SECURITY DEFINER functions owned by the owner: they read without policies but
 * only answer yes/no for the caller's own organisation list. They name every table with its schema, so a
 * caller's search_path (or temporary table) cannot redirect them.
 *
 * The owner (CURRENT_USER here: whoever runs the migrations) keeps a policy of its own: migrations, the
 * demo seed and the retention job run as it. A superuser owner bypasses RLS anyway; a plain owner would
 * otherwise see nothing under FORCE.
 */

// The scope as InitPlans (evaluated once per statement, not per row); the cast keeps ANY() reading an array.
// Journey sharing rules, frozen here as the migration was written (journeys/journey.enums.ts).
const PUBLIC_SUPPORT_KINDS = `'{GROWTH_HOUSE,MUNICIPALITY,BUSINESS_COUNCIL,REGION,REGIONAL_COUNCIL,NATIONAL_AGENCY,INVESTMENT_PROMOTION_AGENCY,CLUSTER,CLUSTER_OFFICE}'::text[]`;
const OPEN_REFERRAL = `'{SENT,ACCEPTED,FIRST_CONTACT}'::text[]`;

export const O = '(SELECT public.gg_org_ids())::uuid[]';
export const W = '(SELECT public.gg_write_org_ids())::uuid[]';
export const A = '(SELECT public.gg_admin_org_ids())::uuid[]';
export const U = '(SELECT public.gg_user_id())';
/** Journeys are read by signed-in people only (never API keys). */
const PERSON = `${U} IS NOT NULL`;

export interface Rule {
  read: string;
  /**
   * WITH CHECK of INSERT and UPDATE, USING of DELETE. UPDATE's USING is `read`: a locking read
   * (SELECT ... FOR UPDATE) of a row the caller sees but may not change still finds it, so the app answers
   * NOT_ALLOWED rather than NOT_FOUND - and an UPDATE of it fails the WITH CHECK.
   */
  write: string;
}

const journeyShared = (firm: string, owner: string) => `public.gg_journey_shared(${firm}, ${owner})`;

export const RLS_RULES: Record<string, Rule> = {
  // identity
  app_user: { read: `${U} IS NOT NULL`, write: `id = ${U}` },
  membership: { read: `user_id = ${U} OR organisation_id = ANY(${O})`, write: `organisation_id = ANY(${A})` },
  session: { read: `user_id = ${U}`, write: `user_id = ${U}` },
  api_key: { read: `organisation_id = ANY(${A})`, write: `organisation_id = ANY(${A})` },
  // firms: register firms are public, prospects only their recording organisation's
  firm: {
    read: `status <> 'PROSPECT' OR owner_organisation_id = ANY(${O})`,
    write: `cardinality(${W}) > 0 AND (status <> 'PROSPECT' OR owner_organisation_id = ANY(${W}))`,
  },
  growth_potential_assessment: {
    read: `organisation_id = ANY(${O}) OR EXISTS (SELECT 1 FROM public.firm f WHERE f.id = firm_id)`,
    write: `organisation_id = ANY(${W})`,
  },
  // the register's change history: whoever sees the firm (the policy on firm decides)
  firm_change: {
    read: `EXISTS (SELECT 1 FROM public.firm f WHERE f.id = firm_id)`,
    write: `changed_by_organisation_id = ANY(${W}) AND EXISTS (SELECT 1 FROM public.firm f WHERE f.id = firm_id)`,
  },
  // journeys
  touchpoint: { read: `${PERSON} AND (organisation_id = ANY(${O}) OR ${journeyShared('firm_id', 'organisation_id')})`, write: `organisation_id = ANY(${W})` },
  growth_plan_milestone: {
    read: `${PERSON} AND (organisation_id = ANY(${O}) OR ${journeyShared('firm_id', 'organisation_id')})`,
    write: `organisation_id = ANY(${W})`,
  },
  referral: {
    read: `${PERSON} AND (sender_organisation_id = ANY(${O}) OR receiver_organisation_id = ANY(${O}))`,
    write: `sender_organisation_id = ANY(${W}) OR receiver_organisation_id = ANY(${W})`,
  },
  referral_step: {
    read: `EXISTS (SELECT 1 FROM public.referral r WHERE r.id = referral_id)`,
    write: `EXISTS (SELECT 1 FROM public.referral r WHERE r.id = referral_id AND (r.sender_organisation_id = ANY(${W}) OR r.receiver_organisation_id = ANY(${W})))`,
  },
  firm_consent: { read: `${PERSON} AND (organisation_id = ANY(${O}) OR ${journeyShared('firm_id', 'organisation_id')})`, write: `organisation_id = ANY(${W})` },
  firm_consent_recipient: {
    read: `EXISTS (SELECT 1 FROM public.firm_consent c WHERE c.id = consent_id)`,
    write: `EXISTS (SELECT 1 FROM public.firm_consent c WHERE c.id = consent_id AND c.organisation_id = ANY(${W}))`,
  },
  journey_access_log: {
    read: `${PERSON} AND (viewer_organisation_id = ANY(${O}) OR owner_organisation_id = ANY(${O}))`,
    // Reading is logged by the reader, a VIEWER included.
    write: `viewer_organisation_id = ANY(${O}) AND viewer_user_id = ${U}`,
  },
  contact_person: { read: `${PERSON} AND organisation_id = ANY(${O})`, write: `organisation_id = ANY(${W})` },
  contact_person_reveal_log: { read: `${PERSON} AND organisation_id = ANY(${O})`, write: `organisation_id = ANY(${O}) AND user_id = ${U}` },
  // programmes: drafts only to the operator; enrolments only to the operator
  programme: {
    read: `state::text IN ('OPEN', 'RUNNING', 'CLOSED') OR operator_organisation_id = ANY(${O})`,
    write: `operator_organisation_id = ANY(${W})`,
  },
  programme_funding_source: {
    read: `EXISTS (SELECT 1 FROM public.programme p WHERE p.id = programme_id)`,
    write: `EXISTS (SELECT 1 FROM public.programme p WHERE p.id = programme_id AND p.operator_organisation_id = ANY(${W}))`,
  },
  programme_kpi: {
    read: `EXISTS (SELECT 1 FROM public.programme p WHERE p.id = programme_id)`,
    write: `EXISTS (SELECT 1 FROM public.programme p WHERE p.id = programme_id AND p.operator_organisation_id = ANY(${W}))`,
  },
  programme_enrolment: {
    read: `EXISTS (SELECT 1 FROM public.programme p WHERE p.id = programme_id AND p.operator_organisation_id = ANY(${O}))`,
    write: `EXISTS (SELECT 1 FROM public.programme p WHERE p.id = programme_id AND p.operator_organisation_id = ANY(${W}))`,
  },
  programme_enrolment_event: {
    read: `EXISTS (SELECT 1 FROM public.programme_enrolment e WHERE e.id = enrolment_id)`,
    write: `EXISTS (SELECT 1 FROM public.programme_enrolment e JOIN public.programme p ON p.id = e.programme_id WHERE e.id = enrolment_id AND p.operator_organisation_id = ANY(${W}))`,
  },
  // clusters: members and attendance to the cluster's own members; proposals and co-financing to their parties
  cluster_member: {
    read: `cluster_organisation_id = ANY(${O}) OR organisation_id = ANY(${O})`,
    write: `cluster_organisation_id = ANY(${W})`,
  },
  cluster_activity_attendance: {
    read: `organisation_id = ANY(${O}) OR EXISTS (SELECT 1 FROM public.cluster_activity a WHERE a.id = activity_id AND (a.cluster_organisation_id = ANY(${O}) OR a.office_organisation_id = ANY(${O})))`,
    write: `EXISTS (SELECT 1 FROM public.cluster_activity a WHERE a.id = activity_id AND (a.cluster_organisation_id = ANY(${W}) OR a.office_organisation_id = ANY(${W})))`,
  },
  office_placement_proposal: {
    read: `cluster_organisation_id = ANY(${O}) OR lead_municipality_id = ANY(${O})`,
    write: `cluster_organisation_id = ANY(${W}) OR lead_municipality_id = ANY(${W})`,
  },
  office_placement_score: {
    read: `EXISTS (SELECT 1 FROM public.office_placement_proposal p WHERE p.id = proposal_id)`,
    write: `EXISTS (SELECT 1 FROM public.office_placement_proposal p WHERE p.id = proposal_id AND (p.cluster_organisation_id = ANY(${W}) OR p.lead_municipality_id = ANY(${W})))`,
  },
  // The direct column too: a row being inserted is not yet visible to the function (INSERT ... RETURNING).
  office_co_financing: { read: `cluster_organisation_id = ANY(${O}) OR public.gg_co_financing_party(id, ${O})`, write: `public.gg_co_financing_party(id, ${W}) OR cluster_organisation_id = ANY(${W})` },
  office_co_financing_share: { read: `public.gg_co_financing_party(co_financing_id, ${O})`, write: `public.gg_co_financing_party(co_financing_id, ${W})` },
  office_co_financing_amount: { read: `public.gg_co_financing_party(co_financing_id, ${O})`, write: `public.gg_co_financing_party(co_financing_id, ${W})` },
  // networks and funding
  network: {
    read: `owner_organisation_id = ANY(${O}) OR secretariat_organisation_id = ANY(${O}) OR organisation_id = ANY(${O})`,
    write: `owner_organisation_id = ANY(${W}) OR secretariat_organisation_id = ANY(${W}) OR organisation_id = ANY(${W})`,
  },
  network_working_group_member: { read: `EXISTS (SELECT 1 FROM public.network n WHERE n.id = network_id)`, write: `public.gg_network_party(network_id, ${W})` },
  network_member: { read: `EXISTS (SELECT 1 FROM public.network n WHERE n.id = network_id)`, write: `public.gg_network_party(network_id, ${W})` },
  network_meeting: { read: `EXISTS (SELECT 1 FROM public.network n WHERE n.id = network_id)`, write: `public.gg_network_party(network_id, ${W})` },
  network_meeting_participant: {
    read: `EXISTS (SELECT 1 FROM public.network_meeting m WHERE m.id = meeting_id)`,
    write: `EXISTS (SELECT 1 FROM public.network_meeting m WHERE m.id = meeting_id AND public.gg_network_party(m.network_id, ${W}))`,
  },
  funding_application: {
    read: `applicant_organisation_id = ANY(${O}) OR (status::text <> 'DRAFT' AND EXISTS (SELECT 1 FROM public.funding_pool p WHERE p.id = pool_id AND p.owner_organisation_id = ANY(${O})))`,
    write: `applicant_organisation_id = ANY(${W}) OR (status::text <> 'DRAFT' AND EXISTS (SELECT 1 FROM public.funding_pool p WHERE p.id = pool_id AND p.owner_organisation_id = ANY(${W})))`,
  },
  funding_budget_line: {
    read: `EXISTS (SELECT 1 FROM public.funding_application a WHERE a.id = application_id)`,
    write: `EXISTS (SELECT 1 FROM public.funding_application a WHERE a.id = application_id AND a.applicant_organisation_id = ANY(${W}))`,
  },
  // investment promotion
  delegation: { read: `public.gg_delegation_party(id, ${O}) OR reception_organisation_id = ANY(${O})`, write: `public.gg_delegation_party(id, ${W}) OR reception_organisation_id = ANY(${W})` },
  delegation_host: { read: `public.gg_delegation_party(delegation_id, ${O})`, write: `public.gg_delegation_party(delegation_id, ${W})` },
  delegation_follow_up: { read: `public.gg_delegation_party(delegation_id, ${O})`, write: `public.gg_delegation_party(delegation_id, ${W})` },
  establishment_inquiry: {
    read: `public.gg_inquiry_role(id, ${O}) IS NOT NULL OR received_from_organisation_id = ANY(${O}) OR coordinator_organisation_id = ANY(${O})`,
    write: `public.gg_inquiry_role(id, ${W}) IN ('AGENCY', 'HANDLER') OR received_from_organisation_id = ANY(${W}) OR coordinator_organisation_id = ANY(${W})`,
  },
  establishment_inquiry_municipality: { read: `public.gg_inquiry_role(inquiry_id, ${O}) IS NOT NULL`, write: `public.gg_inquiry_role(inquiry_id, ${W}) IN ('AGENCY', 'HANDLER')` },
  establishment_inquiry_state_change: { read: `public.gg_inquiry_role(inquiry_id, ${O}) IS NOT NULL`, write: `public.gg_inquiry_role(inquiry_id, ${W}) IN ('AGENCY', 'HANDLER')` },
  establishment_offer: {
    read: `municipality_id = ANY(${O}) OR public.gg_inquiry_role(inquiry_id, ${O}) = 'AGENCY'`,
    write: `municipality_id = ANY(${W}) OR public.gg_inquiry_role(inquiry_id, ${W}) = 'AGENCY'`,
  },
  investor_portal_project: {
    read: `owner_organisation_id = ANY(${O}) OR (listed AND estimated_investment_dkk >= 100000000 AND public_owner_organisation_id IS NOT NULL AND status::text IN ('PLANNED', 'IN_TENDER', 'UNDER_CONSTRUCTION'))`,
    write: `owner_organisation_id = ANY(${W})`,
  },
  // service agreements: the parties (and the creating organisation, before the parties are written)
  service_agreement: {
    read: `created_by_organisation_id = ANY(${O}) OR public.gg_agreement_party(id, ${O})`,
    write: `created_by_organisation_id = ANY(${W}) OR public.gg_agreement_party(id, ${W})`,
  },
  service_agreement_party: { read: `public.gg_agreement_party(agreement_id, ${O})`, write: `public.gg_agreement_party(agreement_id, ${W})` },
  service_agreement_version: { read: `public.gg_agreement_party(agreement_id, ${O})`, write: `public.gg_agreement_party(agreement_id, ${W})` },
  service_agreement_signature: { read: `public.gg_agreement_party(agreement_id, ${O})`, write: `public.gg_agreement_party(agreement_id, ${W})` },
  service_agreement_transition: { read: `public.gg_agreement_party(agreement_id, ${O})`, write: `public.gg_agreement_party(agreement_id, ${W})` },
  service_agreement_follow_up: { read: `public.gg_agreement_party(agreement_id, ${O})`, write: `public.gg_agreement_party(agreement_id, ${W})` },
};

const FUNCTIONS = `
CREATE OR REPLACE FUNCTION public.gg_uuid_list(setting text) RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT coalesce(string_to_array(nullif(current_setting(setting, true), ''), ',')::uuid[], '{}'::uuid[]) $$;
CREATE OR REPLACE FUNCTION public.gg_org_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT public.gg_uuid_list('app.org_ids') $$;
CREATE OR REPLACE FUNCTION public.gg_write_org_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT public.gg_uuid_list('app.write_org_ids') $$;
CREATE OR REPLACE FUNCTION public.gg_admin_org_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT public.gg_uuid_list('app.admin_org_ids') $$;
CREATE OR REPLACE FUNCTION public.gg_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

-- Journey sharing (journeys/journey.access.ts loadGrants): the caller's organisations see owner's entries
-- about a firm under an effective consent naming them (or all public business support, when they are
-- one), or an open referral of the firm between owner and them.
CREATE OR REPLACE FUNCTION public.gg_journey_shared(p_firm uuid, p_owner uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (
      SELECT 1 FROM public.firm_consent c JOIN public.organisation v ON v.id = ANY(public.gg_org_ids()) AND v.id <> c.organisation_id
       WHERE c.firm_id = p_firm AND c.organisation_id = p_owner AND c.withdrawn_at IS NULL AND c.valid_until > now()
         AND ((c.scope::text = 'ALL_PUBLIC_BUSINESS_SUPPORT' AND v.kind::text = ANY(${PUBLIC_SUPPORT_KINDS}))
           OR (c.scope::text = 'NAMED_ORGANISATIONS'
               AND EXISTS (SELECT 1 FROM public.firm_consent_recipient cr WHERE cr.consent_id = c.id AND cr.organisation_id = v.id))))
    OR EXISTS (
      SELECT 1 FROM public.referral r
       WHERE r.firm_id = p_firm AND r.status::text = ANY(${OPEN_REFERRAL}) AND r.sender_organisation_id <> r.receiver_organisation_id
         AND ((r.sender_organisation_id = p_owner AND r.receiver_organisation_id = ANY(public.gg_org_ids()))
           OR (r.receiver_organisation_id = p_owner AND r.sender_organisation_id = ANY(public.gg_org_ids()))))
$$;

CREATE OR REPLACE FUNCTION public.gg_agreement_party(p_agreement uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.service_agreement_party p WHERE p.agreement_id = p_agreement AND p.organisation_id = ANY(p_orgs))
      OR EXISTS (SELECT 1 FROM public.service_agreement a WHERE a.id = p_agreement AND a.created_by_organisation_id = ANY(p_orgs))
$$;

CREATE OR REPLACE FUNCTION public.gg_network_party(p_network uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.network n WHERE n.id = p_network
     AND (n.owner_organisation_id = ANY(p_orgs) OR n.secretariat_organisation_id = ANY(p_orgs) OR n.organisation_id = ANY(p_orgs)))
$$;

CREATE OR REPLACE FUNCTION public.gg_co_financing_party(p_cofin uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.office_co_financing c WHERE c.id = p_cofin AND c.cluster_organisation_id = ANY(p_orgs))
      OR EXISTS (SELECT 1 FROM public.office_co_financing_share s WHERE s.co_financing_id = p_cofin AND s.municipality_id = ANY(p_orgs))
$$;

CREATE OR REPLACE FUNCTION public.gg_delegation_party(p_delegation uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.delegation d WHERE d.id = p_delegation AND d.reception_organisation_id = ANY(p_orgs))
      OR EXISTS (SELECT 1 FROM public.delegation_host h WHERE h.delegation_id = p_delegation AND h.municipality_id = ANY(p_orgs))
$$;

-- investment/investment.visibility.ts: AGENCY (receiving agency or coordinator: sees offers too), HANDLER
-- (also the municipalities in the inquiry's group), OBSERVER (organisations in the coordinator's region).
CREATE OR REPLACE FUNCTION public.gg_inquiry_role(p_inquiry uuid, p_orgs uuid[]) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT CASE
    WHEN i.received_from_organisation_id = ANY(p_orgs) OR i.coordinator_organisation_id = ANY(p_orgs) THEN 'AGENCY'
    WHEN EXISTS (SELECT 1 FROM public.establishment_inquiry_municipality g WHERE g.inquiry_id = i.id AND g.municipality_id = ANY(p_orgs)) THEN 'HANDLER'
    WHEN i.coordinator_organisation_id IN (SELECT o.region_id FROM public.organisation o WHERE o.id = ANY(p_orgs) AND o.region_id IS NOT NULL) THEN 'OBSERVER'
  END
  FROM public.establishment_inquiry i WHERE i.id = p_inquiry
$$;

-- Under RLS, PostgreSQL uses a query's condition as an index condition only when its functions are
-- LEAKPROOF (else the policy must run first): lower() and LIKE are not marked so, which turned the
-- firm name-prefix search (index on lower(name)) into a sequential scan of all firms. Neither reveals
-- anything about a row but its own value, so mark them - possible only for a superuser owner (the
-- embedded and docker PostgreSQL); elsewhere the search still works, without that index.
DO $$ BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.lower(text) LEAKPROOF;
    ALTER FUNCTION pg_catalog.textlike(text, text) LEAKPROOF;
  END IF;
END $$;

-- The journeys area's view of current entries reads with the caller's rights (the touchpoint policies).
ALTER VIEW public.current_touchpoint SET (security_invoker = true);

-- Aggregates and facts that are public by design, read through views owned by the owner (so the
-- tables' policies do not narrow them). Each exposes only what its reader needs: counts, or for KPI
-- figures the counted facts without any content (no summary, no details beyond the figures, no recorder).
CREATE OR REPLACE VIEW public.cluster_member_count AS
  SELECT cluster_organisation_id, kind, count(*)::int AS n FROM public.cluster_member GROUP BY 1, 2;
CREATE OR REPLACE VIEW public.activity_attendance_count AS
  SELECT activity_id, count(*)::int AS n FROM public.cluster_activity_attendance GROUP BY 1;
-- Throughput counts: published programmes for everyone, drafts for their operator only.
CREATE OR REPLACE VIEW public.programme_enrolment_count AS
  SELECT e.programme_id, e.state, count(*)::int AS n
    FROM public.programme_enrolment e JOIN public.programme p ON p.id = e.programme_id
   WHERE p.state::text IN ('OPEN', 'RUNNING', 'CLOSED') OR p.operator_organisation_id = ANY(public.gg_org_ids())
   GROUP BY 1, 2;
-- That an organisation has journey entries about a firm (never what, when or how many): signed-in people.
CREATE OR REPLACE VIEW public.journey_presence AS
  SELECT DISTINCT firm_id, organisation_id FROM public.touchpoint WHERE public.gg_user_id() IS NOT NULL;
-- KPI figures over an area count every organisation's entries (a regional figure).
CREATE OR REPLACE VIEW public.touchpoint_fact AS
  SELECT t.id, t.firm_id, t.organisation_id, t.kind, t.occurred_at, t.recorded_at, t.supersedes_id, t.referral_id,
         jsonb_strip_nulls(jsonb_build_object('source', t.details->'source', 'jobs', t.details->'jobs', 'measuredOn', t.details->'measuredOn')) AS details
    FROM public.touchpoint t WHERE cardinality(public.gg_org_ids()) > 0;
CREATE OR REPLACE VIEW public.referral_fact AS
  SELECT r.id, r.firm_id, r.sender_organisation_id, r.receiver_organisation_id FROM public.referral r WHERE cardinality(public.gg_org_ids()) > 0;
CREATE OR REPLACE VIEW public.firm_area AS
  SELECT f.id, f.municipality_id FROM public.firm f;

-- Authentication runs before there is a scope: these answer exactly what it needs, given a credential.
CREATE OR REPLACE FUNCTION public.gg_session_memberships(p_session uuid, p_user uuid)
  RETURNS TABLE (organisation_id uuid, role text) LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT m.organisation_id, m.role::text
    FROM public.session s LEFT JOIN public.membership m ON m.user_id = s.user_id
   WHERE s.id = p_session AND s.user_id = p_user AND s.revoked_at IS NULL AND s.expires_at > now()
$$;
CREATE OR REPLACE FUNCTION public.gg_api_key_lookup(p_hash text)
  RETURNS TABLE (id uuid, organisation_id uuid) LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT k.id, k.organisation_id FROM public.api_key k WHERE k.key_hash = p_hash AND k.revoked_at IS NULL
$$;
-- Sign-in: the user id and password hash for one e-mail address (verified by the server, then the request
-- continues as that user).
CREATE OR REPLACE FUNCTION public.gg_sign_in_lookup(p_email text)
  RETURNS TABLE (id uuid, password_hash text) LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT u.id, u.password_hash::text FROM public.app_user u WHERE u.email = p_email
$$;
`;

/**
 * ENABLE + FORCE row-level security on `table` with the owner's maintenance policy and the four policies
 * of `rule`. Later migrations that add an owned table call this (with a rule written from the same
 * gg_* functions) and list the table in core/row-rules.ts; core/rls.test.ts fails until both are done.
 */
export async function applyRowRule(q: QueryRunner, table: string, rule: Rule): Promise<void> {
  await q.query(`ALTER TABLE public.${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE public.${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY gg_owner ON public.${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
  await q.query(`CREATE POLICY gg_read ON public.${table} FOR SELECT USING (${rule.read})`);
  await q.query(`CREATE POLICY gg_insert ON public.${table} FOR INSERT WITH CHECK (${rule.write})`);
  await q.query(`CREATE POLICY gg_update ON public.${table} FOR UPDATE USING (${rule.read}) WITH CHECK (${rule.write})`);
  await q.query(`CREATE POLICY gg_delete ON public.${table} FOR DELETE USING (${rule.write})`);
}

export class RowLevelSecurity1769000000000 implements MigrationInterface {
  name = 'RowLevelSecurity1769000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(FUNCTIONS);
    for (const [table, rule] of Object.entries(RLS_RULES)) await applyRowRule(q, table, rule);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(RLS_RULES)) {
      for (const p of ['gg_owner', 'gg_read', 'gg_insert', 'gg_update', 'gg_delete']) await q.query(`DROP POLICY IF EXISTS ${p} ON public.${table}`);
      await q.query(`ALTER TABLE public.${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE public.${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP VIEW IF EXISTS public.firm_area, public.referral_fact, public.touchpoint_fact, public.journey_presence,
      public.programme_enrolment_count, public.activity_attendance_count, public.cluster_member_count`);
    await q.query(`DROP FUNCTION IF EXISTS public.gg_sign_in_lookup(text), public.gg_api_key_lookup(text), public.gg_session_memberships(uuid, uuid),
      public.gg_inquiry_role(uuid, uuid[]), public.gg_delegation_party(uuid, uuid[]), public.gg_co_financing_party(uuid, uuid[]),
      public.gg_network_party(uuid, uuid[]), public.gg_agreement_party(uuid, uuid[]), public.gg_journey_shared(uuid, uuid),
      public.gg_user_id(), public.gg_admin_org_ids(), public.gg_write_org_ids(), public.gg_org_ids(), public.gg_uuid_list(text)`);
  }
}
