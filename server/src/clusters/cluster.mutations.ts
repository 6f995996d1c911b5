import { EntityManager } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext, userIdOf } from '../core/context';
import { notFoundRejection, UserError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { scoped } from '../core/scoped';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Firm, FirmStatus } from '../firms/firm.entity';
import { restrictToVisibleFirms } from '../firms/firm.visibility';
import { TouchpointKind } from '../journeys/journey.enums';
import { appendEntry } from '../journeys/touchpoint.service';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { checkShares } from '../programmes/shares';
import { ClusterActivity, ClusterActivityAttendance, ClusterActivityKind } from './cluster-activity.entity';
import { ClusterMember, ClusterMemberKind } from './cluster-member.entity';
import {
  AddClusterMemberInput,
  CoFinancingAmountInput,
  CoFinancingShareInput,
  CreateClusterActivityInput,
  CreateOfficeCoFinancingInput,
  CreateOfficePlacementProposalInput,
  DecideOfficePlacementProposalInput,
  PlacementScoreInput,
  RecordActivityAttendanceInput,
  RemoveActivityAttendanceInput,
  RemoveClusterMemberInput,
  UpdateClusterActivityInput,
  UpdateOfficeCoFinancingInput,
  UpdateOfficePlacementProposalInput,
} from './cluster.inputs';
import { clusterOfOffice, findOrganisation } from './cluster.visibility';
import { OfficeCoFinancing, OfficeCoFinancingAmount, OfficeCoFinancingShare } from './office-co-financing.entity';
import { ALL_PLACEMENT_CRITERIA, OfficePlacementProposal, OfficePlacementScore, PlacementProposalState } from './office-placement.entity';

/**
 * The clusters area's writes. Each runs inside runMutation on its `em` (a savepoint of the request's
 * transaction) and returns the payload's fields; the resolver only wires argument -> mutation -> payload.
 * Rejections are UserInputRejections naming the field, turned into userErrors by runMutation.
 */

/** Unique-constraint names of cluster_member mapped to the field they concern (for runMutation). */
export const MEMBER_UNIQUE_FIELDS = {
  UQ_cluster_member_firm: { field: 'firmId', message: 'This firm is a member already.' },
  UQ_cluster_member_organisation: { field: 'organisationId', message: 'This organisation is a member already.' },
};

export async function addClusterMember(ctx: RequestContext, em: EntityManager, input: AddClusterMemberInput) {
  await requireClusterEditor(ctx, em, input.clusterId, 'clusterId');
  if (!!input.firmId === !!input.organisationId) throw new UserInputRejection([userError('firmId', 'Give exactly one of firmId and organisationId.', UserErrorCode.REQUIRED)]);
  let kind: ClusterMemberKind = ClusterMemberKind.FIRM;
  if (input.firmId) {
    const firm = await findVisibleFirm(ctx, em, input.firmId);
    if (!firm || firm.status === FirmStatus.MERGED) throw notFoundRejection('firmId', 'Firm');
  } else {
    const org = await findOrganisation(em, input.organisationId!);
    if (!org) throw new UserInputRejection([userError('organisationId', 'No organisation with this id.', UserErrorCode.NOT_FOUND)]);
    if (org.id === input.clusterId) throw new UserInputRejection([userError('organisationId', 'A cluster cannot be its own member.')]);
    kind =
      org.kind === OrganisationKind.MUNICIPALITY ? ClusterMemberKind.MUNICIPALITY
      : org.kind === OrganisationKind.KNOWLEDGE_INSTITUTION ? ClusterMemberKind.KNOWLEDGE_INSTITUTION
      : ClusterMemberKind.OTHER_ORGANISATION;
  }
  const member = await em.save(
    em.create(ClusterMember, { clusterOrganisationId: input.clusterId, kind, firmId: input.firmId ?? null, organisationId: input.organisationId ?? null, joinedOn: input.joinedOn ?? null }),
  );
  return { member };
}

