import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiOrganisationPickerQuery, type OrganisationKind } from '../generated/graphql';
import { enumLabel } from './labels';
import { describeError } from './userErrors';

export interface PickedOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** Search organisations by the start of their name and choose one (shared by the areas: desk, networks, clusters). */
export function OrganisationPicker({
  id,
  label,
  onChoose,
  exclude = [],
  kinds,
  describedBy,
  invalid,
}: {
  id: string;
  label: string;
  onChoose: (org: PickedOrganisation) => void;
  /** Organisations not to offer (e.g. your own). */
  exclude?: readonly string[];
  /** Only these kinds (e.g. MUNICIPALITY for a lead municipality). */
  kinds?: readonly OrganisationKind[];
  describedBy?: string;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [prefix, setPrefix] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setPrefix(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useUiOrganisationPickerQuery({ variables: { namePrefix: prefix, first: kinds ? 30 : 8 }, pause: prefix.length < 2 });
  const options = (data?.organisations.edges ?? [])
    .map((e) => e.node)
    .filter((o) => !exclude.includes(o.id) && (!kinds || kinds.includes(o.kind)))
    .slice(0, 8);
  const stale = prefix !== text.trim();
  return (
    <div className="desk-picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={t('ui.organisationPicker.placeholder')}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        data-testid={`${id}-input`}
      />
      {prefix.length >= 2 && !stale && (
        <ul className="desk-picker-options" aria-label={t('ui.organisationPicker.matches', { label })}>
          {error && (
            <li className="error" role="alert">
              {t('ui.organisationPicker.failed')} {describeError(error)}
            </li>
          )}
          {fetching && !data && <li className="muted">{t('ui.firmFinder.searching')}</li>}
          {data && options.length === 0 && <li className="muted">{t('ui.organisationPicker.none', { prefix })}</li>}
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
                {o.name} <span className="muted">({organisationKindLabel(o.kind)})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "GROWTH_HOUSE" -> "Erhvervshus" / "Growth house" / "Företagsstöd (erhvervshus)". */
export const organisationKindLabel = (kind: string | null | undefined) => enumLabel('ui.orgKind', kind);
