import { RequestContext } from '../core/context';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { isUuid } from '../core/text';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { RelationshipKind } from '../organisations/organisation-relationship.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { basisPointsToPercent, splitAmount } from '../programmes/shares';
import { ClusterActivity, ClusterActivityAttendance } from './cluster-activity.entity';
import { ClusterMember, ClusterMemberKind } from './cluster-member.entity';
import {
  AddClusterMemberInput,
  ClusterActivityFilter,
  CreateClusterActivityInput,
  CreateOfficeCoFinancingInput,
  CreateOfficePlacementProposalInput,
  DecideOfficePlacementProposalInput,
  RecordActivityAttendanceInput,
  RemoveActivityAttendanceInput,
  RemoveClusterMemberInput,
  UpdateClusterActivityInput,
  UpdateOfficeCoFinancingInput,
  UpdateOfficePlacementProposalInput,
} from './cluster.inputs';
import { clusterLoaders } from './cluster.loaders';
import * as mutations from './cluster.mutations';
import * as service from './cluster.service';
import { OfficeCoFinancing, OfficeCoFinancingAmount, OfficeCoFinancingShare } from './office-co-financing.entity';
import { OfficePlacementProposal, OfficePlacementScore } from './office-placement.entity';

// ---------------------------------------------------------------------------------------------------
// Output types

@ObjectType({ description: 'A national cluster organisation (DA klyngeorganisation): its regional offices, members and activities.' })
export class Cluster {
  @Field(() => ID, { description: 'The id of the cluster\'s organisation.' }) id!: string;
  @Field() name!: string;
  org!: Organisation;
}

@ObjectType({ description: 'A regional office of a national cluster (DA regionalt klyngekontor).' })
export class ClusterOffice {
  @Field(() => ID, { description: 'The id of the office\'s organisation.' }) id!: string;
  @Field() name!: string;
  org!: Organisation;
}

@ObjectType({ description: 'How many members a cluster has, by kind. Counts only: public to signed-in callers.' })
export class ClusterMemberCounts {
  @Field(() => Int) firms!: number;
  @Field(() => Int) municipalities!: number;
  @Field(() => Int) knowledgeInstitutions!: number;
  @Field(() => Int) otherOrganisations!: number;
  @Field(() => Int) total!: number;
}

@ObjectType({ description: 'What one municipality pays in one year: its share of that year\'s amount (parts add up to the amount exactly).' })
export class CoFinancingAllocation {
  municipalityId!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'Whole DKK.' }) amount!: number;
}

const toCluster = (org: Organisation) => Object.assign(new Cluster(), { id: org.id, name: org.name, org });
const toOffice = (org: Organisation) => Object.assign(new ClusterOffice(), { id: org.id, name: org.name, org });

@ObjectType()
export class ClusterConnection extends Connection(Cluster, 'Cluster') {}
@ObjectType()
export class ClusterMemberConnection extends Connection(ClusterMember, 'ClusterMember') {}
@ObjectType()
export class ClusterActivityConnection extends Connection(ClusterActivity, 'ClusterActivity') {}
@ObjectType()
export class OfficePlacementProposalConnection extends Connection(OfficePlacementProposal, 'OfficePlacementProposal') {}

@ObjectType()
export class ClusterMemberPayload extends MutationPayload {
  @Field(() => ClusterMember, { nullable: true }) member: ClusterMember | null = null;
}
@ObjectType()
export class RemovedPayload extends MutationPayload {
  @Field(() => ID, { nullable: true }) removedId: string | null = null;
}
@ObjectType()
export class OfficePlacementProposalPayload extends MutationPayload {
  @Field(() => OfficePlacementProposal, { nullable: true }) proposal: OfficePlacementProposal | null = null;
}
@ObjectType()
export class OfficeCoFinancingPayload extends MutationPayload {
  @Field(() => OfficeCoFinancing, { nullable: true }) coFinancing: OfficeCoFinancing | null = null;
}
@ObjectType()
export class ClusterActivityPayload extends MutationPayload {
  @Field(() => ClusterActivity, { nullable: true }) activity: ClusterActivity | null = null;
}

