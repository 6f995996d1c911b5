import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { isUuid } from '../core/text';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { FundingApplication } from './funding.entity';
import {
  AddNetworkMembersInput,
  AddNetworkWorkingGroupMemberInput,
  CreateNetworkInput,
  RecordNetworkMeetingAttendanceInput,
  RegisterForNetworkMeetingInput,
  ScheduleNetworkMeetingInput,
  UpdateNetworkInput,
} from './network.inputs';
import { Network, NetworkMeeting, NetworkMeetingParticipant, NetworkMember, NetworkWorkingGroupMember } from './network.entity';
import { networkLoaders } from './network.loaders';
import * as service from './network.service';

@ObjectType()
export class NetworkConnection extends Connection(Network, 'Network') {}

@ObjectType()
export class NetworkMemberConnection extends Connection(NetworkMember, 'NetworkMember') {
  @Field(() => Int, { description: 'Number of members in the whole network (not just this page).' })
  totalCount!: number;
}

@ObjectType()
export class NetworkPayload extends MutationPayload {
  @Field(() => Network, { nullable: true })
  network: Network | null = null;
}

@ObjectType()
export class AddNetworkMembersPayload extends MutationPayload {
  @Field(() => Network, { nullable: true })
  network: Network | null = null;

  @Field(() => Int, { description: 'How many members were added.' })
  addedCount = 0;
}

@ObjectType()
export class NetworkMeetingPayload extends MutationPayload {
  @Field(() => NetworkMeeting, { nullable: true })
  meeting: NetworkMeeting | null = null;
}

const memberKey = (m: NetworkMember) => [m.joinedAt.toISOString(), m.id];

@Resolver(() => Network)
export class NetworkResolver {
  @Query(() => Network, { nullable: true, description: 'A network by id; null if it does not exist or is not yours to see.' })
  @Access(Rules.member(Capability.READ))
  network(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? networkLoaders(ctx).networkById.load(id) : null;
  }

  @Query(() => NetworkConnection, { description: 'Networks your organisations own or are secretariat for, by name.' })
  @Access(Rules.member(Capability.READ))
  async networks(@PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    return service.listNetworks(ctx, first, after);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation owning the network record (e.g. the local committee).' })
  owner(@Root() n: Network, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(n.ownerOrganisationId);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation (kind NETWORK) representing the network, if any.' })
  organisation(@Root() n: Network, @Ctx() ctx: RequestContext) {
    return n.organisationId ? organisationLoaders(ctx).byId.load(n.organisationId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The secretariat (DA sekretariat).' })
  secretariat(@Root() n: Network, @Ctx() ctx: RequestContext) {
    return n.secretariatOrganisationId ? organisationLoaders(ctx).byId.load(n.secretariatOrganisationId) : null;
  }

  @FieldResolver(() => [NetworkWorkingGroupMember], { description: 'The working group (DA arbejdsgruppe).' })
  workingGroup(@Root() n: Network, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).workingGroupByNetwork.load(n.id);
  }

  @FieldResolver(() => Int, { description: 'Number of members.' })
  memberCount(@Root() n: Network, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).memberCountByNetwork.load(n.id);
  }

  @FieldResolver(() => NetworkMemberConnection, { description: 'Members, in the order they joined.' })
  async members(@Root() n: Network, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
    const loaders = networkLoaders(ctx);
    const [rows, total] = await Promise.all([loaders.memberPageByNetwork.load({ networkId: n.id, first, after: cursor }), loaders.memberCountByNetwork.load(n.id)]);
    return { ...toConnection(rows, first, memberKey, !!cursor), totalCount: total };
  }

  @FieldResolver(() => [NetworkMeeting], { description: 'Meetings, by date.' })
  meetings(@Root() n: Network, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).meetingsByNetwork.load(n.id);
  }

  @FieldResolver(() => [FundingApplication], { description: 'Funding applications for this network that you may see.' })
  fundingApplications(@Root() n: Network, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).applicationsByNetwork.load(n.id);
  }

