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
import { QueryStatus } from '../ui/Status';
import { isEditable } from './AgreementEditor';
import { type FormError } from './form';
import { FollowUps } from './FollowUps';
import { KpiAttainment } from './KpiAttainment';
import { formatValue, kindLabel, metricLabel, roleLabel, Section, StateBadge, stateLabel, transitionLabel, transitionReason } from './ui';
import { DisclosureButton, Form, useDisclosure } from '../ui/Form';

export type AgreementDetails = NonNullable<AgreementDetailsQuery['serviceAgreement']>;

/** #/agreements/<id>: one agreement, its life cycle, signatures, versions, KPIs and follow-ups. */
export function AgreementPage({ id, params, me, actingFor = null }: { id: string; params: Record<string, string>; me: MeQuery['me']; actingFor?: string | null }) {
  const [{ data, fetching, error }] = useAgreementDetailsQuery({ variables: { id } });
  const a = data?.serviceAgreement;
  if (!a) {
    return (
      <section aria-labelledby="agreement-title">
        <p>
          <a href={areaHref('agreements')}>{t('agreements.page.back')}</a>
        </p>
        <QueryStatus fetching={fetching} error={error} what={t('agreements.page.what')} />
        {data && (
          <>
            <h1 id="agreement-title">{t('agreements.page.notFoundTitle')}</h1>
            <p role="alert" data-testid="agreement-not-found">
              {t('agreements.page.notFound')}
            </p>
          </>
        )}
      </section>
    );
  }
  const orgName = (orgId: string) => a.parties.find((p) => p.organisation.id === orgId)?.organisation.name ?? t('agreements.page.anotherOrganisation');
  return (
    <article className="agreement" aria-labelledby="agreement-title" data-testid="agreement-page" data-agreement-id={a.id} data-version={a.version}>
      <p>
        <a href={areaHref('agreements')}>{t('agreements.page.back')}</a>
      </p>
      {/* Shown until the agreement changes again (the notice names the save it is about). */}
      {(params.saved === 'created' ? a.version === 1 : params.saved === String(a.version)) && (
        <p className="notice" role="status" data-testid="saved-notice">
          {params.saved === 'created' ? t('agreements.page.created') : t('agreements.page.saved')}
        </p>
      )}
      <div className="card">
        <h1 id="agreement-title" data-testid="agreement-title">
          {a.title}
        </h1>
        <p className="muted">
          {kindLabel(a.kind)} · <StateBadge state={a.state} /> {t('agreements.page.since', { date: formatDate(a.stateChangedAt) })}
        </p>
        <dl className="facts">
          <dt>{t('agreements.page.period')}</dt>
          <dd>
            {formatDate(a.currentVersion.periodStart)} – {formatDate(a.currentVersion.periodEnd)}
          </dd>
          <dt>{t('agreements.page.currentVersion')}</dt>
          <dd data-testid="current-version">
            {t('agreements.page.versionRevision', { version: a.currentVersionNumber, revision: a.currentVersion.revision })}
            {a.hasPendingAmendment && <strong>{t('agreements.page.amendmentUnderway')}</strong>}
          </dd>
          <dt>{t('agreements.page.inForce')}</dt>
          <dd data-testid="in-force-version">{a.inForceVersionNumber ?? t('agreements.page.noneInForce')}</dd>
          <dt>{t('agreements.page.createdBy')}</dt>
          <dd>
            <a href={organisationHref(a.createdByOrganisation.id)}>{a.createdByOrganisation.name}</a> {t('agreements.page.createdOn', { date: formatDate(a.createdAt) })}
          </dd>
          {a.terminationReason && (
            <>
              <dt>{t('agreements.page.terminationReason')}</dt>
              <dd>{a.terminationReason}</dd>
            </>
          )}
        </dl>
      </div>

      <LifeCycle a={a} />
      <PartiesAndSignatures a={a} me={me} />

      <Section title={a.hasPendingAmendment ? t('agreements.page.amendmentTitle', { number: a.currentVersionNumber }) : t('agreements.page.contentTitle', { number: a.currentVersionNumber })} id="content-title" testId="agreement-content">
        {a.currentVersion.amendmentReason && (
          <p>
            <strong>{t('agreements.page.amendmentReason')}</strong> {a.currentVersion.amendmentReason}
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
  const amendDisclosure = useDisclosure();
  const { open: amendOpen, setOpen: setAmendOpen } = amendDisclosure;

  async function move(to: AgreementState, why?: string) {
    // Activating, expiring and terminating cannot be undone: ask first.
    const question = to === 'TERMINATED' ? t('agreements.confirm.terminate') : to === 'ACTIVE' || to === 'EXPIRED' ? t(`agreements.confirm.transition.${to}`) : null;
    if (question && !confirmIrreversible(question)) return;
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
    <Section title={t('agreements.lifecycle.title')} id="lifecycle-title" testId="lifecycle">
      <p>
        {t('agreements.lifecycle.state')} <StateBadge state={a.state} />
        {a.state === 'IN_NEGOTIATION' && t('agreements.lifecycle.becomesSigned')}
        {a.state === 'ACTIVE' && a.allowedTransitions.includes('EXPIRED') && runsUntilEnd && t('agreements.lifecycle.runsUntil', { date: formatDate(periodEnd) })}
      </p>
      <ErrorAlert error={requestError} />
      <FormErrors errors={errors} title={t('agreements.lifecycle.notChanged')} testId="lifecycle-errors" />
      {!a.canEdit && <p className="hint">{t('agreements.lifecycle.readOnly')}</p>}
      <div className="button-row">
        {editable && (
          <a className="button" href={areaHref('agreements', [a.id, 'edit'])} data-testid="edit-agreement">
            {a.hasPendingAmendment ? t('agreements.lifecycle.editAmendment', { number: a.currentVersionNumber }) : t('agreements.lifecycle.edit')}
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
            {t('agreements.lifecycle.terminate')}
          </button>
        )}
        {canAmend && !amendOpen && (
          <DisclosureButton disclosure={amendDisclosure} testId="amend-agreement">
            {t('agreements.lifecycle.amend')}
          </DisclosureButton>
        )}
      </div>
      {terminating && (
        <Form className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void move('TERMINATED', reason);
          }}
        >
          <label htmlFor="terminate-reason">{t('agreements.lifecycle.terminateReason')}</label>
          <textarea id="terminate-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="button-row">
            <button type="submit" className="danger" disabled={fetching} data-testid="confirm-terminate">
              {t('agreements.lifecycle.confirmTerminate')}
            </button>
            <button type="button" className="link-button" onClick={() => setTerminating(false)}>
              {t('agreements.lifecycle.cancel')}
            </button>
          </div>
        </Form>
      )}
      {amendOpen && (
        <Form className="inline-form" onSubmit={startAmendment}>
          <label htmlFor="amend-reason">{t('agreements.lifecycle.amendReason')}</label>
          <textarea id="amend-reason" rows={2} value={amendReason} onChange={(e) => setAmendReason(e.target.value)} />
          <p className="hint">{t('agreements.lifecycle.amendHint')}</p>
          <div className="button-row">
            <button type="submit" className="primary" disabled={amending} data-testid="confirm-amend">
              {t('agreements.lifecycle.startAmendment', { number: a.currentVersionNumber + 1 })}
            </button>
            <button type="button" className="link-button" onClick={() => setAmendOpen(false)}>
              {t('agreements.lifecycle.cancel')}
            </button>
          </div>
        </Form>
      )}
    </Section>
  );
}

/** Today's date where the agreements are kept (YYYY-MM-DD), as the server counts it. */
const todayInDenmark = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });

