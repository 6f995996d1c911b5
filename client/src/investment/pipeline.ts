import type { InquiryRole, InquiryState } from '../generated/graphql';

export const INQUIRY_STATES: InquiryState[] = ['LEAD', 'ACTIVE', 'DELAYED', 'ELIMINATED', 'SUCCESSFUL'];

export const STATE_LABELS: Record<InquiryState, string> = {
  LEAD: 'Lead',
  ACTIVE: 'Active',
  DELAYED: 'Delayed',
  ELIMINATED: 'Eliminated',
  SUCCESSFUL: 'Successful',
};

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

export const ROLE_LABELS: Record<InquiryRole, string> = {
  AGENCY: 'Receiving agency',
  COORDINATOR: 'Regional coordinator',
  GROUP_MUNICIPALITY: 'Municipality in the group',
  OBSERVER: 'Observer (code name only)',
};

/** Only the receiving agency and the coordinator move an inquiry along the pipeline. */
export const canMovePipeline = (role: InquiryRole) => role === 'AGENCY' || role === 'COORDINATOR';

/** What to show as an inquiry's name: the confidential project name only when the API returned it, else the neutral code name. */
export function inquiryTitle(inquiry: { codeName: string; confidentialProjectName?: string | null }): { title: string; confidential: boolean } {
  return inquiry.confidentialProjectName ? { title: inquiry.confidentialProjectName, confidential: true } : { title: inquiry.codeName, confidential: false };
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
  const jobs = draft.realisedJobs.trim();
  return {
    description: draft.description,
    establishedInMunicipalityId: draft.establishedInMunicipalityId,
    realisedJobs: /^\d+$/.test(jobs) ? Number(jobs) : -1,
    ...(draft.realisedInvestmentSek.trim() ? { realisedInvestmentSek: draft.realisedInvestmentSek.trim() } : {}),
  };
}

const COUNTRIES: Record<string, string> = {
  CN: 'China',
  DE: 'Germany',
  NO: 'Norway',
  SE: 'Sweden',
  DK: 'Denmark',
  FI: 'Finland',
  US: 'United States',
  GB: 'United Kingdom',
  JP: 'Japan',
  KR: 'South Korea',
  IN: 'India',
  FR: 'France',
  NL: 'Netherlands',
};
/** "CN" -> "China (CN)". */
export const countryLabel = (code: string | null | undefined) => (code ? (COUNTRIES[code] ? `${COUNTRIES[code]} (${code})` : code) : '—');
