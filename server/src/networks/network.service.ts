import { EntityManager } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext, userIdOf } from '../core/context';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { keysetPage } from '../core/pagination';
import { scoped } from '../core/scoped';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { TouchpointKind } from '../journeys/journey.enums';
import { appendEntry } from '../journeys/touchpoint.service';
import { Organisation } from '../organisations/organisation.entity';
import { FundingApplication, FundingApplicationStatus, FundingPool } from './funding.entity';
import {
  AddNetworkMembersInput,
  AddNetworkWorkingGroupMemberInput,
  CreateNetworkInput,
  RecordNetworkMeetingAttendanceInput,
  RegisterForNetworkMeetingInput,
  ScheduleNetworkMeetingInput,
  UpdateNetworkInput,
} from './network.inputs';
import { Network, NetworkMeeting, NetworkMember, NetworkWorkingGroupMember } from './network.entity';
import { readScope, restrictToVisibleApplications, restrictToVisibleNetworks } from './network.visibility';

/**
 * The networks area's list reads, through core/scoped.ts (each entity's row rule), narrowed by the area's
 * own rules in network.visibility.ts where they are stricter (networks: owner and secretariat).
 */

export const networkKey = (n: Network) => [n.name.toLowerCase(), n.id];
export const applicationKey = (a: FundingApplication) => [a.projectName.toLowerCase(), a.id];

/** Networks the caller's organisations own or are secretariat for, by name. */
export function listNetworks(ctx: RequestContext, first: number, after: string | null | undefined) {
  const scope = ctx.scope.require(Capability.READ);
  const qb = restrictToVisibleNetworks(scoped(ctx, Network, 'n'), 'n', scope);
  return keysetPage(qb, { first, after, order: ['lower(n.name)', 'n.id'], shape: ['text', 'uuid'], keyOf: networkKey });
}

/** Funding pools (public: announced to every signed-in caller), by name. */
export function listFundingPools(ctx: RequestContext, first: number, after: string | null | undefined) {
  return keysetPage(scoped(ctx, FundingPool, 'p'), { first, after, order: ['lower(p.name)', 'p.id'], shape: ['text', 'uuid'], keyOf: (p) => [p.name.toLowerCase(), p.id] });
}

/** Applications of the caller's organisations, and submitted ones to pools they own, by project name. */
export function listApplications(
  ctx: RequestContext,
  filter: { status?: FundingApplicationStatus | null; poolId?: string | null } | undefined,
  first: number,
  after: string | null | undefined,
) {
  const scope = ctx.scope.require(Capability.READ);
  const qb = restrictToVisibleApplications(scoped(ctx, FundingApplication, 'a'), 'a', scope);
  if (filter?.status) qb.andWhere('a.status = :status', { status: filter.status });
  if (filter?.poolId) qb.andWhere('a.pool_id = :poolId', { poolId: filter.poolId });
  return keysetPage(qb, { first, after, order: ['lower(a.project_name)', 'a.id'], shape: ['text', 'uuid'], keyOf: applicationKey });
}

// ---------------------------------------------------------------------------------------------------
// Writes. Each runs inside runMutation's transaction (the resolver passes `em`); throwing
// UserInputRejection rolls it back and answers with the errors.

/** Creates a network owned by one of the caller's organisations. */
export async function createNetwork(ctx: RequestContext, em: EntityManager, input: CreateNetworkInput) {
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
  return { network };
}

/** Changes a network's name, description or secretariat. */
export async function updateNetwork(ctx: RequestContext, em: EntityManager, input: UpdateNetworkInput) {
  const network = await findNetworkFor(ctx, em, input.id, Capability.EDIT, 'id');
  await requireOrganisation(em, input.secretariatOrganisationId, 'secretariatOrganisationId');
  const patch: Partial<Network> = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.description !== undefined) patch.description = input.description;
  if (input.secretariatOrganisationId !== undefined) patch.secretariatOrganisationId = input.secretariatOrganisationId;
  const updated = await updateIfVersion(em, Network, network.id, input.expectedVersion, patch);
  if (!updated) throw versionConflict('network', network.version);
  return { network: updated };
}

/** Adds a person and/or organisation to the working group. */
export async function addNetworkWorkingGroupMember(ctx: RequestContext, em: EntityManager, input: AddNetworkWorkingGroupMemberInput) {
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
  return { network };
}

/** Adds members (firms and/or contact names) to a network. */
export async function addNetworkMembers(ctx: RequestContext, em: EntityManager, input: AddNetworkMembersInput) {
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
  return { network, addedCount: input.members.length };
}

/** Puts a network meeting on a date. */
export async function scheduleNetworkMeeting(ctx: RequestContext, em: EntityManager, input: ScheduleNetworkMeetingInput) {
  const network = await findNetworkFor(ctx, em, input.networkId, Capability.EDIT, 'networkId');
  const meeting = await em.save(em.create(NetworkMeeting, { networkId: network.id, heldOn: input.heldOn, title: input.title.trim(), location: input.location ?? null }));
  return { meeting };
}

/** Registers members for a meeting (registering twice is harmless). */
export async function registerForNetworkMeeting(ctx: RequestContext, em: EntityManager, input: RegisterForNetworkMeetingInput) {
  const meeting = await findMeetingFor(ctx, em, input.meetingId, Capability.RECORD, 'meetingId');
  await requireMembersOf(em, meeting.networkId, input.memberIds, 'memberIds');
  await em.query(
    `INSERT INTO network_meeting_participant (meeting_id, member_id, registered_at)
     SELECT $1, unnest($2::uuid[]), now()
     ON CONFLICT (meeting_id, member_id) DO UPDATE SET registered_at = COALESCE(network_meeting_participant.registered_at, EXCLUDED.registered_at)`,
    [meeting.id, [...new Set(input.memberIds)]],
  );
  return { meeting };
}

/** Records who attended, on or after the meeting date; replaces an earlier recording. */
export async function recordNetworkMeetingAttendance(ctx: RequestContext, em: EntityManager, input: RecordNetworkMeetingAttendanceInput) {
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
  return { meeting: updated };
}

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
