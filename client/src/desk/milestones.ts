import type { DeskFirmMilestonesQuery, DeskMilestoneFragment } from '../generated/graphql';


export interface FirmMilestone extends Omit<DeskMilestoneFragment, 'updatedAt' | '__typename'> {
  organisationName: string;
}

/**
 * The firm's milestones from its GROWTH_PLAN_MILESTONE entries (the API has no list of a firm's
 * milestones): one per milestone, as it is now. Only milestones of our own organisations carry their
 * current state (`milestone`); entries of others are left out. Ordered by due date.
 */
export function milestonesFromEntries(data: DeskFirmMilestonesQuery | undefined): FirmMilestone[] {
  const byId = new Map<string, FirmMilestone>();
  for (const { node } of data?.firmJourney?.edges ?? []) {
    if (node.details.__typename !== 'MilestoneDetails' || !node.details.milestone) continue;
    const m = node.details.milestone;
    if (!byId.has(m.id)) byId.set(m.id, { ...m, organisationName: node.organisation.name });
  }
  return [...byId.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title));
}
