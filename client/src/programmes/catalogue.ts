import type { GrowthPotentialLevel, ProgrammeCatalogueFilter, ProgrammeKind, SizeClass } from '../generated/graphql';
import { GROWTH_LEVELS, PROGRAMME_KINDS, SIZE_CLASSES } from './format';

/** The catalogue's filters as they stand in the URL (#/programmes?kind=...&region=...&level=...&size=...&name=...). */
export interface CatalogueParams {
  kind?: string;
  region?: string;
  level?: string;
  size?: string;
  name?: string;
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  value && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The API filter for the URL's filters; unknown values are ignored rather than sent. */
export function catalogueFilter(params: CatalogueParams): ProgrammeCatalogueFilter {
  const filter: ProgrammeCatalogueFilter = {};
  const kind = oneOf<ProgrammeKind>(PROGRAMME_KINDS, params.kind);
  if (kind) filter.kinds = [kind];
  if (params.region?.trim()) filter.regionId = params.region.trim();
  const level = oneOf<GrowthPotentialLevel>(GROWTH_LEVELS, params.level);
  if (level) filter.growthPotentialLevel = level;
  const size = oneOf<SizeClass>(SIZE_CLASSES, params.size);
  if (size) filter.sizeClass = size;
  if (params.name?.trim()) filter.namePrefix = params.name.trim();
  return filter;
}

/** The URL parameters for a filter form's values: blank ones left out. */
export function catalogueParams(values: CatalogueParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value?.trim()) out[key] = value.trim();
  return out;
}
