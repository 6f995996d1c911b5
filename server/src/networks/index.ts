import {
  NetworkResolver, NetworkMeetingResolver, NetworkWorkingGroupMemberResolver, NetworkMemberResolver, NetworkMeetingParticipantResolver,
} from './network.resolver';
import { FundingPoolResolver, FundingApplicationResolver } from './funding.resolver';

/** Every resolver class of the networks area: server/src/schema.ts takes the area's resolvers only from here. */
export const NETWORK_RESOLVERS = [
  NetworkResolver,
  NetworkMeetingResolver,
  NetworkWorkingGroupMemberResolver,
  NetworkMemberResolver,
  NetworkMeetingParticipantResolver,
  FundingPoolResolver,
  FundingApplicationResolver,
] as const;
