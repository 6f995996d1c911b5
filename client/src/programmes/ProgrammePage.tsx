import { useTranslation } from 'react-i18next';
import { formatAmount, formatDate, formatDateTime, formatNumber, formatPercent } from '../ui/format';
import { sharesTotal } from '../ui/shares';
import { FormErrors, confirmIrreversible, describeError, wordUserError } from '../ui/userErrors';
import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState } from 'react';
import {
  useChangeEnrolmentStateMutation,
  useChangeProgrammeStateMutation,
  useEnrolFirmMutation,
  useProgrammeDetailsQuery,
  useProgrammeEligibilityCheckQuery,
  useProgrammeEnrolmentsQuery,
  type EnrolFirmMutation,
  type EnrolmentState,
  type ProgrammeDetailsQuery,
  type ProgrammeEnrolmentsQuery,
  type ProgrammeState,
} from '../generated/graphql';
import { formatIdentifier } from '../ui/firmSearch';
import { areaHref, firmHref, organisationHref } from '../routing';
import { QueryStatus } from '../ui/Status';
import { FirmFinder, type FoundFirm } from '../ui/FirmFinder';
import { criterionLabel, eligibilityRows, enrolmentStateLabel, kindLabel, programmeStateLabel, shownProgrammeState } from './format';

type Programme = NonNullable<ProgrammeDetailsQuery['programme']>;

export interface ProgrammeAccess {
  /** May enrol firms and record completion / drop-out (CONSULTANT or more in the operator, acting for it). */
  canRecord: (operatorId: string) => boolean;
  /** May open, start and close the programme (EDITOR or ADMIN in the operator). */
  canEdit: (operatorId: string) => boolean;
}

/** A programme: its offer, who pays, who may take part, seats and KPIs; for the operator's staff its enrolments. */
export function ProgrammePage({ id, access }: { id: string; access: ProgrammeAccess }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useProgrammeDetailsQuery({ variables: { id } });
  const p = data?.programme;
  return (
    <section aria-labelledby="programme-title" data-testid="programme-page">
      <p>
        <a href={areaHref('programmes')}>{t('programmes.catalogue.back')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('programmes.programme.what')} />
      {data && !p && <p role="status">{t('programmes.programme.missing')}</p>}
      {p && <ProgrammeDetails programme={p} access={access} />}
    </section>
  );
}

