import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Capability } from '../core/access';
import { RequestContext } from '../core/context';
import { Firm, GrowthPotentialLevel, SizeClass, sizeClassOf } from '../firms/firm.entity';
import { EligibilityCriterion, Programme, ProgrammeState } from './programme.entity';

/** Programmes anyone signed in may see: everything but drafts. */
export const PUBLISHED_STATES = [ProgrammeState.OPEN, ProgrammeState.RUNNING, ProgrammeState.CLOSED];
/** The catalogue of current offers. */
export const CATALOGUE_STATES = [ProgrammeState.OPEN, ProgrammeState.RUNNING];
/** States in which the operator may enrol firms. */
export const ENROLLING_STATES = [ProgrammeState.OPEN, ProgrammeState.RUNNING];

/** Allowed life-cycle moves. */
export const PROGRAMME_TRANSITIONS: Record<ProgrammeState, ProgrammeState[]> = {
  [ProgrammeState.DRAFT]: [ProgrammeState.OPEN],
  [ProgrammeState.OPEN]: [ProgrammeState.RUNNING, ProgrammeState.CLOSED],
  [ProgrammeState.RUNNING]: [ProgrammeState.CLOSED],
  [ProgrammeState.CLOSED]: [],
};

/**
 * Which programmes a caller may see: published ones, and every programme of the organisations it reads for.
 * Every query of programmes goes through here. An allow-list of published states, as the row rule and the
 * RLS policy say (core/row-rules.ts): a state added later is the operator's until it is listed here.
 */
export function restrictToVisibleProgrammes<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, ctx: RequestContext): SelectQueryBuilder<T> {
  const scope = ctx.scope.optional(Capability.READ);
  const published = `${alias}.state IN (${PUBLISHED_STATES.map((s) => `'${s}'`).join(', ')})`;
  return scope ? scope.restrictOrPublic(qb, `${alias}.operatorOrganisationId`, published) : qb.andWhere(published);
}

/** The firm attributes eligibility is decided on. */
export interface FirmProfile {
  growthPotentialLevel: GrowthPotentialLevel | null;
  regionId: string | null;
  industryCode: string | null;
  sizeClass: SizeClass | null;
}

/** `growthPotentialLevel`: the firm's latest growth-potential assessment (see firms/firm.history.ts), not a firm column. */
export const profileOf = (firm: Firm, regionId: string | null, growthPotentialLevel: GrowthPotentialLevel | null): FirmProfile => ({
  growthPotentialLevel,
  regionId,
  industryCode: firm.industryCode,
  sizeClass: sizeClassOf(firm.employees),
});

export interface EligibilityFailure {
  criterion: EligibilityCriterion;
  message: string;
}

/** Checks a firm against a programme's eligibility; returns every criterion it fails (empty = eligible). */
export function checkEligibility(p: Programme, firm: FirmProfile): EligibilityFailure[] {
  const out: EligibilityFailure[] = [];
  if (p.eligibleGrowthPotentialLevels.length && !(firm.growthPotentialLevel && p.eligibleGrowthPotentialLevels.includes(firm.growthPotentialLevel))) {
    out.push({
      criterion: EligibilityCriterion.GROWTH_POTENTIAL,
      message: `Growth potential: the programme admits ${p.eligibleGrowthPotentialLevels.join(', ')}; the firm is ${firm.growthPotentialLevel ?? 'not segmented'}.`,
    });
  }
  if (p.eligibleRegionIds.length && !(firm.regionId && p.eligibleRegionIds.includes(firm.regionId))) {
    out.push({
      criterion: EligibilityCriterion.REGION,
      message: firm.regionId ? 'Region: the firm\'s municipality lies outside the programme\'s regions.' : 'Region: the firm has no municipality recorded.',
    });
  }
  if (p.eligibleIndustryCodePrefixes.length && !(firm.industryCode && p.eligibleIndustryCodePrefixes.some((pre) => firm.industryCode!.startsWith(pre)))) {
    out.push({
      criterion: EligibilityCriterion.INDUSTRY,
      message: `Industry: the programme admits industry codes starting ${p.eligibleIndustryCodePrefixes.join(', ')}; the firm's is ${firm.industryCode ?? 'not recorded'}.`,
    });
  }
  if (p.eligibleSizeClasses.length && !(firm.sizeClass && p.eligibleSizeClasses.includes(firm.sizeClass))) {
    out.push({
      criterion: EligibilityCriterion.SIZE,
      message: `Size: the programme admits ${p.eligibleSizeClasses.join(', ')} firms; the firm is ${firm.sizeClass ?? 'of unknown size'}.`,
    });
  }
  return out;
}

/** The same rules in SQL, for the catalogue filter "programmes this firm is eligible for". */
export function restrictToEligible<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, firm: Partial<FirmProfile>): SelectQueryBuilder<T> {
  const open = (col: string) => `cardinality(${alias}.${col}) = 0`;
  if ('growthPotentialLevel' in firm) {
    qb.andWhere(
      firm.growthPotentialLevel
        ? new Brackets((w) => w.where(open('eligible_growth_potential_levels')).orWhere(`CAST(:el_level AS growth_potential_level) = ANY(${alias}.eligible_growth_potential_levels)`, { el_level: firm.growthPotentialLevel }))
        : open('eligible_growth_potential_levels'),
    );
  }
  if ('regionId' in firm) {
    qb.andWhere(
      firm.regionId
        ? new Brackets((w) => w.where(open('eligible_region_ids')).orWhere(`CAST(:el_region AS uuid) = ANY(${alias}.eligible_region_ids)`, { el_region: firm.regionId }))
        : open('eligible_region_ids'),
    );
  }
  if ('industryCode' in firm) {
    qb.andWhere(
      firm.industryCode
        ? new Brackets((w) =>
            w
              .where(open('eligible_industry_code_prefixes'))
              .orWhere(`EXISTS (SELECT 1 FROM unnest(${alias}.eligible_industry_code_prefixes) AS pre WHERE starts_with(CAST(:el_industry AS text), pre))`, { el_industry: firm.industryCode }),
          )
        : open('eligible_industry_code_prefixes'),
    );
  }
  if ('sizeClass' in firm) {
    qb.andWhere(
      firm.sizeClass
        ? new Brackets((w) => w.where(open('eligible_size_classes')).orWhere(`CAST(:el_size AS programme_size_class) = ANY(${alias}.eligible_size_classes)`, { el_size: firm.sizeClass }))
        : open('eligible_size_classes'),
    );
  }
  return qb;
}
