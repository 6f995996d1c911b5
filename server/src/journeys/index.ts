import {
  FirmJourneyResolver, TouchpointResolver, ReferralDetailsResolver, MilestoneDetailsResolver, GrowthPlanMilestoneResolver, GrowthPotentialAssessmentResolver,
} from './journey.resolver';
import { ReferralResolver, ReferralStepResolver } from './referral.resolver';
import { ConsentResolver, JourneyAccessLogResolver } from './consent.resolver';
import { ContactPersonResolver } from './contact-person.resolver';
import { FirmDataExportResolver } from './export.resolver';
import { WorklistResolver, WorklistFirmResolver } from './worklist.resolver';

/** Every resolver class of the journeys area: server/src/schema.ts takes the area's resolvers only from here. */
export const JOURNEY_RESOLVERS = [
  FirmJourneyResolver,
  TouchpointResolver,
  ReferralDetailsResolver,
  MilestoneDetailsResolver,
  GrowthPlanMilestoneResolver,
  GrowthPotentialAssessmentResolver,
  ReferralResolver,
  ReferralStepResolver,
  ConsentResolver,
  JourneyAccessLogResolver,
  ContactPersonResolver,
  FirmDataExportResolver,
  WorklistResolver,
  WorklistFirmResolver,
] as const;
