import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Access, AccessRule, Capability, Rules } from '../core/access';
import { RequestContext } from '../core/context';
import { computeDashboard, drillDown } from './dashboard.service';
import { Dashboard, DashboardDrillDown, DashboardDrillDownInput, DashboardInput } from './dashboard.types';

/**
 * Who sees which breakdowns: any member (or read-only API key) of the organisation the dashboard is for;
 * the figures then cover that organisation's area in the graph (KKR: its member municipalities; growth
 * house: its coverage; region/län: its municipalities; national agency: the whole country) plus its own
 * records, with cells of other organisations' records suppressed under 5 firms (suppression.ts).
 */
const dashboardAudience = (): AccessRule => {
  const member = Rules.member(Capability.READ);
  return {
    description: `${member.description} (user or API key); figures cover that organisation's area in the graph, other organisations' records only as suppressed aggregates`,
    check: member.check,
  };
};

@Resolver()
export class DashboardResolver {
  @Query(() => Dashboard, { description: 'A partner dashboard: every panel (or the chosen ones) for one organisation and period, org-safe.' })
  @Access(dashboardAudience())
  dashboard(@Arg('input', () => DashboardInput) input: DashboardInput, @Ctx() ctx: RequestContext): Promise<Dashboard> {
    return computeDashboard(ctx, input);
  }

  @Query(() => DashboardDrillDown, {
    description: 'The entries behind one row of a panel - only those the caller may see (own records, or on a recorded basis: consent or open referral). Not for API keys.',
  })
  @Access(Rules.userMember(Capability.READ))
  dashboardDrillDown(@Arg('input', () => DashboardDrillDownInput) input: DashboardDrillDownInput, @Ctx() ctx: RequestContext): Promise<DashboardDrillDown> {
    return drillDown(ctx, input);
  }
}
