import { RequestContext, userIdOf } from '../core/context';
import { decodeCursor, toConnection } from '../core/pagination';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { jsonObject, neededProperties, selectList, timestampProperties } from '../core/rows';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { prepared } from '../core/prepared';
import { OrgScope } from '../core/scope';
import { isUuid } from '../core/text';
import { firmLoaders } from '../firms/firm.loaders';
import { FirmConsent, JourneyAccessLog } from './consent.entity';
import { ContactPerson, ContactPersonRevealLog } from './contact-person.entity';
import { DetailGrant, grantOf, GrantRow, grantsSql } from './journey.access';
import { Firm, FirmStatus } from '../firms/firm.entity';
import { OPEN_MILESTONE_STATUSES, OPEN_REFERRAL_STATUSES, PUBLIC_BUSINESS_SUPPORT_KINDS } from './journey.enums';
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

/**
 * A page of a firm's journey: entries of the caller's organisations and of organisations sharing with them
 * on a recorded basis, newest first; the firm's merged prospects count as the firm. Logs the foreign reads.
 *
 * ONE statement (issue 12; was two): the firm if the caller may see it (restrictToVisibleFirms' rule), the
 * prospects merged into it (a merged firm has none of its own), the grants of all of them (loadGrants' rule,
 * one per owner), the page of entries, the organisations whose entries stay hidden (hiddenOrganisations) and
 * the rows of those and of the entries' owners (they prime the organisation loader). Each round trip cost the
 * process a query's worth of driver work and the request ~0.5 ms of waiting.
 */
export async function firmJourneyPage(
  ctx: RequestContext, scope: OrgScope, firmId: string, filter: JourneyFilter | undefined, first: number, after: string | null | undefined, info?: GraphQLResolveInfo,
) {
  const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
  const params: unknown[] = [firmId, [...scope.organisationIds], [...PUBLIC_BUSINESS_SUPPORT_KINDS], [...OPEN_REFERRAL_STATUSES]];
  const conditions: string[] = [];
  const add = (condition: (p: string) => string, value: unknown) => conditions.push(condition(`$${params.push(value)}`));
  // Parameters are numbered in this fixed order, so the text depends only on which filters are present (the shape).
  let owners = '(SELECT ids FROM v)::uuid[]';
  if (filter?.organisationIds?.length) owners = `ARRAY(SELECT o FROM unnest((SELECT ids FROM v)) o WHERE o::text = ANY($${params.push([...filter.organisationIds])}::text[]))`;
  if (filter?.kinds?.length) add((p) => `t.kind = ANY(${p})`, [...filter.kinds]);
  if (filter?.from) add((p) => `t.occurred_at >= ${p}`, filter.from);
  if (filter?.to) add((p) => `t.occurred_at < ${p}`, filter.to);
  if (filter?.includeSuperseded === false) conditions.push('NOT EXISTS (SELECT 1 FROM touchpoint c WHERE c.supersedes_id = t.id)');
  if (cursor) {
    const at = `$${params.push(new Date(cursor[0]))}`;
    conditions.push(`(t.occurred_at, t.id) < (${at}::timestamptz, $${params.push(cursor[1])}::uuid)`);
  }
  const limit = `$${params.push(first + 1)}`;
  const lean = entriesAreLean(ctx, info);
  const shape = `${lean ? 'l' : ''}${filter?.organisationIds?.length ? 'o' : ''}${filter?.kinds?.length ? 'k' : ''}${filter?.from ? 'f' : ''}${filter?.to ? 't' : ''}${filter?.includeSuperseded === false ? 's' : ''}${cursor ? 'c' : ''}`;
  let sql = pageTexts.get(shape);
  if (sql === undefined) {
    sql = journeyPageSql(ctx, owners, conditions, limit, lean);
    // A named statement (core/prepared.ts) for the unfiltered page (and its next pages), lean or not: the filtered
    // shapes are rare and would use up the process's cap of named texts.
    if (shape === '' || shape === 'c' || shape === 'l' || shape === 'lc') prepared(sql);
    pageTexts.set(shape, sql);
  }
  const [row]: Array<{ firm: Firm | null; firm_ids: string[] | null; grants: GrantRow[] | null; visible: string[] | null; rows: Touchpoint[] | null; hidden: string[]; orgs: Organisation[] | null }> =
    await ctx.ds.query(sql, params);
  if (!row?.firm || !row.firm_ids) return null;
  const dates = pageDates(ctx);
  const firm = withDates(row.firm, dates.firm);
  const firmIds = row.firm_ids;
  firmLoaders(ctx).byId.prime(firm.id, firm);
  const grants = (row.grants ?? []).map(grantOf);
  const visibleOwners = row.visible ?? [...scope.organisationIds];
  const entryDates = lean ? dates.leanEntry : dates.entry;
  const rows = row.rows ?? [];
  for (const r of rows) withDates(r, entryDates);
  const orgLoader = organisationLoaders(ctx).byId;
  for (const o of row.orgs ?? []) orgLoader.prime(o.id, withDates(o, dates.organisation));
  const hiddenOwners = row.hidden;
  const connection = toConnection(rows, first, entryKey, !!cursor);

  await logForeignReads(ctx, connection.edges.map((e) => e.node), scope.organisationIds, grants);
  return { firm, connection, firmIds, visibleOwners, grants, hiddenOwners };
}

/**
 * The timestamp properties of the page's JSON rows (strings in JSON, Dates for the field resolvers), looked up
 * once instead of per row (fromJson walks the entity's columns for every row: 20 entries + firm + organisations).
 */
