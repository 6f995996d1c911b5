import { EntityManager } from 'typeorm';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { RequestContext } from '../core/context';
import { UserError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { isUuid } from '../core/text';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { CreateInvestorPortalProjectInput, InvestorPortalFilter, UpdateInvestorPortalProjectInput } from './investment.inputs';
import { investmentLoaders } from './investment.loaders';
import { LISTABLE_STATUSES, LISTING_MIN_INVESTMENT_DKK, restrictToPublicListings } from './investment.visibility';
import { InvestorPortalListing, InvestorPortalProject, PortalProjectStatus } from './portal.entity';
import { effectivePortalStatus, portalToday } from './portal.status';

@ObjectType()
export class InvestorPortalListingConnection extends Connection(InvestorPortalListing, 'InvestorPortalListing') {}

@ObjectType()
export class InvestorPortalProjectConnection extends Connection(InvestorPortalProject, 'InvestorPortalProject') {}

@ObjectType()
export class InvestorPortalProjectPayload extends MutationPayload {
  @Field(() => InvestorPortalProject, { nullable: true })
  project: InvestorPortalProject | null = null;
}

/** Kinds of organisation that count as a public owner for the listing criteria. */
const PUBLIC_OWNER_KINDS = [OrganisationKind.MUNICIPALITY, OrganisationKind.REGION, OrganisationKind.REGIONAL_COUNCIL, OrganisationKind.NATIONAL_AGENCY];

/** The listing criteria, as user errors naming the field that fails each. */
async function listingProblems(
  loadOrganisation: (id: string) => Promise<Organisation | null>,
  p: Pick<InvestorPortalProject, 'estimatedInvestmentDkk' | 'publicOwnerOrganisationId' | 'status'>,
): Promise<UserError[]> {
  const problems: UserError[] = [];
  if (Number(p.estimatedInvestmentDkk) < LISTING_MIN_INVESTMENT_DKK) {
    problems.push(userError('estimatedInvestmentDkk', `Listed projects need an estimated investment of at least ${LISTING_MIN_INVESTMENT_DKK} DKK.`, UserErrorCode.NOT_ALLOWED));
  }
  const owner = p.publicOwnerOrganisationId ? await loadOrganisation(p.publicOwnerOrganisationId) : null;
  if (!owner || !PUBLIC_OWNER_KINDS.includes(owner.kind)) {
    problems.push(userError('publicOwnerOrganisationId', 'Listed projects need a public owner (municipality, region or state agency).', UserErrorCode.NOT_ALLOWED));
  }
  if (!LISTABLE_STATUSES.includes(p.status)) {
    problems.push(userError('status', `Only projects that are ${LISTABLE_STATUSES.join(', ')} can be listed.`, UserErrorCode.NOT_ALLOWED));
  }
  return problems;
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

const listingKey = (p: InvestorPortalProject) => [p.title.toLowerCase(), p.id];

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
    const qb = restrictToPublicListings(ctx.ds.getRepository(InvestorPortalProject).createQueryBuilder('p'), 'p');
    if (filter?.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
    // A tender whose deadline has passed can no longer be bid in: not a tender to show (portal.status.ts).
    if (filter?.tendersOnly) qb.andWhere('p.is_tender = true AND (p.tender_deadline IS NULL OR p.tender_deadline >= :today)', { today: portalToday() });
    const cursor = decodeCursor(after, ['text', 'uuid']) as [string, string] | null;
    if (cursor) qb.andWhere('(lower(p.title), p.id) > (:cTitle, :cId::uuid)', { cTitle: cursor[0], cId: cursor[1] });
    const rows = await qb.orderBy('lower(p.title)').addOrderBy('p.id').limit(first + 1).getMany();
    const conn = toConnection(rows, first, listingKey, !!cursor);
    const nodes = await Promise.all(conn.edges.map((e) => toListing(ctx, e.node)));
    return { ...conn, edges: conn.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] })) };
  }

  @Query(() => InvestorPortalProjectConnection, { description: 'Portal projects your investment agencies manage (listed or not), by title.' })
  @Access(Rules.member(Capability.READ))
  async investorPortalProjects(@PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const scope = ctx.scope.require(Capability.READ);
    const qb = scope.restrict(ctx.ds.getRepository(InvestorPortalProject).createQueryBuilder('p'), 'p.owner_organisation_id');
    const cursor = decodeCursor(after, ['text', 'uuid']) as [string, string] | null;
    if (cursor) qb.andWhere('(lower(p.title), p.id) > (:cTitle, :cId::uuid)', { cTitle: cursor[0], cId: cursor[1] });
    const rows = await qb.orderBy('lower(p.title)').addOrderBy('p.id').limit(first + 1).getMany();
    return toConnection(rows, first, listingKey, !!cursor);
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
    return runMutation(ctx, input, async (em) => {
      await requireAgencyEditor(ctx, em, input.ownerOrganisationId, 'ownerOrganisationId');
      await requireOrganisations(em, { publicOwnerOrganisationId: input.publicOwnerOrganisationId, municipalityId: input.municipalityId });
      requireOpenTender(input.status, input.tenderDeadline ?? null, input.tenderDeadline !== undefined);
      if (input.listed) {
        const problems = await listingProblems((oid) => em.findOneBy(Organisation, { id: oid }), { ...input, publicOwnerOrganisationId: input.publicOwnerOrganisationId ?? null });
        if (problems.length) throw new UserInputRejection(problems);
      }
      const project = await em.save(
        em.create(InvestorPortalProject, {
          ownerOrganisationId: input.ownerOrganisationId,
          title: input.title.trim(),
          description: input.description ?? null,
          kind: input.kind,
          status: input.status,
          isTender: input.isTender,
          tenderDeadline: input.tenderDeadline ?? null,
          estimatedInvestmentDkk: input.estimatedInvestmentDkk,
          publicOwnerOrganisationId: input.publicOwnerOrganisationId ?? null,
          municipalityId: input.municipalityId ?? null,
          expectedStartYear: input.expectedStartYear ?? null,
          url: input.url ?? null,
          internalNotes: input.internalNotes ?? null,
          listed: input.listed,
          listedAt: input.listed ? new Date() : null,
        }),
      );
      return Object.assign(new InvestorPortalProjectPayload(), { project: await em.findOneByOrFail(InvestorPortalProject, { id: project.id }) });
    }, () => new InvestorPortalProjectPayload());
  }

  @Mutation(() => InvestorPortalProjectPayload, { description: 'Change or (un)list a portal project. Listing is refused, naming the field, unless it meets the criteria.' })
  @Access(Rules.member(Capability.EDIT))
  updateInvestorPortalProject(@Arg('input', { validate: false }) input: UpdateInvestorPortalProjectInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const editable = ctx.scope.organisationIds(Capability.EDIT);
      const readable = ctx.scope.organisationIds(Capability.READ);
      const current = await em.findOneBy(InvestorPortalProject, { id: input.id });
      if (!current || !readable.includes(current.ownerOrganisationId)) throw new UserInputRejection([userError('id', 'Portal project not found.', UserErrorCode.NOT_FOUND)]);
      if (!editable.includes(current.ownerOrganisationId)) throw new UserInputRejection([userError('id', 'Only editors of the managing agency can change it.', UserErrorCode.NOT_ALLOWED)]);
      await requireOrganisations(em, { publicOwnerOrganisationId: input.publicOwnerOrganisationId });
      const { id, expectedVersion, ...changes } = input;
      const patch: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(changes)) if (v !== undefined) patch[k] = k === 'title' ? String(v).trim() : v;
      const merged = { ...current, ...patch } as InvestorPortalProject;
      if (input.status !== undefined || input.tenderDeadline !== undefined) requireOpenTender(merged.status, merged.tenderDeadline, input.tenderDeadline !== undefined);
      if (merged.listed) {
        const problems = await listingProblems((oid) => em.findOneBy(Organisation, { id: oid }), merged);
        if (problems.length) throw new UserInputRejection(problems);
        if (!current.listed) patch.listedAt = () => 'now()';
      }
      const updated = await updateIfVersion(em, InvestorPortalProject, id, expectedVersion, patch as never);
      if (!updated) {
        throw versionConflict('project', current.version);
      }
      return Object.assign(new InvestorPortalProjectPayload(), { project: updated });
    }, () => new InvestorPortalProjectPayload());
  }
}