const byCreated = (x: { id: string }) => [x.id];

// ---------------------------------------------------------------------------------------------------
// Queries and fields

@Resolver(() => Cluster)
export class ClusterResolver {
  @Query(() => Cluster, { nullable: true, description: 'A national cluster by the id of its organisation; null if that is not a cluster.' })
  @Access(Rules.signedIn())
  async cluster(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    if (!isUuid(id)) return null;
    const org = await organisationLoaders(ctx).byId.load(id);
    return org?.kind === OrganisationKind.CLUSTER ? toCluster(org) : null;
  }

  @Query(() => ClusterConnection, { description: 'National clusters, by name.' })
  @Access(Rules.signedIn())
  async clusters(@PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const page = await service.listClusters(ctx, first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toCluster(e.node) })) };
  }

  @FieldResolver(() => Organisation, { description: 'The cluster\'s organisation profile.' })
  organisation(@Root() c: Cluster) {
    return c.org;
  }

  @FieldResolver(() => [ClusterOffice], { description: 'Its regional offices (organisations with OFFICE_OF this cluster).' })
  async offices(@Root() c: Cluster, @Ctx() ctx: RequestContext) {
    const rels = await organisationLoaders(ctx).relationships.load(c.id);
    const ids = rels.filter((r) => r.kind === RelationshipKind.OFFICE_OF && r.toId === c.id).map((r) => r.fromId);
    const orgs = await organisationLoaders(ctx).byId.loadMany(ids);
    return orgs.filter((o): o is Organisation => !!o && !(o instanceof Error)).map(toOffice);
  }

  @FieldResolver(() => ClusterMemberCounts, { description: 'Member counts by kind (public).' })
  async memberCounts(@Root() c: Cluster, @Ctx() ctx: RequestContext) {
    const m = await clusterLoaders(ctx).memberCounts.load(c.id);
    const n = (k: ClusterMemberKind) => m.get(k) ?? 0;
    return Object.assign(new ClusterMemberCounts(), {
      firms: n(ClusterMemberKind.FIRM),
      municipalities: n(ClusterMemberKind.MUNICIPALITY),
      knowledgeInstitutions: n(ClusterMemberKind.KNOWLEDGE_INSTITUTION),
      otherOrganisations: n(ClusterMemberKind.OTHER_ORGANISATION),
      total: [...m.values()].reduce((a, b) => a + b, 0),
    });
  }

  @FieldResolver(() => ClusterMemberConnection, { nullable: true, description: 'Members, oldest first. Only the cluster\'s own members see the list; null for everyone else.' })
  async members(@Root() c: Cluster, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    if (!ctx.scope.has(c.id, Capability.READ)) return null;
    const afterId = idCursor(after);
    const rows = await clusterLoaders(ctx).memberPage.load({ parentId: c.id, first, afterId });
    return toConnection(rows, first, byCreated, !!afterId);
  }

  @FieldResolver(() => ClusterActivityConnection, { description: 'Activities of the cluster and its offices, by start time.' })
  async activities(@Root() c: Cluster, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const afterId = idCursor(after);
    const rows = await clusterLoaders(ctx).activityPage.load({ parentId: c.id, first, afterId });
    return toConnection(rows, first, byCreated, !!afterId);
  }

  @FieldResolver(() => [OfficePlacementProposal], { description: 'Placement proposals for the cluster\'s offices that you may see (as the cluster or the lead municipality).' })
  placementProposals(@Root() c: Cluster, @Ctx() ctx: RequestContext) {
    return clusterLoaders(ctx).proposalsByCluster.load(c.id);
  }
}

