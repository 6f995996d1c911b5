import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { CursorPart, decodeCursor, keysetPage, toConnection } from '../core/pagination';
import { scoped } from '../core/scoped';
import { likePrefix } from '../core/text';
import { firmRegisterLoaders } from '../firms/firm.history';
import { firmLoaders } from '../firms/firm.loaders';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { Programme, ProgrammeState } from './programme.entity';
import { ProgrammeCatalogueFilter, ProgrammeThroughputFilter } from './programme.inputs';
import { EnrolmentState } from './programme-enrolment.entity';
import { CATALOGUE_STATES, FirmProfile, profileOf, PUBLISHED_STATES, restrictToEligible } from './programme.service';

/** The programmes area's list reads (through core/scoped.ts: published programmes, drafts for their operator). */

export const programmeKey = (p: Programme) => [p.startsOn, p.id];
const PROGRAMME_CURSOR: readonly CursorPart[] = ['date', 'uuid'];

/** The public catalogue of current offers (OPEN and RUNNING), by start date. */
export async function programmeCatalogue(ctx: RequestContext, filter: ProgrammeCatalogueFilter | undefined, first: number, after: string | null | undefined) {
  const states = filter?.states?.length ? filter.states.filter((s) => CATALOGUE_STATES.includes(s)) : CATALOGUE_STATES;
  const qb = scoped(ctx, Programme, 'p').andWhere('p.state = ANY(:states)', { states });
  if (filter?.kinds?.length) qb.andWhere('p.kind = ANY(:kinds)', { kinds: filter.kinds });
  if (filter?.operatorOrganisationId) qb.andWhere('p.operatorOrganisationId = :op', { op: filter.operatorOrganisationId });
  if (filter?.namePrefix?.trim()) qb.andWhere(`lower(p.name) LIKE :prefix ESCAPE '\\'`, { prefix: likePrefix(filter.namePrefix.trim()) });
  if (filter?.endsOnOrAfter) qb.andWhere('p.endsOn >= :endsFrom', { endsFrom: filter.endsOnOrAfter });
  const criteria: Partial<FirmProfile> = {};
  if (filter?.regionId) criteria.regionId = filter.regionId;
  if (filter?.growthPotentialLevel) criteria.growthPotentialLevel = filter.growthPotentialLevel;
  if (filter?.sizeClass) criteria.sizeClass = filter.sizeClass;
  if (filter?.industryCode) criteria.industryCode = filter.industryCode;
  restrictToEligible(qb, 'p', criteria);
  if (filter?.eligibleForFirmId) {
    const profile = await visibleFirmProfile(ctx, filter.eligibleForFirmId);
    // A firm you may not see is treated as one that does not exist: nothing matches.
    if (!profile) return toConnection([], first, programmeKey, !!decodeCursor(after, PROGRAMME_CURSOR));
    restrictToEligible(qb, 'p', profile);
  }
  return keysetPage(qb, { first, after, order: ['p.startsOn', 'p.id'], shape: PROGRAMME_CURSOR, keyOf: programmeKey });
}

/** Programmes the caller's organisations operate, in every state, by start date. */
export function operatedProgrammes(ctx: RequestContext, states: ProgrammeState[] | undefined, first: number, after: string | null | undefined) {
  const scope = ctx.scope.require(Capability.READ);
  const qb = scope.restrict(scoped(ctx, Programme, 'p'), 'p.operatorOrganisationId');
  if (states?.length) qb.andWhere('p.state = ANY(:states)', { states });
  return keysetPage(qb, { first, after, order: ['p.startsOn', 'p.id'], shape: PROGRAMME_CURSOR, keyOf: programmeKey });
}

/** The eligibility profile of a firm the caller may see, or null. */
export async function visibleFirmProfile(ctx: RequestContext, firmId: string): Promise<FirmProfile | null> {
  const firm = await firmLoaders(ctx).byId.load(firmId);
  if (!firm) return null;
  const [municipality, growthPotential] = await Promise.all([
    firm.municipalityId ? organisationLoaders(ctx).byId.load(firm.municipalityId) : null,
    firmRegisterLoaders(ctx).growthPotential.load(firm.id),
  ]);
  return profileOf(firm, municipality?.regionId ?? null, growthPotential?.level ?? null);
}

/** Enrolled / completed / dropped-out counts over published programmes (counts only, from a view of counts). */
export function throughputCounts(ctx: RequestContext, filter: ProgrammeThroughputFilter | undefined) {
  // Published programmes only, for every caller alike (the operator's own drafts are not counted either).
  const qb = scoped(ctx, Programme, 'p')
    // Counts through a view of counts only (RLS keeps the enrolment rows to the operator).
    .leftJoin('programme_enrolment_count', 'e', 'e.programme_id = p.id')
    .select('count(DISTINCT p.id)', 'programmes')
    .addSelect(`coalesce(sum(e.n) FILTER (WHERE e.state = '${EnrolmentState.ENROLLED}'), 0)`, 'enrolled')
    .addSelect(`coalesce(sum(e.n) FILTER (WHERE e.state = '${EnrolmentState.COMPLETED}'), 0)`, 'completed')
    .addSelect(`coalesce(sum(e.n) FILTER (WHERE e.state = '${EnrolmentState.DROPPED_OUT}'), 0)`, 'droppedOut')
    .andWhere('p.state = ANY(:published)', { published: PUBLISHED_STATES });
  if (filter?.operatorOrganisationId) qb.andWhere('p.operatorOrganisationId = :op', { op: filter.operatorOrganisationId });
  if (filter?.kinds?.length) qb.andWhere('p.kind = ANY(:kinds)', { kinds: filter.kinds });
  return qb.getRawOne<{ programmes: string; enrolled: string; completed: string; droppedOut: string }>();
}
