import { normaliseDecimal } from '../ui/format';
import type { CreateFundingApplicationInput, NetworkFundingApplicationFullFragment, UpdateFundingApplicationInput } from '../generated/graphql';
import { APPLICATION_SECTIONS, type SectionKey } from './labels';

export interface BudgetLineDraft {
  description: string;
  amount: string;
}

/** What the application form edits. */
export interface ApplicationFormState {
  projectName: string;
  poolId: string;
  applicantOrganisationId: string;
  networkId: string;
  sections: Record<SectionKey, string>;
  budgetLines: BudgetLineDraft[];
}

const emptySections = () => Object.fromEntries(APPLICATION_SECTIONS.map((s) => [s.key, ''])) as Record<SectionKey, string>;

export function emptyApplicationForm(defaults: Partial<Pick<ApplicationFormState, 'poolId' | 'applicantOrganisationId' | 'networkId'>> = {}): ApplicationFormState {
  return {
    projectName: '',
    poolId: defaults.poolId ?? '',
    applicantOrganisationId: defaults.applicantOrganisationId ?? '',
    networkId: defaults.networkId ?? '',
    sections: emptySections(),
    budgetLines: [{ description: '', amount: '' }],
  };
}

export function formFromApplication(app: NetworkFundingApplicationFullFragment): ApplicationFormState {
  const sections = emptySections();
  for (const { key } of APPLICATION_SECTIONS) sections[key] = app[key] ?? '';
  return {
    projectName: app.projectName,
    poolId: app.pool.id,
    applicantOrganisationId: app.applicant.id,
    networkId: app.network?.id ?? '',
    sections,
    budgetLines: [...app.budgetLines].sort((a, b) => a.position - b.position).map((l) => ({ description: l.description, amount: l.amount })),
  };
}

/** Lines the user left completely blank are not sent; the others keep their order (the server's error paths count them). */
export const linesToSend = (lines: readonly BudgetLineDraft[]) =>
  lines
    .filter((l) => l.description.trim() !== '' || l.amount.trim() !== '')
    // The amount as typed in the user's locale ("12.500,50", "12 500,50") -> the API's "12500.50"; left as typed when not a number, for the server to name.
    .map((l) => ({ description: l.description.trim(), amount: normaliseDecimal(l.amount) ?? l.amount.trim() }));

/** The position form row `row` has among the sent lines (the server's error paths count those), or -1 for a blank row. */
export function sentLineIndex(lines: readonly BudgetLineDraft[], row: number): number {
  const isSent = (l: BudgetLineDraft) => l.description.trim() !== '' || l.amount.trim() !== '';
  if (!lines[row] || !isSent(lines[row])) return -1;
  return lines.slice(0, row).filter(isSent).length;
}

/** A new draft: empty sections are left out; the total is never sent (the server computes it). */
export function createApplicationInput(form: ApplicationFormState): CreateFundingApplicationInput {
  const input: CreateFundingApplicationInput = {
    poolId: form.poolId,
    applicantOrganisationId: form.applicantOrganisationId,
    projectName: form.projectName.trim(),
    budgetLines: linesToSend(form.budgetLines),
  };
  if (form.networkId) input.networkId = form.networkId;
  for (const { key } of APPLICATION_SECTIONS) {
    const value = form.sections[key];
    if (value.trim() !== '') input[key] = value;
  }
  return input;
}

/** Changes to a draft: every section (a cleared one as null), the budget lines (they replace all), the version seen. */
export function updateApplicationInput(form: ApplicationFormState, id: string, expectedVersion: number): UpdateFundingApplicationInput {
  const input: UpdateFundingApplicationInput = {
    id,
    expectedVersion,
    projectName: form.projectName.trim(),
    budgetLines: linesToSend(form.budgetLines),
  };
  for (const { key } of APPLICATION_SECTIONS) {
    const value = form.sections[key];
    input[key] = value.trim() === '' ? null : value;
  }
  return input;
}