export async function removeClusterMember(ctx: RequestContext, em: EntityManager, input: RemoveClusterMemberInput) {
  const editing = ctx.scope.require(Capability.EDIT);
  const result = await em
    .createQueryBuilder()
    .delete()
    .from(ClusterMember)
    .where('id = :id AND cluster_organisation_id = ANY(:orgs)', { id: input.id, orgs: editing.organisationIds })
    .execute();
  if (!result.affected) throw notFoundRejection('id', 'Member');
  return { removedId: input.id };
}

export async function createOfficePlacementProposal(ctx: RequestContext, em: EntityManager, input: CreateOfficePlacementProposalInput) {
  const errors: UserError[] = [];
  const [cluster, lead] = await Promise.all([
    findOrganisation(em, input.clusterId, OrganisationKind.CLUSTER),
    findOrganisation(em, input.leadMunicipalityId, OrganisationKind.MUNICIPALITY),
  ]);
  if (!cluster) errors.push(userError('clusterId', 'No cluster with this id.', UserErrorCode.NOT_FOUND));
  if (!lead) errors.push(userError('leadMunicipalityId', 'No municipality with this id.', UserErrorCode.NOT_FOUND));
  if (cluster && lead && !ctx.scope.has(lead.id, Capability.EDIT) && !ctx.scope.has(cluster.id, Capability.EDIT)) {
    errors.push(userError('leadMunicipalityId', 'Only editors of the lead municipality or of the cluster can submit a proposal.', UserErrorCode.NOT_ALLOWED));
  }
  if (input.officeId && cluster && (await clusterOfOffice(em, input.officeId)) !== cluster.id) {
    errors.push(userError('officeId', 'No regional office of this cluster has this id.', UserErrorCode.NOT_FOUND));
  }
  errors.push(...checkScores(input.scores));
  if (errors.length) throw new UserInputRejection(errors);
  const proposal = await em.save(
    em.create(OfficePlacementProposal, {
      clusterOrganisationId: cluster!.id,
      leadMunicipalityId: lead!.id,
      officeOrganisationId: input.officeId ?? null,
      proposedLocation: input.proposedLocation.trim(),
      summary: input.summary ?? null,
      state: PlacementProposalState.SUBMITTED,
      decisionNote: null,
      decidedAt: null,
      decidedByUserId: null,
    }),
  );
  await writeScores(em, proposal.id, input.scores);
  return { proposal };
}

export async function updateOfficePlacementProposal(ctx: RequestContext, em: EntityManager, input: UpdateOfficePlacementProposalInput) {
  const current = await findVisibleProposal(ctx, em, input.id);
  if (!ctx.scope.has(current.leadMunicipalityId, Capability.EDIT) && !ctx.scope.has(current.clusterOrganisationId, Capability.EDIT)) {
    throw new UserInputRejection([userError('id', 'Only editors of the lead municipality or of the cluster can revise the proposal.', UserErrorCode.NOT_ALLOWED)]);
  }
  if (current.state !== PlacementProposalState.SUBMITTED) {
    throw new UserInputRejection([userError('id', `The proposal is ${current.state}: a decided proposal cannot be revised.`, UserErrorCode.INVALID_STATE)]);
  }
  if (input.scores) {
    const errors = checkScores(input.scores);
    if (errors.length) throw new UserInputRejection(errors);
  }
  const patch: Partial<OfficePlacementProposal> = {};
  if (input.proposedLocation !== undefined) patch.proposedLocation = input.proposedLocation.trim();
  if (input.summary !== undefined) patch.summary = input.summary;
  const updated = await updateIfVersion(em, OfficePlacementProposal, current.id, input.expectedVersion, patch);
  if (!updated) throw versionConflict('proposal', current.version);
  if (input.scores) {
    await em.delete(OfficePlacementScore, { proposalId: current.id });
    await writeScores(em, current.id, input.scores);
  }
  return { proposal: updated };
}

