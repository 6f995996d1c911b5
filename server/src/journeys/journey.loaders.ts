import DataLoader from 'dataloader';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { FirmConsentRecipient } from './consent.entity';
import { DetailGrant, loadGrants } from './journey.access';
import { Referral, ReferralStep } from './referral.entity';
import { GrowthPlanMilestone, GrowthPotentialAssessment } from './touchpoint.entity';

/**
 * Per-request loaders of the journeys area. Each applies the caller's scope itself: a loader never
 * returns a record the caller's organisations may not see.
 */
export function createJourneyLoaders(ctx: RequestContext) {
  const readIds = () => ctx.scope.organisationIds(Capability.READ);
  return {
    /** The recorded bases (consent / open referral) on which the caller sees other organisations' entries, per firm. */
    grantsByFirm: new DataLoader<string, DetailGrant[]>(async (firmIds) => {
      const map = await loadGrants(ctx, firmIds, readIds());
      return firmIds.map((id) => map.get(id) ?? []);
    }),

    /** Referrals the caller's organisations are party to (sender or receiver). */
    referralById: new DataLoader<string, Referral | null>(async (ids) => {
      const orgs = readIds();
      const rows = orgs.length
        ? await ctx.ds.getRepository(Referral).createQueryBuilder('r')
            .where('r.id = ANY(:ids)', { ids: [...ids] })
            .andWhere('(r.senderOrganisationId = ANY(:orgs) OR r.receiverOrganisationId = ANY(:orgs))', { orgs })
            .getMany()
        : [];
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Steps of referrals the caller's organisations are party to (the referral's rule, applied here too). */
    stepsByReferral: new DataLoader<string, ReferralStep[]>(async (ids) => {
      const orgs = readIds();
      if (!orgs.length) return ids.map(() => []);
      const rows = await ctx.ds.getRepository(ReferralStep).createQueryBuilder('s')
        .where('s.referralId = ANY(:ids)', { ids: [...ids] })
        .andWhere('EXISTS (SELECT 1 FROM referral vr WHERE vr.id = s.referral_id AND (vr.sender_organisation_id = ANY(:orgs) OR vr.receiver_organisation_id = ANY(:orgs)))', { orgs })
        .orderBy('s.at').addOrderBy('s.id').getMany();
      return ids.map((id) => rows.filter((s) => s.referralId === id));
    }),

    /** Milestones of the caller's own organisations. */
    milestoneById: new DataLoader<string, GrowthPlanMilestone | null>(async (ids) => {
      const orgs = readIds();
      const rows = orgs.length
        ? await ctx.ds.getRepository(GrowthPlanMilestone).createQueryBuilder('m')
            .where('m.id = ANY(:ids)', { ids: [...ids] }).andWhere('m.organisationId = ANY(:orgs)', { orgs }).getMany()
        : [];
      const map = new Map(rows.map((m) => [m.id, m]));
      return ids.map((id) => map.get(id) ?? null);
    }),

    /** Growth-potential assessments of a firm by the caller's own organisations, newest first. */
    assessmentsByFirm: new DataLoader<string, GrowthPotentialAssessment[]>(async (firmIds) => {
      const orgs = readIds();
      const rows = orgs.length
        ? await ctx.ds.getRepository(GrowthPotentialAssessment).createQueryBuilder('a')
            .where('a.firmId = ANY(:firmIds)', { firmIds: [...firmIds] }).andWhere('a.organisationId = ANY(:orgs)', { orgs })
            .orderBy('a.assessedAt', 'DESC').addOrderBy('a.id', 'DESC').getMany()
        : [];
      return firmIds.map((id) => rows.filter((a) => a.firmId === id));
    }),

    /** Named recipients of consents recorded by the caller's own organisations (the consent's rule, applied here too). */
    recipientsByConsent: new DataLoader<string, string[]>(async (ids) => {
      const orgs = readIds();
      if (!orgs.length) return ids.map(() => []);
      const rows = await ctx.ds.getRepository(FirmConsentRecipient).createQueryBuilder('r')
        .where('r.consentId = ANY(:ids)', { ids: [...ids] })
        .andWhere('EXISTS (SELECT 1 FROM firm_consent vc WHERE vc.id = r.consent_id AND vc.organisation_id = ANY(:orgs))', { orgs })
        .orderBy('r.organisationId').getMany();
      return ids.map((id) => rows.filter((r) => r.consentId === id).map((r) => r.organisationId));
    }),

    /** The id of the entry correcting each entry, or null (ids only: no content crosses here). */
    supersederByEntry: new DataLoader<string, string | null>(async (ids) => {
      const rows: Array<{ id: string; supersedes_id: string }> = await ctx.ds.query('SELECT id, supersedes_id FROM touchpoint WHERE supersedes_id = ANY($1::uuid[])', [[...ids]]);
      const map = new Map(rows.map((r) => [r.supersedes_id, r.id]));
      return ids.map((id) => map.get(id) ?? null);
    }),
  };
}

export const journeyLoaders = (ctx: RequestContext) => ctx.loaders.get(createJourneyLoaders);
