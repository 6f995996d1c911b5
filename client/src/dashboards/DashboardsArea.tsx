import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AreaPageProps } from '../areas';
import {
  useDashboardDrillDownQuery, useDashboardQuery, type DashboardBucket, type DashboardDimension, type DashboardInput, type DashboardPanelKind,
} from '../generated/graphql';
import { areaHref } from '../routing';
import { describeError } from '../ui/userErrors';
import { formatBucket, formatDate, formatDateTime, formatValue, periodPreset } from './format';
import { t, tKey } from './messages';
import { chartData, panelTable, primaryMeasure, type Panel, type TableModel } from './table';
import { Form } from '../ui/Form';
import { isIsoDate } from '../ui/format';
import { DateInput } from '../ui/DateInput';

const DIMENSIONS: DashboardDimension[] = [
  'MUNICIPALITY', 'REGION', 'COUNTRY', 'ORGANISATION', 'ORGANISATION_KIND', 'INDUSTRY', 'SIZE_CLASS', 'GROWTH_POTENTIAL', 'SEGMENT', 'TIME_BUCKET', 'PROGRAMME', 'STAGE', 'SECTOR',
];
const BUCKETS: DashboardBucket[] = ['MONTH', 'QUARTER', 'YEAR'];

/** #/dashboards?org=&from=&to=&bucket=&groupBy= : the partner dashboard (landing page of viewers and partners). */
export function DashboardsArea({ params, me, actingFor }: AreaPageProps) {
  const memberships = actingFor ? me.memberships.filter((m) => m.organisation.id === actingFor) : me.memberships;
  const preset = periodPreset('last12');
  const org = params.org ?? memberships[0]?.organisation.id;
  const input: DashboardInput = {
    organisationId: org,
    from: params.from ?? preset.from,
    to: params.to ?? preset.to,
    bucket: (params.bucket as DashboardBucket) ?? 'MONTH',
    groupBy: (params.groupBy as DashboardDimension) || undefined,
  };
  const setParams = (patch: Record<string, string | undefined>) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...params, org, from: input.from, to: input.to, bucket: input.bucket ?? 'MONTH', groupBy: input.groupBy, ...patch })) if (v) next[k] = v;
    window.location.hash = areaHref('dashboards', [], next);
  };
  if (!org) return <p className="muted">{t('page.noOrganisation')}</p>;
  return (
    <div className="dash-area">
      <h1>{t('page.title')}</h1>
      <Form layout="inline" className="dash-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('page.title')}>
        <label>
          {t('controls.organisation')}
          <select data-testid="dash-org" value={org} onChange={(e) => setParams({ org: e.target.value })}>
            {memberships.map((m) => (
              <option key={m.organisation.id} value={m.organisation.id}>{m.organisation.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('controls.preset')}
          <select
            data-testid="dash-preset"
            value={(['last12', 'thisYear', 'lastYear'] as const).find((p) => { const x = periodPreset(p); return x.from === input.from && x.to === input.to; }) ?? 'custom'}
            onChange={(e) => e.target.value !== 'custom' && setParams(periodPreset(e.target.value as 'last12'))}
          >
            <option value="last12">{t('controls.preset.last12')}</option>
            <option value="thisYear">{t('controls.preset.thisYear')}</option>
            <option value="lastYear">{t('controls.preset.lastYear')}</option>
            <option value="custom">{t('controls.preset.custom')}</option>
          </select>
        </label>
        <label>
          {t('controls.from')}
          <DateInput data-testid="dash-from" value={input.from} onChange={(v) => isIsoDate(v) && setParams({ from: v })} />
        </label>
        <label>
          {t('controls.to')}
          <DateInput data-testid="dash-to" value={input.to} onChange={(v) => isIsoDate(v) && setParams({ to: v })} />
        </label>
        <label>
          {t('controls.groupBy')}
          <select data-testid="dash-group" value={input.groupBy ?? ''} onChange={(e) => setParams({ groupBy: e.target.value || undefined })}>
            <option value="">{t('controls.groupBy.default')}</option>
            {DIMENSIONS.map((d) => <option key={d} value={d}>{tKey(`dimension.${d}`, d)}</option>)}
          </select>
        </label>
        <label>
          {t('controls.bucket')}
          <select data-testid="dash-bucket" value={input.bucket ?? 'MONTH'} onChange={(e) => setParams({ bucket: e.target.value })}>
            {BUCKETS.map((b) => <option key={b} value={b}>{t(`bucket.${b}`)}</option>)}
          </select>
        </label>
      </Form>
      <Dashboard input={input} />
    </div>
  );
}

function Dashboard({ input }: { input: DashboardInput }) {
  const [{ data, fetching, error }] = useDashboardQuery({ variables: { input } });
  const [drill, setDrill] = useState<{ panel: DashboardPanelKind; groupBy: DashboardDimension; rowKey: string; label: string } | null>(null);
  if (error) return <p className="error" role="alert">{t('state.error', { message: describeError(error) })}</p>;
  if (fetching && !data) return <p className="muted" role="status">{t('state.loading')}</p>;
  if (!data) return null;
  const d = data.dashboard;
  return (
    <>
      <p className="dash-intro" data-testid="dash-intro">
        {t('page.intro', { organisation: d.audience.organisationName, area: tKey(`area.${d.audience.organisationKind}`, d.audience.area), count: d.audience.municipalities, min: d.minUnits })}{' '}
        <span className="muted">{t('controls.compare', { from: formatDate(d.period.previousFrom), to: formatDate(d.period.previousTo) })}</span>
      </p>
      {fetching && <p className="muted" role="status">{t('state.loading')}</p>}
      {drill && <DrillDown input={input} drill={drill} onClose={() => setDrill(null)} />}
      <div className="dash-panels">
        {d.panels.map((p) => (
          <PanelView key={p.kind} panel={p} bucket={d.period.bucket} onDrill={(rowKey, label) => setDrill({ panel: p.kind, groupBy: p.groupBy, rowKey, label })} />
        ))}
      </div>
    </>
  );
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function PanelView({ panel, bucket, onDrill }: { panel: Panel; bucket: string; onDrill: (rowKey: string, label: string) => void }) {
  const title = tKey(`panel.${panel.kind}`, panel.title);
  const table = useMemo(() => {
    const model = panelTable(panel);
    if (panel.groupBy === 'TIME_BUCKET') for (const r of model.rows) if (!r.total) r.label = r.cells[0] = formatBucket(r.key, bucket);
    return model;
  }, [panel, bucket]);
  const empty = panel.rows.length === 0 && (panel.total.events ?? 0) === 0;
  const fileName = `${panel.kind.toLowerCase()}`;
  const { toCsv, toXlsx } = exportsOf(table);
  return (
    <section className="card dash-panel" data-testid={`panel-${panel.kind}`} aria-labelledby={`panel-title-${panel.kind}`}>
      <header className="dash-panel-head">
        <h2 id={`panel-title-${panel.kind}`}>{title}</h2>
        <div className="dash-export">
          <button type="button" data-testid={`csv-${panel.kind}`} aria-label={t('panel.exportCsv', { title })}
            onClick={async () => download(`${fileName}.csv`, new Blob([await toCsv()], { type: 'text/csv;charset=utf-8' }))}>{t('panel.csv')}</button>
          <button type="button" data-testid={`xlsx-${panel.kind}`} aria-label={t('panel.exportXlsx', { title })}
            onClick={async () => download(`${fileName}.xlsx`, await toXlsx())}>{t('panel.xlsx')}</button>
        </div>
      </header>
      <details className="dash-definition">
        <summary>{t('panel.definition')}</summary>
        {/* The server words definitions in English; the reader's language has them per panel and measure (the server's text when a new one has none yet). */}
        <p>{tKey(`definition.${panel.kind}`, panel.definition)}</p>
        <ul>{panel.measures.map((m) => <li key={m.key}><strong>{tKey(`measure.${m.key}`, m.label)}</strong>: {tKey(`measureDefinition.${m.key}`, m.definition)}</li>)}</ul>
        <p className="muted" data-testid={`events-${panel.kind}`}>{t('panel.events', { events: formatValue(panel.total.events, 'COUNT') })}</p>
      </details>
      {empty ? (
        <p className="muted" data-testid={`empty-${panel.kind}`}>{t('state.empty')}</p>
      ) : (
        <div className="dash-panel-body">
          <Chart panel={panel} bucket={bucket} title={title} />
          <PanelTable panel={panel} table={table} title={title} onDrill={onDrill} />
        </div>
      )}
    </section>
  );
}

function exportsOf(table: TableModel) {
  return {
    toCsv: async () => (await import('./table')).toCsv(table),
    toXlsx: async () => (await import('./table')).toXlsx(table),
  };
}

function Chart({ panel, bucket, title }: { panel: Panel; bucket: string; title: string }) {
  const p = primaryMeasure(panel);
  const unit = panel.measures[p]?.unit ?? null;
  const data = chartData(panel).map((d) => ({ ...d, label: panel.groupBy === 'TIME_BUCKET' ? formatBucket(d.key, bucket) : d.label }));
  const withPrevious = panel.groupBy !== 'TIME_BUCKET' && panel.kind !== 'AGREEMENTS';
  const measureLabel = tKey(`measure.${panel.measures[p]?.key}`, panel.measures[p]?.label ?? '');
  return (
    <figure className="dash-chart" role="img" aria-label={t('panel.chart', { title })} data-testid={`chart-${panel.kind}`}>
      <ResponsiveContainer width="100%" height={Math.max(220, Math.min(420, data.length * 28 + 60))}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 40, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatValue(v, unit)} />
          <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} interval={0}
            tickFormatter={(v: string) => (v.length > 36 ? `${v.slice(0, 35)}…` : v)} />
          <Tooltip formatter={(v) => formatValue(typeof v === 'number' ? v : null, unit)} />
          <Legend />
          <Bar dataKey="current" name={`${measureLabel}: ${t('value.current')}`} fill="#0b6e4f" isAnimationActive={false}>
            <LabelList dataKey="current" position="right" formatter={(v: unknown) => (typeof v === 'number' ? formatValue(v, unit) : '')} className="dash-bar-label" />
          </Bar>
          {withPrevious && <Bar dataKey="previous" name={`${measureLabel}: ${t('value.previous')}`} fill="#9fb3bf" isAnimationActive={false} />}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function PanelTable({ panel, table, title, onDrill }: { panel: Panel; table: TableModel; title: string; onDrill: (rowKey: string, label: string) => void }) {
  return (
    // A wide table scrolls in its own box: focusable and named, so keyboard users can scroll it too.
    <div className="dash-table-wrap" tabIndex={0} role="region" aria-label={t('panel.table', { title })}>
      <table className="dash-table" data-testid={`table-${panel.kind}`}>
        <caption className="visually-hidden">{t('panel.table', { title })}</caption>
        <thead>
          <tr>
            {table.headers.map((h, i) => <th key={i} scope="col">{h}</th>)}
            {panel.drillDown && <th scope="col"><span className="visually-hidden">{t('table.drillDown')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key} className={r.total ? 'dash-total' : undefined} data-testid={`row-${panel.kind}-${r.key}`} data-suppressed={r.suppressed ? 'true' : undefined}>
              {r.cells.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row">{c}</th>
                ) : (
                  <td key={i} data-value={c ?? ''} title={c === '<5' ? t('table.suppressed') : undefined}>{formatValue(c, table.units[i])}</td>
                ),
              )}
              {panel.drillDown && (
                <td>
                  {r.drillable && (
                    <button type="button" className="link-button" aria-label={t('table.drillDownLabel', { label: r.label })} data-testid={`drill-${panel.kind}-${r.key}`}
                      onClick={() => onDrill(r.key, r.label)}>{t('table.drillDown')}</button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DrillDown({ input, drill, onClose }: { input: DashboardInput; drill: { panel: DashboardPanelKind; groupBy: DashboardDimension; rowKey: string; label: string }; onClose: () => void }) {
  const [{ data, fetching, error }] = useDashboardDrillDownQuery({ variables: { input: { ...input, groupBy: drill.groupBy, panel: drill.panel, rowKey: drill.rowKey } } });
  return (
    <section className="card dash-drill" data-testid="drill-down" aria-label={t('drill.title', { label: drill.label })}>
      <header className="dash-panel-head">
        <h2>{t('drill.title', { label: drill.label })}</h2>
        <button type="button" onClick={onClose}>{t('drill.close')}</button>
      </header>
      {error && <p className="error" role="alert">{describeError(error)}</p>}
      {fetching && <p className="muted" role="status">{t('drill.loading')}</p>}
      {data && (
        <>
          {data.dashboardDrillDown.entries.length === 0 ? (
            <p className="muted">{t('drill.none')}</p>
          ) : (
            <table className="dash-table">
              <thead>
                <tr>
                  <th scope="col">{t('drill.at')}</th><th scope="col">{t('drill.firm')}</th><th scope="col">{t('drill.kind')}</th>
                  <th scope="col">{t('drill.organisation')}</th><th scope="col">{t('drill.basis')}</th>
                </tr>
              </thead>
              <tbody>
                {data.dashboardDrillDown.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.firmId ? <a href={areaHref('desk', ['firm', e.firmId])}>{e.firmName}</a> : '–'}</td>
                    <td>{e.kind}</td>
                    <td>{e.organisationName}</td>
                    <td>{tKey(`basis.${e.basis}`, e.basis)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.dashboardDrillDown.someHidden && <p className="muted">{t('drill.someHidden')}</p>}
          {data.dashboardDrillDown.truncated && <p className="muted">{t('drill.truncated')}</p>}
        </>
      )}
    </section>
  );
}
