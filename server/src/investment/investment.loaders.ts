import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { Delegation, DelegationFollowUp, ReceptionMunicipality } from './delegation.entity';
import { EstablishmentInquiry, EstablishmentOffer, InquiryStateChange } from './inquiry.entity';
import { InvestorPortalProject } from './portal.entity';
import {
  delegationVisibleSql,
  inquiryVisibleSql,
  offerVisibleCondition,
  restrictToPublicListings,
  restrictToVisibleDelegations,
  restrictToVisibleInquiries,
} from './investment.visibility';

export interface DelegationResultsShape {
  followUpCount: number;
  contactsMade: number;
  projectsStarted: number;
  establishments: number;
  jobsCreated: number;
}

const groupBy = <T, K>(rows: T[], key: (r: T) => K) => {
  const map = new Map<K, T[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
};

/**
 * Per-request loaders of investment promotion. Parents are loaded through the caller's scope, and child rows
 * (follow-ups, results, hosts, group members, state changes) apply their parent's rule themselves.
 */
export function createInvestmentLoaders(ctx: RequestContext) {
  const ds = ctx.ds;
  const scope = () => ctx.scope.optional(Capability.READ);
  return {
    delegationById: new DataLoader<string, Delegation | null>(async (ids) => {
      const s = scope();
      if (!s) return ids.map(() => null);
      const rows = await restrictToVisibleDelegations(ds.getRepository(Delegation).createQueryBuilder('d').where('d.id = ANY(:ids)', { ids: [...ids] }), 'd', s).getMany();
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    hostIdsByDelegation: new DataLoader<string, string[]>(async (ids) => {
      const s = scope();
      if (!s) return ids.map(() => []);
      const rows: Array<{ delegation_id: string; municipality_id: string }> = await ds.query(
        `SELECT h.delegation_id, h.municipality_id FROM delegation_host h JOIN organisation o ON o.id = h.municipality_id
          WHERE h.delegation_id = ANY($1) AND ${delegationVisibleSql('h.delegation_id', '$2::uuid[]')} ORDER BY o.name`,
        [[...ids], s.organisationIds],
      );
      const map = groupBy(rows, (r) => r.delegation_id);
      return ids.map((id) => (map.get(id) ?? []).map((r) => r.municipality_id));
    }),

    followUpsByDelegation: new DataLoader<string, DelegationFollowUp[]>(async (ids) => {
      const s = scope();
      if (!s) return ids.map(() => []);
      const rows = await ds
        .getRepository(DelegationFollowUp)
        .createQueryBuilder('f')
        .where('f.delegation_id = ANY(:ids)', { ids: [...ids] })
        .andWhere(delegationVisibleSql('f.delegation_id', ':delScope'), { delScope: s.organisationIds })
        .orderBy('f.recorded_at')
        .addOrderBy('f.id')
        .getMany();
      const map = groupBy(rows, (r) => r.delegationId);
      return ids.map((id) => map.get(id) ?? []);
    }),

    /** Value created per delegation, summed in the database from the recorded follow-ups. */
    resultsByDelegation: new DataLoader<string, DelegationResultsShape>(async (ids) => {
      const s = scope();
      const rows: Array<Record<string, string>> = s
        ? await ds.query(
            `SELECT delegation_id, count(*) AS follow_ups, sum(contacts_made) AS contacts, sum(projects_started) AS projects,
                    sum(establishments) AS establishments, sum(jobs_created) AS jobs
               FROM delegation_follow_up WHERE delegation_id = ANY($1) AND ${delegationVisibleSql('delegation_id', '$2::uuid[]')} GROUP BY delegation_id`,
            [[...ids], s.organisationIds],
          )
        : [];
      const map = new Map(rows.map((r) => [r.delegation_id, r]));
      return ids.map((id) => {
        const r = map.get(id);
        return {
          followUpCount: Number(r?.follow_ups ?? 0),
          contactsMade: Number(r?.contacts ?? 0),
          projectsStarted: Number(r?.projects ?? 0),
          establishments: Number(r?.establishments ?? 0),
          jobsCreated: Number(r?.jobs ?? 0),
        };
      });
    }),

    receptionMunicipalitiesByReception: new DataLoader<string, ReceptionMunicipality[]>(async (ids) => {
      const rows = await ds
        .getRepository(ReceptionMunicipality)
        .createQueryBuilder('r')
        .innerJoin('organisation', 'o', 'o.id = r.municipality_id')
        .where('r.reception_organisation_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('o.name')
        .getMany();
      const map = groupBy(rows, (r) => r.receptionOrganisationId);
      return ids.map((id) => map.get(id) ?? []);
    }),

    inquiryById: new DataLoader<string, EstablishmentInquiry | null>(async (ids) => {
      const s = scope();
      if (!s) return ids.map(() => null);
      const rows = await restrictToVisibleInquiries(
        ds.getRepository(EstablishmentInquiry).createQueryBuilder('i').where('i.id = ANY(:ids)', { ids: [...ids] }),
        'i',
        s,
      ).getMany();
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Municipality ids of each inquiry's etableringsgrupp. */
    groupIdsByInquiry: new DataLoader<string, string[]>(async (ids) => {
      const s = scope();
      if (!s) return ids.map(() => []);
      const rows: Array<{ inquiry_id: string; municipality_id: string }> = await ds.query(
        `SELECT g.inquiry_id, g.municipality_id FROM establishment_inquiry_municipality g JOIN organisation o ON o.id = g.municipality_id
          WHERE g.inquiry_id = ANY($1) AND ${inquiryVisibleSql('g.inquiry_id', '$2::uuid[]')} ORDER BY o.name`,
        [[...ids], s.organisationIds],
      );
      const map = groupBy(rows, (r) => r.inquiry_id);
      return ids.map((id) => (map.get(id) ?? []).map((r) => r.municipality_id));
    }),

    /** Offers of each inquiry that the caller may see (filtered in SQL). */
    visibleOffersByInquiry: new DataLoader<string, EstablishmentOffer[]>(async (ids) => {
      const s = scope();
      if (!s) return ids.map(() => []);
      const rows = await ds
        .getRepository(EstablishmentOffer)
        .createQueryBuilder('o')
        .where('o.inquiry_id = ANY(:ids)', { ids: [...ids] })
        .andWhere(offerVisibleCondition('o'), { offScope: s.organisationIds })
        .orderBy('o.submitted_at')
        .addOrderBy('o.id')
        .getMany();
      const map = groupBy(rows, (r) => r.inquiryId);
      return ids.map((id) => map.get(id) ?? []);
    }),

    historyByInquiry: new DataLoader<string, InquiryStateChange[]>(async (ids) => {
      const s = scope();
      if (!s) return ids.map(() => []);
      const rows = await ds
        .getRepository(InquiryStateChange)
        .createQueryBuilder('h')
        .where('h.inquiry_id = ANY(:ids)', { ids: [...ids] })
        .andWhere(inquiryVisibleSql('h.inquiry_id', ':inqScope'), { inqScope: s.organisationIds })
        .orderBy('h.changed_at')
        .addOrderBy('h.id')
        .getMany();
      const map = groupBy(rows, (r) => r.inquiryId);
      return ids.map((id) => map.get(id) ?? []);
    }),

    publicListingById: new DataLoader<string, InvestorPortalProject | null>(async (ids) => {
      const rows = await restrictToPublicListings(
        ds.getRepository(InvestorPortalProject).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: [...ids] }),
        'p',
      ).getMany();
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
  };
}

export const investmentLoaders = (ctx: RequestContext) => ctx.loaders.get(createInvestmentLoaders);
