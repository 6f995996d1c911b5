import { formatDate, formatDateTime } from '../ui/format';
import { t } from '../ui/i18n';
import { useState } from 'react';
import { useAgreementKpiAttainmentQuery, useAgreementKpiDrillDownQuery, type AgreementKpiAttainmentQuery } from '../generated/graphql';
import { firmHref } from '../routing';
import type { AgreementDetails } from './AgreementPage';
import { formatValue, metricLabel, Section } from './ui';
import { formatIdentifier } from '../ui/firmSearch';
import { ErrorAlert } from '../ui/userErrors';

export const DRILL_PAGE_SIZE = 10;
const CONTEXT = { additionalTypenames: ['ServiceAgreement'] };

type Attainment = AgreementKpiAttainmentQuery['agreementKpiAttainment']['kpis'][number];

/** Width of the attainment bar in percent of the track (100 % attainment = full; capped). */
export const barWidth = (percent: number | null | undefined) => (percent == null || percent < 0 ? 0 : Math.min(100, percent));

/**
 * Where an actual comes from, in words. The server's `note` is English (for API users) and is not shown:
 * a Danish or Swedish page said "External metric: reported in follow-ups." in the middle of Danish text.
 */
export function sourceText(k: Pick<Attainment, 'source' | 'countedEntries' | 'externalSource' | 'reportedAt' | 'note'>): string {
  switch (k.source) {
    case 'COMPUTED':
      return t('agreements.kpi.computedFrom', { count: k.countedEntries ?? 0 });
    case 'EXTERNAL_REPORTED':
      return t('agreements.kpi.reported', { date: formatDate(k.reportedAt), source: k.externalSource ?? t('agreements.kpi.notNamed') });
    case 'NOT_REPORTED':
      return t('agreements.kpi.notReported');
    case 'NOT_COMPUTABLE':
      return t('agreements.kpi.notComputable');
  }
}

