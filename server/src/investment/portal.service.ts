import { EntityManager } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { UserError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { CreateInvestorPortalProjectInput, UpdateInvestorPortalProjectInput } from './investment.inputs';
import { LISTABLE_STATUSES, LISTING_MIN_INVESTMENT_DKK } from './investment.visibility';
import { InvestorPortalProject, PortalProjectStatus } from './portal.entity';
import { portalToday } from './portal.status';

/** Investor-portal projects' writes (the resolver stays thin): each runs inside its mutation's transaction. Listing criteria: investment.visibility.ts. */

/** Kinds of organisation that count as a public owner for the listing criteria. */
export const PUBLIC_OWNER_KINDS = [OrganisationKind.MUNICIPALITY, OrganisationKind.REGION, OrganisationKind.REGIONAL_COUNCIL, OrganisationKind.NATIONAL_AGENCY];

/** The listing criteria, as user errors naming the field that fails each. */
export async function listingProblems(
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

export async function requireAgencyEditor(ctx: RequestContext, em: EntityManager, orgId: string, field: string) {
  const org = ctx.scope.has(orgId, Capability.EDIT) ? await em.findOneBy(Organisation, { id: orgId }) : null;
  if (!org || org.kind !== OrganisationKind.INVESTMENT_PROMOTION_AGENCY) {
    throw new UserInputRejection([userError(field, 'Portal projects are managed by editors of an investment-promotion agency.', UserErrorCode.NOT_ALLOWED)]);
  }
}

export async function requireOrganisations(em: EntityManager, ids: Record<string, string | undefined>) {
  for (const [field, id] of Object.entries(ids)) {
    if (id && !(await em.existsBy(Organisation, { id }))) throw new UserInputRejection([userError(field, 'No organisation with this id.', UserErrorCode.NOT_FOUND)]);
  }
}

/** Add a project for the investor portal (editors of an investment agency). */
export async function createInvestorPortalProject(ctx: RequestContext, em: EntityManager, input: CreateInvestorPortalProjectInput) {
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
  return { project: await em.findOneByOrFail(InvestorPortalProject, { id: project.id }) };
}

/** Change or (un)list a portal project. Listing is refused, naming the field, unless it meets the criteria. */
export async function updateInvestorPortalProject(ctx: RequestContext, em: EntityManager, input: UpdateInvestorPortalProjectInput) {
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
  return { project: updated };
}

/** IN_TENDER with a deadline already passed contradicts the dates: refused, naming the deadline (or the status). */
function requireOpenTender(status: PortalProjectStatus, tenderDeadline: string | null, deadlineGiven: boolean) {
  if (status === PortalProjectStatus.IN_TENDER && tenderDeadline != null && tenderDeadline < portalToday()) {
    throw new UserInputRejection([
      userError(deadlineGiven ? 'tenderDeadline' : 'status', 'A project in tender needs a tender deadline today or later.', UserErrorCode.INVALID, { constraint: 'tenderOpen' }),
    ]);
  }
}
