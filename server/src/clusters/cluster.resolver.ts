import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { UserError, userError, UserErrorCode, UserInputRejection, notFoundRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { isUuid } from '../core/text';
import { Firm, FirmStatus } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { restrictToVisibleFirms } from '../firms/firm.visibility';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { RelationshipKind } from '../organisations/organisation-relationship.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { TouchpointKind } from '../journeys/journey.enums';
import { appendEntry } from '../journeys/touchpoint.service';
import { basisPointsToPercent, checkShares, splitAmount } from '../programmes/shares';
import { ClusterActivity, ClusterActivityAttendance, ClusterActivityKind } from './cluster-activity.entity';
import { ClusterMember, ClusterMemberKind } from './cluster-member.entity';
import {
  AddClusterMemberInput,
  ClusterActivityFilter,
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
import { clusterLoaders } from './cluster.loaders';
import * as service from './cluster.service';
import { clusterOfOffice, findOrganisation, restrictToVisibleCoFinancings, restrictToVisibleProposals } from './cluster.visibility';
import { OfficeCoFinancing, OfficeCoFinancingAmount, OfficeCoFinancingShare } from './office-co-financing.entity';
import { ALL_PLACEMENT_CRITERIA, OfficePlacementProposal, OfficePlacementScore, PlacementProposalState } from './office-placement.entity';

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
// Mutations

@Resolver()
export class ClusterMutationResolver {
  @Mutation(() => ClusterMemberPayload, { description: 'Add a firm or an organisation as member of your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  addClusterMember(@Arg('input', { validate: false }) input: AddClusterMemberInput, @Ctx() ctx: RequestContext) {
    return runMutation(
      ctx,
      input,
      async (em) => {
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
        return Object.assign(new ClusterMemberPayload(), { member });
      },
      () => new ClusterMemberPayload(),
      {
        uniqueFields: {
          UQ_cluster_member_firm: { field: 'firmId', message: 'This firm is a member already.' },
          UQ_cluster_member_organisation: { field: 'organisationId', message: 'This organisation is a member already.' },
        },
      },
    );
  }

  @Mutation(() => RemovedPayload, { description: 'Remove a member from your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  removeClusterMember(@Arg('input', { validate: false }) input: RemoveClusterMemberInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const editing = ctx.scope.require(Capability.EDIT);
      const result = await em
        .createQueryBuilder()
        .delete()
        .from(ClusterMember)
        .where('id = :id AND cluster_organisation_id = ANY(:orgs)', { id: input.id, orgs: editing.organisationIds })
        .execute();
      if (!result.affected) throw notFoundRejection('id', 'Member');
      return Object.assign(new RemovedPayload(), { removedId: input.id });
    }, () => new RemovedPayload());
  }

  @Mutation(() => OfficePlacementProposalPayload, {
    description: 'Submit a proposal for placing a regional office, scored on all five published criteria. By editors of the lead municipality or of the cluster.',
  })
  @Access(Rules.member(Capability.EDIT))
  createOfficePlacementProposal(@Arg('input', { validate: false }) input: CreateOfficePlacementProposalInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new OfficePlacementProposalPayload(), { proposal });
    }, () => new OfficePlacementProposalPayload());
  }

  @Mutation(() => OfficePlacementProposalPayload, { description: 'Revise a submitted proposal (lead municipality or cluster editors). Scores given replace all five.' })
  @Access(Rules.member(Capability.EDIT))
  updateOfficePlacementProposal(@Arg('input', { validate: false }) input: UpdateOfficePlacementProposalInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new OfficePlacementProposalPayload(), { proposal: updated });
    }, () => new OfficePlacementProposalPayload());
  }

  @Mutation(() => OfficePlacementProposalPayload, { description: 'Record the cluster\'s decision on a proposal (cluster editors/admins; server-timestamped).' })
  @Access(Rules.member(Capability.EDIT))
  decideOfficePlacementProposal(@Arg('input', { validate: false }) input: DecideOfficePlacementProposalInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new OfficePlacementProposalPayload(), { proposal: updated });
    }, () => new OfficePlacementProposalPayload());
  }

  @Mutation(() => OfficeCoFinancingPayload, { description: 'Record the cross-municipal co-financing of a regional office (cluster editors/admins). Shares must add up to exactly 100 %.' })
  @Access(Rules.member(Capability.EDIT))
  createOfficeCoFinancing(@Arg('input', { validate: false }) input: CreateOfficeCoFinancingInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new OfficeCoFinancingPayload(), { coFinancing });
    }, () => new OfficeCoFinancingPayload());
  }

  @Mutation(() => OfficeCoFinancingPayload, { description: 'Change a co-financing (cluster editors/admins). Lists given replace the current ones.' })
  @Access(Rules.member(Capability.EDIT))
  updateOfficeCoFinancing(@Arg('input', { validate: false }) input: UpdateOfficeCoFinancingInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const qb = em.getRepository(OfficeCoFinancing).createQueryBuilder('c').where('c.id = :id', { id: input.id });
      const current = await restrictToVisibleCoFinancings(qb, 'c', ctx).getOne();
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
      return Object.assign(new OfficeCoFinancingPayload(), { coFinancing: updated });
    }, () => new OfficeCoFinancingPayload());
  }

  @Mutation(() => ClusterActivityPayload, { description: 'Create an activity of your cluster (or of one of its offices).' })
  @Access(Rules.member(Capability.EDIT))
  createClusterActivity(@Arg('input', { validate: false }) input: CreateClusterActivityInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new ClusterActivityPayload(), { activity });
    }, () => new ClusterActivityPayload());
  }

  @Mutation(() => ClusterActivityPayload, { description: 'Change an activity of your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  updateClusterActivity(@Arg('input', { validate: false }) input: UpdateClusterActivityInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new ClusterActivityPayload(), { activity: updated });
    }, () => new ClusterActivityPayload());
  }

  @Mutation(() => ClusterActivityPayload, { description: 'Record firms and organisations that took part in an activity of your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  recordActivityAttendance(@Arg('input', { validate: false }) input: RecordActivityAttendanceInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new ClusterActivityPayload(), { activity });
    }, () => new ClusterActivityPayload());
  }

  @Mutation(() => RemovedPayload, { description: 'Remove an attendance record from an activity of your cluster.' })
  @Access(Rules.member(Capability.EDIT))
  removeActivityAttendance(@Arg('input', { validate: false }) input: RemoveActivityAttendanceInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const editing = ctx.scope.require(Capability.EDIT);
      const result = await em
        .createQueryBuilder()
        .delete()
        .from(ClusterActivityAttendance)
        .where('id = :id', { id: input.id })
        .andWhere('activity_id IN (SELECT a.id FROM cluster_activity a WHERE a.cluster_organisation_id = ANY(:orgs))', { orgs: editing.organisationIds })
        .execute();
      if (!result.affected) throw notFoundRejection('id', 'Attendance');
      return Object.assign(new RemovedPayload(), { removedId: input.id });
    }, () => new RemovedPayload());
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

async function findProposalOrNull(ctx: RequestContext, em: EntityManager, id: string) {
  const qb = em.getRepository(OfficePlacementProposal).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id });
  return restrictToVisibleProposals(qb, 'p', ctx).getOne();
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