@Resolver(() => ClusterOffice)
export class ClusterOfficeResolver {
  @Query(() => ClusterOffice, { nullable: true, description: 'A regional cluster office by the id of its organisation; null if that is not an office.' })
  @Access(Rules.signedIn())
  async clusterOffice(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    if (!isUuid(id)) return null;
    const org = await organisationLoaders(ctx).byId.load(id);
    return org?.kind === OrganisationKind.CLUSTER_OFFICE ? toOffice(org) : null;
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() o: ClusterOffice) {
    return o.org;
  }

  @FieldResolver(() => Cluster, { nullable: true, description: 'The national cluster (relationship OFFICE_OF).' })
  async cluster(@Root() o: ClusterOffice, @Ctx() ctx: RequestContext) {
    const rel = (await organisationLoaders(ctx).relationships.load(o.id)).find((r) => r.kind === RelationshipKind.OFFICE_OF && r.fromId === o.id);
    const org = rel ? await organisationLoaders(ctx).byId.load(rel.toId) : null;
    return org ? toCluster(org) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The lead municipality hosting the office (relationship HOSTED_BY).' })
  async hostMunicipality(@Root() o: ClusterOffice, @Ctx() ctx: RequestContext) {
    const rel = (await organisationLoaders(ctx).relationships.load(o.id)).find((r) => r.kind === RelationshipKind.HOSTED_BY && r.fromId === o.id);
    return rel ? organisationLoaders(ctx).byId.load(rel.toId) : null;
  }

  @FieldResolver(() => [OfficeCoFinancing], { description: 'Co-financing agreements of the office that you may see (as the cluster or a paying municipality).' })
  coFinancings(@Root() o: ClusterOffice, @Ctx() ctx: RequestContext) {
    return clusterLoaders(ctx).coFinancingsByOffice.load(o.id);
  }

  @FieldResolver(() => [OfficePlacementProposal], { description: 'Placement proposals for this office that you may see.' })
  placementProposals(@Root() o: ClusterOffice, @Ctx() ctx: RequestContext) {
    return clusterLoaders(ctx).proposalsByOffice.load(o.id);
  }
}

@Resolver(() => ClusterMember)
export class ClusterMemberResolver {
  @FieldResolver(() => Firm, { nullable: true, description: 'The member firm (for kind FIRM).' })
  firm(@Root() m: ClusterMember, @Ctx() ctx: RequestContext) {
    return m.firmId ? firmLoaders(ctx).byId.load(m.firmId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The member organisation (other kinds).' })
  organisation(@Root() m: ClusterMember, @Ctx() ctx: RequestContext) {
    return m.organisationId ? organisationLoaders(ctx).byId.load(m.organisationId) : null;
  }
}

@Resolver(() => OfficePlacementProposal)
export class OfficePlacementProposalResolver {
  @Query(() => OfficePlacementProposal, { nullable: true, description: 'A placement proposal; null if not found or not yours to see (cluster and lead municipality only).' })
  @Access(Rules.signedIn())
  officePlacementProposal(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? clusterLoaders(ctx).proposalById.load(id) : null;
  }

  @Query(() => OfficePlacementProposalConnection, { description: 'Placement proposals your organisations are party to (as cluster or lead municipality), oldest first.' })
  @Access(Rules.member(Capability.READ))
  async officePlacementProposals(@PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const afterId = idCursor(after);
    return toConnection(await service.listProposals(ctx, first, afterId), first, byCreated, !!afterId);
  }

  @FieldResolver(() => Cluster, { nullable: true })
  async cluster(@Root() p: OfficePlacementProposal, @Ctx() ctx: RequestContext) {
    const org = await organisationLoaders(ctx).byId.load(p.clusterOrganisationId);
    return org ? toCluster(org) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The lead municipality (DA lead-kommune).' })
  leadMunicipality(@Root() p: OfficePlacementProposal, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(p.leadMunicipalityId);
  }

  @FieldResolver(() => ClusterOffice, { nullable: true })
  async office(@Root() p: OfficePlacementProposal, @Ctx() ctx: RequestContext) {
    const org = p.officeOrganisationId ? await organisationLoaders(ctx).byId.load(p.officeOrganisationId) : null;
    return org ? toOffice(org) : null;
  }

  @FieldResolver(() => [OfficePlacementScore], { description: 'One score per published criterion, in the published order.' })
  scores(@Root() p: OfficePlacementProposal, @Ctx() ctx: RequestContext) {
    return clusterLoaders(ctx).scores.load(p.id);
  }

  @FieldResolver(() => Int, { description: 'Sum of the five scores.' })
  async totalScore(@Root() p: OfficePlacementProposal, @Ctx() ctx: RequestContext) {
    return (await clusterLoaders(ctx).scores.load(p.id)).reduce((a, s) => a + s.score, 0);
  }
}

@Resolver(() => OfficeCoFinancing)
export class OfficeCoFinancingResolver {
  @Query(() => OfficeCoFinancing, { nullable: true, description: 'A co-financing agreement; null if not found or not yours to see (cluster and paying municipalities only).' })
  @Access(Rules.signedIn())
  officeCoFinancing(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? clusterLoaders(ctx).coFinancingById.load(id) : null;
  }

  @Query(() => [OfficeCoFinancing], { description: 'Co-financing agreements your organisations are party to (as cluster or paying municipality).' })
  @Access(Rules.member(Capability.READ))
  officeCoFinancings(@Ctx() ctx: RequestContext) {
    return service.listCoFinancings(ctx);
  }

  @FieldResolver(() => ClusterOffice, { nullable: true })
  async office(@Root() c: OfficeCoFinancing, @Ctx() ctx: RequestContext) {
    const org = await organisationLoaders(ctx).byId.load(c.officeOrganisationId);
    return org ? toOffice(org) : null;
  }

  @FieldResolver(() => Cluster, { nullable: true })
  async cluster(@Root() c: OfficeCoFinancing, @Ctx() ctx: RequestContext) {
    const org = await organisationLoaders(ctx).byId.load(c.clusterOrganisationId);
    return org ? toCluster(org) : null;
  }

  @FieldResolver(() => OfficePlacementProposal, { nullable: true, description: 'The placement proposal it follows from (if you may see it).' })
  proposal(@Root() c: OfficeCoFinancing, @Ctx() ctx: RequestContext) {
    return c.proposalId ? clusterLoaders(ctx).proposalById.load(c.proposalId) : null;
  }

  @FieldResolver(() => [OfficeCoFinancingShare], { description: 'Shares per municipality (together exactly 100 %).' })
  shares(@Root() c: OfficeCoFinancing, @Ctx() ctx: RequestContext) {
    return clusterLoaders(ctx).shares.load(c.id);
  }

  @FieldResolver(() => [OfficeCoFinancingAmount], { description: 'The budget per year.' })
  annualAmounts(@Root() c: OfficeCoFinancing, @Ctx() ctx: RequestContext) {
    return clusterLoaders(ctx).amounts.load(c.id);
  }

  @FieldResolver(() => [CoFinancingAllocation], { description: 'What each municipality pays per year (largest-remainder split: the parts add up to each year\'s amount).' })
  async allocations(@Root() c: OfficeCoFinancing, @Ctx() ctx: RequestContext) {
    const [shares, amounts] = await Promise.all([clusterLoaders(ctx).shares.load(c.id), clusterLoaders(ctx).amounts.load(c.id)]);
    return amounts.flatMap((a) => {
      const parts = splitAmount(a.amount, shares.map((s) => s.shareBasisPoints));
      return shares.map((s, i) => Object.assign(new CoFinancingAllocation(), { municipalityId: s.municipalityId, year: a.year, amount: parts[i] }));
    });
  }
}

@Resolver(() => CoFinancingAllocation)
export class CoFinancingAllocationResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  municipality(@Root() a: CoFinancingAllocation, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(a.municipalityId);
  }
}

@Resolver(() => OfficeCoFinancingShare)
export class OfficeCoFinancingShareResolver {
  @FieldResolver(() => Float, { description: 'Share in percent (e.g. 33.33).' })
  sharePercent(@Root() s: OfficeCoFinancingShare) {
    return basisPointsToPercent(s.shareBasisPoints);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  municipality(@Root() s: OfficeCoFinancingShare, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(s.municipalityId);
  }
}

@Resolver(() => ClusterActivity)
export class ClusterActivityResolver {
  @Query(() => ClusterActivity, { nullable: true, description: 'A cluster activity (public to signed-in callers).' })
  @Access(Rules.signedIn())
  clusterActivity(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? clusterLoaders(ctx).activityById.load(id) : null;
  }

  @Query(() => ClusterActivityConnection, { description: 'Cluster activities by start time (public to signed-in callers).' })
  @Access(Rules.signedIn())
  async clusterActivities(
    @Arg('filter', () => ClusterActivityFilter, { nullable: true }) filter: ClusterActivityFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const afterId = idCursor(after);
    return toConnection(await service.listActivities(ctx, filter, first, afterId), first, byCreated, !!afterId);
  }

  @FieldResolver(() => Cluster, { nullable: true })
  async cluster(@Root() a: ClusterActivity, @Ctx() ctx: RequestContext) {
    const org = await organisationLoaders(ctx).byId.load(a.clusterOrganisationId);
    return org ? toCluster(org) : null;
  }

  @FieldResolver(() => ClusterOffice, { nullable: true, description: 'The regional office running it, if any.' })
  async office(@Root() a: ClusterActivity, @Ctx() ctx: RequestContext) {
    const org = a.officeOrganisationId ? await organisationLoaders(ctx).byId.load(a.officeOrganisationId) : null;
    return org ? toOffice(org) : null;
  }

  @FieldResolver(() => Int, { description: 'How many firms and organisations took part (a count, public).' })
  attendanceCount(@Root() a: ClusterActivity, @Ctx() ctx: RequestContext) {
    return clusterLoaders(ctx).attendanceCount.load(a.id);
  }

  @FieldResolver(() => [ClusterActivityAttendance], { nullable: true, description: 'Who took part. Only the cluster\'s own members see it; null for everyone else.' })
  attendance(@Root() a: ClusterActivity, @Ctx() ctx: RequestContext) {
    if (!ctx.scope.has(a.clusterOrganisationId, Capability.READ)) return null;
    return clusterLoaders(ctx).attendance.load(a.id);
  }
}

@Resolver(() => ClusterActivityAttendance)
export class ClusterActivityAttendanceResolver {
  @FieldResolver(() => Firm, { nullable: true })
  firm(@Root() t: ClusterActivityAttendance, @Ctx() ctx: RequestContext) {
    return t.firmId ? firmLoaders(ctx).byId.load(t.firmId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() t: ClusterActivityAttendance, @Ctx() ctx: RequestContext) {
    return t.organisationId ? organisationLoaders(ctx).byId.load(t.organisationId) : null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Mutations: argument in -> the write in cluster.mutations.ts on runMutation's `em` -> payload out.

@Resolver()
export class ClusterMutationResolver {
  @Mutation(() => ClusterMemberPayload, { description: 'Add a firm or an organisation as member of your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  addClusterMember(@Arg('input', { validate: false }) input: AddClusterMemberInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ClusterMemberPayload(), await mutations.addClusterMember(ctx, em, input)), () => new ClusterMemberPayload(), {
      uniqueFields: mutations.MEMBER_UNIQUE_FIELDS,
    });
  }

  @Mutation(() => RemovedPayload, { description: 'Remove a member from your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  removeClusterMember(@Arg('input', { validate: false }) input: RemoveClusterMemberInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new RemovedPayload(), await mutations.removeClusterMember(ctx, em, input)), () => new RemovedPayload());
  }

  @Mutation(() => OfficePlacementProposalPayload, {
    description: 'Submit a proposal for placing a regional office, scored on all five published criteria. By editors of the lead municipality or of the cluster.',
  })
  @Access(Rules.member(Capability.EDIT))
  createOfficePlacementProposal(@Arg('input', { validate: false }) input: CreateOfficePlacementProposalInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new OfficePlacementProposalPayload(), await mutations.createOfficePlacementProposal(ctx, em, input)), () => new OfficePlacementProposalPayload());
  }

  @Mutation(() => OfficePlacementProposalPayload, { description: 'Revise a submitted proposal (lead municipality or cluster editors). Scores given replace all five.' })
  @Access(Rules.member(Capability.EDIT))
  updateOfficePlacementProposal(@Arg('input', { validate: false }) input: UpdateOfficePlacementProposalInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new OfficePlacementProposalPayload(), await mutations.updateOfficePlacementProposal(ctx, em, input)), () => new OfficePlacementProposalPayload());
  }

  @Mutation(() => OfficePlacementProposalPayload, { description: 'Record the cluster\'s decision on a proposal (cluster editors/admins; server-timestamped).' })
  @Access(Rules.member(Capability.EDIT))
  decideOfficePlacementProposal(@Arg('input', { validate: false }) input: DecideOfficePlacementProposalInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new OfficePlacementProposalPayload(), await mutations.decideOfficePlacementProposal(ctx, em, input)), () => new OfficePlacementProposalPayload());
  }

