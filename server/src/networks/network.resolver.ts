import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
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
import { TouchpointKind } from '../journeys/journey.enums';
import { appendEntry } from '../journeys/touchpoint.service';
import { readScope, restrictToVisibleNetworks } from './network.visibility';

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

/**
 * A network the caller may change with `capability` (in its owning organisation or its secretariat).
 * One that the caller cannot see at all gives the same answer as one that does not exist.
 */
export async function findNetworkFor(ctx: RequestContext, em: EntityManager, id: string, capability: Capability, field: string): Promise<Network> {
  const scope = readScope(ctx);
  const network = scope
    ? await restrictToVisibleNetworks(em.getRepository(Network).createQueryBuilder('n').where('n.id = :id', { id }), 'n', scope).getOne()
    : null;
  if (!network) throw new UserInputRejection([userError(field, 'Network not found.', UserErrorCode.NOT_FOUND)]);
  const allowed = ctx.scope.organisationIds(capability);
  if (!allowed.includes(network.ownerOrganisationId) && !(network.secretariatOrganisationId && allowed.includes(network.secretariatOrganisationId))) {
    throw new UserInputRejection([userError(field, `Your role in this network's organisations does not allow this (needs "${capability}").`, UserErrorCode.NOT_ALLOWED)]);
  }
  return network;
}

async function findMeetingFor(ctx: RequestContext, em: EntityManager, id: string, capability: Capability, field: string) {
  const meeting = await em.findOneBy(NetworkMeeting, { id });
  if (!meeting) throw new UserInputRejection([userError(field, 'Meeting not found.', UserErrorCode.NOT_FOUND)]);
  try {
    await findNetworkFor(ctx, em, meeting.networkId, capability, field);
  } catch (e) {
    if (e instanceof UserInputRejection && e.errors[0].code === UserErrorCode.NOT_FOUND) {
      throw new UserInputRejection([userError(field, 'Meeting not found.', UserErrorCode.NOT_FOUND)]);
    }
    throw e;
  }
  return meeting;
}

