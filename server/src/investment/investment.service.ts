import { RequestContext } from '../core/context';
import { decodeCursor, toConnection } from '../core/pagination';
import { OrgScope } from '../core/scope';
import { isUuid } from '../core/text';
import { Delegation, DelegationFollowUp } from './delegation.entity';
import { EstablishmentInquiry, InquiryState } from './inquiry.entity';
import { EstablishmentInquiryFilter, InvestorPortalFilter } from './investment.inputs';
import { restrictToPublicListings, restrictToVisibleDelegations, restrictToVisibleInquiries } from './investment.visibility';
import { InvestorPortalProject } from './portal.entity';
import { portalToday } from './portal.status';

/**
 * The investment area's reads of owned rows (resolvers stay thin and never touch the database). Every
 * query applies its record's visibility rule (investment.visibility.ts); row-level security stands behind it.
 */

/** States of an inquiry that is still being worked. */
export const OPEN_STATES = [InquiryState.LEAD, InquiryState.ACTIVE, InquiryState.DELAYED];

const delegationKey = (d: Delegation) => [d.visitStartsOn, d.id];
const inquiryKey = (i: EstablishmentInquiry) => [i.codeName, i.id];
export const listingKey = (p: InvestorPortalProject) => [p.title.toLowerCase(), p.id];

/** Delegations the caller's organisations received or hosted, latest visit first. */
export async function delegationPage(ctx: RequestContext, scope: OrgScope, first: number, after: string | null | undefined) {
  const qb = restrictToVisibleDelegations(ctx.ds.getRepository(Delegation).createQueryBuilder('d'), 'd', scope);
  const cursor = decodeCursor(after, ['date', 'uuid']) as [string, string] | null;
  if (cursor) qb.andWhere('(d.visit_starts_on, d.id) < (:cDate::date, :cId::uuid)', { cDate: cursor[0], cId: cursor[1] });
  const rows = await qb.orderBy('d.visit_starts_on', 'DESC').addOrderBy('d.id', 'DESC').limit(first + 1).getMany();
  return toConnection(rows, first, delegationKey, !!cursor);
}

/** Totals (raw numbers as text) over the delegations the caller may see, optionally of one reception. */
export async function delegationTotals(ctx: RequestContext, scope: OrgScope, receptionOrganisationId: string | undefined) {
  const qb = restrictToVisibleDelegations(ctx.ds.getRepository(Delegation).createQueryBuilder('d'), 'd', scope)
    .select('count(*)', 'delegations')
    .addSelect('coalesce(sum(d.visitor_count), 0)', 'visitors')
    .addSelect('coalesce(sum(f.follow_ups), 0)', 'follow_ups')
    .addSelect('coalesce(sum(f.contacts), 0)', 'contacts')
    .addSelect('coalesce(sum(f.projects), 0)', 'projects')
    .addSelect('coalesce(sum(f.establishments), 0)', 'establishments')
    .addSelect('coalesce(sum(f.jobs), 0)', 'jobs')
    .leftJoin(
      (sub) =>
        sub
          .from(DelegationFollowUp, 'fu')
          .select('fu.delegation_id', 'delegation_id')
          .addSelect('count(*)', 'follow_ups')
          .addSelect('sum(fu.contacts_made)', 'contacts')
          .addSelect('sum(fu.projects_started)', 'projects')
          .addSelect('sum(fu.establishments)', 'establishments')
          .addSelect('sum(fu.jobs_created)', 'jobs')
          .groupBy('fu.delegation_id'),
      'f',
      'f.delegation_id = d.id',
    );
  if (receptionOrganisationId) {
    if (!isUuid(receptionOrganisationId)) qb.andWhere('false');
    else qb.andWhere('d.reception_organisation_id = :rec', { rec: receptionOrganisationId });
  }
  const r = await qb.getRawOne();
  return r as Record<'delegations' | 'visitors' | 'follow_ups' | 'contacts' | 'projects' | 'establishments' | 'jobs', string>;
}