function ProgrammeDetails({ programme: p, access }: { programme: Programme; access: ProgrammeAccess }) {
  const { t } = useTranslation();
  const shownState = shownProgrammeState(p);
  const canRecord = access.canRecord(p.operator.id);
  const funding = sharesTotal(p.fundingSources.map((f) => f.sharePercent));
  return (
    <>
      <div className="card">
        <h1 id="programme-title">{p.name}</h1>
        <p className="muted">
          {kindLabel(p.kind)} ·{' '}
          <span className={`state state-${shownState.toLowerCase()}`} data-testid="programme-state" data-state={shownState}>
            {programmeStateLabel(p)}
          </span>
        </p>
        {p.description && <p>{p.description}</p>}
        <dl className="facts">
          <dt>{t('programmes.programme.operator')}</dt>
          <dd>
            <a href={organisationHref(p.operator.id)}>{p.operator.name}</a>
          </dd>
          <dt>{t('programmes.programme.period')}</dt>
          <dd>
            {formatDate(p.startsOn)} – {formatDate(p.endsOn)}
          </dd>
          <dt>{t('programmes.programme.capacity')}</dt>
          <dd>{t('programmes.programme.firms', { count: p.capacity })}</dd>
          <dt>{t('programmes.programme.seatsFree')}</dt>
          <dd>
            <strong data-testid="available-seats">{p.availableSeats}</strong> {t('programmes.programme.of', { count: p.capacity })}
          </dd>
        </dl>
        {shownState === 'ENDED' && <p className="notice">{t('programmes.programme.endedHint', { date: formatDate(p.endsOn) })}</p>}
        {access.canEdit(p.operator.id) && (
          <p>
            <a href={areaHref('programmes', [p.id, 'edit'])} data-testid="edit-programme">
              {t('programmes.programme.edit')}
            </a>
          </p>
        )}
        {access.canEdit(p.operator.id) && <StateActions programme={p} />}
      </div>

      <div className="card-grid">
        <section className="card" aria-labelledby="eligibility-title">
          <h2 id="eligibility-title">{t('programmes.programme.whoMay')}</h2>
          <dl className="facts">
            {eligibilityRows(p.eligibility).map(([label, value]) => (
              <Fact key={label} label={label} value={value} />
            ))}
          </dl>
        </section>

        <section className="card" aria-labelledby="throughput-title" data-testid="throughput">
          <h2 id="throughput-title">{t('programmes.programme.throughput')}</h2>
          <dl className="facts">
            <Fact label={t('programmes.programme.takingPart')} value={formatNumber(p.throughput.enrolled)} />
            <Fact label={t('programmes.programme.completed')} value={formatNumber(p.throughput.completed)} />
            <Fact label={t('programmes.programme.droppedOut')} value={formatNumber(p.throughput.droppedOut)} />
            <Fact label={t('programmes.programme.allEnrolments')} value={formatNumber(p.throughput.total)} />
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="funding-title" data-testid="funding-sources">
        <h2 id="funding-title">{t('programmes.programme.funding')}</h2>
        <table className="data-table">
          <caption className="visually-hidden">{t('programmes.programme.fundingCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programmes.programme.funder')}</th>
              <th scope="col" className="num">
                {t('programmes.programme.share')}
              </th>
              <th scope="col" className="num">
                {t('programmes.programme.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.fundingSources.map((f) => (
              <tr key={f.id}>
                <th scope="row">{f.funder ? <a href={organisationHref(f.funder.id)}>{f.funder.name}</a> : f.funderName}</th>
                <td className="num">{formatPercent(f.sharePercent)}</td>
                <td className="num">{f.amount != null ? formatAmount(f.amount) : '—'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('programmes.programme.total')}</th>
              <td className="num" data-testid="funding-total">
                {formatPercent(funding.basisPoints / 100)}
              </td>
              <td className="num">{formatAmount(p.fundingSources.reduce((sum, f) => sum + (f.amount ?? 0), 0))}</td>
            </tr>
          </tfoot>
        </table>
      </section>

      <section className="card" aria-labelledby="kpi-title">
        <h2 id="kpi-title">{t('programmes.programme.kpis')}</h2>
        {p.kpis.length === 0 ? (
          <p className="muted">{t('programmes.programme.noKpis')}</p>
        ) : (
          <ul className="link-list">
            {p.kpis.map((k) => (
              <li key={k.id}>
                {k.metric}: <strong>{formatAmount(k.target)}</strong> {k.unit}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canRecord && <EnrolFirm programme={p} />}
      <Enrolments programmeId={p.id} canRecord={canRecord} />
    </>
  );
}

const Fact = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </>
);

const NEXT_STATES: Record<ProgrammeState, ProgrammeState[]> = {
  DRAFT: ['OPEN'],
  OPEN: ['RUNNING', 'CLOSED'],
  RUNNING: ['CLOSED'],
  CLOSED: [],
};

function StateActions({ programme: p }: { programme: Programme }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, change] = useChangeProgrammeStateMutation();
  const next = NEXT_STATES[p.state];
  if (!next.length) return null;
  return (
    <div className="form-actions">
      {next.map((state) => (
        <button
          key={state}
          type="button"
          disabled={fetching}
          onClick={() => {
            // Closing is final: ask first.
            if (state === 'CLOSED' && !confirmIrreversible(t('programmes.action.closeConfirm', { name: p.name }))) return;
            void change({ input: { id: p.id, expectedVersion: p.version, state } });
          }}
          data-testid={`programme-to-${state}`}
        >
          {t(`programmes.action.${state}`)}
        </button>
      ))}
      <FormErrors errors={data?.changeProgrammeState.userErrors ?? []} requestError={error} areas={['programmes']} />
    </div>
  );
}

/** The operator's consultants enrol a firm: find it, see whether it meets the criteria, enrol. */
function EnrolFirm({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const [firm, setFirm] = useState<FoundFirm | null>(null);
  const [note, setNote] = useState('');
  const [{ fetching, error }, enrol] = useEnrolFirmMutation();
  const [enrolled, setEnrolled] = useState<string | null>(null);
  // The last refusal, until another firm is chosen.
  const [refusal, setRefusal] = useState<EnrolFirmMutation['enrolFirm'] | null>(null);

  async function submit() {
    if (!firm) return;
    setEnrolled(null);
    setRefusal(null);
    const result = await enrol({ input: { programmeId: programme.id, firmId: firm.id, note: note.trim() || undefined } });
    const payload = result.data?.enrolFirm;
    if (payload?.enrolment) {
      setEnrolled(firm.name);
      setFirm(null);
      setNote('');
    } else if (payload?.userErrors.length) {
      setRefusal(payload);
    }
  }

  return (
    <section className="card" aria-labelledby="enrol-title" data-testid="enrol-firm">
      <h2 id="enrol-title">{t('programmes.enrol.title')}</h2>
      {enrolled && (
        <p className="success" role="status" data-testid="enrol-success">
          {t('programmes.enrol.enrolled', { name: enrolled })}
        </p>
      )}
      <FirmFinder
        actionLabel={t('programmes.enrol.choose')}
        onSelect={(f) => {
          setFirm(f);
          setEnrolled(null);
          setRefusal(null);
        }}
      />
      {firm && (
        <div className="chosen" data-testid="chosen-firm">
          <h3>
            {firm.name} <span className="muted">{formatIdentifier(firm) ?? ''}</span>
          </h3>
          <EligibilityHint programmeId={programme.id} firmId={firm.id} />
          <label htmlFor="enrol-note">{t('programmes.enrol.note')}</label>
          <input id="enrol-note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          <div className="form-actions">
            <button type="button" className="primary" disabled={fetching} onClick={submit} data-testid="enrol-submit">
              {fetching ? t('programmes.enrol.enrolling') : t('programmes.enrol.submit', { name: firm.name })}
            </button>
            <button type="button" onClick={() => setFirm(null)}>
              {t('programmes.enrol.cancel')}
            </button>
          </div>
        </div>
      )}
      {refusal && (
        <div className="errors" role="alert" data-testid="enrol-refusal">
          <p>
            <strong>{t('programmes.enrol.notEnrolled')}</strong>
          </p>
          <ul>
            {refusal.userErrors.map((e, i) => (
              <li key={i} data-code={e.code}>
                {wordUserError(e, ['programmes'])}
              </li>
            ))}
          </ul>
          {refusal.failedCriteria.length > 0 && (
            <p data-testid="failed-criteria">{t('programmes.enrol.criteriaNotMet', { criteria: refusal.failedCriteria.map(criterionLabel).join(', ') })}</p>
          )}
        </div>
      )}
      {error && <FormErrors errors={[]} requestError={error} />}
    </section>
  );
}

/** Whether the chosen firm meets the criteria, before enrolling it (the server decides on enrolment). */
function EligibilityHint({ programmeId, firmId }: { programmeId: string; firmId: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useProgrammeEligibilityCheckQuery({ variables: { programmeId, firmId } });
  if (error) return <p className="error">
        {t('programmes.enrol.checkFailed')} {describeError(error)}
      </p>;
  // urql keeps the previous firm's answer while the new one loads: never show it for this firm.
  if (fetching) return <p className="muted">{t('programmes.enrol.checking')}</p>;
  const check = data?.programmeEligibility;
  if (!check) return null;
  if (check.eligible) {
    return (
      <p className="success" data-testid="eligibility-hint">
        {t('programmes.enrol.eligible')}
      </p>
    );
  }
  return (
    <div className="notice" data-testid="eligibility-hint">
      <p>{t('programmes.enrol.doesNotMeet', { criteria: check.failedCriteria.map(criterionLabel).join(', ') })}</p>
      <ul>
        {check.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

const ENROLMENT_PAGE = 50;

/** The enrolled firms: only the operator's members see them (the API answers null to everyone else). */
function Enrolments({ programmeId, canRecord }: { programmeId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="enrolments-title">
      <h2 id="enrolments-title">{t('programmes.enrolments.title')}</h2>
      <Paged renderPage={(page) => <EnrolmentPage {...page} programmeId={programmeId} canRecord={canRecord} />} />
    </section>
  );
}

type Enrolment = NonNullable<NonNullable<ProgrammeEnrolmentsQuery['programme']>['enrolments']>['edges'][number]['node'];

function EnrolmentPage({ programmeId, canRecord, ...page }: PageProps & { programmeId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useProgrammeEnrolmentsQuery({ variables: { id: programmeId, first: ENROLMENT_PAGE, after: page.after } });
  const connection = data?.programme?.enrolments;
  if (data && !connection) {
    return page.isFirst ? (
      <p className="muted" data-testid="enrolments-hidden">
        {t('programmes.enrolments.hidden')}
      </p>
    ) : null;
  }
  return (
    <>
      {connection && connection.edges.length > 0 && (
        <table className="data-table" data-testid="enrolments">
          {page.isFirst && (
            <thead>
              <tr>
                <th scope="col">{t('programmes.enrolments.firm')}</th>
                <th scope="col">{t('programmes.enrolments.municipality')}</th>
                <th scope="col">{t('programmes.enrolments.state')}</th>
                <th scope="col">{t('programmes.enrolments.since')}</th>
                {canRecord && <th scope="col">{t('programmes.enrolments.actions')}</th>}
              </tr>
            </thead>
          )}
          <tbody>
            {connection.edges.map(({ node }) => (
              <EnrolmentRow key={node.id} enrolment={node} canRecord={canRecord} />
            ))}
          </tbody>
        </table>
      )}
      <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what={t('programmes.enrolments.what')} emptyText={t('programmes.enrolments.none')} />
    </>
  );
}

function EnrolmentRow({ enrolment: e, canRecord }: { enrolment: Enrolment; canRecord: boolean }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Exclude<EnrolmentState, 'ENROLLED'> | null>(null);
  const [note, setNote] = useState('');
  const [{ data, fetching, error }, change] = useChangeEnrolmentStateMutation();
  const userErrors = data?.changeEnrolmentState.userErrors ?? [];

  async function confirm() {
    if (!pending) return;
    const what = t(pending === 'COMPLETED' ? 'programmes.enrolments.confirmCompleted' : 'programmes.enrolments.confirmDroppedOut');
    if (!confirmIrreversible(t('programmes.enrolments.confirm', { name: e.firm?.name ?? '', what }))) return;
    const result = await change({ input: { enrolmentId: e.id, expectedVersion: e.version, state: pending, note: note.trim() || undefined } });
    if (result.data?.changeEnrolmentState.enrolment) {
      setPending(null);
      setNote('');
    }
  }

  return (
    <tr data-testid="enrolment-row" data-state={e.state}>
      <th scope="row">
        {e.firm ? <a href={firmHref(e.firm.id)}>{e.firm.name}</a> : <span className="muted">{t('programmes.enrolments.notVisible')}</span>}
        {e.firm && <div className="muted mono">{formatIdentifier(e.firm) ?? ''}</div>}
      </th>
      <td>{e.firm?.municipality?.name ?? ''}</td>
      <td data-testid="enrolment-state">{enrolmentStateLabel(e.state)}</td>
      <td>{formatDateTime(e.state === 'ENROLLED' ? e.createdAt : e.updatedAt)}</td>
      {canRecord && (
        <td>
          {e.state === 'ENROLLED' && !pending && (
            <div className="row-actions">
              <button type="button" onClick={() => setPending('COMPLETED')}>
                {t('programmes.enrolments.markCompleted')}
              </button>
              <button type="button" onClick={() => setPending('DROPPED_OUT')} data-testid="drop-out">
                {t('programmes.enrolments.markDroppedOut')}
              </button>
            </div>
          )}
          {pending && (
            <div className="row-form">
              <label htmlFor={`note-${e.id}`}>{pending === 'COMPLETED' ? t('programmes.enrol.note') : t('programmes.enrolments.reason')}</label>
              <input id={`note-${e.id}`} value={note} maxLength={1000} onChange={(ev) => setNote(ev.target.value)} />
              <div className="row-actions">
                <button type="button" className="primary" disabled={fetching} onClick={confirm} data-testid="confirm-state">
                  {pending === 'COMPLETED' ? t('programmes.enrolments.recordCompletion') : t('programmes.enrolments.recordDropOut')}
                </button>
                <button type="button" onClick={() => setPending(null)}>
                  {t('programmes.enrol.cancel')}
                </button>
              </div>
            </div>
          )}
          <FormErrors errors={userErrors} requestError={error} areas={['programmes']} />
        </td>
      )}
    </tr>
  );
}
