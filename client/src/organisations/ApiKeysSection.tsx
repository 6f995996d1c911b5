import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateApiKeyMutation, useOrganisationApiKeysQuery, useRevokeApiKeyMutation } from '../generated/graphql';
import { formatDate, formatDateTime } from '../ui/format';
import { PAGE_SIZE, PageFooter, Paged, type PageProps } from '../ui/paging';
import { confirmIrreversible, FieldError, FormErrors, placeUserErrors, wordUserError } from '../ui/userErrors';
import { Form } from '../ui/Form';

const AREAS = ['organisations'];
const API_KEY = { additionalTypenames: ['ApiKey'] };
const API_KEY_LIST = API_KEY; // a stable object: urql re-runs a query whose context changes

/**
 * The organisation's read-only API keys, for its admins: create one (the key itself is shown once, with
 * a copy button - only its hash is stored), see when each was last used, revoke one after a confirmation.
 */
export function ApiKeysSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const [revokeState, revoke] = useRevokeApiKeyMutation();
  const [notice, setNotice] = useState<string | null>(null);

  async function onRevoke(keyId: string, name: string) {
    setNotice(null);
    if (!confirmIrreversible(t('organisations.keys.revokeConfirm', { name }))) return;
    const r = await revoke({ input: { id: keyId } }, API_KEY);
    if (r.data && r.data.revokeApiKey.userErrors.length === 0) setNotice(t('organisations.keys.revoked', { name }));
  }

  const revokeErrors = (revokeState.data?.revokeApiKey.userErrors ?? []).map((e) => wordUserError(e, AREAS));
  return (
    <section className="card" aria-labelledby="api-keys-title" data-testid="api-keys">
      <h2 id="api-keys-title">{t('organisations.keys.title')}</h2>
      <p className="hint">{t('organisations.keys.hint')}</p>
      <table className="firm-table admin-table" data-testid="api-keys-table">
        <thead>
          <tr>
            <th scope="col">{t('organisations.keys.name')}</th>
            <th scope="col">{t('organisations.keys.prefix')}</th>
            <th scope="col">{t('organisations.keys.created')}</th>
            <th scope="col">
              {t('organisations.keys.lastUsed')} <span className="muted">({t('organisations.keys.lastUsedHint')})</span>
            </th>
            <th scope="col">{t('organisations.keys.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('organisations.keys.revoke')}</span>
            </th>
          </tr>
        </thead>
        <Paged renderPage={(page) => <ApiKeyPage {...page} id={id} busy={revokeState.fetching} onRevoke={onRevoke} />} />
      </table>
      <FormErrors messages={revokeErrors} error={revokeState.error} testId="api-key-errors" />
      {notice && (
        <p role="status" data-testid="api-key-notice">
          {notice}
        </p>
      )}
      <CreateApiKeyForm organisationId={id} />
    </section>
  );
}

function ApiKeyPage({ id, after, busy, onRevoke, ...page }: PageProps & { id: string; busy: boolean; onRevoke: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  // The first key of an organisation arrives in an empty list, which names no ApiKey: say it is one.
  const [{ data, fetching, error }] = useOrganisationApiKeysQuery({ variables: { id, first: PAGE_SIZE, after }, context: API_KEY_LIST });
  const connection = data?.organisation?.apiKeys;
  const edges = connection?.edges ?? [];
  const footer = PageFooter({ page, fetching, error, count: connection ? edges.length : null, pageInfo: connection?.pageInfo, what: t('organisations.keys.what'), emptyText: t('organisations.keys.none'), inline: true });
  return (
    <tbody>
      {edges.map(({ node: k }) => (
        <tr key={k.id} data-testid="api-key-row" data-key-name={k.name}>
          <td>{k.name}</td>
          <td className="mono">{k.prefix}…</td>
          <td>{formatDate(k.createdAt)}</td>
          <td data-testid="api-key-last-used">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('organisations.keys.never')}</td>
          <td data-testid="api-key-state">{k.revokedAt ? t('organisations.keys.revokedOn', { date: formatDate(k.revokedAt) }) : t('organisations.keys.active')}</td>
          <td>
            {!k.revokedAt && (
              <button type="button" disabled={busy} data-testid="api-key-revoke" aria-label={t('organisations.keys.revokeNamed', { name: k.name })} onClick={() => onRevoke(k.id, k.name)}>
                {t('organisations.keys.revoke')}
              </button>
            )}
          </td>
        </tr>
      ))}
      {footer && (
        <tr>
          <td colSpan={6}>{footer}</td>
        </tr>
      )}
    </tbody>
  );
}

function CreateApiKeyForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [{ data, error, fetching }, create] = useCreateApiKeyMutation();
  const formId = 'create-api-key';
  const errors = data?.createApiKey.userErrors ?? [];
  const placed = placeUserErrors(errors, ['name'], AREAS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const r = await create({ input: { organisationId, name: name.trim() } }, API_KEY);
    const payload = r.data?.createApiKey;
    if (payload?.secret && payload.apiKey && payload.userErrors.length === 0) {
      setCreated({ name: payload.apiKey.name, secret: payload.secret });
      setCopied(null);
      setName('');
    }
  }

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  if (created) {
    // Shown once: kept only in this component's state, gone when dismissed or the page is left.
    return (
      <div className="notice secret" role="status" data-testid="api-key-secret-box">
        <h3>{t('organisations.keys.secretTitle', { name: created.name })}</h3>
        <p>
          <strong>{t('organisations.keys.secretOnce')}</strong>
        </p>
        <p>
          <code className="mono" data-testid="api-key-secret">
            {created.secret}
          </code>{' '}
          <button type="button" onClick={() => void copy(created.secret)} data-testid="api-key-copy">
            {t('organisations.keys.copy')}
          </button>{' '}
          {copied === 'yes' && <span data-testid="api-key-copied">{t('organisations.keys.copied')}</span>}
          {copied === 'failed' && <span role="alert">{t('organisations.keys.copyFailed')}</span>}
        </p>
        <p className="hint">
          {t('organisations.keys.secretUsage')} <code className="mono">Authorization: ApiKey &lt;…&gt;</code>
        </p>
        <button type="button" onClick={() => setCreated(null)} data-testid="api-key-done">
          {t('organisations.keys.done')}
        </button>
      </div>
    );
  }

  return (
    <Form className="admin-form" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate data-testid="create-api-key-form">
      <h3 id={`${formId}-title`}>{t('organisations.keys.createTitle')}</h3>
      <FormErrors errors={errors} shownKeys={['name']} error={error} areas={AREAS} testId="create-api-key-errors" />
      <label htmlFor={`${formId}-name`}>{t('organisations.keys.purpose')}</label>
      <input
        id={`${formId}-name`}
        data-testid="create-api-key-name"
        placeholder={t('organisations.keys.purposePlaceholder')}
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...placed.props('name', formId)}
      />
      <FieldError formId={formId} field="name" messages={placed.at('name')} />
      <button type="submit" className="primary" disabled={fetching || !name.trim()} data-testid="create-api-key-submit">
        {t('organisations.keys.create')}
      </button>
    </Form>
  );
}
