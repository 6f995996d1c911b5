import { Field, ObjectType } from 'type-graphql';
import { AgreementDifferenceKind } from './agreement.enums';
import { AgreementContent, contentOf, stableJson } from './agreement.validation';

@ObjectType({ description: 'One field that differs between two versions of an agreement.' })
export class AgreementFieldDifference {
  @Field(() => [String], {
    description: 'Path of the field, e.g. ["kpis", "growth-mappings", "target"] or ["economy", "<organisationId>:2025", "amount"]. List items are keyed, not indexed.',
  })
  path!: string[];

  @Field(() => AgreementDifferenceKind)
  kind!: AgreementDifferenceKind;

  @Field(() => String, { nullable: true, description: 'The value in the "from" version, as JSON; null when the field was added.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value in the "to" version, as JSON; null when the field was removed.' })
  after!: string | null;
}

/** Lists are compared by a key of their items (a KPI by its key, an economy line by party and year). */
const KEYED: Record<string, (item: any) => string> = {
  taskDivision: (t) => t.organisationId,
  economy: (l) => `${l.organisationId}:${l.year}`,
  kpis: (k) => k.key,
};

/** Field-by-field differences between two versions' content (pure; tested directly). */
export function diffContent(fromV: AgreementContent, toV: AgreementContent): AgreementFieldDifference[] {
  const a = contentOf(fromV) as unknown as Record<string, unknown>;
  const b = contentOf(toV) as unknown as Record<string, unknown>;
  const out: AgreementFieldDifference[] = [];
  for (const field of Object.keys(a)) {
    const keyOf = KEYED[field];
    if (keyOf) diffKeyedList(out, [field], (a[field] as any[]) ?? [], (b[field] as any[]) ?? [], keyOf);
    else diffValue(out, [field], a[field], b[field]);
  }
  return out;
}

function diffKeyedList(out: AgreementFieldDifference[], path: string[], before: any[], after: any[], keyOf: (x: any) => string) {
  const bMap = new Map(before.map((x) => [keyOf(x), x]));
  const aMap = new Map(after.map((x) => [keyOf(x), x]));
  for (const [key, item] of bMap) {
    const other = aMap.get(key);
    if (!other) out.push({ path: [...path, key], kind: AgreementDifferenceKind.REMOVED, before: stableJson(item), after: null });
    else for (const prop of new Set([...Object.keys(item), ...Object.keys(other)])) diffValue(out, [...path, key, prop], item[prop], other[prop]);
  }
  for (const [key, item] of aMap) {
    if (!bMap.has(key)) out.push({ path: [...path, key], kind: AgreementDifferenceKind.ADDED, before: null, after: stableJson(item) });
  }
}

function diffValue(out: AgreementFieldDifference[], path: string[], before: unknown, after: unknown) {
  const b = before === undefined || before === null ? null : stableJson(before);
  const a = after === undefined || after === null ? null : stableJson(after);
  if (a === b) return;
  const kind = b === null ? AgreementDifferenceKind.ADDED : a === null ? AgreementDifferenceKind.REMOVED : AgreementDifferenceKind.CHANGED;
  out.push({ path, kind, before: b, after: a });
}