async function requireAgencyEditor(ctx: RequestContext, em: EntityManager, orgId: string, field: string) {
  const org = ctx.scope.has(orgId, Capability.EDIT) ? await em.findOneBy(Organisation, { id: orgId }) : null;
  if (!org || org.kind !== OrganisationKind.INVESTMENT_PROMOTION_AGENCY) {
    throw new UserInputRejection([userError(field, 'Portal projects are managed by editors of an investment-promotion agency.', UserErrorCode.NOT_ALLOWED)]);
  }
}

async function requireOrganisations(em: EntityManager, ids: Record<string, string | undefined>) {
  for (const [field, id] of Object.entries(ids)) {
    if (id && !(await em.existsBy(Organisation, { id }))) throw new UserInputRejection([userError(field, 'No organisation with this id.', UserErrorCode.NOT_FOUND)]);
  }
}

/** IN_TENDER with a deadline already passed contradicts the dates: refused, naming the deadline (or the status). */
function requireOpenTender(status: PortalProjectStatus, tenderDeadline: string | null, deadlineGiven: boolean) {
  if (status === PortalProjectStatus.IN_TENDER && tenderDeadline != null && tenderDeadline < portalToday()) {
    throw new UserInputRejection([
      userError(deadlineGiven ? 'tenderDeadline' : 'status', 'A project in tender needs a tender deadline today or later.', UserErrorCode.INVALID, { constraint: 'tenderOpen' }),
    ]);
  }
}
