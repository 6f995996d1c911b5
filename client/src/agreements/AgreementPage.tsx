import { formatAmount, formatDate, formatDateTime } from '../ui/format';
import { ErrorAlert, FormErrors, confirmIrreversible } from '../ui/userErrors';
import { t } from '../ui/i18n';
import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useAgreementDetailsQuery,
  useAmendAgreementMutation,
  useConfirmAgreementParticipationMutation,
  useSignAgreementMutation,
  useTransitionAgreementMutation,
  type AgreementContentFragment,
  type AgreementDetailsQuery,
  type AgreementState,
  type MeQuery,
} from '../generated/graphql';
import { areaHref, navigate, organisationHref } from '../routing';
import { humanize } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { isEditable } from './AgreementEditor';
import { type FormError } from './form';
import { FollowUps } from './FollowUps';
import { KpiAttainment } from './KpiAttainment';
import { formatValue, kindLabel, metricLabel, Section, StateBadge, transitionLabel } from './ui';

export type AgreementDetails = NonNullable<AgreementDetailsQuery['serviceAgreement']>;

/** #/agreements/<id>: one agreement, its life cycle, signatures, versions, KPIs and follow-ups. */
export function AgreementPage({ id, params, me, actingFor = null }: { id: string; params: Record<string, string>; me: MeQuery['me']; actingFor?: string | null }) {
  const [{ data, fetching, error }] = useAgreementDetailsQuery({ variables: { id } });
  const a = data?.serviceAgreement;
  if (!a) {
    return (
      <section aria-labelledby="agreement-title">
        <p>
          <a href={areaHref('agreements')}>← Agreements</a>
        </p>
        <QueryStatus fetching={fetching} error={error} what="the agreement" />
        {data && (
          <>
            <h1 id="agreement-title">Agreement not found</h1>
            <p role="alert" data-testid="agreement-not-found">
              This agreement does not exist, or you are not a party to it.
            </p>
          </>
        )}
      </section>
    );
  }
  const orgName = (orgId: string) => a.parties.find((p) => p.organisation.id === orgId)?.organisation.name ?? 'Another organisation';
  return (
    <article className="agreement" aria-labelledby="agreement-title" data-testid="agreement-page" data-agreement-id={a.id} data-version={a.version}>
      <p>
        <a href={areaHref('agreements')}>← Agreements</a>
      </p>
      {/* Shown until the agreement changes again (the notice names the save it is about). */}
      {(params.saved === 'created' ? a.version === 1 : params.saved === String(a.version)) && (
        <p className="notice" role="status" data-testid="saved-notice">
          {params.saved === 'created' ? 'The draft was created.' : 'Your changes were saved.'}
        </p>
      )}
      <div className="card">
        <h1 id="agreement-title" data-testid="agreement-title">
          {a.title}
        </h1>
        <p className="muted">
          {kindLabel(a.kind)} · <StateBadge state={a.state} /> since {formatDate(a.stateChangedAt)}
        </p>
        <dl className="facts">
          <dt>Period</dt>
          <dd>
            {a.currentVersion.periodStart} – {a.currentVersion.periodEnd}
          </dd>
          <dt>Current version</dt>
          <dd data-testid="current-version">
            {a.currentVersionNumber} (revision {a.currentVersion.revision}){a.hasPendingAmendment && <strong> · amendment being prepared or signed</strong>}
          </dd>
          <dt>Version in force</dt>
          <dd data-testid="in-force-version">{a.inForceVersionNumber ?? 'None yet (not signed by every party)'}</dd>
          <dt>Created by</dt>
          <dd>
            <a href={organisationHref(a.createdByOrganisation.id)}>{a.createdByOrganisation.name}</a> on {formatDate(a.createdAt)}
          </dd>
          {a.terminationReason && (
            <>
              <dt>Termination reason</dt>
              <dd>{a.terminationReason}</dd>
            </>
          )}
        </dl>
      </div>

      <LifeCycle a={a} />
      <PartiesAndSignatures a={a} me={me} />

      <Section title={a.hasPendingAmendment ? `Amendment ${a.currentVersionNumber} (being prepared)` : `Content (version ${a.currentVersionNumber})`} id="content-title" testId="agreement-content">
        {a.currentVersion.amendmentReason && (
          <p>
            <strong>Reason for the amendment:</strong> {a.currentVersion.amendmentReason}
          </p>
        )}
        <ContentView v={a.currentVersion} orgName={orgName} />
      </Section>

      <Versions a={a} />
      <KpiAttainment agreement={a} />
      <FollowUps agreement={a} me={me} actingFor={actingFor} />
      <Transitions a={a} />
    </article>
  );
}

