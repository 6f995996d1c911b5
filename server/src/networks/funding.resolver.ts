import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { userError, UserErrorCode, UserInputRejection, notFoundRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { FundingApplication, FundingApplicationStatus, FundingBudgetLine, FundingPool } from './funding.entity';
import {
  BudgetLineInput,
  CreateFundingApplicationInput,
  CreateFundingPoolInput,
  DecideFundingApplicationInput,
  FundingApplicationFilter,
  FundingApplicationSections,
  SubmitFundingApplicationInput,
  UpdateFundingApplicationInput,
} from './network.inputs';
import { Network } from './network.entity';
import { networkLoaders } from './network.loaders';
import * as service from './network.service';
import { readScope, restrictToVisibleApplications, restrictToVisibleNetworks } from './network.visibility';

@ObjectType()
export class FundingApplicationConnection extends Connection(FundingApplication, 'FundingApplication') {}

@ObjectType()
export class FundingPoolConnection extends Connection(FundingPool, 'FundingPool') {}

@ObjectType()
export class FundingPoolPayload extends MutationPayload {
  @Field(() => FundingPool, { nullable: true })
  pool: FundingPool | null = null;
}

@ObjectType()
export class FundingApplicationPayload extends MutationPayload {
  @Field(() => FundingApplication, { nullable: true })
  application: FundingApplication | null = null;
}

const SECTION_FIELDS = [
  'responsible',
  'purpose',
  'rationale',
  'targetGroup',
  'activities',
  'expectedShortTermResults',
  'expectedLongTermResults',
  'anchoringStrategy',
  'partners',
  'timeline',
  'communication',
  'secretariatContribution',
  'workingGroupContribution',
] as const;

/** Sections that must be filled before an application can be submitted. */
const REQUIRED_FOR_SUBMIT = ['responsible', 'purpose', 'rationale', 'targetGroup', 'activities'] as const;

async function replaceBudgetLines(em: EntityManager, applicationId: string, lines: BudgetLineInput[]) {
  await em.delete(FundingBudgetLine, { applicationId });
  if (lines.length) {
    await em.insert(
      FundingBudgetLine,
      lines.map((l, position) => ({ applicationId, position, description: l.description.trim(), amount: l.amount })),
    );
  }
}

function sectionsPatch(input: FundingApplicationSections): Partial<FundingApplication> {
  const patch: Partial<FundingApplication> = {};
  for (const f of SECTION_FIELDS) if (input[f] !== undefined) (patch as Record<string, unknown>)[f] = input[f];
  return patch;
}

/** An application the caller may work on as applicant (with "edit" in the applicant organisation). */
async function findOwnApplication(ctx: RequestContext, em: EntityManager, id: string): Promise<FundingApplication> {
  const scope = readScope(ctx);
  const app = scope
    ? await restrictToVisibleApplications(em.getRepository(FundingApplication).createQueryBuilder('a').where('a.id = :id', { id }), 'a', scope)
        .setLock('pessimistic_write')
        .getOne()
    : null;
  if (!app) throw notFoundRejection('id', 'Funding application');
  if (!ctx.scope.has(app.applicantOrganisationId, Capability.EDIT)) {
    throw new UserInputRejection([userError('id', 'Only editors of the applicant organisation can change this application.', UserErrorCode.NOT_ALLOWED)]);
  }
  return app;
}

const notDraft = (app: FundingApplication) =>
  new UserInputRejection([
    userError('id', `This application is ${app.status.toLowerCase()}; only drafts can be edited.`, UserErrorCode.IMMUTABLE),
  ]);

@Resolver(() => FundingPool)
export class FundingPoolResolver {
  @Query(() => FundingPoolConnection, { description: 'Funding pools one can apply to (DA puljer), by name. Pools are announced to every signed-in caller.' })
  @Access(Rules.signedIn())
  async fundingPools(@PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    return service.listFundingPools(ctx, first, after);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation owning the pool; it decides on applications.' })
  owner(@Root() p: FundingPool, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(p.ownerOrganisationId);
  }

  @Mutation(() => FundingPoolPayload, { description: 'Open a funding pool owned by one of your organisations.' })
  @Access(Rules.member(Capability.EDIT))
  createFundingPool(@Arg('input', { validate: false }) input: CreateFundingPoolInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      if (!ctx.scope.has(input.ownerOrganisationId, Capability.EDIT)) {
        throw new UserInputRejection([userError('ownerOrganisationId', 'You can only open pools for an organisation where you have "edit".', UserErrorCode.NOT_ALLOWED)]);
      }
      const pool = await em.save(em.create(FundingPool, { ownerOrganisationId: input.ownerOrganisationId, name: input.name.trim(), description: input.description ?? null }));
      return Object.assign(new FundingPoolPayload(), { pool });
    }, () => new FundingPoolPayload());
  }
}

