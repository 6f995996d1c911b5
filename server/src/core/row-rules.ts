/**
 * Every table of the database with who may read its rows - the one list to review when visibility changes
 * (like core/access.test.ts lists every operation). `owned` tables have row-level security (ENABLE + FORCE,
 * policies in the RLS migration); `public` and `system` tables do not, and say why.
 *
 * For owned tables, `oracle` restates the rule as a plain SQL condition on row `t`, evaluated as the
 * owner with $1 = the caller's organisation ids (uuid[]), $2 = the signed-in user id (uuid, null for an
 * API key) and $3 = the organisations it administers: core/rls.test.ts checks that a request sees exactly those rows. `unscoped` is the part of the
 * table a caller without any scope may read (register data, published catalogues), if any.
 * `journeyShared`: rows of other organisations visible under the journey-sharing rules
 * (journeys/journey.access.ts loadGrants), keyed by the row's firm and owner columns.
 */
export type RowRule =
  | { kind: 'owned'; rule: string; oracle: string; unscoped?: string; journeyShared?: { firm: string; owner: string } }
  | { kind: 'public' | 'system'; reason: string }
  /** A read-only view owned by the owner: what it lets through past the policies, and why. */
  | { kind: 'view'; reason: string };

const PERSON = '$2::uuid IS NOT NULL';

