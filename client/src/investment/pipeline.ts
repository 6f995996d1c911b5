import type { InquiryRole, InquiryState } from '../generated/graphql';
import { normaliseDecimal } from '../ui/format';

export { INQUIRY_STATES } from './labels';

/**
 * The moves the pipeline allows (the server's rule, mirrored to offer only sensible choices; the
 * server still decides). ELIMINATED and SUCCESSFUL are final.
 */
export const NEXT_STATES: Record<InquiryState, InquiryState[]> = {
  LEAD: ['ACTIVE', 'DELAYED', 'ELIMINATED'],
  ACTIVE: ['DELAYED', 'ELIMINATED', 'SUCCESSFUL'],
  DELAYED: ['ACTIVE', 'ELIMINATED'],
  ELIMINATED: [],
  SUCCESSFUL: [],
};

/** Only the receiving agency and the coordinator move an inquiry along the pipeline. */
export const canMovePipeline = (role: InquiryRole) => role === 'AGENCY' || role === 'COORDINATOR';

/** What to show as an inquiry's name: the confidential project name only when the API returned it, else the neutral code name. */
export function inquiryTitle(inquiry: { codeName: string; confidentialProjectName?: string | null }): { title: string; confidential: boolean } {
  return inquiry.confidentialProjectName ? { title: inquiry.confidentialProjectName, confidential: true } : { title: inquiry.codeName, confidential: false };
}

/**
 * An amount typed in the user's locale ("2 500 000 000" in Swedish, "2.500.000.000" in Danish) as the
 * API's decimal string; text that is no number goes as typed, for the server to refuse naming the field.
 */
export const moneyInput = (text: string) => normaliseDecimal(text) ?? text.trim();

/** A whole number as typed (thousands separators allowed), -1 for anything else (refused naming the field), undefined when blank. */
export function wholeNumberInput(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const d = normaliseDecimal(text);
  return d !== null && /^\d+$/.test(d) ? Number(d) : -1;
}

/** The evidence fields of the state form, as typed. */
export interface EvidenceDraft {
  description: string;
  establishedInMunicipalityId: string;
  realisedJobs: string;
  realisedInvestmentSek: string;
}

export const emptyEvidence = (): EvidenceDraft => ({ description: '', establishedInMunicipalityId: '', realisedJobs: '', realisedInvestmentSek: '' });

/**
 * The evidence to send with a move: none unless moving to SUCCESSFUL and something was typed (so the
 * server, which decides, names what is missing). Realised jobs that are not a whole number cannot be
 * sent as an Int: they go as -1, which the server refuses naming the field.
 */
export function evidenceInput(toState: InquiryState, draft: EvidenceDraft) {
  if (toState !== 'SUCCESSFUL') return undefined;
  const typed = Object.values(draft).some((v) => v.trim() !== '');
  if (!typed) return undefined;
  return {
    description: draft.description,
    establishedInMunicipalityId: draft.establishedInMunicipalityId,
    realisedJobs: wholeNumberInput(draft.realisedJobs) ?? -1,
    ...(draft.realisedInvestmentSek.trim() ? { realisedInvestmentSek: moneyInput(draft.realisedInvestmentSek) } : {}),
  };
}

/** Countries are the kit's (ui/countries.ts): "DE" -> "Tyskland (DE)" in the active language. */
export { countryLabel } from '../ui/countries';