  @Mutation(() => NetworkPayload, { description: 'Create a network owned by one of your organisations.' })
  @Access(Rules.member(Capability.EDIT))
  createNetwork(@Arg('input', { validate: false }) input: CreateNetworkInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new NetworkPayload(), await service.createNetwork(ctx, em, input)), () => new NetworkPayload());
  }

  @Mutation(() => NetworkPayload, { description: 'Change a network\'s name, description or secretariat.' })
  @Access(Rules.member(Capability.EDIT))
  updateNetwork(@Arg('input', { validate: false }) input: UpdateNetworkInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new NetworkPayload(), await service.updateNetwork(ctx, em, input)), () => new NetworkPayload());
  }

  @Mutation(() => NetworkPayload, { description: 'Add a person and/or organisation to the working group.' })
  @Access(Rules.member(Capability.EDIT))
  addNetworkWorkingGroupMember(@Arg('input', { validate: false }) input: AddNetworkWorkingGroupMemberInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new NetworkPayload(), await service.addNetworkWorkingGroupMember(ctx, em, input)), () => new NetworkPayload());
  }

  @Mutation(() => AddNetworkMembersPayload, { description: 'Add members (firms and/or contact names) to a network.' })
  @Access(Rules.member(Capability.EDIT))
  addNetworkMembers(@Arg('input', { validate: false }) input: AddNetworkMembersInput, @Ctx() ctx: RequestContext) {
    return runMutation(
      ctx,
      input,
      async (em) => Object.assign(new AddNetworkMembersPayload(), await service.addNetworkMembers(ctx, em, input)),
      () => new AddNetworkMembersPayload(),
      { uniqueFields: { UQ_network_member_firm: { field: 'members', message: 'A firm in the list is a member already.' } } },
    );
  }
}

@Resolver(() => NetworkMeeting)
export class NetworkMeetingResolver {
  @FieldResolver(() => Int, { description: 'Members registered for the meeting.' })
  async registrationCount(@Root() m: NetworkMeeting, @Ctx() ctx: RequestContext) {
    return (await networkLoaders(ctx).countsByMeeting.load(m.id)).registered;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Members who attended; null until attendance is recorded.' })
  async attendeeCount(@Root() m: NetworkMeeting, @Ctx() ctx: RequestContext) {
    if (!m.attendanceRecordedAt) return null;
    return (await networkLoaders(ctx).countsByMeeting.load(m.id)).attended;
  }

  @FieldResolver(() => [NetworkMeetingParticipant], { description: 'Registrations and attendance, one per member.' })
  participants(@Root() m: NetworkMeeting, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).participantsByMeeting.load(m.id);
  }

  @Mutation(() => NetworkMeetingPayload, { description: 'Put a network meeting on a date.' })
  @Access(Rules.member(Capability.EDIT))
  scheduleNetworkMeeting(@Arg('input', { validate: false }) input: ScheduleNetworkMeetingInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new NetworkMeetingPayload(), await service.scheduleNetworkMeeting(ctx, em, input)), () => new NetworkMeetingPayload());
  }

  @Mutation(() => NetworkMeetingPayload, { description: 'Register members for a meeting (registering twice is harmless).' })
  @Access(Rules.member(Capability.RECORD))
  registerForNetworkMeeting(@Arg('input', { validate: false }) input: RegisterForNetworkMeetingInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new NetworkMeetingPayload(), await service.registerForNetworkMeeting(ctx, em, input)), () => new NetworkMeetingPayload());
  }

  @Mutation(() => NetworkMeetingPayload, { description: 'Record who attended, on or after the meeting date. Replaces an earlier recording.' })
  @Access(Rules.member(Capability.RECORD))
  recordNetworkMeetingAttendance(@Arg('input', { validate: false }) input: RecordNetworkMeetingAttendanceInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new NetworkMeetingPayload(), await service.recordNetworkMeetingAttendance(ctx, em, input)), () => new NetworkMeetingPayload());
  }
}

@Resolver(() => NetworkWorkingGroupMember)
export class NetworkWorkingGroupMemberResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation the person represents, if any.' })
  organisation(@Root() w: NetworkWorkingGroupMember, @Ctx() ctx: RequestContext) {
    return w.organisationId ? organisationLoaders(ctx).byId.load(w.organisationId) : null;
  }
}

@Resolver(() => NetworkMember)
export class NetworkMemberResolver {
  @FieldResolver(() => Firm, { nullable: true, description: 'The member firm (register data), if the member is a firm.' })
  firm(@Root() m: NetworkMember, @Ctx() ctx: RequestContext) {
    return m.firmId ? firmLoaders(ctx).byId.load(m.firmId) : null;
  }
}

@Resolver(() => NetworkMeetingParticipant)
export class NetworkMeetingParticipantResolver {
  @FieldResolver(() => NetworkMember, { description: 'The member.' })
  member(@Root() p: NetworkMeetingParticipant, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).memberById.load(p.memberId);
  }
}