export async function decideOfficePlacementProposal(ctx: RequestContext, em: EntityManager, input: DecideOfficePlacementProposalInput) {
  const current = await findVisibleProposal(ctx, em, input.id);
  if (!ctx.scope.has(current.clusterOrganisationId, Capability.EDIT)) {
    throw new UserInputRejection([userError('id', 'Only the cluster\'s editors can decide on a proposal.', UserErrorCode.NOT_ALLOWED)]);
  }
  if (current.state !== PlacementProposalState.SUBMITTED) {
    throw new UserInputRejection([userError('id', `The proposal is ${current.state} already.`, UserErrorCode.INVALID_STATE)]);
  }
  const updated = await updateIfVersion(em, OfficePlacementProposal, current.id, input.expectedVersion, {
    state: input.decision as unknown as PlacementProposalState,
    decisionNote: input.note.trim(),
    decidedAt: (() => 'now()') as never,
    decidedByUserId: userIdOf(ctx),
  });
  if (!updated) throw versionConflict('proposal', current.version);
  return { proposal: updated };
}

export async function createOfficeCoFinancing(ctx: RequestContext, em: EntityManager, input: CreateOfficeCoFinancingInput) {
  const office = await findOrganisation(em, input.officeId, OrganisationKind.CLUSTER_OFFICE);
  const clusterId = office ? await clusterOfOffice(em, office.id) : null;
  if (!office || !clusterId) throw new UserInputRejection([userError('officeId', 'No regional cluster office with this id.', UserErrorCode.NOT_FOUND)]);
  if (!ctx.scope.has(clusterId, Capability.EDIT)) {
    throw new UserInputRejection([userError('officeId', 'Only editors of the office\'s cluster can record its co-financing.', UserErrorCode.NOT_ALLOWED)]);
  }
  const errors: UserError[] = [];
  if (input.proposalId) {
    const proposal = await findProposalOrNull(ctx, em, input.proposalId);
    if (!proposal || proposal.clusterOrganisationId !== clusterId) errors.push(userError('proposalId', 'Proposal not found.', UserErrorCode.NOT_FOUND));
  }
  const shares = await checkCoFinancingShares(em, input.shares);
  errors.push(...shares.errors, ...checkAmounts(input.annualAmounts));
  if (errors.length) throw new UserInputRejection(errors);
  const coFinancing = await em.save(
    em.create(OfficeCoFinancing, {
      officeOrganisationId: office.id,
      clusterOrganisationId: clusterId,
      proposalId: input.proposalId ?? null,
      title: input.title.trim(),
      modelDescription: input.modelDescription ?? null,
      benefits: [...new Set(input.benefits)],
      benefitsDescription: input.benefitsDescription ?? null,
    }),
  );
  await writeCoFinancingLists(em, coFinancing.id, input.shares, shares.basisPoints, input.annualAmounts);
  return { coFinancing };
}

export async function updateOfficeCoFinancing(ctx: RequestContext, em: EntityManager, input: UpdateOfficeCoFinancingInput) {
  const current = await scoped(ctx, OfficeCoFinancing, 'c', em).andWhere('c.id = :id', { id: input.id }).getOne();
  if (!current) throw notFoundRejection('id', 'Co-financing');
  if (!ctx.scope.has(current.clusterOrganisationId, Capability.EDIT)) {
    throw new UserInputRejection([userError('id', 'Only editors of the office\'s cluster can change its co-financing.', UserErrorCode.NOT_ALLOWED)]);
  }
  const errors: UserError[] = [];
  const shares = input.shares ? await checkCoFinancingShares(em, input.shares) : null;
  if (shares) errors.push(...shares.errors);
  if (input.annualAmounts) errors.push(...checkAmounts(input.annualAmounts));
  if (errors.length) throw new UserInputRejection(errors);
  const patch: Partial<OfficeCoFinancing> = {};
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.modelDescription !== undefined) patch.modelDescription = input.modelDescription;
  if (input.benefits) patch.benefits = [...new Set(input.benefits)];
  if (input.benefitsDescription !== undefined) patch.benefitsDescription = input.benefitsDescription;
  const updated = await updateIfVersion(em, OfficeCoFinancing, current.id, input.expectedVersion, patch);
  if (!updated) throw versionConflict('co-financing', current.version);
  if (input.shares) await em.delete(OfficeCoFinancingShare, { coFinancingId: current.id });
  if (input.annualAmounts) await em.delete(OfficeCoFinancingAmount, { coFinancingId: current.id });
  await writeCoFinancingLists(em, current.id, input.shares ?? [], shares?.basisPoints ?? [], input.annualAmounts ?? []);
  return { coFinancing: updated };
}

