import { describe, expect, it } from 'vitest';
import { describeDifferences, pathLabel } from './compare';
import { errorsByKpi, externalActualsInput } from './FollowUps';
import { compareForms, emptyForm, errorsByField, formFieldKeys, pathKey, reapplyChanges, toInput, type AgreementForm, type KpiRow } from './form';

const MUN = { organisationId: 'mun', name: 'Randers Kommune', role: 'MUNICIPALITY' as const };
const GH = { organisationId: 'gh', name: 'Erhvervshus Midtjylland', role: 'GROWTH_HOUSE' as const };
const kpi = (over: Partial<KpiRow> = {}): KpiRow => ({
  key: 'mappings',
  name: 'Vækstkortlægninger',
  metric: 'GROWTH_MAPPINGS',
  target: '40',
  unit: '',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  description: '',
  ...over,
});
const base: AgreementForm = {
  ...emptyForm([MUN, GH]),
  title: 'Aftale',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  purpose: 'Formål',
  targetGroups: 'Iværksættere',
  taskDivision: [{ organisationId: 'gh', tasks: 'Vækstkortlægning' }],
  economy: [{ organisationId: 'mun', year: '2026', amount: '1000000', note: '' }],
  kpis: [kpi()],
};

describe('reapplyChanges (re-apply my unsaved edit on top of the version saved meanwhile)', () => {
  it('keeps the fields I changed and takes theirs for the rest, with no overlap when we changed different fields', () => {
    const mine = { ...base, targetGroups: 'Iværksættere\nEksportvirksomheder' };
    const theirs = { ...base, purpose: 'Their purpose' };
    const { form, overlaps } = reapplyChanges(base, mine, theirs);
    expect(form.purpose).toBe('Their purpose');
    expect(form.targetGroups).toBe('Iværksættere\nEksportvirksomheder');
    expect(overlaps).toEqual([]);
  });

  it('keeps my value where we both changed the same field, and reports it', () => {
    const { form, overlaps } = reapplyChanges(base, { ...base, title: 'Mine' }, { ...base, title: 'Theirs' });
    expect(form.title).toBe('Mine');
    expect(overlaps).toEqual(['title']);
  });

  it('merges target groups as sets: their additions stay, my removals and additions apply', () => {
    const b = { ...base, targetGroups: 'A\nB' };
    const { form } = reapplyChanges(b, { ...b, targetGroups: 'B\nMine' }, { ...b, targetGroups: 'A\nB\nTheirs' });
    expect(form.targetGroups).toBe('B\nTheirs\nMine');
  });

  it('merges KPIs and economy lines item by item (by key / party and year)', () => {
    const mine = {
      ...base,
      kpis: [kpi({ target: '55' }), kpi({ key: 'jobs', name: 'Job', metric: 'JOBS_SELF_REPORTED', target: '10' })],
      economy: [],
    };
    const theirs = {
      ...base,
      kpis: [kpi(), kpi({ key: 'partnerships', name: 'Partnerskaber', metric: 'FIRMS_IN_GROWTH_PARTNERSHIPS', target: '5' })],
      economy: [...base.economy, { organisationId: 'gh', year: '2026', amount: '200000', note: '' }],
    };
    const { form, overlaps } = reapplyChanges(base, mine, theirs);
    // My target change, their added KPI, my added KPI (appended).
    expect(form.kpis.map((k) => `${k.key}=${k.target}`)).toEqual(['mappings=55', 'partnerships=5', 'jobs=10']);
    // I removed the municipality's line; their new line stays.
    expect(form.economy.map((l) => `${l.organisationId}:${l.year}`)).toEqual(['gh:2026']);
    expect(overlaps).toEqual([]);
  });

  it('reports a list item we both changed differently, keeping mine', () => {
    const { form, overlaps } = reapplyChanges(base, { ...base, kpis: [kpi({ target: '50' })] }, { ...base, kpis: [kpi({ target: '60' })] });
    expect(form.kpis[0].target).toBe('50');
    expect(overlaps).toEqual(['kpis:mappings']);
  });

  it('with nothing changed by me, the result is exactly theirs', () => {
    const theirs = { ...base, title: 'T', kpis: [], parties: [MUN] };
    expect(reapplyChanges(base, base, theirs).form).toEqual(theirs);
  });
});

describe('toInput', () => {
  it('sends numbers as numbers (Danish decimal comma too), a blank target as null, and target groups one per line', () => {
    const { content, parties, errors } = toInput({
      ...base,
      targetGroups: ' Iværksættere \n\nEksport ',
      economy: [{ organisationId: 'mun', year: '2027', amount: '1 250 000,5', note: ' ' }],
      kpis: [kpi({ target: '' }), kpi({ key: 'sat', metric: 'EXTERNAL', unit: 'SCORE', target: '8,5' })],
    });
    expect(errors).toEqual([]);
    expect(parties).toEqual([
      { organisationId: 'mun', role: 'MUNICIPALITY' },
      { organisationId: 'gh', role: 'GROWTH_HOUSE' },
    ]);
    expect(content.targetGroups).toEqual(['Iværksættere', 'Eksport']);
    expect(content.economy).toEqual([{ organisationId: 'mun', year: 2027, amount: 1250000.5, note: null }]);
    expect(content.kpis?.map((k) => [k.target, k.unit])).toEqual([
      [null, null],
      [8.5, 'SCORE'],
    ]);
  });

  it('keeps text that is not a number from being sent, naming the field like the server does', () => {
    const { errors } = toInput({ ...base, economy: [{ organisationId: 'mun', year: 'next', amount: '12x', note: '' }], kpis: [kpi({ target: 'many' })] });
    expect(errors.map((e) => pathKey(e.field))).toEqual(['content.economy.0.year', 'content.economy.0.amount', 'content.kpis.0.target']);
  });
});

