import {
  ClusterResolver, ClusterOfficeResolver, ClusterMemberResolver, OfficePlacementProposalResolver, OfficeCoFinancingResolver, OfficeCoFinancingShareResolver, CoFinancingAllocationResolver, ClusterActivityResolver, ClusterActivityAttendanceResolver, ClusterMutationResolver,
} from './cluster.resolver';

/** Every resolver class of the clusters area: server/src/schema.ts takes the area's resolvers only from here. */
export const CLUSTER_RESOLVERS = [
  ClusterResolver,
  ClusterOfficeResolver,
  ClusterMemberResolver,
  OfficePlacementProposalResolver,
  OfficeCoFinancingResolver,
  OfficeCoFinancingShareResolver,
  CoFinancingAllocationResolver,
  ClusterActivityResolver,
  ClusterActivityAttendanceResolver,
  ClusterMutationResolver,
] as const;
