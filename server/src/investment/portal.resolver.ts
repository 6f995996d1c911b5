import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { RequestContext } from '../core/context';
import { UserError } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { CreateInvestorPortalProjectInput, InvestorPortalFilter, UpdateInvestorPortalProjectInput } from './investment.inputs';
import { investmentLoaders } from './investment.loaders';
import { managedProjectPage, publicListingPage } from './investment.service';
import { InvestorPortalListing, InvestorPortalProject, PortalProjectStatus } from './portal.entity';
import { effectivePortalStatus } from './portal.status';
import { createInvestorPortalProject, updateInvestorPortalProject, listingProblems } from './portal.service';

@ObjectType()
export class InvestorPortalListingConnection extends Connection(InvestorPortalListing, 'InvestorPortalListing') {}

@ObjectType()
export class InvestorPortalProjectConnection extends Connection(InvestorPortalProject, 'InvestorPortalProject') {}

@ObjectType()
export class InvestorPortalProjectPayload extends MutationPayload {
  @Field(() => InvestorPortalProject, { nullable: true })
  project: InvestorPortalProject | null = null;
}

async function toListing(ctx: RequestContext, p: InvestorPortalProject): Promise<InvestorPortalListing> {
  const orgs = organisationLoaders(ctx).byId;
  const [owner, municipality, agency] = await Promise.all([
    p.publicOwnerOrganisationId ? orgs.load(p.publicOwnerOrganisationId) : null,
    p.municipalityId ? orgs.load(p.municipalityId) : null,
    orgs.load(p.ownerOrganisationId),
  ]);
  return Object.assign(new InvestorPortalListing(), {
    id: p.id,
    title: p.title,
    description: p.description,
    kind: p.kind,
    status: effectivePortalStatus(p),
    isTender: p.isTender,
    tenderDeadline: p.tenderDeadline,
    estimatedInvestmentDkk: p.estimatedInvestmentDkk,
    expectedStartYear: p.expectedStartYear,
    url: p.url,
    publicOwnerName: owner?.name ?? '',
    municipalityName: municipality?.name ?? null,
    listedBy: agency?.name ?? '',
  });
}


@Resolver(() => InvestorPortalProject)
export class InvestorPortalResolver {
  @Query(() => InvestorPortalListing, { nullable: true, description: 'A project on the public investor portal; null unless it is listed and meets the criteria.' })
  @Access(Rules.public())
  async investorPortalListing(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    if (!isUuid(id)) return null;
    const p = await investmentLoaders(ctx).publicListingById.load(id);
    return p ? toListing(ctx, p) : null;
  }

  @Query(() => InvestorPortalListingConnection, {
    description: 'The public investor portal: large construction and infrastructure projects and tenders that meet the listing criteria, by title.',
  })
  @Access(Rules.public())
  async investorPortalListings(
    @Arg('filter', () => InvestorPortalFilter, { nullable: true }) filter: InvestorPortalFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const conn = await publicListingPage(ctx, filter, first, after);
    const nodes = await Promise.all(conn.edges.map((e) => toListing(ctx, e.node)));
    return { ...conn, edges: conn.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] })) };
  }

  @Query(() => InvestorPortalProjectConnection, { description: 'Portal projects your investment agencies manage (listed or not), by title.' })
  @Access(Rules.member(Capability.READ))
  async investorPortalProjects(@PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const scope = ctx.scope.require(Capability.READ);
    return managedProjectPage(ctx, scope, first, after);
  }

  @FieldResolver(() => PortalProjectStatus, { description: 'Where it stands: the recorded status, except that IN_TENDER after the tender deadline is PLANNED (the tender is over).' })
  status(@Root() p: InvestorPortalProject) {
    return effectivePortalStatus(p);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The public owner behind the project.' })
  publicOwner(@Root() p: InvestorPortalProject, @Ctx() ctx: RequestContext) {
    return p.publicOwnerOrganisationId ? organisationLoaders(ctx).byId.load(p.publicOwnerOrganisationId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Where the project is.' })
  municipality(@Root() p: InvestorPortalProject, @Ctx() ctx: RequestContext) {
    return p.municipalityId ? organisationLoaders(ctx).byId.load(p.municipalityId) : null;
  }

  @FieldResolver(() => [UserError], { description: 'Why it would not be shown on the portal (empty when it meets the criteria).' })
  listingProblems(@Root() p: InvestorPortalProject, @Ctx() ctx: RequestContext) {
    return listingProblems((id) => organisationLoaders(ctx).byId.load(id), p);
  }

  @Mutation(() => InvestorPortalProjectPayload, { description: 'Add a project for the investor portal (editors of an investment agency).' })
  @Access(Rules.member(Capability.EDIT))
  createInvestorPortalProject(@Arg('input', { validate: false }) input: CreateInvestorPortalProjectInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new InvestorPortalProjectPayload(), await createInvestorPortalProject(ctx, em, input)), () => new InvestorPortalProjectPayload());
  }

  @Mutation(() => InvestorPortalProjectPayload, { description: 'Change or (un)list a portal project. Listing is refused, naming the field, unless it meets the criteria.' })
  @Access(Rules.member(Capability.EDIT))
  updateInvestorPortalProject(@Arg('input', { validate: false }) input: UpdateInvestorPortalProjectInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new InvestorPortalProjectPayload(), await updateInvestorPortalProject(ctx, em, input)), () => new InvestorPortalProjectPayload());
  }
}
