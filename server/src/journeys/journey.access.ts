import { EntityManager } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { OrgScope } from '../core/scope';
import { AccessBasis, ConsentScope, OPEN_REFERRAL_STATUSES, PUBLIC_BUSINESS_SUPPORT_KINDS } from './journey.enums';

/**
 * Journey access rules. Journeys are work records about firms: only signed-in people (never API keys,
 * which serve aggregate dashboards) read them, and only as members of an organisation.
 */
/** A recorded basis on which a viewer organisation sees an owner organisation's entries about a firm. */
export interface DetailGrant {
  firmId: string;
  viewerOrganisationId: string;
  ownerOrganisationId: string;
  basis: AccessBasis;
  consentId: string | null;
  referralId: string | null;
}

export type GrantRow = { firm_id: string; viewer: string; owner: string; basis: AccessBasis; consent_id: string | null; referral_id: string | null };

/** loadGrants' statement for the firms of `firmIds` (an SQL uuid[] expression); `p`: the placeholders of the viewers (uuid[]), public kinds and open statuses (text[]). */
export const grantsSql = (firmIds: string, p = { viewers: '$2', kinds: '$3', statuses: '$4' }) => `WITH viewer AS (SELECT o.id, o.kind::text AS kind FROM organisation o WHERE o.id = ANY(${p.viewers}::uuid[])),
     grants AS (
       SELECT c.firm_id, v.id AS viewer, c.organisation_id AS owner, 'CONSENT' AS basis, c.id AS consent_id, NULL::uuid AS referral_id,
              0 AS pref, c.recorded_at AS since
         FROM firm_consent c JOIN viewer v ON v.id <> c.organisation_id
        WHERE c.firm_id = ANY(${firmIds}) AND c.withdrawn_at IS NULL AND c.valid_until > now()
          AND ((c.scope = '${ConsentScope.ALL_PUBLIC_BUSINESS_SUPPORT}' AND v.kind = ANY(${p.kinds}::text[]))
            OR (c.scope = '${ConsentScope.NAMED_ORGANISATIONS}'
                AND EXISTS (SELECT 1 FROM firm_consent_recipient cr WHERE cr.consent_id = c.id AND cr.organisation_id = v.id)))
       UNION ALL
       SELECT r.firm_id, v.id, CASE WHEN r.sender_organisation_id = v.id THEN r.receiver_organisation_id ELSE r.sender_organisation_id END,
              'REFERRAL', NULL::uuid, r.id, 1, r.sent_at
         FROM referral r JOIN viewer v ON v.id IN (r.sender_organisation_id, r.receiver_organisation_id)
        WHERE r.firm_id = ANY(${firmIds}) AND r.status::text = ANY(${p.statuses}::text[]) AND r.sender_organisation_id <> r.receiver_organisation_id)
     SELECT DISTINCT ON (firm_id, owner) firm_id, viewer, owner, basis, consent_id, referral_id
       FROM grants WHERE owner <> ALL(${p.viewers}::uuid[])
      ORDER BY firm_id, owner, pref, since DESC, viewer`;

export const grantOf = (r: GrantRow): DetailGrant => ({
  firmId: r.firm_id, viewerOrganisationId: r.viewer, ownerOrganisationId: r.owner, basis: r.basis, consentId: r.consent_id, referralId: r.referral_id,
});

/**
 * For each firm, the other organisations whose journey entries the caller's organisations may see in
 * detail, and why: an effective consent recorded by the owner (not withdrawn, not expired - evaluated
 * now, in SQL) naming the viewer or covering all public business-support actors when the viewer is one;
 * or an open referral of the firm between owner and viewer. One statement for any number of firms.
 * At most one grant per (firm, owner): consent before referral, newest first.
 */
