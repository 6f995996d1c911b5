import { useState, type FormEvent } from 'react';
import { useFirmsQuery, type FirmSearch } from '../generated/graphql';
import { formatIdentifier, firmSearchFromText } from '../firms/search';
import { areaHref, navigate } from '../routing';
import { PageFooter, PagedPages, type PageProps } from './ui';

const PAGE = 10;

export const deskFirmHref = (firmId: string) => areaHref('desk', ['firm', firmId]);

/** The desk's firm finder: name prefix, CVR or organisationsnummer; each result opens the firm's journey. */
export function FirmFinder({ query }: { query: string }) {
  const [text, setText] = useState(query);
  const search = firmSearchFromText(query);
  function submit(event: FormEvent) {
    event.preventDefault();
    const q = text.trim();
    navigate({ page: 'area', area: 'desk', parts: [], params: q ? { q } : {} });
  }
  return (
    <section className="card" aria-labelledby="desk-finder-title">
      <h2 id="desk-finder-title">Find a firm</h2>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="desk-firm-search">Firm name, CVR or organisationsnummer</label>
        <div className="search-row">
          <input id="desk-firm-search" type="search" value={text} onChange={(e) => setText(e.target.value)} data-testid="desk-firm-search" />
          <button type="submit" className="primary" data-testid="desk-firm-search-submit">
            Find
          </button>
        </div>
      </form>
      {search && (
        <ul className="link-list desk-list" data-testid="desk-firm-results" aria-label="Firms found">
          <PagedPages key={JSON.stringify(search)} renderPage={(p) => <FinderPage {...p} search={search} />} />
        </ul>
      )}
    </section>
  );
}

function FinderPage({ search, after, ...page }: PageProps & { search: FirmSearch }) {
  const [{ data, fetching, error }] = useFirmsQuery({ variables: { search, first: PAGE, after } });
  const edges = data?.firms.edges ?? [];
  return (
    <>
      {edges.map(({ node }) => (
        <li key={node.id} data-testid="desk-firm-result">
          <a href={deskFirmHref(node.id)}>{node.name}</a>{' '}
          <span className="muted">
            {formatIdentifier(node) ?? 'Prospect'}
            {node.municipality ? ` · ${node.municipality.name}` : ''}
          </span>
        </li>
      ))}
      <li className="desk-list-footer">
        <PageFooter
          {...page}
          loaded={!!data}
          fetching={fetching}
          error={error}
          empty={edges.length === 0}
          emptyText="No firms found."
          pageInfo={data?.firms.pageInfo}
          what="firms"
        />
      </li>
    </>
  );
}
