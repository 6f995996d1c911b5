import { formatDate, formatDateTime, formatNumber } from '../ui/format';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFirmDetailsQuery, type MeQuery } from '../generated/graphql';
import { FirmEditForm } from './FirmEditForm';
import { firmHref, organisationHref } from '../routing';
import { countryName, enumLabel, levelLabel, sizeClassLabel } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { identifierNumber } from '../ui/firmSearch';
import { industryClassification, industryName } from '../ui/industry';

export function FirmDetailsPage({ id, me, actingFor = null }: { id: string; me?: Pick<MeQuery['me'], 'memberships'>; actingFor?: string | null }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useFirmDetailsQuery({ variables: { id } });
  const firm = data?.firm;
  const industry = firm?.industryCode ? industryName(firm.industryCode) : null;
  return (
    <section aria-labelledby="firm-title" className="details" data-testid="firm-details">
      <p>
        <a href="#/firms" onClick={goBack}>
          {t('firms.details.back')}
        </a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('firms.details.what')} />
      {data && !firm && <p role="status">{t('firms.details.notFound')}</p>}
      {firm && (
        <div className="card">
          <h1 id="firm-title">{firm.name}</h1>
          <p className="muted">
            {enumLabel('firms.status', firm.status)} · {countryName(firm.country)}
          </p>
          <dl className="facts">
            <dt>{t(firm.country === 'DK' || firm.country === 'SE' ? `firms.details.identifier_${firm.country}` : 'firms.details.identifier')}</dt>
            <dd className="mono" data-testid="firm-identifier-value">{identifierNumber(firm) ?? t('firms.details.noIdentifier')}</dd>
            <dt>{t('firms.details.municipality')}</dt>
            <dd>{firm.municipality ? <a href={organisationHref(firm.municipality.id)}>{firm.municipality.name}</a> : '—'}</dd>
            <dt>{t('firms.details.region')}</dt>
            <dd>{firm.municipality?.region ? <a href={organisationHref(firm.municipality.region.id)}>{firm.municipality.region.name}</a> : '—'}</dd>
            <dt>{t('firms.details.industry')}</dt>
            <dd data-testid="firm-industry">
              {!firm.industryCode ? (
                '—'
              ) : industry ? (
                <>
                  <span className="mono">{firm.industryCode}</span> {industry} <span className="muted">({industryClassification(firm.country)})</span>
                </>
              ) : (
                t('firms.details.industryUnknown', { code: firm.industryCode, classification: industryClassification(firm.country) })
              )}
            </dd>
            <dt>{t('firms.details.sizeClass')}</dt>
            <dd>{sizeClassLabel(firm.sizeClass) || '—'}</dd>
            <dt>{t('firms.details.employees')}</dt>
            <dd>{firm.employees == null ? '—' : formatNumber(firm.employees)}</dd>
            <dt>{t('firms.details.founded')}</dt>
            <dd>{formatDate(firm.foundedOn)}</dd>
            <dt>{t('firms.details.growthPotential')}</dt>
            <dd data-testid="firm-growth-potential">
              {firm.growthPotential ? (
                <>
                  {levelLabel(firm.growthPotential.level)}
                  <span className="muted">
                    {' '}
                    {t('firms.details.assessedBy', {
                      organisation: firm.growthPotential.organisation?.name ?? t('firms.details.anOrganisation'),
                      date: formatDate(firm.growthPotential.assessedAt),
                    })}
                  </span>
                </>
              ) : (
                '—'
              )}
            </dd>
            {firm.recordedBy && (
              <>
                <dt>{t('firms.details.recordedBy')}</dt>
                <dd>
                  <a href={organisationHref(firm.recordedBy.id)}>{firm.recordedBy.name}</a>
                </dd>
              </>
            )}
            {firm.mergedInto && (
              <>
                <dt>{t('firms.details.mergedInto')}</dt>
                <dd>
                  <a href={firmHref(firm.mergedInto.id)}>{firm.mergedInto.name}</a>
                </dd>
              </>
            )}
            <dt>{t('firms.details.updatedAt')}</dt>
            <dd>
              <time dateTime={firm.updatedAt}>{formatDateTime(firm.updatedAt)}</time>
            </dd>
          </dl>
          {me && firm.status !== 'MERGED' && <FirmEditForm key={firm.id} firm={firm} me={me} actingFor={actingFor} />}
        </div>
      )}
    </section>
  );
}

/** Back to where the user came from (keeps their search results), else to an empty firm search. */
function goBack(event: MouseEvent) {
  if (window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
}