let dateLists: { firm: string[]; entry: string[]; leanEntry: string[]; organisation: string[] } | undefined;
function pageDates(ctx: RequestContext) {
  return (dateLists ??= {
    firm: timestampProperties(ctx.ds, Firm, null),
    entry: timestampProperties(ctx.ds, Touchpoint, null),
    leanEntry: timestampProperties(ctx.ds, Touchpoint, LEAN_ENTRY),
    organisation: timestampProperties(ctx.ds, Organisation, null),
  });
}

/** A row read as JSON with its timestamps as Dates again (core/rows fromJson with the list looked up already). */
function withDates<T extends object>(row: T, properties: readonly string[]): T {
  const r = row as Record<string, unknown>;
  for (const p of properties) if (r[p] != null) r[p] = new Date(r[p] as string);
  return row;
}

/** The page statement's text per filter shape (built once: only which filters are present changes it). */
const pageTexts = new Map<string, string>();

/**
 * The entry columns a lean page reads: what the journey view selects (kind, dates, summary, details,
 * organisation) plus what the page itself needs (the cursor, logForeignReads' firm and owner). A selection of
 * anything else (recordedBy, supersedesId, correctionReason, ...) reads every column. Two texts per shape, not
 * one per selection, so the named statements stay few. 8 of the 13 columns: less JSON per entry for PostgreSQL
 * to build and the process to parse (the left-out ones are uuids and nullable texts).
 */
const LEAN_ENTRY = ['id', 'firmId', 'organisationId', 'kind', 'occurredAt', 'recordedAt', 'summary', 'details'] as const;
const LEAN_SET = new Set<string>(LEAN_ENTRY);
/** Columns the Touchpoint field resolvers read, for fields that are not columns of the same name. */
const ENTRY_FIELD_NEEDS: Record<string, readonly string[]> = {
  organisation: ['organisationId'], firm: ['firmId'], details: ['kind', 'details'], recordedBy: ['recordedByUserId', 'organisationId'], supersededById: ['id'],
};
/** Per query document (Apollo keeps parsed documents, so their field nodes, across requests). */
const leanMemo = new WeakMap<FieldNode, boolean>();

function entriesAreLean(ctx: RequestContext, info: GraphQLResolveInfo | undefined): boolean {
  if (!info) return false;
  const node = info.fieldNodes[0];
  let lean = leanMemo.get(node);
  if (lean === undefined) {
    const needed = neededProperties(ctx.ds, Touchpoint, info, ['edges', 'node'], ENTRY_FIELD_NEEDS, LEAN_ENTRY);
    lean = info.fieldNodes.length === 1 && needed !== null && needed.every((p) => LEAN_SET.has(p));
    leanMemo.set(node, lean);
  }
  return lean;
}

/**
 * The journey page's statement. $1 firm, $2 the caller's organisations (uuid[]), $3 public business-support
 * kinds, $4 open referral statuses, then the filters' parameters in `conditions` and the page size.
 * `v.ids`: the organisations whose entries the caller sees (own, then the grants' owners); `owners`: those the
 * page reads (the filter's subset).
 */
function journeyPageSql(ctx: RequestContext, owners: string, conditions: string[], limit: string, lean: boolean): string {
  const ids = '(SELECT ids FROM f)';
  return `WITH f AS MATERIALIZED (
      SELECT ${jsonObject(ctx.ds, Firm, 'f')} AS firm,
             ARRAY[f.id] || ARRAY(SELECT m.id FROM firm m WHERE f.status::text <> '${FirmStatus.MERGED}' AND m.merged_into_id = f.id ORDER BY m.id) AS ids
        FROM firm f WHERE f.id = $1 AND (f.status::text <> '${FirmStatus.PROSPECT}' OR f.owner_organisation_id = ANY($2::uuid[]))),
    g AS MATERIALIZED (
      SELECT DISTINCT ON (x.owner) x.firm_id, x.viewer, x.owner, x.basis, x.consent_id, x.referral_id
        FROM (${grantsSql(`${ids}::uuid[]`)}) x
       ORDER BY x.owner, array_position(${ids}::uuid[], x.firm_id)),
    v AS MATERIALIZED (SELECT $2::uuid[] || ARRAY(SELECT owner FROM g ORDER BY array_position(${ids}::uuid[], firm_id), owner) AS ids),
    page AS (
      SELECT ${selectList(ctx.ds, Touchpoint, 't', lean ? LEAN_ENTRY : null)} FROM touchpoint t
       WHERE t.firm_id = ANY(${ids}::uuid[]) AND t.organisation_id = ANY(${owners})${conditions.map((c) => ` AND ${c}`).join('')}
       ORDER BY t.occurred_at DESC, t.id DESC LIMIT ${limit}),
    hidden AS MATERIALIZED (${HIDDEN_OWNERS_SQL(`${ids}`, '(SELECT ids FROM v)')})
    SELECT (SELECT firm FROM f) AS firm, (SELECT ids::text[] FROM f) AS firm_ids,
           (SELECT json_agg(g ORDER BY array_position(${ids}::uuid[], g.firm_id), g.owner) FROM g) AS grants,
           (SELECT ids::text[] FROM v) AS visible,
           (SELECT json_agg(page ORDER BY page."occurredAt" DESC, page.id DESC) FROM page) AS rows,
           ARRAY(SELECT organisation_id::text FROM hidden) AS hidden,
           (SELECT json_agg(${jsonObject(ctx.ds, Organisation, 'o')}) FROM organisation o
             WHERE o.id IN (SELECT organisation_id FROM hidden UNION SELECT "organisationId" FROM page)) AS orgs`;
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