async function requireOrganisation(em: EntityManager, id: string | undefined, field: string) {
  if (id && !(await em.existsBy(Organisation, { id }))) throw new UserInputRejection([userError(field, 'No organisation with this id.', UserErrorCode.NOT_FOUND)]);
}

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
    return runMutation(ctx, input, async (em) => {
      if (!ctx.scope.has(input.ownerOrganisationId, Capability.EDIT)) {
        throw new UserInputRejection([userError('ownerOrganisationId', 'You can only create networks for an organisation where you have "edit".', UserErrorCode.NOT_ALLOWED)]);
      }
      await requireOrganisation(em, input.organisationId, 'organisationId');
      await requireOrganisation(em, input.secretariatOrganisationId, 'secretariatOrganisationId');
      const network = await em.save(
        em.create(Network, {
          ownerOrganisationId: input.ownerOrganisationId,
          organisationId: input.organisationId ?? null,
          secretariatOrganisationId: input.secretariatOrganisationId ?? null,
          name: input.name.trim(),
          description: input.description ?? null,
        }),
      );
      return Object.assign(new NetworkPayload(), { network });
    }, () => new NetworkPayload());
  }

  @Mutation(() => NetworkPayload, { description: 'Change a network\'s name, description or secretariat.' })
  @Access(Rules.member(Capability.EDIT))
  updateNetwork(@Arg('input', { validate: false }) input: UpdateNetworkInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const network = await findNetworkFor(ctx, em, input.id, Capability.EDIT, 'id');
      await requireOrganisation(em, input.secretariatOrganisationId, 'secretariatOrganisationId');
      const patch: Partial<Network> = {};
      if (input.name !== undefined) patch.name = input.name.trim();
      if (input.description !== undefined) patch.description = input.description;
      if (input.secretariatOrganisationId !== undefined) patch.secretariatOrganisationId = input.secretariatOrganisationId;
      const updated = await updateIfVersion(em, Network, network.id, input.expectedVersion, patch);
      if (!updated) throw versionConflict('network', network.version);
      return Object.assign(new NetworkPayload(), { network: updated });
    }, () => new NetworkPayload());
  }

  @Mutation(() => NetworkPayload, { description: 'Add a person and/or organisation to the working group.' })
  @Access(Rules.member(Capability.EDIT))
  addNetworkWorkingGroupMember(@Arg('input', { validate: false }) input: AddNetworkWorkingGroupMemberInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const network = await findNetworkFor(ctx, em, input.networkId, Capability.EDIT, 'networkId');
      if (!input.personName && !input.organisationId) {
        throw new UserInputRejection([userError('personName', 'Give a person\'s name, an organisation, or both.', UserErrorCode.REQUIRED)]);
      }
      await requireOrganisation(em, input.organisationId, 'organisationId');
      await em.insert(NetworkWorkingGroupMember, {
        networkId: network.id,
        personName: input.personName?.trim() ?? null,
        organisationId: input.organisationId ?? null,
        role: input.role ?? null,
      });
      return Object.assign(new NetworkPayload(), { network });
    }, () => new NetworkPayload());
  }

  @Mutation(() => AddNetworkMembersPayload, { description: 'Add members (firms and/or contact names) to a network.' })
  @Access(Rules.member(Capability.EDIT))
  addNetworkMembers(@Arg('input', { validate: false }) input: AddNetworkMembersInput, @Ctx() ctx: RequestContext) {
    return runMutation(
      ctx,
      input,
      async (em) => {
        const network = await findNetworkFor(ctx, em, input.networkId, Capability.EDIT, 'networkId');
        const errors = input.members.flatMap((m, i) =>
          !m.firmId && !m.contactName ? [userError(['members', String(i), 'contactName'], 'Give a firm, a contact name, or both.', UserErrorCode.REQUIRED)] : [],
        );
        if (errors.length) throw new UserInputRejection(errors);
        const firmIds = [...new Set(input.members.map((m) => m.firmId).filter((f): f is string => !!f))];
        if (firmIds.length) {
          // Only firms the caller can see (register firms, or its own prospects).
          const visible = await firmLoaders(ctx).byId.loadMany(firmIds);
          const seen = new Set(visible.filter((f): f is Firm => !!f && !(f instanceof Error)).map((f) => f.id));
          const missing = input.members.flatMap((m, i) => (m.firmId && !seen.has(m.firmId) ? [userError(['members', String(i), 'firmId'], 'Firm not found.', UserErrorCode.NOT_FOUND)] : []));
          if (missing.length) throw new UserInputRejection(missing);
        }
        await em.insert(
          NetworkMember,
          input.members.map((m) => ({ networkId: network.id, firmId: m.firmId ?? null, contactName: m.contactName?.trim() ?? null })),
        );
        return Object.assign(new AddNetworkMembersPayload(), { network, addedCount: input.members.length });
      },
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
    return runMutation(ctx, input, async (em) => {
      const network = await findNetworkFor(ctx, em, input.networkId, Capability.EDIT, 'networkId');
      const meeting = await em.save(em.create(NetworkMeeting, { networkId: network.id, heldOn: input.heldOn, title: input.title.trim(), location: input.location ?? null }));
      return Object.assign(new NetworkMeetingPayload(), { meeting });
    }, () => new NetworkMeetingPayload());
  }

  @Mutation(() => NetworkMeetingPayload, { description: 'Register members for a meeting (registering twice is harmless).' })
  @Access(Rules.member(Capability.RECORD))
  registerForNetworkMeeting(@Arg('input', { validate: false }) input: RegisterForNetworkMeetingInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const meeting = await findMeetingFor(ctx, em, input.meetingId, Capability.RECORD, 'meetingId');
      await requireMembersOf(em, meeting.networkId, input.memberIds, 'memberIds');
      await em.query(
        `INSERT INTO network_meeting_participant (meeting_id, member_id, registered_at)
         SELECT $1, unnest($2::uuid[]), now()
         ON CONFLICT (meeting_id, member_id) DO UPDATE SET registered_at = COALESCE(network_meeting_participant.registered_at, EXCLUDED.registered_at)`,
        [meeting.id, [...new Set(input.memberIds)]],
      );
      return Object.assign(new NetworkMeetingPayload(), { meeting });
    }, () => new NetworkMeetingPayload());
  }

  @Mutation(() => NetworkMeetingPayload, { description: 'Record who attended, on or after the meeting date. Replaces an earlier recording.' })
  @Access(Rules.member(Capability.RECORD))
  recordNetworkMeetingAttendance(@Arg('input', { validate: false }) input: RecordNetworkMeetingAttendanceInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const meeting = await findMeetingFor(ctx, em, input.meetingId, Capability.RECORD, 'meetingId');
      const [{ future }] = await em.query('SELECT $1::date > current_date AS future', [meeting.heldOn]);
      if (future) {
        throw new UserInputRejection([userError('meetingId', `The meeting is on ${meeting.heldOn}; attendance can be recorded from that day on.`, UserErrorCode.NOT_ALLOWED)]);
      }
      const attended = [...new Set(input.attendedMemberIds)];
      await requireMembersOf(em, meeting.networkId, attended, 'attendedMemberIds');
      const updated = await updateIfVersion(em, NetworkMeeting, meeting.id, input.expectedVersion, { attendanceRecordedAt: () => 'now()' } as never);
      if (!updated) throw versionConflict('meeting', meeting.version);
      const userId = userIdOf(ctx);
      const before = new Set<string>(
        (await em.query('SELECT member_id FROM network_meeting_participant WHERE meeting_id = $1 AND attended', [meeting.id])).map((r: { member_id: string }) => r.member_id),
      );
      await em.query(
        `UPDATE network_meeting_participant SET attended = false, attendance_recorded_by_user_id = $3
          WHERE meeting_id = $1 AND NOT (member_id = ANY($2::uuid[]))`,
        [meeting.id, attended, userId],
      );
      if (attended.length) {
        await em.query(
          `INSERT INTO network_meeting_participant (meeting_id, member_id, attended, attendance_recorded_by_user_id)
           SELECT $1, unnest($2::uuid[]), true, $3
           ON CONFLICT (meeting_id, member_id) DO UPDATE SET attended = true, attendance_recorded_by_user_id = EXCLUDED.attendance_recorded_by_user_id`,
          [meeting.id, attended, userId],
        );
      }
      await recordParticipationInJourneys(ctx, em, meeting, attended.filter((id) => !before.has(id)));
      return Object.assign(new NetworkMeetingPayload(), { meeting: updated });
    }, () => new NetworkMeetingPayload());
  }
}

