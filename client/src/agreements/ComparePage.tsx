import { useAgreementVersionListQuery, useAgreementVersionsCompareQuery } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { t } from '../ui/i18n';
import { enumLabel } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { describeDifferences } from './compare';
import { ErrorAlert } from '../ui/userErrors';
import { Form } from '../ui/Form';


/** #/agreements/<id>/compare?from=1&to=2: two versions field by field. */
export function ComparePage({ id, params }: { id: string; params: Record<string, string> }) {
  const [{ data, fetching, error }] = useAgreementVersionListQuery({ variables: { id } });
  const a = data?.serviceAgreement;
  if (!a) {
    return (
      <>
        <QueryStatus fetching={fetching} error={error} what={t('agreements.page.what')} />
        {data && (
          <p role="alert" data-testid="agreement-not-found">
            {t('agreements.page.notFound')}
          </p>
        )}
      </>
    );
  }
  const numbers = a.versions.map((v) => v.number);
  const pick = (text: string | undefined, fallback: number) => (text && numbers.includes(Number(text)) ? Number(text) : fallback);
  const to = pick(params.to, a.currentVersionNumber);
  const from = pick(params.from, numbers.length > 1 ? numbers[numbers.length - 2] : numbers[0]);
  const go = (f: number, toNumber: number) => navigate({ page: 'area', area: 'agreements', parts: [id, 'compare'], params: { from: String(f), to: String(toNumber) } });
  return (
    <section aria-labelledby="compare-title" data-testid="compare-page">
      <p>
        <a href={areaHref('agreements', [id])}>{t('agreements.compare.back')}</a>
      </p>
      <h1 id="compare-title">{t('agreements.compare.title')}</h1>
      <p className="muted">{a.title}</p>
      <Form layout="inline" className="filter-row" aria-label={t('agreements.compare.form')} onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('agreements.compare.from')}</span>
          <select data-testid="compare-from" value={from} onChange={(e) => go(Number(e.target.value), to)}>
            {a.versions.map((v) => (
              <option key={v.number} value={v.number}>
                {v.number}
                {v.number === a.inForceVersionNumber ? t('agreements.compare.inForce') : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('agreements.compare.to')}</span>
          <select data-testid="compare-to" value={to} onChange={(e) => go(from, Number(e.target.value))}>
            {a.versions.map((v) => (
              <option key={v.number} value={v.number}>
                {v.number}
                {v.number === a.inForceVersionNumber ? t('agreements.compare.inForce') : ''}
              </option>
            ))}
          </select>
        </label>
      </Form>
      <Differences id={id} from={from} to={to} organisation={(orgId) => a.parties.find((p) => p.organisation.id === orgId)?.organisation.name ?? t('agreements.page.anotherOrganisation')} />
      {a.versions
        .filter((v) => v.number === to && v.amendmentReason)
        .map((v) => (
          <p key={v.number} className="hint">
            {t('agreements.compare.reason', { number: v.number, reason: v.amendmentReason })}
          </p>
        ))}
    </section>
  );
}

function Differences({ id, from, to, organisation }: { id: string; from: number; to: number; organisation: (id: string) => string }) {
  const [{ data, fetching, error }] = useAgreementVersionsCompareQuery({ variables: { agreementId: id, from, to } });
  const cmp = data?.compareAgreementVersions;
  if (!cmp) {
    return fetching ? (
      <p role="status">{t('agreements.compare.comparing')}</p>
    ) : (
      <ErrorAlert error={error} />
    );
  }
  const kpiName = (key: string) => cmp.to.kpis.find((k) => k.key === key)?.name ?? cmp.from.kpis.find((k) => k.key === key)?.name;
  const rows = describeDifferences(cmp.differences, { organisation, kpi: kpiName });
  if (rows.length === 0) {
    return (
      <p role="status" data-testid="no-differences">
        {t('agreements.compare.same', { from, to })}
      </p>
    );
  }
  return (
    <table className="firm-table compare-table" data-testid="differences">
      <caption>
        {t('agreements.compare.caption', { count: rows.length, from: cmp.from.number, to: cmp.to.number })}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('agreements.compare.field')}</th>
          <th scope="col">{t('agreements.compare.change')}</th>
          <th scope="col">{t('agreements.compare.version', { number: cmp.from.number })}</th>
          <th scope="col">{t('agreements.compare.version', { number: cmp.to.number })}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-testid="difference" data-kind={r.kind}>
            <th scope="row">{r.label}</th>
            <td>
              <span className={`badge diff-${r.kind.toLowerCase()}`}>{enumLabel('agreements.diff', r.kind)}</span>
            </td>
            <td className="before">{r.before}</td>
            <td className="after">{r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
