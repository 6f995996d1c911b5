import { DashboardResolver } from './dashboard.resolver';

/** Every resolver class of the dashboards area: server/src/schema.ts takes the area's resolvers only from here. */
export const DASHBOARD_RESOLVERS = [
  DashboardResolver,
] as const;
