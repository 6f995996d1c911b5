import type { AgreementEditableFragment } from '../generated/graphql';
import { compareForms, formFromAgreement, type AgreementForm } from './form';
import { stateLabel } from './ui';

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
  const rows = compareForms(mine, theirs, (id) => names.get(id) ?? 'Unknown organisation');
  const differing = rows.filter((r) => r.differs).length;
  return (
    <section className="conflict" aria-labelledby="conflict-title" data-testid="conflict-view">
      <h1 id="conflict-title">Someone else saved this agreement while you were editing</h1>
      <p role="alert">
        Your changes were <strong>not saved</strong>. The agreement is now at save {current.version} (version {current.currentVersionNumber}, revision{' '}
        {current.currentVersion.revision}, {stateLabel(current.state)}). {differing} {differing === 1 ? 'field differs' : 'fields differ'} between your edit and
        the current version; they are marked below.
      </p>
      <div className="conflict-actions">
        <button type="button" className="primary" onClick={onReapply} data-testid="conflict-reapply">
          Re-apply my changes on top of the current version
        </button>
        <button type="button" onClick={onTakeTheirs} data-testid="conflict-take-theirs">
          Take theirs (discard my changes)
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Back to my edit
        </button>
      </div>
      <p className="hint">
        Re-applying keeps every field you changed and takes the current version for the rest; you then check the result and save it on top of save {current.version}.
      </p>
      <table className="firm-table conflict-table">
        <caption className="visually-hidden">Your unsaved edit and the current version, side by side</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Yours (unsaved)</th>
            <th scope="col">Current on the server (save {current.version})</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.differs ? 'differs' : undefined} data-testid="conflict-row" data-differs={r.differs}>
              <th scope="row">
                {r.label}
                {r.differs && <span className="visually-hidden"> (differs)</span>}
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