/** Inquiries the caller handles or observes, by code name. */
export async function inquiryPage(ctx: RequestContext, scope: OrgScope, filter: EstablishmentInquiryFilter | undefined, first: number, after: string | null | undefined) {
  const qb = restrictToVisibleInquiries(ctx.ds.getRepository(EstablishmentInquiry).createQueryBuilder('i'), 'i', scope);
  if (filter?.state) qb.andWhere('i.state = :state', { state: filter.state });
  if (filter?.coordinatorOrganisationId) qb.andWhere('i.coordinator_organisation_id = :coord', { coord: filter.coordinatorOrganisationId });
  const cursor = decodeCursor(after, ['text', 'uuid']) as [string, string] | null;
  if (cursor) qb.andWhere('(i.code_name, i.id) > (:cCode, :cId::uuid)', { cCode: cursor[0], cId: cursor[1] });
  const rows = await qb.orderBy('i.code_name').addOrderBy('i.id').limit(first + 1).getMany();
  return toConnection(rows, first, inquiryKey, !!cursor);
}

/** Counts per state and jobs/investment totals (raw, as text) over the inquiries the caller may see. */
export async function pipelineTotals(ctx: RequestContext, scope: OrgScope, coordinatorOrganisationId: string | undefined) {
  const qb = restrictToVisibleInquiries(ctx.ds.getRepository(EstablishmentInquiry).createQueryBuilder('i'), 'i', scope)
    .select(`count(*) FILTER (WHERE i.state = 'LEAD')`, 'lead')
    .addSelect(`count(*) FILTER (WHERE i.state = 'ACTIVE')`, 'active')
    .addSelect(`count(*) FILTER (WHERE i.state = 'DELAYED')`, 'delayed')
    .addSelect(`count(*) FILTER (WHERE i.state = 'ELIMINATED')`, 'eliminated')
    .addSelect(`count(*) FILTER (WHERE i.state = 'SUCCESSFUL')`, 'successful')
    .addSelect(`coalesce(sum(i.projected_jobs) FILTER (WHERE i.state = ANY(:open)), 0)`, 'projected_jobs')
    .addSelect(`coalesce(sum(i.realised_jobs) FILTER (WHERE i.state = 'SUCCESSFUL'), 0)`, 'realised_jobs')
    .addSelect(`coalesce(sum(i.realised_investment_sek) FILTER (WHERE i.state = 'SUCCESSFUL'), 0)::numeric(16,2)::text`, 'realised_investment')
    .setParameter('open', OPEN_STATES);
  if (coordinatorOrganisationId) {
    if (!isUuid(coordinatorOrganisationId)) qb.andWhere('false');
    else qb.andWhere('i.coordinator_organisation_id = :coord', { coord: coordinatorOrganisationId });
  }
  const r = await qb.getRawOne();
  return r as Record<'lead' | 'active' | 'delayed' | 'eliminated' | 'successful' | 'projected_jobs' | 'realised_jobs' | 'realised_investment', string>;
}

/** The public portal's page of projects meeting the listing criteria, by title (public: no scope). */
export async function publicListingPage(ctx: RequestContext, filter: InvestorPortalFilter | undefined, first: number, after: string | null | undefined) {
  const qb = restrictToPublicListings(ctx.ds.getRepository(InvestorPortalProject).createQueryBuilder('p'), 'p');
  if (filter?.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
  // A tender whose deadline has passed can no longer be bid in: not a tender to show (portal.status.ts).
  if (filter?.tendersOnly) qb.andWhere('p.is_tender = true AND (p.tender_deadline IS NULL OR p.tender_deadline >= :today)', { today: portalToday() });
  const cursor = decodeCursor(after, ['text', 'uuid']) as [string, string] | null;
  if (cursor) qb.andWhere('(lower(p.title), p.id) > (:cTitle, :cId::uuid)', { cTitle: cursor[0], cId: cursor[1] });
  const rows = await qb.orderBy('lower(p.title)').addOrderBy('p.id').limit(first + 1).getMany();
  return toConnection(rows, first, listingKey, !!cursor);
}

/** Portal projects the caller's organisations manage (listed or not), by title. */
export async function managedProjectPage(ctx: RequestContext, scope: OrgScope, first: number, after: string | null | undefined) {
  const qb = scope.restrict(ctx.ds.getRepository(InvestorPortalProject).createQueryBuilder('p'), 'p.owner_organisation_id');
  const cursor = decodeCursor(after, ['text', 'uuid']) as [string, string] | null;
  if (cursor) qb.andWhere('(lower(p.title), p.id) > (:cTitle, :cId::uuid)', { cTitle: cursor[0], cId: cursor[1] });
  const rows = await qb.orderBy('lower(p.title)').addOrderBy('p.id').limit(first + 1).getMany();
  return toConnection(rows, first, listingKey, !!cursor);
}
