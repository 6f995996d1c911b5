import { humanize, sizeClassLabel } from '../ui/labels';

export const PROGRAMME_KINDS = ['ACCELERATOR', 'GROWTH_CAMP', 'DEVELOPMENT_PROGRAMME', 'CO_FINANCED_COURSE', 'MENTORING', 'OTHER'] as const;
export const GROWTH_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const SIZE_CLASSES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const;

const CRITERIA: Record<string, string> = { GROWTH_POTENTIAL: 'Growth potential', REGION: 'Region', INDUSTRY: 'Industry', SIZE: 'Size' };
export const criterionLabel = (c: string) => CRITERIA[c] ?? humanize(c);

export interface EligibilityView {
  growthPotentialLevels: readonly string[];
  industryCodePrefixes: readonly string[];
  sizeClasses: readonly string[];
  regions: ReadonlyArray<{ name: string }>;
}

/** Who may take part, criterion by criterion; an empty list on the server means "any". */
export function eligibilityRows(e: EligibilityView): Array<[label: string, value: string]> {
  const any = (list: readonly string[], text: (x: string) => string) => (list.length ? list.map(text).join(', ') : 'Any');
  return [
    ['Growth potential', any(e.growthPotentialLevels, humanize)],
    ['Region', any(e.regions.map((r) => r.name), (x) => x)],
    ['Size', any(e.sizeClasses, sizeClassLabel)],
    ['Industry', e.industryCodePrefixes.length ? `Codes starting ${e.industryCodePrefixes.join(', ')}` : 'Any'],
  ];
}
