import { type PlacedErrors, type UserErrorLike, placeUserErrors } from '../ui/userErrors';
import type { GrowthWheelDecisionArea, GrowthWheelScoreInput } from '../generated/graphql';
import { t } from '../ui/i18n';

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
/** A growth mapping names exactly this many focus areas. */
export const FOCUS_AREAS = 3;

export interface WheelArea {
  area: string;
  decisionAreas: readonly GrowthWheelDecisionArea[];
}

/** The form's state: a score (or none yet) per decision area, and the chosen focus areas in order of choice. */
export interface MappingDraft {
  scores: Partial<Record<GrowthWheelDecisionArea, number>>;
  focusAreas: GrowthWheelDecisionArea[];
  ambition: string;
}

/** Form keys: one per decision area's score, plus the focus areas, the ambition and the time. */
export const scoreKey = (decisionArea: string) => `growthMapping.scores.${decisionArea}`;
export const FOCUS_KEY = 'growthMapping.focusAreas';
export const AMBITION_KEY = 'growthMapping.ambition';
export const SCORES_KEY = 'growthMapping.scores';
export const OCCURRED_AT_KEY = 'occurredAt';

/** The scores in the model's order (the order sent to the server, so that error indexes can be mapped back). */
export function scoresInput(model: readonly WheelArea[], draft: MappingDraft): GrowthWheelScoreInput[] {
  return model.flatMap((a) => a.decisionAreas.filter((d) => draft.scores[d] != null).map((d) => ({ decisionArea: d, score: draft.scores[d]! })));
}

/** Checks before sending: every decision area scored 1-5, exactly 3 different focus areas. Keys as the form's. */
export function validateMapping(model: readonly WheelArea[], draft: MappingDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const d of model.flatMap((a) => a.decisionAreas)) {
    const s = draft.scores[d];
    if (s == null) errors[scoreKey(d)] = [t('desk.mapping.giveScore', { min: MIN_SCORE, max: MAX_SCORE })];
    else if (!Number.isInteger(s) || s < MIN_SCORE || s > MAX_SCORE) errors[scoreKey(d)] = [t('desk.mapping.scoreRange', { min: MIN_SCORE, max: MAX_SCORE })];
  }
  const focus = new Set(draft.focusAreas);
  if (focus.size !== FOCUS_AREAS || draft.focusAreas.length !== FOCUS_AREAS) {
    errors[FOCUS_KEY] = [t('desk.mapping.pickFocus', { count: FOCUS_AREAS, picked: focus.size })];
  }
  return errors;
}

/**
 * The server's user errors for a growth mapping, keyed like the form: an error on
 * ["input","growthMapping","scores","3","score"] belongs to the 4th score that was SENT, i.e. to its
 * decision area (not to the 4th field of the form).
 */
export function mappingErrors(userErrors: readonly UserErrorLike[] | null | undefined, sentScores: readonly GrowthWheelScoreInput[]): PlacedErrors {
  const translated = (userErrors ?? []).map((e) => {
    const path = e.field[0] === 'input' ? e.field.slice(1) : e.field;
    if (path[0] === 'growthMapping' && path[1] === 'scores' && path[2] != null && /^\d+$/.test(path[2])) {
      const sent = sentScores[Number(path[2])];
      if (sent) return { ...e, field: ['growthMapping', 'scores', sent.decisionArea] };
    }
    return e;
  });
  const keys = [...sentScores.map((s) => scoreKey(s.decisionArea)), SCORES_KEY, FOCUS_KEY, AMBITION_KEY, OCCURRED_AT_KEY, 'growthMapping'];
  return placeUserErrors(translated, keys, ['desk']);
}

/** Toggles a focus area; refuses (returns the same list) a 4th one. */
export function toggleFocus(current: readonly GrowthWheelDecisionArea[], area: GrowthWheelDecisionArea): GrowthWheelDecisionArea[] {
  if (current.includes(area)) return current.filter((a) => a !== area);
  if (current.length >= FOCUS_AREAS) return [...current];
  return [...current, area];
}