export async function loadGrants(ctx: RequestContext, firmIds: readonly string[], viewerIds: readonly string[]): Promise<Map<string, DetailGrant[]>> {
  const out = new Map<string, DetailGrant[]>(firmIds.map((id) => [id, []]));
  if (!firmIds.length || !viewerIds.length) return out;
  const rows: GrantRow[] = await ctx.ds.query(
    `${grantsSql('$1::uuid[]')}`,
    [[...firmIds], [...viewerIds], [...PUBLIC_BUSINESS_SUPPORT_KINDS], [...OPEN_REFERRAL_STATUSES]],
  );
  for (const r of rows) out.get(r.firm_id)?.push(grantOf(r));
  return out;
}

/**
 * The same rule as `loadGrants`, as an SQL condition for queries that list other areas' views of journey
 * entries (e.g. an agreement's KPI drill-down): the entry of `ownerCol` about `firmCol` is visible to the
 * viewer organisations (`viewers`, uuid[]) when a viewer owns it, or an effective consent of the owner
 * names a viewer (or all public business-support actors, `publicKinds`, when a viewer is one), or an open
 * referral (`openStatuses`) of the firm runs between the owner and a viewer. Parameters are SQL
 * placeholders ("$2") or expressions. Keep in step with loadGrants.
 */
export function journeyEntryVisibleSql(firmCol: string, ownerCol: string, p: { viewers: string; publicKinds: string; openStatuses: string }): string {
  return `(${ownerCol} = ANY(${p.viewers}::uuid[])
    OR EXISTS (SELECT 1 FROM firm_consent vc
                WHERE vc.firm_id = ${firmCol} AND vc.organisation_id = ${ownerCol} AND vc.withdrawn_at IS NULL AND vc.valid_until > now()
                  AND ((vc.scope = '${ConsentScope.ALL_PUBLIC_BUSINESS_SUPPORT}'
                        AND EXISTS (SELECT 1 FROM organisation vo WHERE vo.id = ANY(${p.viewers}::uuid[]) AND vo.kind::text = ANY(${p.publicKinds}::text[])))
                    OR (vc.scope = '${ConsentScope.NAMED_ORGANISATIONS}'
                        AND EXISTS (SELECT 1 FROM firm_consent_recipient vcr WHERE vcr.consent_id = vc.id AND vcr.organisation_id = ANY(${p.viewers}::uuid[])))))
    OR EXISTS (SELECT 1 FROM referral vr
                WHERE vr.firm_id = ${firmCol} AND vr.status::text = ANY(${p.openStatuses}::text[])
                  AND ((vr.sender_organisation_id = ${ownerCol} AND vr.receiver_organisation_id = ANY(${p.viewers}::uuid[]))
                    OR (vr.receiver_organisation_id = ${ownerCol} AND vr.sender_organisation_id = ANY(${p.viewers}::uuid[])))))`;
}

/**
 * The organisation a mutation acts for: the one named in the input (the caller must hold `capability`
 * there) or the caller's only organisation with it. Errors name `field`.
 */
export function actingOrganisation(ctx: RequestContext, requested: string | undefined, capability: Capability, field = 'organisationId'): OrgScope {
  const ids = ctx.scope.organisationIds(capability);
  const chosen = requested ?? (ids.length === 1 ? ids[0] : undefined);
  if (!chosen) throw new UserInputRejection([userError(field, 'Say which of your organisations acts.', UserErrorCode.REQUIRED)]);
  if (!ids.includes(chosen)) throw new UserInputRejection([userError(field, 'You cannot act for that organisation.', UserErrorCode.NOT_ALLOWED)]);
  return ctx.scope.requireIn(chosen, capability);
}

/** A visible firm for writing journey records: register firms, or prospects of the acting organisation. */
export async function findFirmForRecording(em: EntityManager, firmId: string, actingOrgId: string, field = 'firmId'): Promise<{ id: string }> {
  const [row] = await em.query(
    `SELECT id FROM firm WHERE id = $1 AND (status::text <> 'PROSPECT' OR owner_organisation_id = $2)`,
    [firmId, actingOrgId],
  );
  if (!row) throw new UserInputRejection([userError(field, 'Firm not found.', UserErrorCode.NOT_FOUND)]);
  return row;
}
