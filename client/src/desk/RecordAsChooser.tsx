import { useTranslation } from 'react-i18next';
import type { RecordAs } from './recordAs';

/** "Recording as" line, with a choice when the user records for several organisations. */
export function RecordAsChooser({ recordAs }: { recordAs: RecordAs }) {
  const { t } = useTranslation();
  if (recordAs.options.length === 0) {
    return (
      <p className="notice" data-testid="cannot-record">
        {t('desk.recordAs.cannot')}
      </p>
    );
  }
  if (recordAs.options.length === 1) {
    return (
      <p className="muted desk-record-as">
        {t('desk.recordAs.label')} <strong>{recordAs.options[0].name}</strong>
      </p>
    );
  }
  return (
    <p className="desk-record-as">
      <label>
        {t('desk.recordAs.label')}{' '}
        <select value={recordAs.organisationId ?? ''} onChange={(e) => recordAs.choose(e.target.value)} data-testid="record-as">
          {recordAs.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}
