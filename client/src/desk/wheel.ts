import type { GrowthWheelDecisionArea } from '../generated/graphql';
import { MAX_SCORE, type WheelArea } from './growthWheel';

/** One drawn segment of the Growth Wheel (Væksthjulet): a decision area, its score as the wedge's radius. */
export interface WheelSegment {
  area: string;
  decisionArea: GrowthWheelDecisionArea;
  score: number | null;
  focus: boolean;
  /** SVG path of the filled wedge (empty when unscored). */
  path: string;
  /** SVG path of the full-length wedge behind it (the 5-of-5 outline). */
  outline: string;
  /** Centre angle in degrees, clockwise from 12 o'clock. */
  angle: number;
}

export const WHEEL_SIZE = 240;
const CENTRE = WHEEL_SIZE / 2;
const INNER = 14;
const OUTER = CENTRE - 6;

const point = (radius: number, degrees: number) => {
  const rad = ((degrees - 90) * Math.PI) / 180;
  return `${(CENTRE + radius * Math.cos(rad)).toFixed(2)} ${(CENTRE + radius * Math.sin(rad)).toFixed(2)}`;
};

/** A ring sector between two angles (degrees) and two radii. */
export function sectorPath(from: number, to: number, inner: number, outer: number): string {
  const large = to - from > 180 ? 1 : 0;
  return `M ${point(inner, from)} L ${point(outer, from)} A ${outer} ${outer} 0 ${large} 1 ${point(outer, to)} L ${point(inner, to)} A ${inner} ${inner} 0 ${large} 0 ${point(inner, from)} Z`;
}

/** The radius of a score: 0 -> inner circle, MAX_SCORE -> the rim. */
export const scoreRadius = (score: number) => INNER + (Math.max(0, Math.min(MAX_SCORE, score)) / MAX_SCORE) * (OUTER - INNER);

/**
 * The segments in the model's order (area by area, clockwise from the top), one per decision area,
 * with a small gap between them so each reads as its own wedge.
 */
export function wheelSegments(model: readonly WheelArea[], scores: ReadonlyArray<{ decisionArea: string; score: number }>, focusAreas: readonly string[]): WheelSegment[] {
  const all = model.flatMap((a) => a.decisionAreas.map((d) => ({ area: a.area, decisionArea: d })));
  const step = all.length ? 360 / all.length : 0;
  const byArea = new Map(scores.map((s) => [s.decisionArea, s.score]));
  return all.map(({ area, decisionArea }, i) => {
    const from = i * step + 0.8;
    const to = (i + 1) * step - 0.8;
    const score = byArea.get(decisionArea) ?? null;
    return {
      area,
      decisionArea,
      score,
      focus: focusAreas.includes(decisionArea),
      path: score == null || score <= 0 ? '' : sectorPath(from, to, INNER, scoreRadius(score)),
      outline: sectorPath(from, to, INNER, OUTER),
      angle: i * step + step / 2,
    };
  });
}

/** Score changes between two mappings, per decision area (later minus earlier; null where either lacks it). */
export function compareScores(
  model: readonly WheelArea[],
  earlier: ReadonlyArray<{ decisionArea: string; score: number }>,
  later: ReadonlyArray<{ decisionArea: string; score: number }>,
): Array<{ area: string; decisionArea: GrowthWheelDecisionArea; earlier: number | null; later: number | null; change: number | null }> {
  const a = new Map(earlier.map((s) => [s.decisionArea, s.score]));
  const b = new Map(later.map((s) => [s.decisionArea, s.score]));
  return model.flatMap((m) =>
    m.decisionAreas.map((d) => {
      const x = a.get(d) ?? null;
      const y = b.get(d) ?? null;
      return { area: m.area, decisionArea: d, earlier: x, later: y, change: x != null && y != null ? y - x : null };
    }),
  );
}

/** The average score (null when nothing is scored). */
export function averageScore(scores: ReadonlyArray<{ score: number }>): number | null {
  return scores.length ? scores.reduce((s, x) => s + x.score, 0) / scores.length : null;
}
