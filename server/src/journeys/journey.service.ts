import { RequestContext, userIdOf } from '../core/context';
import { decodeCursor, toConnection } from '../core/pagination';
import { fromJson, jsonObject, selectList } from '../core/rows';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { prepared } from '../core/prepared';
import { OrgScope } from '../core/scope';
import { isUuid } from '../core/text';
import { firmLoaders } from '../firms/firm.loaders';
import { FirmConsent, JourneyAccessLog } from './consent.entity';
import { ContactPerson, ContactPersonRevealLog } from './contact-person.entity';
import { DetailGrant, loadJourneyBasis } from './journey.access';
import { OPEN_MILESTONE_STATUSES, OPEN_REFERRAL_STATUSES } from './journey.enums';
import { JourneyFilter } from './journey.inputs';
import { Referral } from './referral.entity';
import { GrowthPlanMilestone, GrowthPotentialAssessment, Touchpoint } from './touchpoint.entity';

/**
 * The journeys area's reads of owned rows (the resolvers stay thin and never touch the database). Each
 * function applies its row's visibility rule itself; row-level security stands behind it.
 */

/** Most consents / contact persons one firm can list (a firm has a handful). */
const PER_FIRM_CAP = 200;

const entryKey = (t: Touchpoint) => [t.occurredAt.toISOString(), t.id];

/** One grant per owner (the first: loadGrants orders consent before referral). */
function dedupeGrants(grants: DetailGrant[]): DetailGrant[] {
  const seen = new Map<string, DetailGrant>();
  for (const g of grants) if (!seen.has(g.ownerOrganisationId)) seen.set(g.ownerOrganisationId, g);
  return [...seen.values()];
}

/**
 * A page of a firm's journey: entries of the caller's organisations and of organisations sharing with them
 * on a recorded basis, newest first; the firm's merged prospects count as the firm. Logs the foreign reads.
 */
export async function firmJourneyPage(ctx: RequestContext, scope: OrgScope, firmId: string, filter: JourneyFilter | undefined, first: number, after: string | null | undefined) {
  const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
  // The firm, the prospects that were merged into it (their history is the firm's history) and the bases on
  // which the caller sees other organisations' entries about them: one statement (loadJourneyBasis).
  const basis = await loadJourneyBasis(ctx, firmId, scope.organisationIds);
  if (!basis) return null;
  const { firm, firmIds } = basis;
  firmLoaders(ctx).byId.prime(firm.id, firm);
  const grants = dedupeGrants(basis.grants);
  const visibleOwners = [...scope.organisationIds, ...grants.map((g) => g.ownerOrganisationId)];
  const owners = filter?.organisationIds?.length ? visibleOwners.filter((o) => filter.organisationIds!.includes(o)) : visibleOwners;

  // Plain rows (lean read, see core/rows.ts): the 20 entries of a page need no entity hydration.
  const qb = ctx.ds.getRepository(Touchpoint).createQueryBuilder('t')
    .select(selectList(ctx.ds, Touchpoint, 't'))
    .where('t.firmId = ANY(:firmIds)', { firmIds })
    .andWhere('t.organisationId = ANY(:owners)', { owners });
  if (filter?.kinds?.length) qb.andWhere('t.kind = ANY(:kinds)', { kinds: filter.kinds });
  if (filter?.from) qb.andWhere('t.occurredAt >= :from', { from: filter.from });
  if (filter?.to) qb.andWhere('t.occurredAt < :to', { to: filter.to });
  if (filter?.includeSuperseded === false) qb.andWhere('NOT EXISTS (SELECT 1 FROM touchpoint c WHERE c.supersedes_id = t.id)');
  if (cursor) qb.andWhere('(t.occurredAt, t.id) < (:cAt, :cId)', { cAt: new Date(cursor[0]), cId: cursor[1] });
  let rows: Touchpoint[] = [];
  let hiddenOwners: string[] | null = null;
  if (owners.length) {
    // The page and the organisations whose entries stay hidden (hiddenOrganisations) in one statement.
    const [sql, params] = qb.orderBy('t.occurredAt', 'DESC').addOrderBy('t.id', 'DESC').limit(first + 1).getQueryAndParameters();
    const n = params.length;
    // The rows of the hidden organisations and of the entries' owners prime the organisation loader: their
    // names need no statement of their own.
    // A named statement (core/prepared.ts): parsed and planned once per connection and shape.
    const [row]: Array<{ rows: Touchpoint[] | null; hidden: string[]; orgs: Organisation[] | null }> = await ctx.ds.query(
      prepared(`WITH page AS (${sql}), hidden AS MATERIALIZED (${HIDDEN_OWNERS_SQL(`$${n + 1}`, `$${n + 2}`)})
       SELECT (SELECT json_agg(page ORDER BY page."occurredAt" DESC, page.id DESC) FROM page) AS rows,
              ARRAY(SELECT organisation_id::text FROM hidden) AS hidden,
              (SELECT json_agg(${jsonObject(ctx.ds, Organisation, 'o')}) FROM organisation o
                WHERE o.id IN (SELECT organisation_id FROM hidden UNION SELECT "organisationId" FROM page)) AS orgs`),
      [...params, [...firmIds], [...visibleOwners]],
    );
    rows = (row.rows ?? []).map((r) => fromJson(ctx.ds, Touchpoint, r));
    for (const o of row.orgs ?? []) organisationLoaders(ctx).byId.prime(o.id, fromJson(ctx.ds, Organisation, o));
    hiddenOwners = row.hidden;
  }
  const connection = toConnection(rows, first, entryKey, !!cursor);

  await logForeignReads(ctx, connection.edges.map((e) => e.node), scope.organisationIds, grants);
  return { firm, connection, firmIds, visibleOwners, grants, hiddenOwners };
}

