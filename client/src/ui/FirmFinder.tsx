import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFirmFinderQuery, type FirmFinderQuery, type FirmSearch } from '../generated/graphql';
import { firmSearchFromText, formatIdentifier } from './firmSearch';
import { levelLabel, sizeClassLabel } from './labels';
import { PageFooter, Paged, type PageProps } from './paging';
import { describeError } from './userErrors';
import { Form } from './Form';

export type FoundFirm = FirmFinderQuery['firms']['edges'][number]['node'];

const PAGE = 10;

/**
 * The kit's one firm finder: name prefix, CVR or organisationsnummer. Two uses:
 *  - picking a firm for a form: give `onSelect` (each result gets an `actionLabel` button);
 *  - going to a firm: give `hrefFor` (each result is a link, pages load with "Load more"); with
 *    `query` + `onSearch` the search text lives in the URL.
 */
export function FirmFinder({
  label,
  actionLabel,
  onSelect,
  hrefFor,
  query,
  onSearch,
  headingLevel,
}: {
  label?: string;
  actionLabel?: string;
  onSelect?: (firm: FoundFirm) => void;
  hrefFor?: (firmId: string) => string;
  /** The search text held outside (e.g. in the URL); the finder then searches for it. */
  query?: string;
  onSearch?: (text: string) => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(query ?? '');
  const [ownSearch, setOwnSearch] = useState<FirmSearch | null>(null);
  const search = query !== undefined ? firmSearchFromText(query) : ownSearch;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (onSearch) onSearch(text.trim());
    else setOwnSearch(firmSearchFromText(text));
  }
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const labelText = label ?? t('ui.firmFinder.label');
  return (
    <div className="firm-finder" data-testid="firm-finder">
      {headingLevel && <Heading id={`${id}-heading`}>{labelText}</Heading>}
      <Form role="search" onSubmit={submit} aria-labelledby={headingLevel ? `${id}-heading` : undefined}>
        <label htmlFor={`${id}-text`}>{headingLevel ? t('ui.firmFinder.placeholder') : labelText}</label>
        <div className="search-row">
          <input
            id={`${id}-text`}
            type="search"
            placeholder={headingLevel ? undefined : t('ui.firmFinder.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="firm-finder-input"
          />
          <button type="submit" className={hrefFor ? 'primary' : undefined} data-testid="firm-finder-submit">
            {t('ui.firmFinder.search')}
          </button>
        </div>
      </Form>
      {search && (
        <ul className="link-list finder-results" data-testid="firm-finder-results" aria-label={t('ui.firmFinder.results')} aria-live="polite">
          {hrefFor ? (
            <Paged key={JSON.stringify(search)} renderPage={(p) => <ResultPage {...p} search={search} hrefFor={hrefFor} paged />} />
          ) : (
            <ResultPage key={JSON.stringify(search)} after={null} isFirst isLast onLoadMore={() => undefined} search={search} onSelect={onSelect} actionLabel={actionLabel ?? t('ui.firmFinder.select')} />
          )}
        </ul>
      )}
    </div>
  );
}

function ResultPage({
  search,
  after,
  hrefFor,
  onSelect,
  actionLabel,
  paged,
  ...page
}: PageProps & { search: FirmSearch; hrefFor?: (id: string) => string; onSelect?: (firm: FoundFirm) => void; actionLabel?: string; paged?: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useFirmFinderQuery({ variables: { search, first: PAGE, after } });
  const edges = data?.firms.edges ?? [];
  return (
    <>
      {edges.map(({ node }) => (
        <li key={node.id} data-testid="firm-finder-result">
          <span>
            {hrefFor ? <a href={hrefFor(node.id)}>{node.name}</a> : <strong>{node.name}</strong>}{' '}
            <span className="muted">
              · {formatIdentifier(node) ?? t('ui.firm.prospect')}
              {node.municipality ? ` · ${node.municipality.name}` : ''}
              {node.growthPotentialLevel ? ` · ${t('ui.firm.growthPotential', { level: levelLabel(node.growthPotentialLevel) })}` : ''}
              {node.sizeClass ? ` · ${sizeClassLabel(node.sizeClass)}` : ''}
            </span>
          </span>
          {onSelect && (
            <button type="button" onClick={() => onSelect(node)} aria-label={`${actionLabel} ${node.name}`}>
              {actionLabel}
            </button>
          )}
        </li>
      ))}
      {paged ? (
        <li className="list-footer">
          <PageFooter
            {...page}
            inline
            fetching={fetching}
            error={error}
            count={data ? edges.length : null}
            emptyText={t('ui.firmFinder.none')}
            pageInfo={data?.firms.pageInfo}
            what={t('ui.firmFinder.what')}
          />
        </li>
      ) : (
        <>
          {error && (
            <li className="error" role="alert">
              {t('ui.firmFinder.failed')} {describeError(error)}
            </li>
          )}
          {fetching && !data && <li className="muted">{t('ui.firmFinder.searching')}</li>}
          {data && edges.length === 0 && <li className="muted">{t('ui.firmFinder.none')}</li>}
          {data?.firms.pageInfo.hasNextPage && <li className="hint">{t('ui.firmFinder.more')}</li>}
        </>
      )}
    </>
  );
}
