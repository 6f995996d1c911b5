import type { DashboardQuery } from '../generated/graphql';
import { i18n } from '../ui/i18n';
import { t, tKey, type Lang, readerLang } from './messages';

/** Dimensions whose row keys are codes the kit's catalogue names (ui/messages.ts). */
const KIT_LABELS: Partial<Record<string, string>> = { FOCUS_AREA: 'ui.wheel.decision', SIZE_CLASS: 'ui.size' };

export type Panel = DashboardQuery['dashboard']['panels'][number];
export type PanelRow = Panel['rows'][number];

/** A cell: the raw value (exported as is) and whether it is the suppressed marker. */
export type Cell = number | string | null;

export interface TableModel {
  headers: string[];
  /** One entry per column: the measure's unit, for formatting (null: text column). */
  units: (string | null)[];
  rows: Array<{ key: string; total: boolean; suppressed: boolean; cells: Cell[]; drillable: boolean; label: string }>;
}

/** The panel's primary measure: what the chart shows (pace for agreements). */
export function primaryMeasure(panel: Panel): number {
  if (panel.kind === 'AGREEMENTS') return Math.max(0, panel.measures.findIndex((m) => m.key === 'pacePercent'));
  return 0;
}

/** The label of a row's group, translated where it is a code (organisation kind, dimension values). */
export function groupLabel(panel: Panel, row: PanelRow, lang: Lang = readerLang()): string {
  if (row.key === '__TOTAL__') return t('table.total', {}, lang);
  if (row.key === '__NONE__') return t('table.unknown', {}, lang);
  if (panel.groupBy === 'ORGANISATION_KIND') return tKey(`kind.${row.key}`, row.label, lang);
  // Codes named in the kit's vocabulary: a Danish reader saw "SALES", "FINANCING" in the focus-area panel.
  const kitPrefix = panel.groupBy ? KIT_LABELS[panel.groupBy] : undefined;
  if (kitPrefix) return i18n.t(`${kitPrefix}.${row.key}`, { lng: lang, defaultValue: row.label });
  return row.label;
}

const hasPrevious = (panel: Panel) => panel.groupBy !== 'TIME_BUCKET' && panel.kind !== 'AGREEMENTS';

/**
 * The panel as a table: the same model is rendered on the page and exported to CSV / XLSX, so the
 * exports always match what the reader sees. Suppressed cells are "<5".
 */
export function panelTable(panel: Panel, lang: Lang = readerLang()): TableModel {
  const p = primaryMeasure(panel);
  const measureLabel = (i: number) => tKey(`measure.${panel.measures[i].key}`, panel.measures[i].label, lang);
  const headers = [
    tKey(`dimension.${panel.groupBy}`, panel.groupBy, lang),
    ...(panel.kind === 'AGREEMENTS' ? [] : [t(`table.units.${panel.unit}` as 'table.units.firms', {}, lang), t('table.events', {}, lang)]),
    ...panel.measures.map((_, i) => measureLabel(i)),
    ...(hasPrevious(panel) ? [t('table.previous', { label: measureLabel(p) }, lang)] : []),
  ];
  const units = [null, ...(panel.kind === 'AGREEMENTS' ? [] : ['COUNT', 'COUNT']), ...panel.measures.map((m) => m.unit), ...(hasPrevious(panel) ? [panel.measures[p].unit] : [])];
  const toRow = (row: PanelRow, total: boolean) => {
    const hidden = (v: number | null | undefined): Cell => (row.suppressed ? '<5' : v ?? null);
    const previous = row.previousSuppressed ? '<5' : row.previousValues?.[p] ?? null;
    return {
      key: row.key,
      label: groupLabel(panel, row, lang),
      total,
      suppressed: row.suppressed,
      drillable: panel.drillDown && !row.suppressed && (row.events ?? 0) > 0,
      cells: [
        groupLabel(panel, row, lang),
        ...(panel.kind === 'AGREEMENTS' ? [] : [hidden(row.units), hidden(row.events)]),
        ...row.values.map((v) => hidden(v)),
        ...(hasPrevious(panel) ? [previous] : []),
      ],
    };
  };
  const rows = panel.rows.map((r) => toRow(r, false));
  if (panel.kind !== 'AGREEMENTS') rows.push(toRow(panel.total, true));
  return { headers, units, rows };
}

/** The table as CSV text (comma separated, raw numbers with a decimal point). */
export async function toCsv(table: TableModel): Promise<string> {
  const { unparse } = await import('papaparse');
  return unparse({ fields: table.headers, data: table.rows.map((r) => r.cells.map((c) => (c === null ? '' : c))) });
}

/** The table as an XLSX file. */
export async function toXlsx(table: TableModel): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  type SheetData = import('write-excel-file/browser').SheetData;
  const header = table.headers.map((h) => ({ value: h, fontWeight: 'bold' as const }));
  const data = table.rows.map((r) =>
    r.cells.map((c) => (typeof c === 'number' ? { type: Number, value: c } : { type: String, value: c === null ? '' : String(c) })),
  );
  return writeXlsxFile([header, ...data] as SheetData).toBlob();
}

/** Chart data: the primary measure per group, this period and the previous one (suppressed: no bar). */
export function chartData(panel: Panel, lang: Lang = readerLang()) {
  const p = primaryMeasure(panel);
  return panel.rows.map((row) => ({
    key: row.key,
    label: row.suppressed ? `${groupLabel(panel, row, lang)} (<5)` : groupLabel(panel, row, lang),
    current: row.suppressed ? null : row.values[p] ?? null,
    previous: row.previousSuppressed ? null : row.previousValues?.[p] ?? null,
  }));
}