export const ROW_RULES: Record<string, RowRule> = {
  // --- public and system tables -------------------------------------------------------------------
  migrations: { kind: 'system', reason: 'TypeORM migration bookkeeping; the app role has no grant on it.' },
  organisation: { kind: 'public', reason: 'Organisations are public register data (names, kinds, codes, regions).' },
  organisation_relationship: { kind: 'public', reason: 'The ecosystem graph between organisations is public.' },
  cluster_activity: { kind: 'public', reason: "A cluster's activities are part of its public profile." },
  funding_pool: { kind: 'public', reason: 'Funding pools are announced publicly, so organisations can apply.' },
  reception_municipality: { kind: 'public', reason: 'Which municipalities a reception organisation covers is public configuration.' },

  idempotency_key: { kind: 'system', reason: 'Answers to retried mutations, read only by the idempotency layer for the same principal (core/idempotency.ts).' },
  rate_limit_counter: { kind: 'system', reason: 'Request and sign-in counters per hashed address/account (core/rate-limit.ts); no personal data.' },
  scheduled_job: { kind: 'system', reason: 'When each background job last ran, so it runs once across processes (core/jobs.ts).' },

  // --- views: public aggregates past the policies (read-only for the app role) -----------------------
  current_touchpoint: { kind: 'view', reason: 'Current (not superseded) touchpoints; security_invoker, so the touchpoint policies apply.' },
  cluster_member_count: { kind: 'view', reason: 'Member counts per cluster and kind are public; the members themselves are not.' },
  activity_attendance_count: { kind: 'view', reason: 'Attendance counts of activities are public; who attended is not.' },
  programme_enrolment_count: { kind: 'view', reason: 'Throughput counts of published programmes (drafts: the operator); never which firms.' },
  journey_presence: { kind: 'view', reason: 'That an organisation has entries about a firm (hiddenOrganisations), to signed-in people; nothing else.' },
  // KPI figures and their entries: no view; the party-checked functions of migration 1769226000000 (agreements/agreement.kpi.ts).

  // --- identity -------------------------------------------------------------------------------------
  app_user: { kind: 'owned', rule: 'any signed-in person (names appear as recorders); e-mail only to the user (field rule)', oracle: PERSON },
  membership: { kind: 'owned', rule: "the user's own memberships, and the members of the caller's organisations", oracle: 't.user_id = $2 OR t.organisation_id = ANY($1)' },
  session: { kind: 'owned', rule: "the user's own sessions (authentication reads them through gg_session_memberships)", oracle: 't.user_id = $2' },
  api_key: { kind: 'owned', rule: "administrators of the key's organisation (authentication: gg_api_key_lookup)", oracle: 't.organisation_id = ANY($3)' },

  // --- firms ----------------------------------------------------------------------------------------
  firm: {
    kind: 'owned',
    rule: 'register firms: everyone (public register); prospects: only the organisation that recorded them',
    oracle: "t.status::text <> 'PROSPECT' OR t.owner_organisation_id = ANY($1)",
    unscoped: "t.status::text <> 'PROSPECT'",
  },
  firm_change: {
    kind: 'owned',
    rule: 'whoever sees the firm (register history: everyone for register firms; prospects: their organisation)',
    oracle: "EXISTS (SELECT 1 FROM firm f WHERE f.id = t.firm_id AND (f.status::text <> 'PROSPECT' OR f.owner_organisation_id = ANY($1)))",
    unscoped: "EXISTS (SELECT 1 FROM firm f WHERE f.id = t.firm_id AND f.status::text <> 'PROSPECT')",
  },
  growth_potential_assessment: {
    kind: 'owned',
    rule: 'whoever sees the firm (the level history is register data); the assessing organisation',
    oracle: "t.organisation_id = ANY($1) OR EXISTS (SELECT 1 FROM firm f WHERE f.id = t.firm_id AND (f.status::text <> 'PROSPECT' OR f.owner_organisation_id = ANY($1)))",
    unscoped: "EXISTS (SELECT 1 FROM firm f WHERE f.id = t.firm_id AND f.status::text <> 'PROSPECT')",
  },

  // --- journeys (signed-in people only, never API keys) ---------------------------------------------
  touchpoint: {
    kind: 'owned',
    rule: 'the recording organisation; others under consent or an open referral (journey sharing)',
    oracle: `${PERSON} AND t.organisation_id = ANY($1)`,
    journeyShared: { firm: 'firm_id', owner: 'organisation_id' },
  },
  growth_plan_milestone: {
    kind: 'owned',
    rule: 'the organisation owning the growth plan; others under journey sharing',
    oracle: `${PERSON} AND t.organisation_id = ANY($1)`,
    journeyShared: { firm: 'firm_id', owner: 'organisation_id' },
  },
  referral: { kind: 'owned', rule: 'sender and receiver', oracle: `${PERSON} AND (t.sender_organisation_id = ANY($1) OR t.receiver_organisation_id = ANY($1))` },
  referral_step: {
    kind: 'owned',
    rule: "whoever sees the referral (sender, receiver)",
    oracle: `${PERSON} AND EXISTS (SELECT 1 FROM referral r WHERE r.id = t.referral_id AND (r.sender_organisation_id = ANY($1) OR r.receiver_organisation_id = ANY($1)))`,
  },
  firm_consent: {
    kind: 'owned',
    rule: 'the recording organisation; organisations it currently grants a basis (journey sharing)',
    oracle: `${PERSON} AND t.organisation_id = ANY($1)`,
    journeyShared: { firm: 'firm_id', owner: 'organisation_id' },
  },
  firm_consent_recipient: {
    kind: 'owned',
    rule: 'whoever sees the consent',
    oracle: `${PERSON} AND EXISTS (SELECT 1 FROM firm_consent c WHERE c.id = t.consent_id AND c.organisation_id = ANY($1))`,
  },
  journey_access_log: {
    kind: 'owned',
    rule: 'the viewing organisation and the owner of the entries viewed (who looked at our entries)',
    oracle: `${PERSON} AND (t.viewer_organisation_id = ANY($1) OR t.owner_organisation_id = ANY($1))`,
  },
  contact_person: { kind: 'owned', rule: 'the organisation that recorded the contact person (personal data)', oracle: `${PERSON} AND t.organisation_id = ANY($1)` },
  contact_person_reveal_log: { kind: 'owned', rule: 'the organisation whose member revealed the data', oracle: `${PERSON} AND t.organisation_id = ANY($1)` },

  // --- programmes -----------------------------------------------------------------------------------
  programme: {
    // The published states are an allow-list, the same as PUBLISHED_STATES (programmes/programme.service.ts; core/access-wall.test.ts
    // checks it): a state added later stays the operator's until someone decides to publish it.
    kind: 'owned',
    rule: 'published programmes (OPEN, RUNNING, CLOSED): everyone; drafts and cancelled: the operator',
    oracle: "t.state::text IN ('OPEN', 'RUNNING', 'CLOSED') OR t.operator_organisation_id = ANY($1)",
    unscoped: "t.state::text IN ('OPEN', 'RUNNING', 'CLOSED')",
  },
  programme_funding_source: {
    kind: 'owned',
    rule: 'whoever sees the programme',
    oracle: "EXISTS (SELECT 1 FROM programme p WHERE p.id = t.programme_id AND (p.state::text IN ('OPEN', 'RUNNING', 'CLOSED') OR p.operator_organisation_id = ANY($1)))",
    unscoped: "EXISTS (SELECT 1 FROM programme p WHERE p.id = t.programme_id AND p.state::text IN ('OPEN', 'RUNNING', 'CLOSED'))",
  },
  programme_kpi: {
    kind: 'owned',
    rule: 'whoever sees the programme',
    oracle: "EXISTS (SELECT 1 FROM programme p WHERE p.id = t.programme_id AND (p.state::text IN ('OPEN', 'RUNNING', 'CLOSED') OR p.operator_organisation_id = ANY($1)))",
    unscoped: "EXISTS (SELECT 1 FROM programme p WHERE p.id = t.programme_id AND p.state::text IN ('OPEN', 'RUNNING', 'CLOSED'))",
  },
  programme_enrolment: {
    kind: 'owned',
    rule: "the programme's operator",
    oracle: 'EXISTS (SELECT 1 FROM programme p WHERE p.id = t.programme_id AND p.operator_organisation_id = ANY($1))',
  },
  programme_enrolment_event: {
    kind: 'owned',
    rule: "the programme's operator",
    oracle: 'EXISTS (SELECT 1 FROM programme_enrolment e JOIN programme p ON p.id = e.programme_id WHERE e.id = t.enrolment_id AND p.operator_organisation_id = ANY($1))',
  },

  // --- clusters -------------------------------------------------------------------------------------
  cluster_member: { kind: 'owned', rule: "the cluster's own members (READ in the cluster), and the member organisation itself", oracle: 't.cluster_organisation_id = ANY($1) OR t.organisation_id = ANY($1)' },
  cluster_activity_attendance: {
    kind: 'owned',
    rule: "the cluster (and its office) running the activity; the attending organisation",
    oracle: 't.organisation_id = ANY($1) OR EXISTS (SELECT 1 FROM cluster_activity a WHERE a.id = t.activity_id AND (a.cluster_organisation_id = ANY($1) OR a.office_organisation_id = ANY($1)))',
  },
  office_placement_proposal: { kind: 'owned', rule: 'the cluster and the lead municipality', oracle: 't.cluster_organisation_id = ANY($1) OR t.lead_municipality_id = ANY($1)' },
  office_placement_score: {
    kind: 'owned',
    rule: 'whoever sees the proposal',
    oracle: 'EXISTS (SELECT 1 FROM office_placement_proposal p WHERE p.id = t.proposal_id AND (p.cluster_organisation_id = ANY($1) OR p.lead_municipality_id = ANY($1)))',
  },
  office_co_financing: {
    kind: 'owned',
    rule: 'the cluster and the municipalities with a share in it',
    oracle: 't.cluster_organisation_id = ANY($1) OR EXISTS (SELECT 1 FROM office_co_financing_share s WHERE s.co_financing_id = t.id AND s.municipality_id = ANY($1))',
  },
  office_co_financing_share: {
    kind: 'owned',
    rule: 'whoever sees the co-financing',
    oracle: 'EXISTS (SELECT 1 FROM office_co_financing c WHERE c.id = t.co_financing_id AND (c.cluster_organisation_id = ANY($1) OR EXISTS (SELECT 1 FROM office_co_financing_share s WHERE s.co_financing_id = c.id AND s.municipality_id = ANY($1))))',
  },
  office_co_financing_amount: {
    kind: 'owned',
    rule: 'whoever sees the co-financing',
    oracle: 'EXISTS (SELECT 1 FROM office_co_financing c WHERE c.id = t.co_financing_id AND (c.cluster_organisation_id = ANY($1) OR EXISTS (SELECT 1 FROM office_co_financing_share s WHERE s.co_financing_id = c.id AND s.municipality_id = ANY($1))))',
  },

  // --- networks and funding -------------------------------------------------------------------------
  network: {
    kind: 'owned',
    // Not organisation_id: the NETWORK organisation representing it is chosen freely by the recorder (migration 1769210000000).
    rule: 'the owning organisation and the secretariat',
    oracle: 't.owner_organisation_id = ANY($1) OR t.secretariat_organisation_id = ANY($1)',
  },
  ...Object.fromEntries(
    ['network_working_group_member', 'network_member', 'network_meeting'].map((table) => [
      table,
      {
        kind: 'owned' as const,
        rule: 'whoever sees the network',
        oracle: 'EXISTS (SELECT 1 FROM network n WHERE n.id = t.network_id AND (n.owner_organisation_id = ANY($1) OR n.secretariat_organisation_id = ANY($1)))',
      },
    ]),
  ),
  network_meeting_participant: {
    kind: 'owned',
    rule: 'whoever sees the network',
    oracle: 'EXISTS (SELECT 1 FROM network_meeting m JOIN network n ON n.id = m.network_id WHERE m.id = t.meeting_id AND (n.owner_organisation_id = ANY($1) OR n.secretariat_organisation_id = ANY($1)))',
  },
  funding_application: {
    kind: 'owned',
    rule: "the applicant; once submitted, also the pool's owner",
    oracle: "t.applicant_organisation_id = ANY($1) OR (t.status::text <> 'DRAFT' AND EXISTS (SELECT 1 FROM funding_pool p WHERE p.id = t.pool_id AND p.owner_organisation_id = ANY($1)))",
  },
  funding_budget_line: {
    kind: 'owned',
    rule: 'whoever sees the application',
    oracle: "EXISTS (SELECT 1 FROM funding_application a WHERE a.id = t.application_id AND (a.applicant_organisation_id = ANY($1) OR (a.status::text <> 'DRAFT' AND EXISTS (SELECT 1 FROM funding_pool p WHERE p.id = a.pool_id AND p.owner_organisation_id = ANY($1)))))",
  },

  // --- investment promotion -------------------------------------------------------------------------
  delegation: {
    kind: 'owned',
    rule: 'the receiving organisation and the hosting municipalities',
    oracle: 't.reception_organisation_id = ANY($1) OR EXISTS (SELECT 1 FROM delegation_host h WHERE h.delegation_id = t.id AND h.municipality_id = ANY($1))',
  },
  ...Object.fromEntries(
    ['delegation_host', 'delegation_follow_up'].map((table) => [
      table,
      {
        kind: 'owned' as const,
        rule: 'whoever sees the delegation',
        oracle: 'EXISTS (SELECT 1 FROM delegation d WHERE d.id = t.delegation_id AND (d.reception_organisation_id = ANY($1) OR EXISTS (SELECT 1 FROM delegation_host h WHERE h.delegation_id = d.id AND h.municipality_id = ANY($1))))',
      },
    ]),
  ),
  establishment_inquiry: {
    kind: 'owned',
    rule: "handlers (agency, coordinator, the municipalities of its group); observers in the coordinator's region (code name and figures)",
    oracle: `t.received_from_organisation_id = ANY($1) OR t.coordinator_organisation_id = ANY($1)
      OR EXISTS (SELECT 1 FROM establishment_inquiry_municipality g WHERE g.inquiry_id = t.id AND g.municipality_id = ANY($1))
      OR t.coordinator_organisation_id IN (SELECT o.region_id FROM organisation o WHERE o.id = ANY($1))`,
  },
  ...Object.fromEntries(
    ['establishment_inquiry_municipality', 'establishment_inquiry_state_change'].map((table) => [
      table,
      {
        kind: 'owned' as const,
        rule: 'whoever sees the inquiry',
        oracle: `EXISTS (SELECT 1 FROM establishment_inquiry i WHERE i.id = t.inquiry_id AND (i.received_from_organisation_id = ANY($1) OR i.coordinator_organisation_id = ANY($1)
          OR EXISTS (SELECT 1 FROM establishment_inquiry_municipality g WHERE g.inquiry_id = i.id AND g.municipality_id = ANY($1))
          OR i.coordinator_organisation_id IN (SELECT o.region_id FROM organisation o WHERE o.id = ANY($1))))`,
      },
    ]),
  ),
  establishment_offer: {
    kind: 'owned',
    rule: 'the offering municipality, the agency and the coordinator (not competing municipalities)',
    oracle: 't.municipality_id = ANY($1) OR EXISTS (SELECT 1 FROM establishment_inquiry i WHERE i.id = t.inquiry_id AND (i.received_from_organisation_id = ANY($1) OR i.coordinator_organisation_id = ANY($1)))',
  },
  investor_portal_project: {
    kind: 'owned',
    rule: 'listed projects meeting the portal criteria: everyone; the rest: the owning organisation',
    oracle: "t.owner_organisation_id = ANY($1) OR (t.listed AND t.estimated_investment_dkk >= 100000000 AND t.public_owner_organisation_id IS NOT NULL AND t.status::text IN ('PLANNED', 'IN_TENDER', 'UNDER_CONSTRUCTION'))",
    unscoped: "t.listed AND t.estimated_investment_dkk >= 100000000 AND t.public_owner_organisation_id IS NOT NULL AND t.status::text IN ('PLANNED', 'IN_TENDER', 'UNDER_CONSTRUCTION')",
  },

  // --- service agreements ---------------------------------------------------------------------------
  service_agreement: {
    kind: 'owned',
    // The creator only while no party row exists: inside the creating transaction (migration 1769210000000).
    rule: 'its parties (the creating organisation only while no party is written yet)',
    oracle: 'EXISTS (SELECT 1 FROM service_agreement_party p WHERE p.agreement_id = t.id AND p.organisation_id = ANY($1)) OR (t.created_by_organisation_id = ANY($1) AND NOT EXISTS (SELECT 1 FROM service_agreement_party p WHERE p.agreement_id = t.id))',
  },
  ...Object.fromEntries(
    ['service_agreement_party', 'service_agreement_version', 'service_agreement_signature', 'service_agreement_transition', 'service_agreement_follow_up'].map((table) => [
      table,
      {
        kind: 'owned' as const,
        rule: 'whoever sees the agreement',
        oracle: 'EXISTS (SELECT 1 FROM service_agreement a WHERE a.id = t.agreement_id AND (EXISTS (SELECT 1 FROM service_agreement_party p WHERE p.agreement_id = a.id AND p.organisation_id = ANY($1)) OR (a.created_by_organisation_id = ANY($1) AND NOT EXISTS (SELECT 1 FROM service_agreement_party p WHERE p.agreement_id = a.id))))',
      },
    ]),
  ),
  // --- dashboard rollups (dashboards/, migration 1769120000000): aggregates' inputs over every organisation's
  // records, read only on the owner's pool through core/aggregates.ts and kept by SECURITY DEFINER triggers.
  ...Object.fromEntries(
    ['dashboard_growth_month', 'dashboard_focus_month', 'dashboard_referral', 'dashboard_enrolment_event', 'dashboard_outcome_report'].map((table) => [
      table,
      { kind: 'owned' as const, rule: 'nobody through the API role: dashboard rollups, read for aggregates on the owner pool (core/aggregates.ts)', oracle: 'false' },
    ]),
  ),
};
