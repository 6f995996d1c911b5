/** A mutation's user error as the API returns it: `field` is the path to the input field at fault. */
export interface UserErrorLike {
  field: readonly string[];
  message: string;
  code: string;
}

/** "input.growthMapping.focusAreas" -> "growthMapping.focusAreas" (the key a form field is known by). */
export function fieldKey(field: readonly string[]): string {
  const path = field[0] === 'input' ? field.slice(1) : field;
  return path.join('.');
}

/** Messages per form field, and those that name no field of the form (shown at the top of the form). */
export interface GroupedErrors {
  byField: Record<string, string[]>;
  other: string[];
}

/**
 * Puts each user error next to the form field it names: the field whose key equals the error's path
 * or is the longest prefix of it ("milestone.title" also takes "milestone.title.0"). Errors that name
 * no known field (or no field at all) end up in `other`, so none is silently dropped.
 */
export function groupUserErrors(errors: readonly UserErrorLike[] | null | undefined, knownKeys: readonly string[]): GroupedErrors {
  const out: GroupedErrors = { byField: {}, other: [] };
  for (const e of errors ?? []) {
    const key = fieldKey(e.field);
    let best: string | null = null;
    for (const k of knownKeys) {
      if ((key === k || key.startsWith(`${k}.`)) && (best === null || k.length > best.length)) best = k;
    }
    if (best === null) out.other.push(e.message);
    else (out.byField[best] ??= []).push(e.message);
  }
  return out;
}

/** True if the errors hold a version conflict (someone else changed the record since it was read). */
export const hasVersionConflict = (errors: readonly UserErrorLike[] | null | undefined) => (errors ?? []).some((e) => e.code === 'VERSION_CONFLICT');