/** RLS hides the entries themselves; the view journey_presence shows (firm, organisation) pairs only. */
const HIDDEN_OWNERS_SQL = (firmIds: string, visibleOwners: string) =>
  `SELECT DISTINCT organisation_id FROM journey_presence WHERE firm_id = ANY(${firmIds}::uuid[]) AND organisation_id <> ALL(${visibleOwners}::uuid[])`;

/** Organisations with entries about these firms beyond `visibleOwners`: only the fact, through a view that shows nothing else. */
export async function hiddenOwnerIds(ctx: RequestContext, firmIds: readonly string[], visibleOwners: readonly string[]): Promise<string[]> {
  const rows: Array<{ organisation_id: string }> = await ctx.ds.query(HIDDEN_OWNERS_SQL('$1', '$2'), [[...firmIds], [...visibleOwners]]);
  return rows.map((r) => r.organisation_id);
}

/**
 * Logs, in the same request and before the data is returned, every entry of another organisation that is
 * about to be shown: one row per (firm, owner organisation) with the entries, the viewer and the basis.
 * If the log cannot be written the read fails: there are no unlogged reads.
 */
export async function logForeignReads(ctx: RequestContext, entries: Array<Pick<Touchpoint, 'id' | 'firmId' | 'organisationId'>>, ownIds: readonly string[], grants: DetailGrant[]) {
  const byOwner = new Map<string, Array<Pick<Touchpoint, 'id' | 'firmId' | 'organisationId'>>>();
  for (const t of entries) {
    if (ownIds.includes(t.organisationId)) continue;
    const key = `${t.firmId}|${t.organisationId}`;
    byOwner.set(key, [...(byOwner.get(key) ?? []), t]);
  }
  if (!byOwner.size) return;
  const userId = userIdOf(ctx);
  const rows = [...byOwner.values()].map((list) => {
    const grant = grants.find((g) => g.ownerOrganisationId === list[0].organisationId && g.firmId === list[0].firmId);
    if (!grant) throw new Error('journey entry of another organisation without a basis'); // cannot happen: rows are filtered by the grants
    return {
      viewerUserId: userId, viewerOrganisationId: grant.viewerOrganisationId, firmId: list[0].firmId, ownerOrganisationId: grant.ownerOrganisationId,
      basis: grant.basis, consentId: grant.consentId, referralId: grant.referralId, touchpointIds: list.map((t) => t.id),
    };
  });
  await ctx.ds.getRepository(JourneyAccessLog).insert(rows);
}

