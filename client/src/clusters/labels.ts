import { enumLabel } from '../ui/labels';

/** The published placement criteria, in their published order (names in clusters/messages.ts: criterion.<KEY>). */
export const PLACEMENT_CRITERIA: Array<[string]> = [
  ['VALUE_TO_LOCAL_FIRMS'],
  ['ATTRACTION_AND_RETENTION'],
  ['KNOWLEDGE_INSTITUTION_LINKS'],
  ['NETWORK_AND_MATCHMAKING'],
  ['RETURN_ON_PUBLIC_RESEARCH'],
];
export const placementCriterionLabel = (c: string) => enumLabel('clusters.criterion', c);

export const MEMBER_BENEFITS: Array<[string]> = [['PARTICIPATION_IN_ACTIVITIES'], ['EXTERNALLY_FUNDED_PROJECTS'], ['ACTIVITY_UPDATES']];
export const memberBenefitLabel = (b: string) => enumLabel('clusters.benefit', b);

export const ACTIVITY_KINDS = ['MATCHMAKING', 'NETWORK_MEETING', 'CONFERENCE', 'SEMINAR', 'JOINT_PROJECT'] as const;
export const activityKindLabel = (k: string) => enumLabel('clusters.activityKind', k);
export const proposalStateLabel = (s: string) => enumLabel('clusters.proposalState', s);
export const memberKindLabel = (k: string) => enumLabel('clusters.memberKind', k);

/** Scores run from 1 (weak) to 5 (strong). */
export const MAX_PLACEMENT_SCORE = 5;