/**
 * Firms among the newly attending members get a NETWORK_PARTICIPATION entry in their journey, owned by the
 * network's owner. The journey is append-only: un-marking attendance later does not remove the entry.
 */
async function recordParticipationInJourneys(ctx: RequestContext, em: EntityManager, meeting: NetworkMeeting, memberIds: string[]) {
  if (!memberIds.length) return;
  const firms: Array<{ firm_id: string }> = await em.query('SELECT firm_id FROM network_member WHERE id = ANY($1) AND firm_id IS NOT NULL', [memberIds]);
  if (!firms.length) return;
  const network = await em.findOneByOrFail(Network, { id: meeting.networkId });
  const heldAt = new Date(`${meeting.heldOn}T12:00:00Z`);
  const occurredAt = heldAt < new Date() ? heldAt : new Date();
  for (const { firm_id } of firms) {
    await appendEntry(ctx, em, {
      firmId: firm_id,
      organisationId: network.ownerOrganisationId,
      kind: TouchpointKind.NETWORK_PARTICIPATION,
      occurredAt,
      summary: `Attended a meeting of ${network.name}`,
      details: { name: network.name, networkOrClusterOrganisationId: network.ownerOrganisationId, role: 'meeting attendee' },
    });
  }
}

async function requireMembersOf(em: EntityManager, networkId: string, memberIds: string[], field: string) {
  if (!memberIds.length) return;
  const rows: Array<{ id: string }> = await em.query('SELECT id FROM network_member WHERE network_id = $1 AND id = ANY($2::uuid[])', [networkId, memberIds]);
  const found = new Set(rows.map((r) => r.id));
  const errors = memberIds.flatMap((id, i) => (found.has(id) ? [] : [userError([field, String(i)], 'Not a member of this network.', UserErrorCode.NOT_FOUND)]));
  if (errors.length) throw new UserInputRejection(errors);
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

