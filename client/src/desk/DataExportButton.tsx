import { describeError } from '../ui/userErrors';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskFirmDataExportQuery, type DeskFirmDataExportQuery, type MeQuery } from '../generated/graphql';
import { membershipsWhere } from '../ui/access';

/** The organisations the user administers (narrowed by the organisation switcher): who may export. */
export function administeredOrganisations(me: Pick<MeQuery['me'], 'memberships'>, actingFor: string | null) {
  return membershipsWhere(me, actingFor, 'administer').map((m) => ({ id: m.organisation.id, name: m.organisation.name }));
}

/** "data-access-export-12345678-erhvervshus-midtjylland-2025-03-12.json" */
export function exportFileName(data: DeskFirmDataExportQuery['firmDataExport']): string {
  const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const firm = data.firm.cvr ?? data.firm.organisationsnummer ?? data.firm.id;
  return `data-access-export-${firm}-${slug(data.organisation.name)}-${data.generatedAt.slice(0, 10)}.json`;
}

/** The export as a JSON document, without GraphQL's __typename markers (each entry's `kind` says what its details are). */
export function exportJson(data: DeskFirmDataExportQuery['firmDataExport']): string {
  return JSON.stringify(data, (key, value) => (key === '__typename' ? undefined : value), 2);
}

/**
 * For admins: fetch everything our organisation holds about the firm (firmDataExport) and offer it as a
 * JSON file. The server includes the sensitive fields and logs that as a reveal.
 */
export function DataExportButton({ firmId, organisations }: { firmId: string; organisations: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '');
  const [requested, setRequested] = useState(false);
  // Only on request, and always from the server: each export is a fresh (logged) read.
  const [{ data, fetching, error }, run] = useDeskFirmDataExportQuery({ variables: { firmId, organisationId: organisationId || null }, pause: true });
  const file = data?.firmDataExport;
  const url = useMemo(() => (file ? URL.createObjectURL(new Blob([exportJson(file)], { type: 'application/json' })) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (!organisations.length) return null;
  return (
    <div className="desk-export" data-testid="data-export">
      {organisations.length > 1 && (
        <label>
          {t('desk.export.for')}{' '}
          <select value={organisationId} onChange={(e) => {
              setOrganisationId(e.target.value);
              setRequested(false);
            }} data-testid="export-organisation">
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" onClick={() => {
          setRequested(true);
          run({ requestPolicy: 'network-only' });
        }} disabled={fetching} data-testid="export-button">
        {t('desk.export.button')}
      </button>
      {fetching && <span className="muted" role="status">{t('desk.export.preparing')}</span>}
      {error && (
        <span className="error" role="alert">
          {t('desk.export.failed', { reason: describeError(error) })}
        </span>
      )}
      {requested && file && url && !fetching && (
        <a href={url} download={exportFileName(file)} className="desk-export-link" data-testid="export-download">
          {t('desk.export.download', { file: exportFileName(file) })}
        </a>
      )}
      <span className="hint desk-rec-hint">{t('desk.export.hint')}</span>
    </div>
  );
}
