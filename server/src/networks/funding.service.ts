import { EntityManager } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext, userIdOf } from '../core/context';
import { notFoundRejection, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { FundingApplication, FundingApplicationStatus, FundingBudgetLine, FundingPool } from './funding.entity';
import {
  BudgetLineInput,
  CreateFundingApplicationInput,
  CreateFundingPoolInput,
  DecideFundingApplicationInput,
  FundingApplicationSections,
  SubmitFundingApplicationInput,
  UpdateFundingApplicationInput,
} from './network.inputs';
import { Network } from './network.entity';
import { readScope, restrictToVisibleApplications, restrictToVisibleNetworks } from './network.visibility';

// Funding pools and applications: the writes. Each runs inside runMutation's transaction (the resolver
// passes `em`); throwing UserInputRejection rolls it back and answers with the errors. Reads stay in
// network.service.ts.

/** Opens a funding pool owned by one of the caller's organisations. */
export async function createFundingPool(ctx: RequestContext, em: EntityManager, input: CreateFundingPoolInput) {
  if (!ctx.scope.has(input.ownerOrganisationId, Capability.EDIT)) {
    throw new UserInputRejection([userError('ownerOrganisationId', 'You can only open pools for an organisation where you have "edit".', UserErrorCode.NOT_ALLOWED)]);
  }
  const pool = await em.save(em.create(FundingPool, { ownerOrganisationId: input.ownerOrganisationId, name: input.name.trim(), description: input.description ?? null }));
  return { pool };
}

/** Starts a draft application to a pool, with its budget lines. */
export async function createFundingApplication(ctx: RequestContext, em: EntityManager, input: CreateFundingApplicationInput) {
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
  return { application };
}

/** Edits a draft; budgetLines given replace all lines. Submitted applications are refused (IMMUTABLE). */
export async function updateFundingApplication(ctx: RequestContext, em: EntityManager, input: UpdateFundingApplicationInput) {
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
  return { application: updated };
}

/** Submits a draft to the pool owner; afterwards it cannot be edited. */
export async function submitFundingApplication(ctx: RequestContext, em: EntityManager, input: SubmitFundingApplicationInput) {
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
  return { application: updated };
}

/** Approves (with the amount granted) or rejects a submitted application to a pool the caller owns. */
export async function decideFundingApplication(ctx: RequestContext, em: EntityManager, input: DecideFundingApplicationInput) {
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
  return { application: updated };
}

// ---------------------------------------------------------------------------------------------------
// Helpers

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
