import { formatDateTime } from '../ui/format';
import type { MouseEvent } from 'react';
import { useFirmDetailsQuery } from '../generated/graphql';
import { firmHref, organisationHref } from '../routing';
import { countryName, humanize, sizeClassLabel } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { formatIdentifier } from '../ui/firmSearch';

export function FirmDetailsPage({ id }: { id: string }) {
  const [{ data, fetching, error }] = useFirmDetailsQuery({ variables: { id } });
  const firm = data?.firm;
  return (
    <section aria-labelledby="firm-title" className="details" data-testid="firm-details">
      <p>
        <a href="#/firms" onClick={goBack}>
          ← Back
        </a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what="the firm" />
      {data && !firm && <p role="status">This firm does not exist, or is not visible to you.</p>}
      {firm && (
        <div className="card">
          <h1 id="firm-title">{firm.name}</h1>
          <p className="muted">
            {humanize(firm.status)} · {countryName(firm.country)}
          </p>
          <dl className="facts">
            <dt>Identifier</dt>
            <dd className="mono">{formatIdentifier(firm) ?? 'None yet (prospect)'}</dd>
            <dt>Municipality</dt>
            <dd>{firm.municipality ? <a href={organisationHref(firm.municipality.id)}>{firm.municipality.name}</a> : '—'}</dd>
            <dt>Region</dt>
            <dd>{firm.municipality?.region ? <a href={organisationHref(firm.municipality.region.id)}>{firm.municipality.region.name}</a> : '—'}</dd>
            <dt>Industry code</dt>
            <dd className="mono">{firm.industryCode ?? '—'}</dd>
            <dt>Size class</dt>
            <dd>{sizeClassLabel(firm.sizeClass) || '—'}</dd>
            <dt>Employees</dt>
            <dd>{firm.employees ?? '—'}</dd>
            <dt>Founded</dt>
            <dd>{firm.foundedOn ?? '—'}</dd>
            <dt>Growth potential</dt>
            <dd data-testid="firm-growth-potential">
              {firm.growthPotential ? (
                <>
                  {humanize(firm.growthPotential.level)}
                  <span className="muted">
                    {' '}
                    (latest assessment, by {firm.growthPotential.organisation?.name ?? 'an organisation'} on {firm.growthPotential.assessedAt.slice(0, 10)})
                  </span>
                </>
              ) : (
                '—'
              )}
            </dd>
            {firm.recordedBy && (
              <>
                <dt>Recorded by</dt>
                <dd>
                  <a href={organisationHref(firm.recordedBy.id)}>{firm.recordedBy.name}</a>
                </dd>
              </>
            )}
            {firm.mergedInto && (
              <>
                <dt>Merged into</dt>
                <dd>
                  <a href={firmHref(firm.mergedInto.id)}>{firm.mergedInto.name}</a>
                </dd>
              </>
            )}
            <dt>Last updated</dt>
            <dd>
              <time dateTime={firm.updatedAt}>{formatDateTime(firm.updatedAt)}</time>
            </dd>
          </dl>
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