@Resolver(() => FundingApplication)
export class FundingApplicationResolver {
  @Query(() => FundingApplication, { nullable: true, description: 'A funding application by id; null if it does not exist or is not yours to see.' })
  @Access(Rules.member(Capability.READ))
  fundingApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? networkLoaders(ctx).applicationById.load(id) : null;
  }

  @Query(() => FundingApplicationConnection, {
    description: 'Applications of your organisations, and submitted applications to pools your organisations own, by project name.',
  })
  @Access(Rules.member(Capability.READ))
  async fundingApplications(
    @Arg('filter', () => FundingApplicationFilter, { nullable: true }) filter: FundingApplicationFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return service.listApplications(ctx, filter, first, after);
  }

  @FieldResolver(() => FundingPool)
  pool(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).poolById.load(a.poolId);
  }

  @FieldResolver(() => Organisation, { description: 'The applying organisation.' })
  applicant(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(a.applicantOrganisationId);
  }

  @FieldResolver(() => Network, { nullable: true, description: 'The network the application is for (null if you cannot see it).' })
  network(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return a.networkId ? networkLoaders(ctx).networkById.load(a.networkId) : null;
  }

  @FieldResolver(() => [FundingBudgetLine], { description: 'The budget lines, in order.' })
  budgetLines(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).budgetLinesByApplication.load(a.id);
  }

  @FieldResolver(() => String, { description: 'Total requested in DKK: the sum of the budget lines, computed (never typed in).' })
  totalAmount(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).totalByApplication.load(a.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who submitted it.' })
  submittedBy(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return a.submittedByUserId ? identityLoaders(ctx).userById.load(a.submittedByUserId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who decided (a member of the pool-owning organisation).' })
  decidedBy(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return a.decidedByUserId ? identityLoaders(ctx).userById.load(a.decidedByUserId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that decided (the pool owner).' })
  decidedByOrganisation(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return a.decidedByOrganisationId ? organisationLoaders(ctx).byId.load(a.decidedByOrganisationId) : null;
  }

  @Mutation(() => FundingApplicationPayload, { description: 'Start a draft application to a pool, with its budget lines.' })
  @Access(Rules.member(Capability.EDIT))
  createFundingApplication(@Arg('input', { validate: false }) input: CreateFundingApplicationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      if (!ctx.scope.has(input.applicantOrganisationId, Capability.EDIT)) {
        throw new UserInputRejection([userError('applicantOrganisationId', 'You can only apply for an organisation where you have "edit".', UserErrorCode.NOT_ALLOWED)]);
      }
      if (!(await em.existsBy(FundingPool, { id: input.poolId }))) {
        throw notFoundRejection('poolId', 'Funding pool');
      }
      if (input.networkId) {
        const scope = ctx.scope.require(Capability.READ);
        const visible = await restrictToVisibleNetworks(em.getRepository(Network).createQueryBuilder('n').where('n.id = :id', { id: input.networkId }), 'n', scope).getExists();
        if (!visible) throw notFoundRejection('networkId', 'Network');
      }
      const application = await em.save(
        em.create(FundingApplication, {
          ...sectionsPatch(input),
          poolId: input.poolId,
          applicantOrganisationId: input.applicantOrganisationId,
          networkId: input.networkId ?? null,
          projectName: input.projectName.trim(),
          status: FundingApplicationStatus.DRAFT,
        }),
      );
      await replaceBudgetLines(em, application.id, input.budgetLines ?? []);
      return Object.assign(new FundingApplicationPayload(), { application });
    }, () => new FundingApplicationPayload());
  }

  @Mutation(() => FundingApplicationPayload, { description: 'Edit a draft. Sending budgetLines replaces all lines. Submitted applications are refused (IMMUTABLE).' })
  @Access(Rules.member(Capability.EDIT))
  updateFundingApplication(@Arg('input', { validate: false }) input: UpdateFundingApplicationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const app = await findOwnApplication(ctx, em, input.id);
      if (app.status !== FundingApplicationStatus.DRAFT) throw notDraft(app);
      const patch = sectionsPatch(input);
      if (input.projectName !== undefined) patch.projectName = input.projectName.trim();
      const updated = await updateIfVersion(em, FundingApplication, app.id, input.expectedVersion, patch, {
        sql: 'status = :draft',
        params: { draft: FundingApplicationStatus.DRAFT },
      });
      if (!updated) throw versionConflict('application', app.version);
      if (input.budgetLines) await replaceBudgetLines(em, app.id, input.budgetLines);
      return Object.assign(new FundingApplicationPayload(), { application: updated });
    }, () => new FundingApplicationPayload());
  }

  @Mutation(() => FundingApplicationPayload, { description: 'Submit a draft to the pool owner. Afterwards it cannot be edited.' })
  @Access(Rules.member(Capability.EDIT))
  submitFundingApplication(@Arg('input', { validate: false }) input: SubmitFundingApplicationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const app = await findOwnApplication(ctx, em, input.id);
      if (app.status !== FundingApplicationStatus.DRAFT) throw notDraft(app);
      const errors = REQUIRED_FOR_SUBMIT.filter((f) => !app[f]?.trim()).map((f) => userError(f, `Fill in "${f}" before submitting.`, UserErrorCode.REQUIRED));
      const lines = await em.countBy(FundingBudgetLine, { applicationId: app.id });
      if (!lines) errors.push(userError('budgetLines', 'Add at least one budget line before submitting.', UserErrorCode.REQUIRED));
      if (errors.length) throw new UserInputRejection(errors);
      const updated = await updateIfVersion(
        em,
        FundingApplication,
        app.id,
        input.expectedVersion,
        { status: FundingApplicationStatus.SUBMITTED, submittedAt: () => 'now()', submittedByUserId: userIdOf(ctx) } as never,
        { sql: 'status = :draft', params: { draft: FundingApplicationStatus.DRAFT } },
      );
      if (!updated) throw versionConflict('application', app.version);
      return Object.assign(new FundingApplicationPayload(), { application: updated });
    }, () => new FundingApplicationPayload());
  }

  @Mutation(() => FundingApplicationPayload, { description: 'Approve (with the amount granted) or reject a submitted application to a pool you own.' })
  @Access(Rules.member(Capability.EDIT))
  decideFundingApplication(@Arg('input', { validate: false }) input: DecideFundingApplicationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const scope = readScope(ctx);
      const app = scope
        ? await restrictToVisibleApplications(em.getRepository(FundingApplication).createQueryBuilder('a').where('a.id = :id', { id: input.id }), 'a', scope)
            .setLock('pessimistic_write')
            .getOne()
        : null;
      if (!app) throw notFoundRejection('id', 'Funding application');
      const pool = await em.findOneByOrFail(FundingPool, { id: app.poolId });
      if (!ctx.scope.has(pool.ownerOrganisationId, Capability.EDIT)) {
        throw new UserInputRejection([userError('id', 'Only editors of the organisation owning the pool can decide.', UserErrorCode.NOT_ALLOWED)]);
      }
      if (app.status !== FundingApplicationStatus.SUBMITTED) {
        throw new UserInputRejection([userError('id', `This application is ${app.status.toLowerCase()}; only submitted applications can be decided.`, UserErrorCode.NOT_ALLOWED)]);
      }
      let granted: string | null = null;
      if (input.decision === FundingApplicationStatus.APPROVED) {
        if (input.amountGranted == null) throw new UserInputRejection([userError('amountGranted', 'Say how much is granted.', UserErrorCode.REQUIRED)]);
        const [{ ok }] = await em.query(
          'SELECT $1::numeric <= COALESCE((SELECT sum(amount) FROM funding_budget_line WHERE application_id = $2), 0) AS ok',
          [input.amountGranted, app.id],
        );
        if (!ok) throw new UserInputRejection([userError('amountGranted', 'The amount granted cannot exceed the total applied for.')]);
        granted = input.amountGranted;
      } else if (input.amountGranted != null) {
        throw new UserInputRejection([userError('amountGranted', 'A rejection grants nothing; leave the amount out.')]);
      }
      const updated = await updateIfVersion(
        em,
        FundingApplication,
        app.id,
        input.expectedVersion,
        {
          status: input.decision,
          amountGranted: granted,
          decisionReason: input.reason.trim(),
          decidedAt: () => 'now()',
          decidedByUserId: userIdOf(ctx),
          decidedByOrganisationId: pool.ownerOrganisationId,
        } as never,
        { sql: 'status = :submitted', params: { submitted: FundingApplicationStatus.SUBMITTED } },
      );
      if (!updated) throw versionConflict('application', app.version);
      return Object.assign(new FundingApplicationPayload(), { application: updated });
    }, () => new FundingApplicationPayload());
  }
}