export async function createClusterActivity(ctx: RequestContext, em: EntityManager, input: CreateClusterActivityInput) {
  await requireClusterEditor(ctx, em, input.clusterId, 'clusterId');
  const errors: UserError[] = [];
  if (input.officeId && (await clusterOfOffice(em, input.officeId)) !== input.clusterId) {
    errors.push(userError('officeId', 'No regional office of this cluster has this id.', UserErrorCode.NOT_FOUND));
  }
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (endsAt && endsAt < startsAt) errors.push(userError('endsAt', 'An activity cannot end before it starts.'));
  if (errors.length) throw new UserInputRejection(errors);
  const activity = await em.save(
    em.create(ClusterActivity, {
      clusterOrganisationId: input.clusterId,
      officeOrganisationId: input.officeId ?? null,
      kind: input.kind,
      title: input.title.trim(),
      description: input.description ?? null,
      startsAt,
      endsAt,
      location: input.location ?? null,
    }),
  );
  return { activity };
}

export async function updateClusterActivity(ctx: RequestContext, em: EntityManager, input: UpdateClusterActivityInput) {
  const current = await findEditableActivity(ctx, em, input.id, 'id');
  const startsAt = input.startsAt ? new Date(input.startsAt) : current.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt) : current.endsAt;
  if (endsAt && endsAt < startsAt) throw new UserInputRejection([userError(input.endsAt ? 'endsAt' : 'startsAt', 'An activity cannot end before it starts.')]);
  const patch: Partial<ClusterActivity> = {};
  if (input.kind) patch.kind = input.kind as ClusterActivityKind;
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.description !== undefined) patch.description = input.description;
  if (input.startsAt) patch.startsAt = startsAt;
  if (input.endsAt) patch.endsAt = endsAt;
  if (input.location !== undefined) patch.location = input.location;
  const updated = await updateIfVersion(em, ClusterActivity, current.id, input.expectedVersion, patch);
  if (!updated) throw versionConflict('activity', current.version);
  return { activity: updated };
}