  @Mutation(() => OfficeCoFinancingPayload, { description: 'Record the cross-municipal co-financing of a regional office (cluster editors/admins). Shares must add up to exactly 100 %.' })
  @Access(Rules.member(Capability.EDIT))
  createOfficeCoFinancing(@Arg('input', { validate: false }) input: CreateOfficeCoFinancingInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new OfficeCoFinancingPayload(), await mutations.createOfficeCoFinancing(ctx, em, input)), () => new OfficeCoFinancingPayload());
  }

  @Mutation(() => OfficeCoFinancingPayload, { description: 'Change a co-financing (cluster editors/admins). Lists given replace the current ones.' })
  @Access(Rules.member(Capability.EDIT))
  updateOfficeCoFinancing(@Arg('input', { validate: false }) input: UpdateOfficeCoFinancingInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new OfficeCoFinancingPayload(), await mutations.updateOfficeCoFinancing(ctx, em, input)), () => new OfficeCoFinancingPayload());
  }

  @Mutation(() => ClusterActivityPayload, { description: 'Create an activity of your cluster (or of one of its offices).' })
  @Access(Rules.member(Capability.EDIT))
  createClusterActivity(@Arg('input', { validate: false }) input: CreateClusterActivityInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ClusterActivityPayload(), await mutations.createClusterActivity(ctx, em, input)), () => new ClusterActivityPayload());
  }

  @Mutation(() => ClusterActivityPayload, { description: 'Change an activity of your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  updateClusterActivity(@Arg('input', { validate: false }) input: UpdateClusterActivityInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ClusterActivityPayload(), await mutations.updateClusterActivity(ctx, em, input)), () => new ClusterActivityPayload());
  }

  @Mutation(() => ClusterActivityPayload, { description: 'Record firms and organisations that took part in an activity of your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  recordActivityAttendance(@Arg('input', { validate: false }) input: RecordActivityAttendanceInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ClusterActivityPayload(), await mutations.recordActivityAttendance(ctx, em, input)), () => new ClusterActivityPayload());
  }

  @Mutation(() => RemovedPayload, { description: 'Remove an attendance record from an activity of your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  removeActivityAttendance(@Arg('input', { validate: false }) input: RemoveActivityAttendanceInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new RemovedPayload(), await mutations.removeActivityAttendance(ctx, em, input)), () => new RemovedPayload());
  }
}

// ---------------------------------------------------------------------------------------------------
// Helpers

/** An opaque cursor of a connection ordered by (something, id): it carries the id of the last row. */
function idCursor(after: string | null | undefined): string | null {
  const c = decodeCursor(after, ['uuid']);
  if (!c) return null;
  const id = String(c[0]);
  return isUuid(id) ? id : '00000000-0000-4000-8000-000000000000';
}
