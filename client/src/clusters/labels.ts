import { humanize } from '../ui/labels';

/** The published placement criteria, in their published order, with their names. */
export const PLACEMENT_CRITERIA: Array<[string, string]> = [
  ['VALUE_TO_LOCAL_FIRMS', 'Value to local firms'],
  ['ATTRACTION_AND_RETENTION', 'Attraction and retention of firms'],
  ['KNOWLEDGE_INSTITUTION_LINKS', 'Links between knowledge institutions and firms'],
  ['NETWORK_AND_MATCHMAKING', 'Network and matchmaking activities'],
  ['RETURN_ON_PUBLIC_RESEARCH', 'Return on public research investment'],
];
const CRITERIA = new Map(PLACEMENT_CRITERIA);
export const placementCriterionLabel = (c: string) => CRITERIA.get(c) ?? humanize(c);

export const MEMBER_BENEFITS: Array<[string, string]> = [
  ['PARTICIPATION_IN_ACTIVITIES', 'Staff may take part in all the cluster’s activities'],
  ['EXTERNALLY_FUNDED_PROJECTS', 'Access to externally funded projects (test and demonstration)'],
  ['ACTIVITY_UPDATES', 'Kept up to date on the cluster’s activities'],
];
const BENEFITS = new Map(MEMBER_BENEFITS);
export const memberBenefitLabel = (b: string) => BENEFITS.get(b) ?? humanize(b);

export const ACTIVITY_KINDS = ['MATCHMAKING', 'NETWORK_MEETING', 'CONFERENCE', 'SEMINAR', 'JOINT_PROJECT'] as const;

/** Scores run from 1 (weak) to 5 (strong). */
export const MAX_PLACEMENT_SCORE = 5;
