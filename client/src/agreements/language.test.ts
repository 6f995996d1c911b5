import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../ui/i18n';
import { toInput, emptyForm } from './form';
import { sourceText } from './KpiAttainment';
import { externalActualsInput } from './FollowUps';
import { formatValue, kindLabel, stateLabel, transitionLabel, transitionReason } from './ui';
import { pathLabel } from './compare';

afterEach(() => setLanguage('en', false));

const names = { organisation: (id: string) => (id === 'mun' ? 'Randers Kommune' : id), kpi: () => 'Vækstkortlægninger' };

describe('agreements in Danish and Swedish', () => {
  it('names kinds, states and moves in the domain vocabulary', () => {
    setLanguage('da', false);
    expect(kindLabel('RESULT_CONTRACT')).toBe('Resultatkontrakt');
    expect(kindLabel('LOCAL_COOPERATION')).toBe('Lokal samarbejdsaftale');
    expect(stateLabel('IN_NEGOTIATION')).toBe('Under forhandling');
    expect(transitionLabel('IN_NEGOTIATION', 'DRAFT')).toBe('Tilbage til kladde');
    setLanguage('sv', false);
    expect(kindLabel('LOCAL_COOPERATION')).toBe('Lokalt samverkansavtal');
    expect(stateLabel('SIGNED')).toBe('Undertecknat');
  });

  it('plural forms: one entry, several entries', () => {
    const computed = (countedEntries: number) => sourceText({ source: 'COMPUTED', countedEntries, externalSource: null, reportedAt: null, note: null });
    setLanguage('da', false);
    expect(computed(1)).toBe('Beregnet ud fra 1 registrering');
    expect(computed(3)).toBe('Beregnet ud fra 3 registreringer');
    expect(formatValue(1, 'JOBS')).toBe('1 job');
    setLanguage('sv', false);
    expect(computed(1)).toBe('Beräknat utifrån 1 registrering');
    expect(computed(3)).toBe('Beräknat utifrån 3 registreringar');
    expect(formatValue(1, 'JOBS')).toBe('1 arbetstillfälle');
    expect(formatValue(12.5, 'JOBS')).toBe('12,5 arbetstillfällen');
    setLanguage('en', false);
    expect(formatValue(1, 'JOBS')).toBe('1 job');
    expect(formatValue(2, 'JOBS')).toBe('2 jobs');
  });

  it("a KPI's source is in the page's language, not the server's English note", () => {
    const external = { source: 'NOT_REPORTED' as const, countedEntries: null, externalSource: null, reportedAt: null, note: 'External metric: reported in follow-ups.' };
    const noArea = { ...external, source: 'NOT_COMPUTABLE' as const, note: 'The agreement has no municipality (nor KKR) among its parties, so there is no area to count firms in.' };
    setLanguage('da', false);
    expect(sourceText(external)).toBe('Ikke indberettet endnu: angiv det i en opfølgning med kilde');
    expect(sourceText(noArea)).toMatch(/^Kan ikke beregnes: ingen kommune/);
    setLanguage('sv', false);
    expect(sourceText(external)).toMatch(/^Inte rapporterat än/);
    expect(sourceText(noArea)).toMatch(/^Kan inte beräknas: ingen kommun/);
    setLanguage('en', false);
  });

  it("the server's own transition reason is worded in the page's language; a person's reason stays as written", () => {
    setLanguage('da', false);
    expect(transitionReason('Signed by every party.')).toBe('Underskrevet af alle parter.');
    expect(transitionReason('Budgettet er ændret')).toBe('Budgettet er ændret');
    setLanguage('sv', false);
    expect(transitionReason('Signed by every party.')).toBe('Undertecknat av alla parter.');
    setLanguage('en', false);
  });

  it('reads amounts and figures typed the Danish and Swedish way', () => {
    setLanguage('da', false);
    const form = { ...emptyForm([]), economy: [{ organisationId: 'mun', year: '2026', amount: '12.500.000', note: '' }] };
    const da = toInput(form);
    expect(da.errors).toEqual([]);
    expect(da.content.economy![0].amount).toBe(12500000);
    expect(externalActualsInput(['s'], { s: { actual: '8,5', source: 'Survey' } }).externalActuals).toEqual([{ kpiKey: 's', actual: 8.5, source: 'Survey' }]);
    setLanguage('sv', false);
    expect(toInput({ ...form, economy: [{ ...form.economy[0], amount: '12 500 000' }] }).content.economy![0].amount).toBe(12500000);
    const bad = toInput({ ...form, economy: [{ ...form.economy[0], amount: 'tolv' }] });
    expect(bad.errors.map((e) => e.message)).toEqual(['Ange beloppet som ett tal, t.ex. 1 250 000.']);
  });

  it('labels differences between versions in the reader language', () => {
    setLanguage('da', false);
    expect(pathLabel(['economy', 'mun:2027', 'amount'], names)).toBe('Økonomi › Randers Kommune 2027 › Beløb');
    expect(pathLabel(['kpis', 'mappings', 'target'], names)).toBe('Nøgletal “Vækstkortlægninger” › Mål');
    setLanguage('sv', false);
    expect(pathLabel(['periodStart'], names)).toBe('Periodens början');
  });
});
