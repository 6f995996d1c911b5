import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_MESSAGES, readerLang, t } from './messages';
import { chartData, panelTable, toCsv, type Panel } from './table';
import { formatBucket, formatValue, periodPreset } from './format';

const row = (key: string, label: string, values: (number | null)[], suppressed = false, units: number | null = 7) => ({
  key, label, suppressed, suppression: suppressed ? 'PRIMARY' : null, display: suppressed ? '<5' : null, units: suppressed ? null : units, events: suppressed ? null : 9,
  ownEvents: 0, ownOnly: false, values: suppressed ? values.map(() => null) : values, previousValues: [1, 2], previousSuppressed: false,
});

const panel: Panel = {
  kind: 'REFERRALS', title: 'Referrals', definition: 'd', groupBy: 'MUNICIPALITY', availableGroupings: ['MUNICIPALITY'], unit: 'firms', drillDown: true,
  measures: [{ key: 'referrals', label: 'Referrals', definition: 'x', unit: 'COUNT' }, { key: 'privateAdvisorShare', label: 'Share', definition: 'y', unit: 'PERCENT' }],
  rows: [row('a', 'Aarhus Kommune', [12, 25.5]), row('b', 'Favrskov Kommune', [3, 10], true)],
  total: row('__TOTAL__', 'Total', [15, 22.2], false, 12),
  previousTotal: null,
};

describe('dashboard tables and exports', () => {
  it('the CSV has exactly the table\'s headers and cells, suppressed cells as "<5"', async () => {
    const table = panelTable(panel, 'en');
    const parsed = Papa.parse<string[]>(await toCsv(table), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(table.headers);
    expect(parsed.slice(1)).toEqual(table.rows.map((r) => r.cells.map((c) => (c === null ? '' : String(c)))));
    expect(parsed[2]).toEqual(['Favrskov Kommune', '<5', '<5', '<5', '<5', '1']);
    expect(parsed[3][0]).toBe('Total');
    expect(table.rows[1].drillable).toBe(false);
    expect(table.rows[0].drillable).toBe(true);
  });

  it('the chart draws no bar for a suppressed group and says so in its label', () => {
    const data = chartData(panel, 'en');
    expect(data[1]).toMatchObject({ current: null, label: 'Favrskov Kommune (<5)' });
    expect(data[0].current).toBe(12);
  });

  it('formats numbers, percentages, money and buckets with Intl in the reader\'s locale', () => {
    expect(formatValue(1234.5, 'COUNT', 'da-DK')).toBe('1.234,5');
    expect(formatValue(25.5, 'PERCENT', 'en-GB')).toBe('25.5%');
    expect(formatValue('<5', 'COUNT', 'en')).toBe('<5');
    expect(formatBucket('2026-04-01', 'QUARTER', 'en')).toBe('Q2 2026');
    expect(formatBucket('2026-04-01', 'QUARTER', 'da-DK')).toBe('2. kvt. 2026');
    expect(formatBucket('2026-10-01', 'QUARTER', 'sv-SE')).toBe('kv. 4 2026');
    expect(formatBucket('2026-04-01', 'MONTH', 'en-GB')).toBe('Apr 2026');
    expect(periodPreset('last12', new Date('2026-12-01T10:00:00Z'))).toEqual({ from: '2025-12-01', to: '2026-11-30' });
  });

  it('has every message in English, Danish and Swedish (falling back to English), and picks the reader\'s language', () => {
    const keys = Object.keys(DASHBOARD_MESSAGES.en);
    for (const lang of ['da', 'sv'] as const) expect(Object.keys(DASHBOARD_MESSAGES[lang]).sort()).toEqual([...keys].sort());
    expect(readerLang(['sv-SE', 'en'])).toBe('sv');
    expect(readerLang(['de-DE'])).toBe('en');
    expect(t('page.intro', { organisation: 'KKR', area: 'x', count: 19, min: 5 }, 'da')).toContain('KKR');
    expect(t('table.total', {}, 'sv')).toBe('Totalt');
  });
});

describe("the dashboard's intro in the reader's language", () => {
  it("names the audience's area in Danish and Swedish, not in the server's English", () => {
    const kinds = ['MUNICIPALITY', 'REGIONAL_COUNCIL', 'GROWTH_HOUSE', 'BUSINESS_COUNCIL', 'REGION', 'NATIONAL_AGENCY', 'INVESTMENT_PROMOTION_AGENCY'];
    for (const lang of ['da', 'sv'] as const) {
      for (const kind of kinds) {
        const text = (DASHBOARD_MESSAGES[lang] as Record<string, string>)[`area.${kind}`];
        expect(text, `${lang} area.${kind}`).toBeTruthy();
        expect(text).not.toBe((DASHBOARD_MESSAGES.en as Record<string, string>)[`area.${kind}`]);
      }
    }
    expect(t('page.intro', { organisation: 'KKR Midtjylland', area: (DASHBOARD_MESSAGES.da as Record<string, string>)['area.REGIONAL_COUNCIL'], count: 19, min: 5 }, 'da')).toMatch(/^Tal på tværs af grafens organisationer for KKR Midtjylland: KKR's medlemskommuner \(19 kommuner\)/);
  });
});
