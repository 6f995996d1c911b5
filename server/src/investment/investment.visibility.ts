import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { OrgScope } from '../core/scope';
import { PortalProjectStatus } from './portal.entity';

/**
 * Who sees what in investment promotion. Every query of these records goes through here.
 *
 * Delegations: the receiving organisation and the municipalities hosting the visit.
 *
 * Establishment inquiries:
 * - handlers: the receiving agency, the coordinator, the municipalities in the inquiry's group. They
 *   see everything, including the confidential project name, except competing municipalities' offers.
 * - observers: organisations in the coordinator's region (e.g. the other municipalities of Kalmar län)
 *   see that the case exists under its neutral code name, its state and its figures; nothing confidential.
 * - everyone else: nothing.
 * Offers: the agency, the coordinator and the offering municipality only.
 */
export function restrictToVisibleDelegations<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, scope: OrgScope): SelectQueryBuilder<T> {
  return qb.andWhere(
    new Brackets((w) =>
      w
        .where(`${alias}.reception_organisation_id = ANY(:delScope)`, { delScope: scope.organisationIds })
        .orWhere(`EXISTS (SELECT 1 FROM delegation_host vh WHERE vh.delegation_id = ${alias}.id AND vh.municipality_id = ANY(:delScope))`),
    ),
  );
}

/** SQL condition: the caller (:inqScope) handles inquiry `alias`. */
export const handlerCondition = (alias: string) =>
  `(${alias}.received_from_organisation_id = ANY(:inqScope) OR ${alias}.coordinator_organisation_id = ANY(:inqScope)
    OR EXISTS (SELECT 1 FROM establishment_inquiry_municipality vg WHERE vg.inquiry_id = ${alias}.id AND vg.municipality_id = ANY(:inqScope)))`;

export function restrictToVisibleInquiries<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, scope: OrgScope): SelectQueryBuilder<T> {
  return qb.andWhere(
    new Brackets((w) =>
      w
        .where(handlerCondition(alias), { inqScope: scope.organisationIds })
        .orWhere(`${alias}.coordinator_organisation_id IN (SELECT vo.region_id FROM organisation vo WHERE vo.id = ANY(:inqScope) AND vo.region_id IS NOT NULL)`),
    ),
  );
}

export function restrictToHandledInquiries<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, scope: OrgScope): SelectQueryBuilder<T> {
  return qb.andWhere(handlerCondition(alias), { inqScope: scope.organisationIds });
}

/** Offers the caller may see: it is the agency or coordinator of the inquiry, or the offering municipality. */
export const offerVisibleCondition = (offerAlias: string) =>
  `(${offerAlias}.municipality_id = ANY(:offScope) OR EXISTS (SELECT 1 FROM establishment_inquiry vi WHERE vi.id = ${offerAlias}.inquiry_id
     AND (vi.received_from_organisation_id = ANY(:offScope) OR vi.coordinator_organisation_id = ANY(:offScope))))`;

/** The investor portal's listing criteria (DA kriterier for at komme på portalen). */
export const LISTING_MIN_INVESTMENT_DKK = 100_000_000;
export const LISTABLE_STATUSES = [PortalProjectStatus.PLANNED, PortalProjectStatus.IN_TENDER, PortalProjectStatus.UNDER_CONSTRUCTION];

/** Only listed projects that meet the criteria: the one filter of every public portal query. */
export function restrictToPublicListings<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
  return qb
    .andWhere(`${alias}.listed = true`)
    .andWhere(`${alias}.estimated_investment_dkk >= :minInvestment`, { minInvestment: LISTING_MIN_INVESTMENT_DKK })
    .andWhere(`${alias}.public_owner_organisation_id IS NOT NULL`)
    .andWhere(`${alias}.status = ANY(:listableStatuses)`, { listableStatuses: LISTABLE_STATUSES });
}

/**
 * SQL conditions for child rows (follow-ups, hosts, state changes, group members): the parent delegation /
 * inquiry `idCol` is visible to `orgs` (an SQL expression of uuid[]) under the parent's own rule above.
 */
export const delegationVisibleSql = (idCol: string, orgs: string) =>
  `EXISTS (SELECT 1 FROM delegation vd WHERE vd.id = ${idCol}
     AND (vd.reception_organisation_id = ANY(${orgs}) OR EXISTS (SELECT 1 FROM delegation_host vdh WHERE vdh.delegation_id = vd.id AND vdh.municipality_id = ANY(${orgs}))))`;

export const inquiryVisibleSql = (idCol: string, orgs: string) =>
  `EXISTS (SELECT 1 FROM establishment_inquiry vi WHERE vi.id = ${idCol}
     AND (vi.received_from_organisation_id = ANY(${orgs}) OR vi.coordinator_organisation_id = ANY(${orgs})
       OR EXISTS (SELECT 1 FROM establishment_inquiry_municipality vig WHERE vig.inquiry_id = vi.id AND vig.municipality_id = ANY(${orgs}))
       OR vi.coordinator_organisation_id IN (SELECT vo.region_id FROM organisation vo WHERE vo.id = ANY(${orgs}) AND vo.region_id IS NOT NULL)))`;