/** A VERSION_CONFLICT on a life-cycle action: someone changed the agreement; the page reloads it. */
function conflictAware(errors: FormError[]): FormError[] {
  return errors.map((e) =>
    e.code === 'VERSION_CONFLICT' ? { ...e, parameters: undefined, message: t('agreements.conflict.changed') } : e,
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
    <Section title={t('agreements.parties.title', { version: a.currentVersionNumber, revision: a.currentVersion.revision })} id="parties-title" testId="parties">
      <ErrorAlert error={requestError} />
      <FormErrors errors={errors} title={t('agreements.parties.notSigned')} testId="sign-errors" />
      <table className="firm-table">
        <caption className="visually-hidden">{t('agreements.parties.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreements.parties.party')}</th>
            <th scope="col">{t('agreements.parties.role')}</th>
            <th scope="col">{t('agreements.parties.signatures')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('agreements.parties.actions')}</span>
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
                  {roleLabel(p.role)}
                  {!p.acceptedAt && (
                    <div className="muted" data-testid="party-not-accepted">
                      {t('agreements.parties.notAccepted')}
                    </div>
                  )}
                </td>
                <td>
                  {own.length === 0 && <span className="muted">{t('agreements.parties.notSigned')}</span>}
                  <ul className="plain-list">
                    {own.map((s) => (
                      <li key={s.id} data-testid="signature" data-valid={s.valid}>
                        <span className={s.valid ? 'badge ok' : 'badge invalid'}>{s.valid ? t('agreements.parties.valid') : t('agreements.parties.invalid')}</span>{' '}
                        {t('agreements.parties.signedBy', { revision: s.revision, name: s.signedBy?.displayName ?? t('agreements.parties.anAdmin'), date: formatDateTime(s.signedAt) })}
                        {!s.valid && <span className="muted">{t('agreements.parties.textChanged')}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {!p.acceptedAt && canConfirmFor(p.organisation.id) && (
                    <button type="button" disabled={confirming} onClick={() => confirmFor(p.organisation.id)} data-testid="confirm-participation">
                      {t('agreements.parties.confirmParticipation', { party: p.organisation.name })}
                    </button>
                  )}
                  {canSign && (
                    <button type="button" className="primary" disabled={fetching} onClick={() => signFor(p.organisation.id)} data-testid="sign-for">
                      {t('agreements.parties.signFor', { party: p.organisation.name })}
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
          {t('agreements.parties.stillToSign', { revision: a.currentVersion.revision, parties: a.currentVersion.unsignedParties.map((o) => o.name).join(', ') })}
          {a.signableParties.length === 0 && t('agreements.parties.onlyAdmin')}
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
        <dt>{t('agreements.content.title')}</dt>
        <dd>{v.title}</dd>
        <dt>{t('agreements.content.period')}</dt>
        <dd>
          {formatDate(v.periodStart)} – {formatDate(v.periodEnd)}
        </dd>
        <dt>{t('agreements.content.purpose')}</dt>
        <dd data-testid="content-purpose">{v.purpose ?? '—'}</dd>
        <dt>{t('agreements.content.targetGroups')}</dt>
        <dd data-testid="content-target-groups">{v.targetGroups.length ? v.targetGroups.join('; ') : '—'}</dd>
      </dl>
      <h3>{t('agreements.content.tasks')}</h3>
      {v.taskDivision.length === 0 ? (
        <p className="muted">{t('agreements.content.noTasks')}</p>
      ) : (
        <dl className="facts">
          {v.taskDivision.map((task) => (
            <div key={task.organisationId} className="contents">
              <dt>{orgName(task.organisationId)}</dt>
              <dd>{task.tasks}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>{t('agreements.content.economy')}</h3>
      {v.economy.length === 0 ? (
        <p className="muted">{t('agreements.content.noAmounts')}</p>
      ) : (
        <table className="firm-table compact">
          <caption className="visually-hidden">{t('agreements.content.amountsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agreements.content.party')}</th>
              <th scope="col">{t('agreements.content.year')}</th>
              <th scope="col" className="num">
                {t('agreements.content.amount')}
              </th>
              <th scope="col">{t('agreements.content.note')}</th>
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
      <h3>{t('agreements.content.kpis')}</h3>
      {v.kpis.length === 0 ? (
        <p className="muted">{t('agreements.content.noKpis')}</p>
      ) : (
        <table className="firm-table compact" data-testid="content-kpis">
          <caption className="visually-hidden">{t('agreements.content.kpisCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agreements.content.kpi')}</th>
              <th scope="col">{t('agreements.content.metric')}</th>
              <th scope="col" className="num">
                {t('agreements.content.target')}
              </th>
              <th scope="col">{t('agreements.content.period')}</th>
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
                  {formatDate(k.periodStart)} – {formatDate(k.periodEnd)}
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
    <Section title={t('agreements.versions.title')} id="versions-title" testId="versions">
      <ol className="version-list">
        {a.versions.map((v) => (
          <li key={v.id} data-testid="version-item">
            <strong>
              {t('agreements.versions.version', { number: v.number })}
              {v.number === 1 ? t('agreements.versions.original') : t('agreements.versions.amendment')}
            </strong>
            {v.number === a.inForceVersionNumber && <span className="badge ok">{t('agreements.versions.inForce')}</span>}
            {v.number === a.currentVersionNumber && v.number !== a.inForceVersionNumber && <span className="badge">{t('agreements.versions.current')}</span>} — {v.title}
            <div className="muted small">
              {t('agreements.versions.details', { revision: v.revision, date: formatDate(v.createdAt) })} ·{' '}
              {v.completedAt ? t('agreements.versions.completed', { date: formatDate(v.completedAt) }) : t('agreements.versions.notCompleted')}
              {v.amendmentReason && ` · ${v.amendmentReason}`}
            </div>
          </li>
        ))}
      </ol>
      {numbers.length > 1 ? (
        <Form layout="inline" className="filter-row"
          aria-label={t('agreements.versions.compareForm')}
          onSubmit={(e) => {
            e.preventDefault();
            navigate({ page: 'area', area: 'agreements', parts: [a.id, 'compare'], params: { from: String(from), to: String(to) } });
          }}
        >
          <label>
            <span>{t('agreements.versions.compareVersion')}</span>
            <select data-testid="compare-from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {numbers.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('agreements.versions.withVersion')}</span>
            <select data-testid="compare-to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {numbers.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" data-testid="compare-versions">
            {t('agreements.versions.compare')}
          </button>
        </Form>
      ) : (
        <p className="hint">{t('agreements.versions.onlyOne')}</p>
      )}
    </Section>
  );
}

function Transitions({ a }: { a: AgreementDetails }) {
  return (
    <Section title={t('agreements.history.title')} id="history-title" testId="transitions">
      <ol className="plain-list">
        {a.transitions.map((tr) => (
          <li key={tr.id} data-testid="transition-item">
            <time dateTime={tr.at}>{formatDateTime(tr.at)}</time>:{' '}
            {tr.fromState ? `${stateLabel(tr.fromState)} → ${stateLabel(tr.toState)}` : t('agreements.history.createdAs', { state: stateLabel(tr.toState) })}
            {tr.by && <span className="muted">{t('agreements.history.by', { name: tr.by.displayName })}</span>}
            {tr.reason && <span> — {transitionReason(tr.reason)}</span>}
          </li>
        ))}
      </ol>
    </Section>
  );
}
