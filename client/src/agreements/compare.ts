import { formatNumber } from '../ui/format';
import { i18n, t } from '../ui/i18n';
/** Turning the server's field-by-field differences into words (pure; used by ComparePage). */

export interface Difference {
  path: string[];
  kind: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: string | null;
  after: string | null;
}

export interface DescribedDifference {
  /** E.g. "KPI “Vækstkortlægninger” › Target". */
  label: string;
  kind: Difference['kind'];
  before: string;
  after: string;
}

/** A field's name in words ("periodStart" -> "Period start"); names without a message are split at capitals. */
const label = (name: string) =>
  i18n.exists(`agreements.field.${name}`)
    ? t(`agreements.field.${name}`)
    : name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).replace(/ (\w)/g, (_, c: string) => ` ${c.toLowerCase()}`);

export interface Names {
  organisation: (id: string) => string;
  kpi: (key: string) => string | undefined;
}

/** A stored value (JSON text) for reading: strings bare, lists joined, objects as "Name: value" pairs. */
export function formatJsonValue(json: string | null, names: Names, field?: string): string {
  if (json === null) return '—';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  return formatPlain(value, names, field);
}

function formatPlain(value: unknown, names: Names, field?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && field === 'year') return String(value);
  if (typeof value === 'string' && field === 'organisationId') return names.organisation(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length ? value.map((v) => formatPlain(v, names)).join('; ') : '—';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${label(k)}: ${formatPlain(v, names, k)}`)
      .join(', ');
  }
  return String(value);
}

/** The label of a difference's path: list items by their key, in words ("Economy › Randers Kommune 2026 › Amount"). */
export function pathLabel(path: string[], names: Names): string {
  const [field, item, ...rest] = path;
  const parts = [label(field)];
  if (item !== undefined) {
    if (field === 'kpis') parts[0] = t('agreements.diff.kpi', { name: names.kpi(item) ?? item });
    else if (field === 'taskDivision') parts.push(names.organisation(item));
    else if (field === 'economy') {
      const [orgId, year] = item.split(':');
      parts.push(`${names.organisation(orgId)} ${year ?? ''}`.trim());
    } else parts.push(item);
  }
  for (const r of rest) parts.push(label(r));
  return parts.join(' › ');
}

export function describeDifferences(differences: readonly Difference[], names: Names): DescribedDifference[] {
  return differences.map((d) => ({
    label: pathLabel(d.path, names),
    kind: d.kind,
    before: formatJsonValue(d.before, names, d.path[d.path.length - 1]),
    after: formatJsonValue(d.after, names, d.path[d.path.length - 1]),
  }));
}
