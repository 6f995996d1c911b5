import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFirmsQuery, type FirmSearch } from '../generated/graphql';
import { navigate } from '../routing';
import { FirmPageRows, PAGE_SIZE, PagedFirmTable, type FirmPageProps } from '../ui/FirmTable';
import { firmSearchFromText } from '../ui/firmSearch';
import { Form } from '../ui/Form';

/** Firm search: by name prefix, or by CVR / organisationsnummer when the text is a number. */
export function FirmSearchPage({ query }: { query: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(query);
  const search = firmSearchFromText(query);

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate({ page: 'firms', query: text.trim() });
  }

  return (
    <section aria-labelledby="firm-search-title">
      <h1 id="firm-search-title">{t('firms.search.title')}</h1>
      <Form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="firm-search-text">{t('firms.search.label')}</label>
        <div className="search-row">
          <input
            id="firm-search-text"
            type="search"
            data-testid="firm-search-input"
            placeholder={t('firms.search.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="primary" data-testid="firm-search-submit">
            {t('firms.search.submit')}
          </button>
        </div>
        <p className="hint">
          {search?.identifier
            ? t('firms.search.byIdentifier', { identifier: search.identifier })
            : search?.namePrefix
              ? t('firms.search.byName', { prefix: search.namePrefix })
              : t('firms.search.hint')}
        </p>
      </Form>
      {search && (
        <PagedFirmTable
          key={JSON.stringify(search)}
          caption={t('firms.search.results')}
          renderPage={(page) => <FirmSearchResultsPage {...page} search={search} />}
        />
      )}
    </section>
  );
}

function FirmSearchResultsPage({ search, after, ...page }: FirmPageProps & { search: FirmSearch }) {
  const [{ data, fetching, error }] = useFirmsQuery({ variables: { search, first: PAGE_SIZE, after } });
  return <FirmPageRows {...page} connection={data?.firms} fetching={fetching} error={error} />;
}
