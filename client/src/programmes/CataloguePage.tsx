import { formatDate } from '../ui/format';
import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState, type FormEvent } from 'react';
import { useOperatedProgrammesQuery, useProgrammeCatalogueQuery, useProgrammeRegionsQuery, type ProgrammeListItemFragment } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { humanize, sizeClassLabel } from '../ui/labels';
import { catalogueFilter, catalogueParams, type CatalogueParams } from './catalogue';
import { eligibilityRows, GROWTH_LEVELS, PROGRAMME_KINDS, SIZE_CLASSES } from './format';

const PAGE_SIZE = 20;

/** The public catalogue of current offers (OPEN and RUNNING programmes), filtered through the URL. */
export function CataloguePage({ params, canCreate, isMember }: { params: CatalogueParams; canCreate: boolean; isMember: boolean }) {
  const filter = catalogueFilter(params);
  return (
    <section aria-labelledby="catalogue-title">
      <div className="page-title-row">
        <h1 id="catalogue-title">Programmes</h1>
        <nav className="actions" aria-label="Programme pages">
          {isMember && <a href={areaHref('programmes', ['operated'])}>Programmes we operate</a>}
          {canCreate && (
            <a className="button primary" href={areaHref('programmes', ['new'])} data-testid="new-programme">
              New programme
            </a>
          )}
        </nav>
      </div>
      <p className="muted">Current offers for firms: accelerators, growth camps, development programmes and courses that are open or running.</p>
      <CatalogueFilters key={JSON.stringify(params)} params={params} />
      <ul className="programme-list" data-testid="programme-catalogue" aria-label="Programmes found">
        <Paged key={JSON.stringify(filter)} renderPage={(page) => <CataloguePageRows {...page} filter={filter} />} />
      </ul>
    </section>
  );
}

function CatalogueFilters({ params }: { params: CatalogueParams }) {
  const [values, setValues] = useState<CatalogueParams>(params);
  const [{ data: regions }] = useProgrammeRegionsQuery();
  const set = (key: keyof CatalogueParams) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate({ page: 'area', area: 'programmes', parts: [], params: catalogueParams(values) });
  }

  return (
    <form className="card filters" role="search" aria-label="Filter programmes" onSubmit={submit}>
      <div className="filter-grid">
        <label>
          <span>Name starts with</span>
          <input type="search" value={values.name ?? ''} onChange={set('name')} data-testid="filter-name" />
        </label>
        <label>
          <span>Kind</span>
          <select value={values.kind ?? ''} onChange={set('kind')} data-testid="filter-kind">
            <option value="">Any kind</option>
            {PROGRAMME_KINDS.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Open to firms in</span>
          <select value={values.region ?? ''} onChange={set('region')} data-testid="filter-region">
            <option value="">Any region</option>
            {(regions?.organisations.edges ?? []).map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Growth potential</span>
          <select value={values.level ?? ''} onChange={set('level')} data-testid="filter-level">
            <option value="">Any level</option>
            {GROWTH_LEVELS.map((l) => (
              <option key={l} value={l}>
                {humanize(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Firm size</span>
          <select value={values.size ?? ''} onChange={set('size')} data-testid="filter-size">
            <option value="">Any size</option>
            {SIZE_CLASSES.map((s) => (
              <option key={s} value={s}>
                {sizeClassLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="filter-submit">
          Show programmes
        </button>
        <a href={areaHref('programmes')}>Clear filters</a>
      </div>
    </form>
  );
}

function CataloguePageRows({ filter, ...page }: PageProps & { filter: ReturnType<typeof catalogueFilter> }) {
  const [{ data, fetching, error }] = useProgrammeCatalogueQuery({ variables: { filter, first: PAGE_SIZE, after: page.after } });
  const connection = data?.programmeCatalogue;
  return (
    <>
      {connection?.edges.map(({ node }) => <ProgrammeItem key={node.id} programme={node} />)}
      <li className="list-footer">
        <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what="programmes" emptyText="No current programmes match these filters." />
      </li>
    </>
  );
}

/** Programmes the user's organisations operate, drafts and closed ones included. */
export function OperatedProgrammesPage() {
  return (
    <section aria-labelledby="operated-title">
      <p>
        <a href={areaHref('programmes')}>← Catalogue</a>
      </p>
      <h1 id="operated-title">Programmes we operate</h1>
      <p className="muted">Every programme your organisations run, in every state: drafts are visible only here and to you.</p>
      <ul className="programme-list" data-testid="operated-programmes">
        <Paged renderPage={(page) => <OperatedPageRows {...page} />} />
      </ul>
    </section>
  );
}

function OperatedPageRows(page: PageProps) {
  const [{ data, fetching, error }] = useOperatedProgrammesQuery({ variables: { first: PAGE_SIZE, after: page.after } });
  const connection = data?.operatedProgrammes;
  return (
    <>
      {connection?.edges.map(({ node }) => <ProgrammeItem key={node.id} programme={node} />)}
      <li className="list-footer">
        <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what="programmes" emptyText="Your organisations operate no programmes." />
      </li>
    </>
  );
}

function ProgrammeItem({ programme: p }: { programme: ProgrammeListItemFragment }) {
  return (
    <li className="card programme-item" data-testid="programme-item" data-programme-id={p.id}>
      <h2>
        <a href={areaHref('programmes', [p.id])}>{p.name}</a>
      </h2>
      <p className="muted">
        {humanize(p.kind)} · {p.operator.name} · {formatDate(p.startsOn)} – {formatDate(p.endsOn)} · <span className={`state state-${p.state.toLowerCase()}`}>{humanize(p.state)}</span>
      </p>
      <p>
        <strong>{p.availableSeats}</strong> of {p.capacity} seats free
      </p>
      <dl className="facts compact">
        {eligibilityRows(p.eligibility).map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}
