import { MigrationInterface, QueryRunner } from 'typeorm';
import { O, W } from './1769000000000-RowLevelSecurity';

/**
 * The wall says what the app says (core/row-rules.ts, the areas' own narrowing):
 *
 * - Service agreements are visible to their PARTIES (DOMAIN.md: "a service agreement to its parties"). The
 *   creating organisation is always a party when the agreement is created (createServiceAgreement picks it
 *   among the parties), but could stay visible through `created_by_organisation_id` after the parties were
 *   changed without it. Now the creator counts only while the agreement has no party rows at all - the
 *   moment between inserting the agreement and its parties inside the creating transaction (INSERT ...
 *   RETURNING needs the read policy, the parties' INSERT the write check). No committed agreement is in that
 *   state: every agreement has at least two parties (checkParties).
 * - Networks are visible to the owning organisation and the secretariat (networks/network.visibility.ts).
 *   `organisation_id` (the organisation of kind NETWORK representing it) is chosen freely by whoever records
 *   the network, so it must not grant anything; the policies admitted it.
 */
const HAS_PARTIES = `CREATE OR REPLACE FUNCTION public.gg_agreement_has_parties(p_agreement uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.service_agreement_party p WHERE p.agreement_id = p_agreement)
$$`;

const AGREEMENT_PARTY = `CREATE OR REPLACE FUNCTION public.gg_agreement_party(p_agreement uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.service_agreement_party p WHERE p.agreement_id = p_agreement AND p.organisation_id = ANY(p_orgs))
      OR (EXISTS (SELECT 1 FROM public.service_agreement a WHERE a.id = p_agreement AND a.created_by_organisation_id = ANY(p_orgs))
          AND NOT EXISTS (SELECT 1 FROM public.service_agreement_party p WHERE p.agreement_id = p_agreement))
$$`;

const NETWORK_PARTY = `CREATE OR REPLACE FUNCTION public.gg_network_party(p_network uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.network n WHERE n.id = p_network
     AND (n.owner_organisation_id = ANY(p_orgs) OR n.secretariat_organisation_id = ANY(p_orgs)))
$$`;

/** The agreement row itself: its parties, or (no parties yet) its creator - read directly, the row may be the one being inserted. */
const agreementRule = (orgs: string) =>
  `public.gg_agreement_party(id, ${orgs}) OR (created_by_organisation_id = ANY(${orgs}) AND NOT public.gg_agreement_has_parties(id))`;

async function replacePolicies(q: QueryRunner, table: string, read: string, write: string): Promise<void> {
  for (const p of ['gg_read', 'gg_insert', 'gg_update', 'gg_delete']) await q.query(`DROP POLICY IF EXISTS ${p} ON public.${table}`);
  // As applyRowRule (RowLevelSecurity migration) creates them.
  await q.query(`CREATE POLICY gg_read ON public.${table} FOR SELECT USING (${read})`);
  await q.query(`CREATE POLICY gg_insert ON public.${table} FOR INSERT WITH CHECK (${write})`);
  await q.query(`CREATE POLICY gg_update ON public.${table} FOR UPDATE USING (${read}) WITH CHECK (${write})`);
  await q.query(`CREATE POLICY gg_delete ON public.${table} FOR DELETE USING (${write})`);
}

export class AgreementAndNetworkWalls1769210000000 implements MigrationInterface {
  name = 'AgreementAndNetworkWalls1769210000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(HAS_PARTIES);
    await q.query(AGREEMENT_PARTY);
    await q.query(NETWORK_PARTY);
    await replacePolicies(q, 'service_agreement', agreementRule(O), agreementRule(W));
    await replacePolicies(
      q,
      'network',
      `owner_organisation_id = ANY(${O}) OR secretariat_organisation_id = ANY(${O})`,
      `owner_organisation_id = ANY(${W}) OR secretariat_organisation_id = ANY(${W})`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await replacePolicies(
      q,
      'network',
      `owner_organisation_id = ANY(${O}) OR secretariat_organisation_id = ANY(${O}) OR organisation_id = ANY(${O})`,
      `owner_organisation_id = ANY(${W}) OR secretariat_organisation_id = ANY(${W}) OR organisation_id = ANY(${W})`,
    );
    await replacePolicies(
      q,
      'service_agreement',
      `created_by_organisation_id = ANY(${O}) OR public.gg_agreement_party(id, ${O})`,
      `created_by_organisation_id = ANY(${W}) OR public.gg_agreement_party(id, ${W})`,
    );
    await q.query(`CREATE OR REPLACE FUNCTION public.gg_network_party(p_network uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.network n WHERE n.id = p_network
     AND (n.owner_organisation_id = ANY(p_orgs) OR n.secretariat_organisation_id = ANY(p_orgs) OR n.organisation_id = ANY(p_orgs)))
$$`);
    await q.query(`CREATE OR REPLACE FUNCTION public.gg_agreement_party(p_agreement uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM public.service_agreement_party p WHERE p.agreement_id = p_agreement AND p.organisation_id = ANY(p_orgs))
      OR EXISTS (SELECT 1 FROM public.service_agreement a WHERE a.id = p_agreement AND a.created_by_organisation_id = ANY(p_orgs))
$$`);
    await q.query(`DROP FUNCTION IF EXISTS public.gg_agreement_has_parties(uuid)`);
  }
}