/** Consents of a firm recorded by the caller's organisations, newest first. */
export function consentsOfFirm(ctx: RequestContext, scope: OrgScope, firmId: string): Promise<FirmConsent[]> {
  const qb = ctx.ds.getRepository(FirmConsent).createQueryBuilder('c').where('c.firmId = :firmId', { firmId });
  return scope.restrict(qb, 'c.organisationId').orderBy('c.recordedAt', 'DESC').addOrderBy('c.id', 'DESC').limit(PER_FIRM_CAP).getMany();
}

/** A page of reads of the caller's organisations' entries by others, newest first. */
export async function accessLogPage(ctx: RequestContext, scope: OrgScope, firmId: string | undefined, first: number, after: string | null | undefined) {
  const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
  const qb = scope.restrict(ctx.ds.getRepository(JourneyAccessLog).createQueryBuilder('l'), 'l.ownerOrganisationId');
  if (firmId) qb.andWhere('l.firmId = :firmId', { firmId: isUuid(firmId) ? firmId : '00000000-0000-0000-0000-000000000000' });
  if (cursor) qb.andWhere('(l.at, l.id) < (:cAt, :cId)', { cAt: new Date(cursor[0]), cId: cursor[1] });
  const rows = await qb.orderBy('l.at', 'DESC').addOrderBy('l.id', 'DESC').limit(first + 1).getMany();
  return toConnection(rows, first, (l) => [l.at.toISOString(), l.id], !!cursor);
}

/** Contact persons of a firm held by the caller's organisations, by name. */
export function contactPersonsOfFirm(ctx: RequestContext, scope: OrgScope, firmId: string): Promise<ContactPerson[]> {
  const qb = ctx.ds.getRepository(ContactPerson).createQueryBuilder('p').where('p.firmId = :firmId', { firmId });
  return scope.restrict(qb, 'p.organisationId').orderBy('lower(p.name)').addOrderBy('p.id').limit(PER_FIRM_CAP).getMany();
}

export const referralKey = (r: Referral) => [r.sentAt.toISOString(), r.id];

/** One page of referrals received (`received`) or sent by the given organisations, oldest first (the inbox is worked in order). */
export async function referralPage(
  ctx: RequestContext, orgIds: readonly string[], received: boolean, openOnly: boolean, first: number, after: string | null | undefined,
) {
  const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
  const column = received ? 'r.receiverOrganisationId' : 'r.senderOrganisationId';
  const qb = ctx.ds.getRepository(Referral).createQueryBuilder('r').where(`${column} = ANY(:orgIds)`, { orgIds: [...orgIds] });
  if (openOnly) qb.andWhere('r.status = ANY(:open)', { open: OPEN_REFERRAL_STATUSES });
  if (cursor) qb.andWhere('(r.sentAt, r.id) > (:cAt, :cId)', { cAt: new Date(cursor[0]), cId: cursor[1] });
  const rows = await qb.orderBy('r.sentAt').addOrderBy('r.id').limit(first + 1).getMany();
  return toConnection(rows, first, referralKey, !!cursor);
}

/** Firms with touchpoints of these organisations in the last `recentDays` days, most recent first. */
export async function recentFirmsPage(ctx: RequestContext, orgIds: readonly string[], recentDays: number, first: number, after: string | null | undefined) {
  const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
  const key = (i: { lastOccurredAt: Date; firmId: string }) => [i.lastOccurredAt.toISOString(), i.firmId];
  if (!orgIds.length) return toConnection([], first, key, !!cursor);
  const params: unknown[] = [[...orgIds], recentDays, first + 1];
  let having = '';
  if (cursor) {
    params.push(new Date(cursor[0]), cursor[1]);
    having = 'HAVING (max(occurred_at), firm_id) < ($4::timestamptz, $5::uuid)';
  }
  const rows: Array<{ firm_id: string; last_at: Date; n: number }> = await ctx.ds.query(
    `SELECT firm_id, max(occurred_at) AS last_at, count(*)::int AS n
       FROM touchpoint
      WHERE organisation_id = ANY($1::uuid[]) AND occurred_at >= now() - make_interval(days => $2::int)
      GROUP BY firm_id ${having}
      ORDER BY last_at DESC, firm_id DESC
      LIMIT $3`,
    params,
  );
  const items = rows.map((r) => ({ firmId: r.firm_id, lastOccurredAt: new Date(r.last_at), touchpointCount: r.n }));
  return toConnection(items, first, key, !!cursor);
}

