import type { AgreementEditableFragment } from '../generated/graphql';
import { compareForms, formFromAgreement, type AgreementForm } from './form';
import { stateLabel } from './ui';
import { t } from '../ui/i18n';

/**
 * Shown when a save was refused with VERSION_CONFLICT: your unsaved edit next to the version now on
 * the server (the payload's `current`), and the two ways out.
 */
export function ConflictView({
  mine,
  current,
  onTakeTheirs,
  onReapply,
  onCancel,
}: {
  mine: AgreementForm;
  current: AgreementEditableFragment;
  onTakeTheirs: () => void;
  onReapply: () => void;
  onCancel: () => void;
}) {
  const theirs = formFromAgreement(current);
  const names = new Map([...mine.parties, ...theirs.parties].map((p) => [p.organisationId, p.name]));
  const rows = compareForms(mine, theirs, (id) => names.get(id) ?? t('agreements.conflict.unknownOrganisation'));
  const differing = rows.filter((r) => r.differs).length;
  return (
    <section className="conflict" aria-labelledby="conflict-title" data-testid="conflict-view">
      <h1 id="conflict-title">{t('agreements.conflict.title')}</h1>
      <p role="alert">
        {t('agreements.conflict.notSaved', { save: current.version, version: current.currentVersionNumber, revision: current.currentVersion.revision, state: stateLabel(current.state) })}{' '}
        {t('agreements.conflict.differ', { count: differing })}
      </p>
      <div className="conflict-actions">
        <button type="button" className="primary" onClick={onReapply} data-testid="conflict-reapply">
          {t('agreements.conflict.reapply')}
        </button>
        <button type="button" onClick={onTakeTheirs} data-testid="conflict-take-theirs">
          {t('agreements.conflict.takeTheirs')}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('agreements.conflict.back')}
        </button>
      </div>
      <p className="hint">
        {t('agreements.conflict.hint', { save: current.version })}
      </p>
      <table className="firm-table conflict-table">
        <caption className="visually-hidden">{t('agreements.conflict.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreements.conflict.field')}</th>
            <th scope="col">{t('agreements.conflict.yours')}</th>
            <th scope="col">{t('agreements.conflict.theirs', { save: current.version })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.differs ? 'differs' : undefined} data-testid="conflict-row" data-differs={r.differs}>
              <th scope="row">
                {r.label}
                {r.differs && <span className="visually-hidden">{t('agreements.conflict.differs')}</span>}
              </th>
              <td data-testid="conflict-mine">{r.mine || '—'}</td>
              <td data-testid="conflict-theirs">{r.theirs || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
