import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddOrganisationRelationshipMutation, useSearchOrganisationsQuery, type RelationshipKind } from '../generated/graphql';
import { fieldKey, FieldError, FormErrors, placeUserErrors } from '../ui/userErrors';
import { kindLabel, RELATIONSHIP_KINDS, relationshipKindLabel } from './labels';
import { useDebounced } from './useDebounced';
import { Form } from '../ui/Form';

const AREAS = ['organisations'];
const RELATIONSHIP = { additionalTypenames: ['OrganisationRelationship'] };
const SHOWN = ['kind', 'other'];

/**
 * An admin proposes an edge between their organisation and another, in either direction. It stays
 * PROPOSED (changing nothing) until the other side's admin confirms it; administering both sides makes
 * it ACTIVE at once.
 */
export function ProposeRelationshipForm({ organisation }: { organisation: { id: string; name: string } }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RelationshipKind>('COOPERATES_WITH');
  const [direction, setDirection] = useState<'outgoing' | 'incoming'>('outgoing');
  const [text, setText] = useState('');
  const [other, setOther] = useState<{ id: string; name: string } | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [{ data, error, fetching }, propose] = useAddOrganisationRelationshipMutation();
  const formId = 'propose-relationship';
  const errors = data?.addOrganisationRelationship.userErrors ?? [];
  // The server names the other organisation "toId" going out and "fromId" coming in: shown at the finder.
  const otherField = direction === 'outgoing' ? 'toId' : 'fromId';
  const mapped = errors.map((e) => (fieldKey(e) === otherField ? { ...e, field: ['input', 'other'] } : e));
  const placed = placeUserErrors(mapped, SHOWN, AREAS);
  const result = data?.addOrganisationRelationship.relationship;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!other) {
      setLocalError(t('organisations.propose.pickFirst'));
      return;
    }
    setLocalError(null);
    const [fromId, toId] = direction === 'outgoing' ? [organisation.id, other.id] : [other.id, organisation.id];
    const r = await propose({ input: { kind, fromId, toId } }, RELATIONSHIP);
    if (r.data?.addOrganisationRelationship.relationship) {
      setOther(null);
      setText('');
    }
  }

  return (
    <Form className="admin-form" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate data-testid="propose-relationship-form">
      <h3 id={`${formId}-title`}>{t('organisations.propose.title')}</h3>
      <p className="hint">{t('organisations.propose.hint')}</p>
      <FormErrors errors={mapped} shownKeys={SHOWN} error={error} areas={AREAS} testId="propose-errors" />
      <label htmlFor={`${formId}-kind`}>{t('organisations.propose.kind')}</label>
      <select id={`${formId}-kind`} data-testid="propose-kind" value={kind} onChange={(e) => setKind(e.target.value as RelationshipKind)} {...placed.props('kind', formId)}>
        {RELATIONSHIP_KINDS.map((k) => (
          <option key={k} value={k}>
            {relationshipKindLabel(k)}
          </option>
        ))}
      </select>
      <FieldError formId={formId} field="kind" messages={placed.at('kind')} />
      <fieldset>
        <legend>{t('organisations.propose.direction')}</legend>
        <label>
          <input type="radio" name={`${formId}-direction`} checked={direction === 'outgoing'} onChange={() => setDirection('outgoing')} data-testid="propose-outgoing" />{' '}
          {t('organisations.propose.outgoing', { name: organisation.name })}
        </label>
        <label>
          <input type="radio" name={`${formId}-direction`} checked={direction === 'incoming'} onChange={() => setDirection('incoming')} data-testid="propose-incoming" />{' '}
          {t('organisations.propose.incoming', { name: organisation.name })}
        </label>
      </fieldset>
      <label htmlFor={`${formId}-other`}>{t('organisations.propose.other')}</label>
      <input
        id={`${formId}-other`}
        type="search"
        placeholder={t('organisations.propose.search')}
        data-testid="propose-other-search"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOther(null);
        }}
        {...placed.props('other', formId)}
        aria-invalid={placed.invalid('other') ?? (localError ? true : undefined)}
      />
      <FieldError formId={formId} field="other" messages={[...placed.at('other'), ...(localError ? [localError] : [])]} />
      {other ? (
        <p data-testid="propose-picked">{t('organisations.propose.picked', { name: other.name })}</p>
      ) : (
        <OtherOrganisationChoices text={text} excludeId={organisation.id} onPick={setOther} />
      )}
      <button type="submit" className="primary" disabled={fetching} data-testid="propose-submit">
        {t('organisations.propose.submit')}
      </button>
      {result && (
        <p role="status" data-testid="propose-result">
          {result.state === 'ACTIVE' ? t('organisations.propose.active') : t('organisations.propose.proposed')}
        </p>
      )}
    </Form>
  );
}

function OtherOrganisationChoices({ text, excludeId, onPick }: { text: string; excludeId: string; onPick: (o: { id: string; name: string }) => void }) {
  const { t } = useTranslation();
  const namePrefix = useDebounced(text.trim(), 250);
  const [{ data, fetching }] = useSearchOrganisationsQuery({ variables: { namePrefix, first: 8 }, pause: !namePrefix });
  if (!namePrefix) return null;
  const nodes = (data?.organisations.edges ?? []).map((e) => e.node).filter((n) => n.id !== excludeId);
  return (
    <ul className="link-list" data-testid="propose-choices" aria-live="polite">
      {fetching && !data && <li className="muted">{t('organisations.browser.searching')}</li>}
      {data && nodes.length === 0 && <li className="muted">{t('organisations.browser.none', { prefix: namePrefix })}</li>}
      {nodes.map((n) => (
        <li key={n.id}>
          <button type="button" className="link-button" onClick={() => onPick({ id: n.id, name: n.name })} data-testid="propose-choice">
            {t('organisations.propose.pick')}: {n.name}
          </button>{' '}
          <span className="muted">· {kindLabel(n.kind)}</span>
        </li>
      ))}
    </ul>
  );
}