/** Open milestones of these organisations due within `dueWithinDays` days (overdue ones first), by due date. */
export async function milestonesDuePage(ctx: RequestContext, orgIds: readonly string[], dueWithinDays: number, first: number, after: string | null | undefined) {
  const cursor = decodeCursor(after, ['date', 'uuid']) as [string, string] | null;
  const key = (m: GrowthPlanMilestone) => [m.dueOn, m.id];
  if (!orgIds.length) return toConnection([] as GrowthPlanMilestone[], first, key, !!cursor);
  const qb = ctx.ds.getRepository(GrowthPlanMilestone).createQueryBuilder('m')
    .where('m.organisationId = ANY(:orgs)', { orgs: [...orgIds] })
    .andWhere('m.status = ANY(:open)', { open: OPEN_MILESTONE_STATUSES })
    .andWhere('m.dueOn <= current_date + :days::int', { days: dueWithinDays });
  if (cursor) qb.andWhere('(m.dueOn, m.id) > (:cDue, :cId)', { cDue: cursor[0], cId: cursor[1] });
  const rows = await qb.orderBy('m.dueOn').addOrderBy('m.id').limit(first + 1).getMany();
  return toConnection(rows, first, key, !!cursor);
}

/**
 * Everything one organisation holds about a firm (a data-access request), in one savepoint: the reveal of
 * sensitive contact-person fields is logged (with `reason`) before the reveal log is read back.
 */
export async function firmDataOf(ctx: RequestContext, firmId: string, orgId: string, reason: string) {
  return ctx.ds.transaction(async (em) => {
    const by = { firmId, organisationId: orgId };
    const [touchpoints, referrals, consents, milestones, growthPotentialAssessments, people, accessLog] = await Promise.all([
      em.find(Touchpoint, { where: by, order: { occurredAt: 'ASC', id: 'ASC' } }),
      em.getRepository(Referral).createQueryBuilder('r').where('r.firmId = :firmId', { firmId })
        .andWhere('(r.senderOrganisationId = :orgId OR r.receiverOrganisationId = :orgId)', { orgId }).orderBy('r.sentAt').getMany(),
      em.find(FirmConsent, { where: by, order: { recordedAt: 'ASC' } }),
      em.find(GrowthPlanMilestone, { where: by, order: { dueOn: 'ASC' } }),
      em.find(GrowthPotentialAssessment, { where: by, order: { assessedAt: 'ASC' } }),
      em.find(ContactPerson, { where: by, order: { name: 'ASC' } }),
      em.find(JourneyAccessLog, { where: { firmId, ownerOrganisationId: orgId }, order: { at: 'ASC' } }),
    ]);
    const sensitive = people.filter((p) => p.sensitiveNote != null);
    if (sensitive.length) {
      await em.insert(ContactPersonRevealLog, sensitive.map((p) => ({
        contactPersonId: p.id, organisationId: orgId, userId: userIdOf(ctx), reason, fields: ['sensitiveNote'],
      })));
    }
    const contactPersonReveals = people.length
      ? await em.getRepository(ContactPersonRevealLog).createQueryBuilder('l')
          .where('l.contactPersonId = ANY(:ids)', { ids: people.map((p) => p.id) }).orderBy('l.at').addOrderBy('l.id').getMany()
      : [];
    return { touchpoints, referrals, consents, milestones, growthPotentialAssessments, people, accessLog, contactPersonReveals };
  });
}
