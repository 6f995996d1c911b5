import { useId, useState, type FormEvent } from 'react';
import { firmSearchFromText, formatIdentifier } from '../firms/search';
import { useProgrammeFirmFinderQuery, type FirmSearch, type ProgrammeFirmFinderQuery } from '../generated/graphql';
import { humanize, sizeClassLabel } from '../ui/labels';
import { requestErrorMessage } from './userErrors';

export type FoundFirm = ProgrammeFirmFinderQuery['firms']['edges'][number]['node'];

/** Finds a firm by name prefix or CVR / organisationsnummer and hands the chosen one to `onSelect`. */
export function FirmFinder({ label = 'Find a firm', actionLabel = 'Select', onSelect }: { label?: string; actionLabel?: string; onSelect: (firm: FoundFirm) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState<FirmSearch | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSearch(firmSearchFromText(text));
  }

  return (
    <div className="firm-finder" data-testid="firm-finder">
      <form role="search" onSubmit={submit}>
        <label htmlFor={`${id}-text`}>{label}</label>
        <div className="search-row">
          <input
            id={`${id}-text`}
            type="search"
            placeholder="Firm name, CVR or organisationsnummer"
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="firm-finder-input"
          />
          <button type="submit" data-testid="firm-finder-submit">
            Search
          </button>
        </div>
      </form>
      {search && <FirmFinderResults search={search} actionLabel={actionLabel} onSelect={onSelect} />}
    </div>
  );
}

function FirmFinderResults({ search, actionLabel, onSelect }: { search: FirmSearch; actionLabel: string; onSelect: (firm: FoundFirm) => void }) {
  const [{ data, fetching, error }] = useProgrammeFirmFinderQuery({ variables: { search, first: 10 } });
  const edges = data?.firms.edges ?? [];
  return (
    <div aria-live="polite">
      {error && (
        <p className="error" role="alert">
          Search failed: {requestErrorMessage(error)}
        </p>
      )}
      {fetching && !data && <p className="muted">Searching…</p>}
      {data && edges.length === 0 && <p className="muted">No firms found.</p>}
      {edges.length > 0 && (
        <ul className="finder-results">
          {edges.map(({ node }) => (
            <li key={node.id} data-testid="firm-finder-result">
              <span>
                <strong>{node.name}</strong>{' '}
                <span className="muted">
                  · {formatIdentifier(node) ?? 'Prospect'}
                  {node.municipality ? ` · ${node.municipality.name}` : ''}
                  {node.growthPotentialLevel ? ` · ${humanize(node.growthPotentialLevel)} growth potential` : ''}
                  {node.sizeClass ? ` · ${sizeClassLabel(node.sizeClass)}` : ''}
                </span>
              </span>
              <button type="button" onClick={() => onSelect(node)} aria-label={`${actionLabel} ${node.name}`}>
                {actionLabel}
              </button>
            </li>
          ))}
        </ul>
      )}
      {data?.firms.pageInfo.hasNextPage && <p className="hint">More firms match: type more of the name, or the CVR.</p>}
    </div>
  );
}