function LifeCycle({ a }: { a: AgreementDetails }) {
  const [{ fetching }, transition] = useTransitionAgreementMutation();
  const [{ fetching: amending }, amend] = useAmendAgreementMutation();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [requestError, setRequestError] = useState<CombinedError | null>(null);
  const [terminating, setTerminating] = useState(false);
  const [reason, setReason] = useState('');
  const [amendReason, setAmendReason] = useState('');
  const [amendOpen, setAmendOpen] = useState(false);

  async function move(to: AgreementState, why?: string) {
    setErrors([]);
    setRequestError(null);
    const r = await transition({ input: { agreementId: a.id, expectedVersion: a.version, to, reason: why || null } });
    const p = r.data?.transitionAgreement;
    if (r.error || !p) return setRequestError(r.error ?? null);
    if (p.userErrors.length) return setErrors(conflictAware(p.userErrors));
    setTerminating(false);
    setReason('');
  }

  async function startAmendment(event: FormEvent) {
    event.preventDefault();
    setErrors([]);
    setRequestError(null);
    const r = await amend({ input: { agreementId: a.id, expectedVersion: a.version, reason: amendReason } });
    const p = r.data?.amendAgreement;
    if (r.error || !p) return setRequestError(r.error ?? null);
    if (p.userErrors.length) return setErrors(conflictAware(p.userErrors));
    navigate({ page: 'area', area: 'agreements', parts: [a.id, 'edit'], params: {} });
  }

  const canAmend = a.canEdit && (a.state === 'SIGNED' || a.state === 'ACTIVE') && !a.hasPendingAmendment;
  // The server lists EXPIRED as a legal move of an ACTIVE agreement, but refuses it until the period is over.
  const periodEnd = a.inForceVersion?.periodEnd ?? a.currentVersion.periodEnd;
  const runsUntilEnd = periodEnd >= todayInDenmark();
  const moves = a.allowedTransitions.filter((to) => to !== 'TERMINATED' && !(to === 'EXPIRED' && runsUntilEnd));
  const editable = isEditable(a);
  return (
    <Section title="Life cycle" id="lifecycle-title" testId="lifecycle">
      <p>
        State: <StateBadge state={a.state} />
        {a.state === 'IN_NEGOTIATION' && ' — becomes Signed when every party has signed.'}
        {a.state === 'ACTIVE' && a.allowedTransitions.includes('EXPIRED') && runsUntilEnd && ` — runs until ${periodEnd}; it can be marked as expired after that.`}
      </p>
      <ErrorAlert error={requestError} />
      <FormErrors errors={errors} title="The agreement was not changed" testId="lifecycle-errors" />
      {!a.canEdit && <p className="hint">You can read this agreement; only editors and admins of its parties change it.</p>}
      <div className="button-row">
        {editable && (
          <a className="button" href={areaHref('agreements', [a.id, 'edit'])} data-testid="edit-agreement">
            {a.hasPendingAmendment ? `Edit amendment ${a.currentVersionNumber}` : 'Edit'}
          </a>
        )}
        {a.canEdit &&
          moves.map((to) => (
            <button key={to} type="button" disabled={fetching} onClick={() => move(to)} data-testid={`transition-${to}`}>
              {transitionLabel(a.state, to)}
            </button>
          ))}
        {a.canEdit && a.allowedTransitions.includes('TERMINATED') && !terminating && (
          <button type="button" className="danger" onClick={() => setTerminating(true)} data-testid="transition-TERMINATED">
            Terminate…
          </button>
        )}
        {canAmend && !amendOpen && (
          <button type="button" onClick={() => setAmendOpen(true)} data-testid="amend-agreement">
            Amend…
          </button>
        )}
      </div>
      {terminating && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void move('TERMINATED', reason);
          }}
        >
          <label htmlFor="terminate-reason">Why is the agreement terminated?</label>
          <textarea id="terminate-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="button-row">
            <button type="submit" className="danger" disabled={fetching} data-testid="confirm-terminate">
              Terminate the agreement
            </button>
            <button type="button" className="link-button" onClick={() => setTerminating(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {amendOpen && (
        <form className="inline-form" onSubmit={startAmendment}>
          <label htmlFor="amend-reason">Reason for the amendment</label>
          <textarea id="amend-reason" rows={2} value={amendReason} onChange={(e) => setAmendReason(e.target.value)} />
          <p className="hint">The amendment starts as a copy of the version in force; it comes into force when every party has signed it.</p>
          <div className="button-row">
            <button type="submit" className="primary" disabled={amending} data-testid="confirm-amend">
              Start amendment {a.currentVersionNumber + 1}
            </button>
            <button type="button" className="link-button" onClick={() => setAmendOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

/** Today's date where the agreements are kept (YYYY-MM-DD), as the server counts it. */
const todayInDenmark = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });

/** A VERSION_CONFLICT on a life-cycle action: someone changed the agreement; the page reloads it. */
function conflictAware(errors: FormError[]): FormError[] {
  return errors.map((e) =>
    e.code === 'VERSION_CONFLICT' ? { ...e, parameters: undefined, message: 'Someone else changed the agreement in the meantime; the page now shows the current state. Check it and try again.' } : e,
  );
}

function PartiesAndSignatures({ a, me }: { a: AgreementDetails; me: MeQuery['me'] }) {
  const [{ fetching }, sign] = useSignAgreementMutation();
  const [{ fetching: confirming }, confirmParticipation] = useConfirmAgreementParticipationMutation();
  // A party's editors and admins confirm its participation; until then (or its signature) its work does not count in the KPIs.
  const canConfirmFor = (orgId: string) => me.memberships.some((m) => m.organisation.id === orgId && (m.role === 'EDITOR' || m.role === 'ADMIN'));

  async function confirmFor(partyOrganisationId: string) {
    setErrors([]);
    setRequestError(null);
    const r = await confirmParticipation({ input: { agreementId: a.id, partyOrganisationId } });
    const p = r.data?.confirmAgreementParticipation;
    if (r.error || !p) return setRequestError(r.error ?? null);
    if (p.userErrors.length) setErrors(p.userErrors);
  }
  const [errors, setErrors] = useState<FormError[]>([]);
  const [requestError, setRequestError] = useState<CombinedError | null>(null);
  const signable = a.inForceVersionNumber == null ? a.state === 'IN_NEGOTIATION' : a.hasPendingAmendment && (a.state === 'SIGNED' || a.state === 'ACTIVE');
  const signatures = a.currentVersion.signatures;
  const unsigned = new Set(a.currentVersion.unsignedParties.map((o) => o.id));

  async function signFor(partyOrganisationId: string) {
    const party = a.parties.find((x) => x.organisation.id === partyOrganisationId)?.organisation.name ?? '';
    if (!confirmIrreversible(t('agreements.confirm.sign', { party }))) return;
    setErrors([]);
    setRequestError(null);
    const r = await sign({ input: { agreementId: a.id, expectedVersion: a.version, partyOrganisationId } });
    const p = r.data?.signAgreement;
    if (r.error || !p) return setRequestError(r.error ?? null);
    if (p.userErrors.length) setErrors(conflictAware(p.userErrors));
  }

  return (
    <Section title={`Parties and signatures (version ${a.currentVersionNumber}, revision ${a.currentVersion.revision})`} id="parties-title" testId="parties">
      <ErrorAlert error={requestError} />
      <FormErrors errors={errors} title="Not signed" testId="sign-errors" />
      <table className="firm-table">
        <caption className="visually-hidden">Parties, their roles and signatures</caption>
        <thead>
          <tr>
            <th scope="col">Party</th>
            <th scope="col">Role</th>
            <th scope="col">Signatures of this version</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {a.parties.map((p) => {
            const own = signatures.filter((s) => s.partyOrganisationId === p.organisation.id);
            const canSign = signable && unsigned.has(p.organisation.id) && a.signableParties.some((o) => o.id === p.organisation.id);
            return (
              <tr key={p.id} data-testid="party-row" data-party={p.organisation.name}>
                <th scope="row">
                  <a href={organisationHref(p.organisation.id)}>{p.organisation.name}</a>
                </th>
                <td>
                  {humanize(p.role)}
                  {!p.acceptedAt && (
                    <div className="muted" data-testid="party-not-accepted">
                      Has not accepted: its recorded work does not count in the KPIs yet.
                    </div>
                  )}
                </td>
                <td>
                  {own.length === 0 && <span className="muted">Not signed</span>}
                  <ul className="plain-list">
                    {own.map((s) => (
                      <li key={s.id} data-testid="signature" data-valid={s.valid}>
                        <span className={s.valid ? 'badge ok' : 'badge invalid'}>{s.valid ? 'Valid' : 'Invalid'}</span> revision {s.revision}, signed by{' '}
                        {s.signedBy?.displayName ?? 'an admin'} on {formatDateTime(s.signedAt)}
                        {!s.valid && <span className="muted"> (the text changed after signing)</span>}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {!p.acceptedAt && canConfirmFor(p.organisation.id) && (
                    <button type="button" disabled={confirming} onClick={() => confirmFor(p.organisation.id)} data-testid="confirm-participation">
                      Confirm participation of {p.organisation.name}
                    </button>
                  )}
                  {canSign && (
                    <button type="button" className="primary" disabled={fetching} onClick={() => signFor(p.organisation.id)} data-testid="sign-for">
                      Sign for {p.organisation.name}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {signable && a.currentVersion.unsignedParties.length > 0 && (
        <p className="hint" data-testid="unsigned-parties">
          Still to sign revision {a.currentVersion.revision}: {a.currentVersion.unsignedParties.map((o) => o.name).join(', ')}.
          {a.signableParties.length === 0 && ' Only an admin of a party can sign for it.'}
        </p>
      )}
    </Section>
  );
}

/** The content of one version (read-only). */
export function ContentView({ v, orgName }: { v: AgreementContentFragment; orgName: (id: string) => string }) {
  return (
    <div className="content-view">
      <dl className="facts">
        <dt>Title</dt>
        <dd>{v.title}</dd>
        <dt>Period</dt>
        <dd>
          {v.periodStart} – {v.periodEnd}
        </dd>
        <dt>Purpose</dt>
        <dd data-testid="content-purpose">{v.purpose ?? '—'}</dd>
        <dt>Target groups</dt>
        <dd data-testid="content-target-groups">{v.targetGroups.length ? v.targetGroups.join('; ') : '—'}</dd>
      </dl>
      <h3>Division of tasks</h3>
      {v.taskDivision.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <dl className="facts">
          {v.taskDivision.map((t) => (
            <div key={t.organisationId} className="contents">
              <dt>{orgName(t.organisationId)}</dt>
              <dd>{t.tasks}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>Economy</h3>
      {v.economy.length === 0 ? (
        <p className="muted">No amounts recorded.</p>
      ) : (
        <table className="firm-table compact">
          <caption className="visually-hidden">Amounts per party and year</caption>
          <thead>
            <tr>
              <th scope="col">Party</th>
              <th scope="col">Year</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {v.economy.map((l) => (
              <tr key={`${l.organisationId}:${l.year}`}>
                <td>{orgName(l.organisationId)}</td>
                <td>{l.year}</td>
                <td className="num">{formatAmount(l.amount, v.currency)}</td>
                <td>{l.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>KPIs</h3>
      {v.kpis.length === 0 ? (
        <p className="muted">No KPIs.</p>
      ) : (
        <table className="firm-table compact" data-testid="content-kpis">
          <caption className="visually-hidden">KPIs of this version</caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Target
              </th>
              <th scope="col">Period</th>
            </tr>
          </thead>
          <tbody>
            {v.kpis.map((k) => (
              <tr key={k.key}>
                <th scope="row">
                  {k.name}
                  {k.description && <div className="muted small">{k.description}</div>}
                </th>
                <td>{metricLabel(k.metric)}</td>
                <td className="num">{formatValue(k.target, k.unit)}</td>
                <td className="nowrap">
                  {k.periodStart} – {k.periodEnd}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Versions({ a }: { a: AgreementDetails }) {
  const numbers = a.versions.map((v) => v.number);
  const [from, setFrom] = useState(numbers.length > 1 ? numbers[numbers.length - 2] : numbers[0]);
  const [to, setTo] = useState(numbers[numbers.length - 1]);
  return (
    <Section title="Versions" id="versions-title" testId="versions">
      <ol className="version-list">
        {a.versions.map((v) => (
          <li key={v.id} data-testid="version-item">
            <strong>
              Version {v.number}
              {v.number === 1 ? ' (original)' : ' (amendment)'}
            </strong>
            {v.number === a.inForceVersionNumber && <span className="badge ok">In force</span>}
            {v.number === a.currentVersionNumber && v.number !== a.inForceVersionNumber && <span className="badge">Current</span>} — {v.title}
            <div className="muted small">
              Revision {v.revision} · created {formatDate(v.createdAt)} · {v.completedAt ? `signed by every party ${formatDate(v.completedAt)}` : 'not signed by every party'}
              {v.amendmentReason && ` · ${v.amendmentReason}`}
            </div>
          </li>
        ))}
      </ol>
      {numbers.length > 1 ? (
        <form
          className="filter-row"
          aria-label="Compare two versions"
          onSubmit={(e) => {
            e.preventDefault();
            navigate({ page: 'area', area: 'agreements', parts: [a.id, 'compare'], params: { from: String(from), to: String(to) } });
          }}
        >
          <label>
            <span>Compare version</span>
            <select data-testid="compare-from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {numbers.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>with version</span>
            <select data-testid="compare-to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {numbers.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" data-testid="compare-versions">
            Compare
          </button>
        </form>
      ) : (
        <p className="hint">There is one version; an amendment adds another that can be compared with it.</p>
      )}
    </Section>
  );
}

function Transitions({ a }: { a: AgreementDetails }) {
  return (
    <Section title="History" id="history-title" testId="transitions">
      <ol className="plain-list">
        {a.transitions.map((t) => (
          <li key={t.id} data-testid="transition-item">
            <time dateTime={t.at}>{formatDateTime(t.at)}</time>: {t.fromState ? `${humanize(t.fromState)} → ${humanize(t.toState)}` : `Created as ${humanize(t.toState)}`}
            {t.by && <span className="muted"> by {t.by.displayName}</span>}
            {t.reason && <span> — {t.reason}</span>}
          </li>
        ))}
      </ol>
    </Section>
  );
}
