import { t } from '../ui/i18n';
import { enumLabel, levelLabel, sizeClassLabel } from '../ui/labels';
import { todayIso } from '../ui/format';

export const PROGRAMME_KINDS = ['ACCELERATOR', 'GROWTH_CAMP', 'DEVELOPMENT_PROGRAMME', 'CO_FINANCED_COURSE', 'MENTORING', 'OTHER'] as const;
export const GROWTH_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const SIZE_CLASSES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const;

export const criterionLabel = (c: string) => enumLabel('programmes.criterion', c);
export const kindLabel = (k: string) => enumLabel('programmes.kind', k);
export const enrolmentStateLabel = (s: string) => enumLabel('programmes.enrolment', s);

/**
 * The state a programme is shown in, following its dates: an OPEN or RUNNING programme whose period
 * has ended (endsOn before today) is shown as ended, not as open for enrolment. The recorded state
 * is the operator's (they close it); this only keeps the page from claiming what the dates deny.
 */
export function shownProgrammeState(p: { state: string; endsOn: string }, today: string = todayIso()): string {
  if ((p.state === 'OPEN' || p.state === 'RUNNING') && p.endsOn < today) return 'ENDED';
  return p.state;
}
export const programmeStateLabel = (p: { state: string; endsOn: string }, today?: string) => enumLabel('programmes.state', shownProgrammeState(p, today));

export interface EligibilityView {
  growthPotentialLevels: readonly string[];
  industryCodePrefixes: readonly string[];
  sizeClasses: readonly string[];
  regions: ReadonlyArray<{ name: string }>;
}

/** Who may take part, criterion by criterion; an empty list on the server means "any". */
export function eligibilityRows(e: EligibilityView): Array<[label: string, value: string]> {
  const any = (list: readonly string[], text: (x: string) => string) => (list.length ? list.map(text).join(', ') : t('programmes.any'));
  return [
    [criterionLabel('GROWTH_POTENTIAL'), any(e.growthPotentialLevels, levelLabel)],
    [criterionLabel('REGION'), any(e.regions.map((r) => r.name), (x) => x)],
    [criterionLabel('SIZE'), any(e.sizeClasses, sizeClassLabel)],
    [criterionLabel('INDUSTRY'), e.industryCodePrefixes.length ? t('programmes.codesStarting', { codes: e.industryCodePrefixes.join(', ') }) : t('programmes.any')],
  ];
}
