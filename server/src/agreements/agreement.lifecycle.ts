import { AgreementState as S } from './agreement.enums';

/**
 * The life cycle of a service agreement, in ONE place. A pair not listed here is illegal.
 * `by` says how the move is made: by hand (transitionAgreement) or only by the last party signing.
 */
export type TransitionMeans = 'HAND' | 'SIGNATURES';

export const TRANSITIONS: Readonly<Record<S, Readonly<Partial<Record<S, TransitionMeans>>>>> = {
  [S.DRAFT]: { [S.IN_NEGOTIATION]: 'HAND', [S.TERMINATED]: 'HAND' },
  [S.IN_NEGOTIATION]: { [S.DRAFT]: 'HAND', [S.SIGNED]: 'SIGNATURES', [S.TERMINATED]: 'HAND' },
  [S.SIGNED]: { [S.ACTIVE]: 'HAND', [S.TERMINATED]: 'HAND' },
  [S.ACTIVE]: { [S.EXPIRED]: 'HAND', [S.TERMINATED]: 'HAND' },
  [S.EXPIRED]: {},
  [S.TERMINATED]: {},
};

/** States whose content (version 1) can still be edited and whose parties can still change. */
export const EDITABLE_ORIGINAL_STATES: readonly S[] = [S.DRAFT, S.IN_NEGOTIATION];
/** States in which an amendment can be made, edited and signed. */
export const AMENDABLE_STATES: readonly S[] = [S.SIGNED, S.ACTIVE];
/** States in which follow-ups can be reported. */
export const REPORTABLE_STATES: readonly S[] = [S.ACTIVE, S.EXPIRED, S.TERMINATED];

/** Null when `from -> to` is legal by `means`; otherwise why not. */
export function transitionProblem(from: S, to: S, means: TransitionMeans): string | null {
  const legal = TRANSITIONS[from][to];
  if (!legal) return `An agreement cannot go from ${from} to ${to}.`;
  if (legal !== means) {
    return legal === 'SIGNATURES'
      ? `An agreement becomes ${to} only when every party has signed it.`
      : `${from} -> ${to} is made by hand, not by signing.`;
  }
  return null;
}

/** The states a caller can move an agreement to by hand from `from`. */
export const manualTargets = (from: S): S[] =>
  (Object.entries(TRANSITIONS[from]) as Array<[S, TransitionMeans]>).filter(([, m]) => m === 'HAND').map(([s]) => s);
