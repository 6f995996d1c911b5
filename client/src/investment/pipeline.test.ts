import { describe, expect, it } from 'vitest';
import { canMovePipeline, emptyEvidence, evidenceInput, inquiryTitle, NEXT_STATES } from './pipeline';

describe('inquiryTitle', () => {
  it('shows the confidential project name only when the API returned it, else the code name', () => {
    expect(inquiryTitle({ codeName: 'EI-K4LM2Q', confidentialProjectName: 'Project Nordlicht' })).toEqual({ title: 'Project Nordlicht', confidential: true });
    expect(inquiryTitle({ codeName: 'EI-K4LM2Q', confidentialProjectName: null })).toEqual({ title: 'EI-K4LM2Q', confidential: false });
  });
});

describe('evidenceInput', () => {
  const typed = { description: 'Lease signed', establishedInMunicipalityId: 'mun-1', realisedJobs: '12', realisedInvestmentSek: '' };

  it('sends no evidence for other moves, nor when nothing was typed (the server then names the missing field)', () => {
    expect(evidenceInput('ACTIVE', typed)).toBeUndefined();
    expect(evidenceInput('SUCCESSFUL', emptyEvidence())).toBeUndefined();
    expect(evidenceInput('SUCCESSFUL', { ...emptyEvidence(), realisedJobs: '  ' })).toBeUndefined();
  });

  it('sends typed evidence with whole-number jobs, and an investment only when given', () => {
    expect(evidenceInput('SUCCESSFUL', typed)).toEqual({ description: 'Lease signed', establishedInMunicipalityId: 'mun-1', realisedJobs: 12 });
    expect(evidenceInput('SUCCESSFUL', { ...typed, realisedInvestmentSek: ' 300000000 ' })).toMatchObject({ realisedInvestmentSek: '300000000' });
  });

  it('sends jobs that are not a whole number as -1, so the server refuses them naming the field', () => {
    expect(evidenceInput('SUCCESSFUL', { ...typed, realisedJobs: '12.5' })?.realisedJobs).toBe(-1);
    expect(evidenceInput('SUCCESSFUL', { ...typed, realisedJobs: '' })?.realisedJobs).toBe(-1);
  });
});

describe('the pipeline', () => {
  it('only reaches SUCCESSFUL from ACTIVE; ELIMINATED and SUCCESSFUL are final; only agency and coordinator move it', () => {
    expect(Object.entries(NEXT_STATES).filter(([, next]) => next.includes('SUCCESSFUL')).map(([s]) => s)).toEqual(['ACTIVE']);
    expect(NEXT_STATES.ELIMINATED).toEqual([]);
    expect(NEXT_STATES.SUCCESSFUL).toEqual([]);
    expect(canMovePipeline('COORDINATOR')).toBe(true);
    expect(canMovePipeline('GROUP_MUNICIPALITY')).toBe(false);
    expect(canMovePipeline('OBSERVER')).toBe(false);
  });
});
