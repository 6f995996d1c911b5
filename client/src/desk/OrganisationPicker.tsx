import { describeError } from '../ui/userErrors';
import { useEffect, useState } from 'react';
import { useDeskOrganisationsQuery, type DeskOrganisationRefFragment } from '../generated/graphql';
import { humanize } from '../ui/labels';

/** Search organisations by the start of their name and choose one. */
export function OrganisationPicker({
  id,
  label,
  onChoose,
  exclude = [],
  describedBy,
  invalid,
}: {
  id: string;
  label: string;
  onChoose: (org: DeskOrganisationRefFragment) => void;
  /** Organisations not to offer (e.g. your own). */
  exclude?: readonly string[];
  describedBy?: string;
  invalid?: boolean;
}) {
  const [text, setText] = useState('');
  const [prefix, setPrefix] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setPrefix(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);
  const [{ data, fetching, error }] = useDeskOrganisationsQuery({ variables: { namePrefix: prefix, first: 8 }, pause: prefix.length < 2 });
  const options = (data?.organisations.edges ?? []).map((e) => e.node).filter((o) => !exclude.includes(o.id));
  const stale = prefix !== text.trim();
  return (
    <div className="desk-picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Type the start of the name"
        onChange={(e) => setText(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        data-testid={`${id}-input`}
      />
      {prefix.length >= 2 && !stale && (
        <ul className="desk-picker-options" aria-label={`${label}: matches`}>
          {error && (
            <li className="error" role="alert">
              Could not search: {describeError(error)}
            </li>
          )}
          {fetching && !data && <li className="muted">Searching…</li>}
          {data && options.length === 0 && <li className="muted">No organisation starts with “{prefix}”.</li>}
          {options.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                onClick={() => {
                  onChoose(o);
                  setText('');
                  setPrefix('');
                }}
                data-testid="organisation-option"
              >
                {o.name} <span className="muted">({humanize(o.kind)})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
