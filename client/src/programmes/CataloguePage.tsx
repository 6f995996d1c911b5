import { useTranslation } from 'react-i18next';
import { formatDate } from '../ui/format';
import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState, type FormEvent } from 'react';
import { useOperatedProgrammesQuery, useProgrammeCatalogueQuery, useProgrammeRegionsQuery, type ProgrammeListItemFragment } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { levelLabel, sizeClassLabel } from '../ui/labels';
import { catalogueFilter, catalogueParams, type CatalogueParams } from './catalogue';
import { eligibilityRows, GROWTH_LEVELS, kindLabel, PROGRAMME_KINDS, programmeStateLabel, shownProgrammeState, SIZE_CLASSES } from './format';
import { Form, FormActions } from '../ui/Form';

const PAGE_SIZE = 20;

/** The public catalogue of current offers (OPEN and RUNNING programmes), filtered through the URL. */
export function CataloguePage({ params, canCreate, isMember }: { params: CatalogueParams; canCreate: boolean; isMember: boolean }) {
  const { t } = useTranslation();
  const filter = catalogueFilter(params);
  return (
    <section aria-labelledby="catalogue-title">
      <div className="page-title-row">
        <h1 id="catalogue-title">{t('programmes.catalogue.title')}</h1>
        <nav className="actions" aria-label={t('programmes.catalogue.pages')}>
          {isMember && <a href={areaHref('programmes', ['operated'])}>{t('programmes.catalogue.operated')}</a>}
          {canCreate && (
            <a className="button primary" href={areaHref('programmes', ['new'])} data-testid="new-programme">
              {t('programmes.catalogue.new')}
            </a>
          )}
        </nav>
      </div>
      <p className="muted">{t('programmes.catalogue.intro')}</p>
      <CatalogueFilters key={JSON.stringify(params)} params={params} />
      <ul className="programme-list" data-testid="programme-catalogue" aria-label={t('programmes.catalogue.found')}>
        <Paged key={JSON.stringify(filter)} renderPage={(page) => <CataloguePageRows {...page} filter={filter} />} />
      </ul>
    </section>
  );
}

function CatalogueFilters({ params }: { params: CatalogueParams }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<CatalogueParams>(params);
  const [{ data: regions }] = useProgrammeRegionsQuery();
  const set = (key: keyof CatalogueParams) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate({ page: 'area', area: 'programmes', parts: [], params: catalogueParams(values) });
  }

  return (
    <Form className="card filters" role="search" aria-label={t('programmes.catalogue.filter')} onSubmit={submit}>
      <div className="filter-grid">
        <label>
          <span>{t('programmes.catalogue.name')}</span>
          <input type="search" value={values.name ?? ''} onChange={set('name')} data-testid="filter-name" />
        </label>
        <label>
          <span>{t('programmes.catalogue.kind')}</span>
          <select value={values.kind ?? ''} onChange={set('kind')} data-testid="filter-kind">
            <option value="">{t('programmes.catalogue.anyKind')}</option>
            {PROGRAMME_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('programmes.catalogue.region')}</span>
          <select value={values.region ?? ''} onChange={set('region')} data-testid="filter-region">
            <option value="">{t('programmes.catalogue.anyRegion')}</option>
            {(regions?.organisations.edges ?? []).map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('programmes.catalogue.level')}</span>
          <select value={values.level ?? ''} onChange={set('level')} data-testid="filter-level">
            <option value="">{t('programmes.catalogue.anyLevel')}</option>
            {GROWTH_LEVELS.map((l) => (
              <option key={l} value={l}>
                {levelLabel(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('programmes.catalogue.size')}</span>
          <select value={values.size ?? ''} onChange={set('size')} data-testid="filter-size">
            <option value="">{t('programmes.catalogue.anySize')}</option>
            {SIZE_CLASSES.map((s) => (
              <option key={s} value={s}>
                {sizeClassLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormActions submitLabel={t('programmes.catalogue.show')} submitTestId="filter-submit">
        <a href={areaHref('programmes')}>{t('programmes.catalogue.clear')}</a>
      </FormActions>
    </Form>
  );
}

function CataloguePageRows({ filter, ...page }: PageProps & { filter: ReturnType<typeof catalogueFilter> }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useProgrammeCatalogueQuery({ variables: { filter, first: PAGE_SIZE, after: page.after } });
  const connection = data?.programmeCatalogue;
  return (
    <>
      {connection?.edges.map(({ node }) => <ProgrammeItem key={node.id} programme={node} />)}
      <li className="list-footer">
        <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what={t('programmes.catalogue.what')} emptyText={t('programmes.catalogue.none')} />
      </li>
    </>
  );
}

/** Programmes the user's organisations operate, drafts and closed ones included. */
export function OperatedProgrammesPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="operated-title">
      <p>
        <a href={areaHref('programmes')}>{t('programmes.catalogue.back')}</a>
      </p>
      <h1 id="operated-title">{t('programmes.catalogue.operated')}</h1>
      <p className="muted">{t('programmes.operated.intro')}</p>
      <ul className="programme-list" data-testid="operated-programmes">
        <Paged renderPage={(page) => <OperatedPageRows {...page} />} />
      </ul>
    </section>
  );
}

function OperatedPageRows(page: PageProps) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useOperatedProgrammesQuery({ variables: { first: PAGE_SIZE, after: page.after } });
  const connection = data?.operatedProgrammes;
  return (
    <>
      {connection?.edges.map(({ node }) => <ProgrammeItem key={node.id} programme={node} />)}
      <li className="list-footer">
        <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what={t('programmes.catalogue.what')} emptyText={t('programmes.operated.none')} />
      </li>
    </>
  );
}

function ProgrammeItem({ programme: p }: { programme: ProgrammeListItemFragment }) {
  const { t } = useTranslation();
  return (
    <li className="card programme-item" data-testid="programme-item" data-programme-id={p.id}>
      <h2>
        <a href={areaHref('programmes', [p.id])}>{p.name}</a>
      </h2>
      <p className="muted">
        {kindLabel(p.kind)} · {p.operator.name} · {formatDate(p.startsOn)} – {formatDate(p.endsOn)} ·{' '}
        <span className={`state state-${shownProgrammeState(p).toLowerCase()}`}>{programmeStateLabel(p)}</span>
      </p>
      <p>{t('programmes.seatsFree', { free: p.availableSeats, count: p.capacity })}</p>
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