export async function recordActivityAttendance(ctx: RequestContext, em: EntityManager, input: RecordActivityAttendanceInput) {
  const activity = await findEditableActivity(ctx, em, input.activityId, 'activityId');
  const firmIds = [...new Set(input.firmIds ?? [])];
  const orgIds = [...new Set(input.organisationIds ?? [])];
  if (!firmIds.length && !orgIds.length) throw new UserInputRejection([userError('firmIds', 'Give at least one firm or organisation.', UserErrorCode.REQUIRED)]);
  const errors: UserError[] = [];
  if (firmIds.length) {
    const qb = em.getRepository(Firm).createQueryBuilder('f').select(['f.id']).where('f.id = ANY(:ids)', { ids: firmIds }).andWhere(`f.status <> '${FirmStatus.MERGED}'`);
    const visible = new Set((await restrictToVisibleFirms(qb, 'f', ctx).getMany()).map((f) => f.id));
    (input.firmIds ?? []).forEach((id, i) => {
      if (!visible.has(id)) errors.push(userError(['firmIds', String(i)], 'Firm not found.', UserErrorCode.NOT_FOUND));
    });
  }
  if (orgIds.length) {
    const known = new Set((await em.find(Organisation, { where: orgIds.map((id) => ({ id })), select: { id: true } })).map((o) => o.id));
    (input.organisationIds ?? []).forEach((id, i) => {
      if (!known.has(id)) errors.push(userError(['organisationIds', String(i)], 'No organisation with this id.', UserErrorCode.NOT_FOUND));
    });
  }
  if (errors.length) throw new UserInputRejection(errors);
  const rows = [
    ...firmIds.map((firmId) => ({ activityId: activity.id, firmId, organisationId: null, recordedByUserId: userIdOf(ctx) })),
    ...orgIds.map((organisationId) => ({ activityId: activity.id, firmId: null, organisationId, recordedByUserId: userIdOf(ctx) })),
  ];
  // Which firms are new here (the activity row lock keeps two recordings from both counting a firm as new).
  await em.query('SELECT 1 FROM cluster_activity WHERE id = $1 FOR UPDATE', [activity.id]);
  const already = new Set<string>(
    (await em.query('SELECT firm_id FROM cluster_activity_attendance WHERE activity_id = $1 AND firm_id = ANY($2)', [activity.id, firmIds])).map((r: { firm_id: string }) => r.firm_id),
  );
  await em.createQueryBuilder().insert().into(ClusterActivityAttendance).values(rows).orIgnore().execute();
  // A firm's new attendance is also an entry of its journey, owned by the cluster.
  const newFirmIds = firmIds.filter((id) => !already.has(id));
  const occurredAt = activity.startsAt < new Date() ? activity.startsAt : new Date();
  for (const firmId of newFirmIds) {
    await appendEntry(ctx, em, {
      firmId,
      organisationId: activity.clusterOrganisationId,
      kind: TouchpointKind.CLUSTER_PARTICIPATION,
      occurredAt,
      summary: `Took part in ${activity.title}`,
      details: { name: activity.title, networkOrClusterOrganisationId: activity.clusterOrganisationId, role: `${activity.kind.toLowerCase().replace(/_/g, ' ')} attendee` },
    });
  }
  return { activity };
}

export async function removeActivityAttendance(ctx: RequestContext, em: EntityManager, input: RemoveActivityAttendanceInput) {
  const editing = ctx.scope.require(Capability.EDIT);
  const result = await em
    .createQueryBuilder()
    .delete()
    .from(ClusterActivityAttendance)
    .where('id = :id', { id: input.id })
    .andWhere('activity_id IN (SELECT a.id FROM cluster_activity a WHERE a.cluster_organisation_id = ANY(:orgs))', { orgs: editing.organisationIds })
    .execute();
  if (!result.affected) throw notFoundRejection('id', 'Attendance');
  return { removedId: input.id };
}

// ---------------------------------------------------------------------------------------------------
// Guards and checks

/** The cluster must exist (kind CLUSTER; profiles are public, so NOT_FOUND vs NOT_ALLOWED leaks nothing) and the caller edit for it. */
async function requireClusterEditor(ctx: RequestContext, em: EntityManager, clusterId: string, field: string) {
  const cluster = await findOrganisation(em, clusterId, OrganisationKind.CLUSTER);
  if (!cluster) throw new UserInputRejection([userError(field, 'No cluster with this id.', UserErrorCode.NOT_FOUND)]);
  if (!ctx.scope.has(cluster.id, Capability.EDIT)) throw new UserInputRejection([userError(field, 'Only the cluster\'s editors can do this.', UserErrorCode.NOT_ALLOWED)]);
  return cluster;
}

async function findEditableActivity(ctx: RequestContext, em: EntityManager, id: string, field: string): Promise<ClusterActivity> {
  const activity = await em.findOneBy(ClusterActivity, { id });
  if (!activity) throw new UserInputRejection([userError(field, 'Activity not found.', UserErrorCode.NOT_FOUND)]);
  if (!ctx.scope.has(activity.clusterOrganisationId, Capability.EDIT)) {
    throw new UserInputRejection([userError(field, 'Only the cluster\'s editors can do this.', UserErrorCode.NOT_ALLOWED)]);
  }
  return activity;
}