/** KPI attainment now: computed actuals against targets, with the drill-down to what was counted. */
export function KpiAttainment({ agreement }: { agreement: AgreementDetails }) {
  const [{ data, fetching, error }] = useAgreementKpiAttainmentQuery({ variables: { agreementId: agreement.id }, context: CONTEXT });
  const [open, setOpen] = useState<string | null>(null);
  const report = data?.agreementKpiAttainment;
  return (
    <Section title={t('agreements.kpi.title')} id="kpi-title" testId="kpi-attainment">
      <ErrorAlert error={error} />
      {!report && fetching && <p role="status">{t('agreements.kpi.computing')}</p>}
      {report && (
        <>
          <p className="hint">
            {t('agreements.kpi.intro', {
              version: report.versionNumber,
              inForce: agreement.inForceVersionNumber == null ? t('agreements.kpi.notInForce') : t('agreements.kpi.inForce'),
              date: formatDateTime(report.computedAt),
            })}
          </p>
          {report.kpis.length === 0 ? (
            <p className="muted">{t('agreements.kpi.none')}</p>
          ) : (
            <table className="firm-table kpi-table">
              <caption className="visually-hidden">{t('agreements.kpi.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreements.followUps.kpi')}</th>
                  <th scope="col" className="num">
                    {t('agreements.followUps.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('agreements.followUps.actual')}
                  </th>
                  <th scope="col">{t('agreements.kpi.attainment')}</th>
                  <th scope="col">{t('agreements.followUps.source')}</th>
                </tr>
              </thead>
              {report.kpis.map((k) => (
                <tbody key={k.kpi.key} data-testid="kpi-row" data-kpi={k.kpi.key}>
                  <tr>
                    <th scope="row">
                      {k.kpi.name}
                      <div className="muted small">
                        {metricLabel(k.kpi.metric)} · {formatDate(k.kpi.periodStart)} – {formatDate(k.kpi.periodEnd)}
                      </div>
                    </th>
                    <td className="num">{formatValue(k.kpi.target, k.kpi.unit)}</td>
                    <td className="num" data-testid="kpi-actual">
                      {formatValue(k.actual, k.kpi.unit)}
                    </td>
                    <td>
                      {k.attainmentPercent == null ? (
                        <span className="muted">—</span>
                      ) : (
                        <div className="attainment" data-testid="kpi-attainment-percent">
                          <span className="bar" aria-hidden="true">
                            <span className={k.attainmentPercent >= 100 ? 'fill reached' : 'fill'} style={{ width: `${barWidth(k.attainmentPercent)}%` }} />
                          </span>
                          {formatValue(k.attainmentPercent)} %
                        </div>
                      )}
                    </td>
                    <td>
                      <span data-testid="kpi-source">{sourceText(k)}</span>
                      {k.kpi.computed && (k.countedEntries ?? 0) > 0 && (
                        <div>
                          <button
                            type="button"
                            className="link-button"
                            aria-expanded={open === k.kpi.key}
                            onClick={() => setOpen(open === k.kpi.key ? null : k.kpi.key)}
                            data-testid="kpi-drilldown-toggle"
                          >
                            {open === k.kpi.key ? t('agreements.kpi.hideCounted') : t('agreements.kpi.showCounted')}
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                  {open === k.kpi.key && (
                    <tr>
                      <td colSpan={5}>
                        <DrillDown agreement={agreement} kpiKey={k.kpi.key} name={k.kpi.name} />
                      </td>
                    </tr>
                  )}
                </tbody>
              ))}
            </table>
          )}
        </>
      )}
    </Section>
  );
}

function DrillDown({ agreement, kpiKey, name }: { agreement: AgreementDetails; kpiKey: string; name: string }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <div className="drilldown" data-testid="kpi-drilldown">
      <table className="firm-table compact">
        <caption>
          {t('agreements.kpi.drillCaption', { name })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('agreements.kpi.when')}</th>
            <th scope="col">{t('agreements.kpi.firm')}</th>
            <th scope="col">{t('agreements.kpi.recordedBy')}</th>
            <th scope="col">{t('agreements.kpi.entry')}</th>
            <th scope="col" className="num">
              {t('agreements.kpi.counts')}
            </th>
          </tr>
        </thead>
        {cursors.map((after, i) => (
          <DrillDownPage
            key={after ?? 'first'}
            agreement={agreement}
            kpiKey={kpiKey}
            after={after}
            isLast={i === cursors.length - 1}
            onLoadMore={(end) => setCursors((cs) => (cs.includes(end) ? cs : [...cs, end]))}
          />
        ))}
      </table>
    </div>
  );
}

function DrillDownPage({
  agreement,
  kpiKey,
  after,
  isLast,
  onLoadMore,
}: {
  agreement: AgreementDetails;
  kpiKey: string;
  after: string | null;
  isLast: boolean;
  onLoadMore: (end: string) => void;
}) {
  const [{ data, fetching, error }] = useAgreementKpiDrillDownQuery({ variables: { agreementId: agreement.id, kpiKey, first: DRILL_PAGE_SIZE, after }, context: CONTEXT });
  const conn = data?.agreementKpiDrillDown;
  const party = (id: string | null) => (id ? (agreement.parties.find((p) => p.organisation.id === id)?.organisation.name ?? t('agreements.kpi.aParty')) : t('agreements.kpi.notAParty'));
  let footer = null;
  if (error) footer = <ErrorAlert error={error} />;
  else if (fetching && !conn) footer = <span role="status">{t('agreements.kpi.loading')}</span>;
  else if (!after && conn && conn.edges.length === 0 && conn.hiddenEntries.length === 0) footer = <span role="status">{t('agreements.kpi.nothingCounted')}</span>;
  else if (isLast && conn?.pageInfo.hasNextPage && conn.pageInfo.endCursor) {
    const end = conn.pageInfo.endCursor;
    footer = (
      <button type="button" onClick={() => onLoadMore(end)} data-testid="drilldown-load-more">
        {t('agreements.list.loadMore')}
      </button>
    );
  }
  const hidden = !after && conn ? conn.hiddenEntries : [];
  const orgLabel = (id: string) => agreement.parties.find((p) => p.organisation.id === id)?.organisation.name ?? t('agreements.kpi.anotherOrganisation');
  return (
    <>
      {hidden.length > 0 && (
        <tbody data-testid="hidden-entries">
          {hidden.map((h) => (
            <tr key={h.organisationId}>
              <td colSpan={4} className="muted">
                {t('agreements.kpi.hidden', { count: h.count, organisation: orgLabel(h.organisationId) })}
              </td>
              <td className="num" />
            </tr>
          ))}
        </tbody>
      )}
      {conn && conn.edges.length > 0 && (
        <tbody>
          {conn.edges.map(({ cursor, node: e }) => (
            <tr key={cursor} data-testid="counted-entry">
              <td className="nowrap">{formatDate(e.occurredAt)}</td>
              <td>
                {e.firmId && e.firmName ? <a href={firmHref(e.firmId)}>{e.firmName}</a> : <span className="muted">{t('agreements.kpi.firmHidden')}</span>}
                {(e.cvr || e.organisationsnummer) && <span className="muted mono"> {formatIdentifier(e)}</span>}
              </td>
              <td>{e.recordedByParty ? party(e.recordedByOrganisationId) : <span className="muted">{t('agreements.kpi.notAParty')}</span>}</td>
              <td>{e.contentVisible ? (e.summary ?? '—') : <span className="muted">{t('agreements.kpi.byAnother')}</span>}</td>
              <td className="num">{e.value == null ? '' : formatValue(e.value)}</td>
            </tr>
          ))}
        </tbody>
      )}
      {footer && (
        <tbody className="table-footer">
          <tr>
            <td colSpan={5}>{footer}</td>
          </tr>
        </tbody>
      )}
    </>
  );
}