describe('mapping user errors to fields', () => {
  it('groups messages by field path (without "input") and knows which fields the editor shows', () => {
    const errors = [
      { field: ['input', 'content', 'periodEnd'], message: 'The period ends before it starts.' },
      { field: ['input', 'content', 'kpis', '0', 'target'], message: 'A KPI needs a target.' },
      { field: ['input', 'content', 'kpis', '0', 'target'], message: 'Second.' },
      { field: ['input', 'expectedVersion'], message: 'Conflict' },
    ];
    const map = errorsByField(errors);
    expect(map.get('content.periodEnd')).toEqual(['The period ends before it starts.']);
    expect(map.get('content.kpis.0.target')).toEqual(['A KPI needs a target.', 'Second.']);
    const shown = formFieldKeys(base, true);
    expect(shown.has('content.kpis.0.target')).toBe(true);
    expect(shown.has('content.kpis.1.target')).toBe(false);
    expect(shown.has('parties.1.role')).toBe(true);
    expect(formFieldKeys(base, false).has('parties.1.role')).toBe(false);
    expect(shown.has('expectedVersion')).toBe(false);
  });

  it('follow-up: sends only the external KPIs that were filled in, and maps the server error index back to the KPI', () => {
    const { externalActuals, keyByIndex, errors } = externalActualsInput(['a', 'b', 'c'], {
      a: { actual: '', source: '' },
      b: { actual: '8,2', source: '' },
      c: { actual: '7', source: 'Survey' },
    });
    expect(errors).toEqual([]);
    expect(externalActuals).toEqual([
      { kpiKey: 'b', actual: 8.2, source: null },
      { kpiKey: 'c', actual: 7, source: 'Survey' },
    ]);
    const mapped = errorsByKpi([{ field: ['input', 'externalActuals', '0', 'source'], message: 'Name the source.' }, { field: ['input', 'periodEnd'], message: 'x' }], keyByIndex);
    expect(mapped.map((e) => pathKey(e.field))).toEqual(['external.b.source', 'periodEnd']);
    // The server's error is worded from its own path before it moves to the KPI's row.
    const [worded] = errorsByKpi([{ field: ['input', 'externalActuals', '0', 'source'], message: 'Name the source.', code: 'REQUIRED', parameters: [] }], keyByIndex);
    expect(worded.message).toBe('Name the source of the figure (e.g. the survey).');
  });

  it('follow-up: a source without a figure, or a figure that is not a number, is a local error on that KPI', () => {
    const { externalActuals, errors } = externalActualsInput(['a', 'b'], { a: { actual: '', source: 'Survey' }, b: { actual: 'high', source: 'S' } });
    expect(externalActuals).toEqual([]);
    expect(errors.map((e) => pathKey(e.field))).toEqual(['external.a.actual', 'external.b.actual']);
  });
});

describe('comparing versions', () => {
  const names = { organisation: (id: string) => ({ mun: 'Randers Kommune' })[id] ?? 'Another organisation', kpi: (key: string) => ({ mappings: 'Vækstkortlægninger' })[key] };

  it('labels keyed list paths with names, and formats stored JSON values for reading', () => {
    expect(pathLabel(['kpis', 'mappings', 'target'], names)).toBe('KPI “Vækstkortlægninger” › Target');
    expect(pathLabel(['economy', 'mun:2026', 'amount'], names)).toBe('Economy › Randers Kommune 2026 › Amount');
    expect(pathLabel(['taskDivision', 'mun'], names)).toBe('Tasks › Randers Kommune');
    expect(pathLabel(['periodEnd'], names)).toBe('Period end');
    const [added, changed, groups] = describeDifferences(
      [
        { path: ['economy', 'mun:2027'], kind: 'ADDED', before: null, after: '{"amount":1300000,"note":null,"organisationId":"mun","year":2027}' },
        { path: ['title'], kind: 'CHANGED', before: '"Old"', after: '"New"' },
        { path: ['targetGroups'], kind: 'CHANGED', before: '["A"]', after: '["A","B"]' },
      ],
      names,
    );
    expect(added).toEqual({ label: 'Economy › Randers Kommune 2027', kind: 'ADDED', before: '—', after: 'Amount: 1,300,000, Party: Randers Kommune, Year: 2027' }); // numbers in the active language (English here)
    expect([changed.before, changed.after]).toEqual(['Old', 'New']);
    expect(groups.after).toBe('A; B');
  });

  it('the conflict view marks exactly the rows that differ', () => {
    const rows = compareForms(base, { ...base, purpose: 'Other', kpis: [kpi({ target: '41' })] }, names.organisation);
    expect(rows.filter((r) => r.differs).map((r) => r.label)).toEqual(['Purpose', 'KPI: Vækstkortlægninger']);
  });
});