/** A proposal the caller may see (its row rule: the cluster or the lead municipality), locked for the write. */
function findProposalOrNull(ctx: RequestContext, em: EntityManager, id: string) {
  return scoped(ctx, OfficePlacementProposal, 'p', em).setLock('pessimistic_write').andWhere('p.id = :id', { id }).getOne();
}

/** A proposal the caller may see; "not found" for missing and not-yours alike. */
async function findVisibleProposal(ctx: RequestContext, em: EntityManager, id: string) {
  const p = await findProposalOrNull(ctx, em, id);
  if (!p) throw notFoundRejection('id', 'Proposal');
  return p;
}

async function findVisibleFirm(ctx: RequestContext, em: EntityManager, id: string): Promise<Firm | null> {
  const qb = em.getRepository(Firm).createQueryBuilder('f').where('f.id = :id', { id });
  return restrictToVisibleFirms(qb, 'f', ctx).getOne();
}

/** Every one of the five criteria exactly once. */
function checkScores(scores: PlacementScoreInput[]): UserError[] {
  const errors: UserError[] = [];
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    if (seen.has(s.criterion)) errors.push(userError(['scores', String(i), 'criterion'], `${s.criterion} is scored twice.`, UserErrorCode.DUPLICATE));
    seen.add(s.criterion);
  });
  const missing = ALL_PLACEMENT_CRITERIA.filter((c) => !seen.has(c));
  if (missing.length) errors.push(userError('scores', `Score every placement criterion; missing: ${missing.join(', ')}.`, UserErrorCode.REQUIRED));
  return errors;
}

async function writeScores(em: EntityManager, proposalId: string, scores: PlacementScoreInput[]) {
  await em.insert(OfficePlacementScore, scores.map((s) => ({ proposalId, criterion: s.criterion, score: s.score, reasoning: s.reasoning.trim() })));
}

async function checkCoFinancingShares(em: EntityManager, shares: CoFinancingShareInput[]) {
  const errors: UserError[] = [];
  const ids = [...new Set(shares.map((s) => s.municipalityId))];
  const municipalities = ids.length
    ? new Set((await em.find(Organisation, { where: ids.map((id) => ({ id, kind: OrganisationKind.MUNICIPALITY })), select: { id: true } })).map((o) => o.id))
    : new Set<string>();
  const seen = new Set<string>();
  shares.forEach((s, i) => {
    if (!municipalities.has(s.municipalityId)) errors.push(userError(['shares', String(i), 'municipalityId'], 'No municipality with this id.', UserErrorCode.NOT_FOUND));
    else if (seen.has(s.municipalityId)) errors.push(userError(['shares', String(i), 'municipalityId'], 'This municipality has a share already.', UserErrorCode.DUPLICATE));
    seen.add(s.municipalityId);
  });
  const checked = checkShares('shares', 'sharePercent', shares.map((s) => s.sharePercent));
  errors.push(...checked.errors);
  return { errors, basisPoints: checked.basisPoints };
}

function checkAmounts(amounts: CoFinancingAmountInput[]): UserError[] {
  const seen = new Set<number>();
  const errors: UserError[] = [];
  amounts.forEach((a, i) => {
    if (seen.has(a.year)) errors.push(userError(['annualAmounts', String(i), 'year'], `${a.year} is given twice.`, UserErrorCode.DUPLICATE));
    seen.add(a.year);
  });
  return errors;
}

async function writeCoFinancingLists(em: EntityManager, coFinancingId: string, shares: CoFinancingShareInput[], basisPoints: number[], amounts: CoFinancingAmountInput[]) {
  if (shares.length) {
    await em.insert(OfficeCoFinancingShare, shares.map((s, i) => ({ coFinancingId, municipalityId: s.municipalityId, shareBasisPoints: basisPoints[i], position: i })));
  }
  if (amounts.length) await em.insert(OfficeCoFinancingAmount, amounts.map((a) => ({ coFinancingId, year: a.year, amount: a.amount })));
}
