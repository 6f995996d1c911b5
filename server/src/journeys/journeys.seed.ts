import { EntityManager } from 'typeorm';
import { Firm, GrowthPotentialLevel } from '../firms/firm.entity';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { ContactPerson } from './contact-person.entity';
import { FirmConsent } from './consent.entity';
import {
  ConsentScope, ContactChannel, FirmSegment, GROWTH_WHEEL, GrowthWheelDecisionArea, MilestoneStatus, ReferralStatus, TouchpointKind,
} from './journey.enums';
import { Referral, ReferralStep } from './referral.entity';
import { GrowthPlanMilestone, GrowthPotentialAssessment, Touchpoint } from './touchpoint.entity';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Demo journeys: Erhvervshus Midtjylland's work with a few firms in Randers (first contact, growth mapping,
 * milestones, a referral to a private advisor waiting in its inbox, consent for one firm), and one entry
 * of Erhvervshus Hovedstaden's that Midtjylland sees only as "hidden". Bulk inserts; a few milliseconds.
 */
export async function seedJourneys(em: EntityManager, orgs: Map<string, Organisation>, users: Map<string, User>): Promise<void> {
  const midt = orgs.get('gh:midtjylland')!.id;
  const hoved = orgs.get('gh:hovedstaden')!.id;
  const advisor = orgs.get('advisor:nord')!.id;
  const mette = users.get('consultant@midtjylland.demo')?.id ?? null;
  const hanne = users.get('consultant@hovedstaden.demo')?.id ?? null;
  const firms = await em.getRepository(Firm).createQueryBuilder('f')
    .where('f.municipalityId = :m', { m: orgs.get('mun:DK:730')!.id }).andWhere(`f.status = 'REGISTERED'`)
    .orderBy('f.name').limit(6).getMany();
  if (!firms.length) return;
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const areas = Object.values(GROWTH_WHEEL).flat();
  const touchpoints: Array<Partial<Touchpoint>> = [];
  const milestones: Array<Partial<GrowthPlanMilestone>> = [];

  firms.forEach((firm, i) => {
    touchpoints.push({
      firmId: firm.id, organisationId: midt, recordedByUserId: mette, kind: TouchpointKind.FIRST_CONTACT, occurredAt: at(12 - i),
      summary: 'Første møde om vækstplaner', details: { channel: ContactChannel.MEETING, topic: 'Vækst og eksport' },
    });
    if (i < 4) {
      touchpoints.push({
        firmId: firm.id, organisationId: midt, recordedByUserId: mette, kind: TouchpointKind.GROWTH_MAPPING, occurredAt: at(8 - i),
        summary: 'Vækstkortlægning med Væksthjulet',
        details: {
          scores: areas.map((decisionArea, k) => ({ decisionArea, score: 1 + ((k + i) % 5) })),
          focusAreas: [GrowthWheelDecisionArea.SALES, GrowthWheelDecisionArea.FINANCING, GrowthWheelDecisionArea.INTERNATIONALISATION],
          ambition: 'Fordoble eksporten inden for tre år',
        },
      });
      milestones.push({
        firmId: firm.id, organisationId: midt, title: 'Eksportplan for Tyskland', ownerName: 'Direktøren', dueOn: at(-5 - i).toISOString().slice(0, 10),
        status: MilestoneStatus.PLANNED,
      });
    }
  });
  const savedMilestones = await em.save(milestones.map((m) => em.create(GrowthPlanMilestone, m)));
  for (const m of savedMilestones) {
    touchpoints.push({
      firmId: m.firmId, organisationId: midt, recordedByUserId: mette, kind: TouchpointKind.GROWTH_PLAN_MILESTONE, occurredAt: at(3), milestoneId: m.id,
      details: { milestoneId: m.id, title: m.title, ownerName: m.ownerName, dueOn: m.dueOn, status: m.status, previousStatus: null },
    });
  }

  // A referral to a private advisor, waiting in its inbox.
  const referral = await em.save(em.create(Referral, {
    firmId: firms[0].id, senderOrganisationId: midt, receiverOrganisationId: advisor, status: ReferralStatus.SENT, reason: 'Hjælp til finansiering af eksportplanen',
  }));
  await em.insert(ReferralStep, { referralId: referral.id, status: ReferralStatus.SENT, byUserId: mette, byOrganisationId: midt, note: null });
  touchpoints.push({
    firmId: firms[0].id, organisationId: midt, recordedByUserId: mette, kind: TouchpointKind.REFERRAL, occurredAt: at(1), referralId: referral.id,
    details: { referralId: referral.id, receiverOrganisationId: advisor, reason: referral.reason },
  });

  // Another growth house's entry about the same firm (shown to Midtjylland only as hidden).
  touchpoints.push({
    firmId: firms[1].id, organisationId: hoved, recordedByUserId: hanne, kind: TouchpointKind.EVENT_ATTENDANCE, occurredAt: at(6),
    details: { eventName: 'Vækstcamp København', organiserName: 'Erhvervshus Hovedstaden' },
  });
  await em.insert(Touchpoint, touchpoints as never);

  // Firm 0 consented that Midtjylland shows its entries to all public business-support actors for a year.
  await em.insert(FirmConsent, {
    firmId: firms[0].id, organisationId: midt, scope: ConsentScope.ALL_PUBLIC_BUSINESS_SUPPORT, purpose: 'Koordineret vækstindsats',
    validUntil: new Date(now + 365 * DAY), recordedByUserId: mette, withdrawnAt: null, withdrawnByUserId: null,
  });
  await em.insert(GrowthPotentialAssessment, firms.slice(0, 3).map((f, i) => ({
    firmId: f.id, organisationId: midt, level: [GrowthPotentialLevel.HIGH, GrowthPotentialLevel.MEDIUM, GrowthPotentialLevel.LOW][i],
    segment: [FirmSegment.GROWTH_FIRM, FirmSegment.ESTABLISHED, FirmSegment.ENTREPRENEUR][i], rationale: null, assessedByUserId: mette,
  })));
  await em.insert(ContactPerson, {
    firmId: firms[0].id, organisationId: midt, name: 'Jens Demo', role: 'Direktør', email: 'jens@example.invalid', phone: '+45 12 34 56 78',
    sensitiveNote: 'Sygemeldt til næste måned (demo)', createdByUserId: mette,
    retainUntil: at(-3 * 365).toISOString().slice(0, 10), anonymisedAt: null,
  });
}
