import { formatAmount, formatDateTime } from '../ui/format';
import { FieldError, FormErrors, invalidProps } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import {
  useInvestmentChangeInquiryStateMutation,
  useInvestmentInquiryQuery,
  useInvestmentSubmitOfferMutation,
  type InquiryState,
  type InvestmentInquiryFullFragment,
  type MeQuery,
} from '../generated/graphql';
import { can } from '../ui/access';
import { areaHref, organisationHref } from '../routing';
import { QueryStatus } from '../ui/Status';
import { InquiryName, StateBadge } from './InquiriesPage';
import { sectorLabel } from './labels';
import { canMovePipeline, countryLabel, emptyEvidence, evidenceInput, NEXT_STATES, ROLE_LABELS, STATE_LABELS } from './pipeline';

type Inquiry = InvestmentInquiryFullFragment;
const INQUIRY_TYPES = { additionalTypenames: ['EstablishmentOffer', 'InquiryStateChange'] };

/** #/investment/inquiries/<id>: one establishment inquiry. What is shown depends on what the API returns for your role. */
export function InquiryPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  const [{ data, fetching, error }] = useInvestmentInquiryQuery({ variables: { id }, context: INQUIRY_TYPES });
  const inquiry = data?.establishmentInquiry;
  return (
    <section aria-labelledby="inquiry-title" data-testid="inquiry-page">
      <p>
        <a href={areaHref('investment', ['inquiries'])}>← Establishment inquiries</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what="the inquiry" />
      {data && !inquiry && <p role="status">This inquiry does not exist, or is not visible to you.</p>}
      {inquiry && <InquiryDetails inquiry={inquiry} me={me} actingFor={actingFor} />}
    </section>
  );
}

function InquiryDetails({ inquiry, me, actingFor }: { inquiry: Inquiry; me: MeQuery['me']; actingFor: string | null }) {
  const offerable = (inquiry.group ?? []).filter(
    (m) => can(me, actingFor, m.id, 'record') && !inquiry.offers.some((o) => o.municipality.id === m.id),
  );
  const open = ['LEAD', 'ACTIVE', 'DELAYED'].includes(inquiry.state);
  return (
    <>
      <div className="card">
        <div className="card-heading">
          <h1 id="inquiry-title">
            <InquiryName inquiry={inquiry} />
          </h1>
          <StateBadge state={inquiry.state} testId="inquiry-state" />
        </div>
        {!inquiry.confidentialProjectName && (
          <p className="hint" data-testid="code-name-only">
            You see this case under its neutral code name: the project name is confidential to those handling it.
          </p>
        )}
        {inquiry.summary && <p className="prewrap">{inquiry.summary}</p>}
        <dl className="facts">
          <dt>Code name</dt>
          <dd className="mono" data-testid="inquiry-code-name">
            {inquiry.codeName}
          </dd>
          <dt>Your role</dt>
          <dd>{ROLE_LABELS[inquiry.myRole]}</dd>
          <dt>Received from</dt>
          <dd>
            <a href={organisationHref(inquiry.receivedFrom.id)}>{inquiry.receivedFrom.name}</a> · {formatDateTime(inquiry.receivedAt)}
          </dd>
          <dt>Coordinator</dt>
          <dd>
            <a href={organisationHref(inquiry.coordinator.id)}>{inquiry.coordinator.name}</a>
          </dd>
          <dt>Group</dt>
          <dd data-testid="inquiry-group">{inquiry.group ? inquiry.group.map((g) => g.name).join(', ') || '—' : <span className="muted">Visible to those handling the case</span>}</dd>
          <dt>Sector</dt>
          <dd>{sectorLabel(inquiry.sector)}</dd>
          <dt>Investor from</dt>
          <dd>{countryLabel(inquiry.originCountry)}</dd>
        </dl>
      </div>

      <section className="card" aria-labelledby="figures-title">
        <h2 id="figures-title">Projected and realised</h2>
        <p className="hint">Projections are the investor's expectations; realised figures are recorded only with the evidence of success.</p>
        <table className="firm-table data-table figures-table" data-testid="inquiry-figures">
          <caption className="visually-hidden">Projected and realised figures</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Figure</span>
              </th>
              <th scope="col" className="numeric">
                Projected
              </th>
              <th scope="col" className="numeric">
                Realised
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Jobs</th>
              <td className="numeric" data-testid="projected-jobs">
                {inquiry.projectedJobs ?? '—'}
              </td>
              <td className="numeric" data-testid="realised-jobs">
                {inquiry.realisedJobs ?? '—'}
              </td>
            </tr>
            <tr>
              <th scope="row">Investment</th>
              <td className="numeric">{formatAmount(inquiry.projectedInvestmentSek, 'SEK')}</td>
              <td className="numeric">{formatAmount(inquiry.realisedInvestmentSek, 'SEK')}</td>
            </tr>
          </tbody>
        </table>
        {inquiry.evidence && (
          <div className="evidence" data-testid="inquiry-evidence">
            <h3>Evidence</h3>
            <p className="prewrap">{inquiry.evidence}</p>
            {inquiry.establishedIn && <p className="muted">Established in {inquiry.establishedIn.name}</p>}
          </div>
        )}
      </section>

      {canMovePipeline(inquiry.myRole) && NEXT_STATES[inquiry.state].length > 0 && <StateForm key={inquiry.version} inquiry={inquiry} />}

      <section className="card" aria-labelledby="offers-title">
        <h2 id="offers-title">
          Offers <span className="count">{inquiry.offers.length}</span>
        </h2>
        <p className="hint">The coordinator and the agency see every offer; a municipality sees only its own.</p>
        {inquiry.offers.length === 0 ? (
          <p className="muted">No offers you can see.</p>
        ) : (
          <ul className="offer-list" data-testid="offers">
            {inquiry.offers.map((o) => (
              <li key={o.id} data-testid="offer">
                <strong>{o.municipality.name}</strong> <span className="muted small">· {formatDateTime(o.submittedAt)}</span>
                <p className="prewrap">{o.description}</p>
              </li>
            ))}
          </ul>
        )}
        {open && offerable.length > 0 && <OfferForm inquiryId={inquiry.id} municipalities={offerable} />}
      </section>

      {inquiry.stateHistory && (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <ol className="timeline" data-testid="inquiry-history">
            {inquiry.stateHistory.map((h) => (
              <li key={h.id} data-testid="history-entry">
                <strong>{h.fromState ? `${STATE_LABELS[h.fromState]} → ${STATE_LABELS[h.toState]}` : `Received as ${STATE_LABELS[h.toState]}`}</strong>
                {h.note && <span> · {h.note}</span>}
                <div className="muted small">
                  {formatDateTime(h.changedAt)}
                  {h.changedBy && ` · ${h.changedBy.displayName}`}
                  {h.changedByOrganisation && ` (${h.changedByOrganisation.name})`}
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/** Move the inquiry along the pipeline. SUCCESSFUL needs evidence: the server refuses it without, naming the field. */
function StateForm({ inquiry }: { inquiry: Inquiry }) {
  const choices = NEXT_STATES[inquiry.state];
  const [toState, setToState] = useState<InquiryState>(choices[0]);
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState(emptyEvidence);
  const [{ data, error, fetching }, change] = useInvestmentChangeInquiryStateMutation();
  const userErrors = data?.changeEstablishmentInquiryState.userErrors ?? [];
  const formId = 'state';
  const evidenceKeys = ['evidence', 'evidence.description', 'evidence.establishedInMunicipalityId', 'evidence.realisedJobs', 'evidence.realisedInvestmentSek'];

  function submit(event: FormEvent) {
    event.preventDefault();
    const ev = evidenceInput(toState, evidence);
    change({ input: { id: inquiry.id, expectedVersion: inquiry.version, toState, ...(note.trim() ? { note: note.trim() } : {}), ...(ev ? { evidence: ev } : {}) } });
  }

  return (
    <form className="card stacked-form" onSubmit={submit} noValidate aria-labelledby="state-form-title" data-testid="state-form">
      <h2 id="state-form-title">Move in the pipeline</h2>
      <label htmlFor="state-to">New state</label>
      <select id="state-to" value={toState} onChange={(e) => setToState(e.target.value as InquiryState)} {...invalidProps(userErrors, 'toState', formId)} data-testid="state-select">
        {choices.map((s) => (
          <option key={s} value={s}>
            {STATE_LABELS[s]}
          </option>
        ))}
      </select>
      <FieldError errors={userErrors} field="toState" formId={formId} />
      <label htmlFor="state-note">Note</label>
      <input id="state-note" value={note} onChange={(e) => setNote(e.target.value)} />
      {toState === 'SUCCESSFUL' && (
        <fieldset className="evidence-fieldset" data-testid="evidence-fieldset">
          <legend>Evidence of the establishment (required for Successful)</legend>
          <FieldError errors={userErrors} field="evidence" formId={formId} />
          <label htmlFor="evidence-description">What proves it</label>
          <textarea
            id="evidence-description"
            rows={2}
            placeholder="e.g. Lease signed 2026-03-01; company registered 556xxx-xxxx"
            value={evidence.description}
            onChange={(e) => setEvidence({ ...evidence, description: e.target.value })}
            {...invalidProps(userErrors, 'evidence.description', formId)}
          />
          <FieldError errors={userErrors} field="evidence.description" formId={formId} />
          <label htmlFor="evidence-municipality">Established in</label>
          <select
            id="evidence-municipality"
            value={evidence.establishedInMunicipalityId}
            onChange={(e) => setEvidence({ ...evidence, establishedInMunicipalityId: e.target.value })}
            {...invalidProps(userErrors, 'evidence.establishedInMunicipalityId', formId)}
          >
            <option value="">Choose a municipality of the group…</option>
            {(inquiry.group ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <FieldError errors={userErrors} field="evidence.establishedInMunicipalityId" formId={formId} />
          <div className="field-row">
            <div>
              <label htmlFor="evidence-jobs">Realised jobs</label>
              <input id="evidence-jobs" inputMode="numeric" value={evidence.realisedJobs} onChange={(e) => setEvidence({ ...evidence, realisedJobs: e.target.value })} {...invalidProps(userErrors, 'evidence.realisedJobs', formId)} />
              <FieldError errors={userErrors} field="evidence.realisedJobs" formId={formId} />
            </div>
            <div>
              <label htmlFor="evidence-investment">Realised investment (SEK)</label>
              <input
                id="evidence-investment"
                inputMode="decimal"
                value={evidence.realisedInvestmentSek}
                onChange={(e) => setEvidence({ ...evidence, realisedInvestmentSek: e.target.value })}
                {...invalidProps(userErrors, 'evidence.realisedInvestmentSek', formId)}
              />
              <FieldError errors={userErrors} field="evidence.realisedInvestmentSek" formId={formId} />
            </div>
          </div>
        </fieldset>
      )}
      <FormErrors errors={userErrors} shownKeys={['toState', ...(toState === 'SUCCESSFUL' ? evidenceKeys : [])]} error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching} data-testid="change-state">
          {fetching ? 'Saving…' : `Move to ${STATE_LABELS[toState]}`}
        </button>
      </div>
    </form>
  );
}

/** A group municipality's offer (one per municipality). */
function OfferForm({ inquiryId, municipalities }: { inquiryId: string; municipalities: Array<{ id: string; name: string }> }) {
  const [municipalityId, setMunicipalityId] = useState(municipalities[0].id);
  const [description, setDescription] = useState('');
  const [{ data, error, fetching }, submitOffer] = useInvestmentSubmitOfferMutation();
  const userErrors = data?.submitEstablishmentOffer.userErrors ?? [];
  const formId = 'offer';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await submitOffer({ input: { inquiryId, municipalityId, description: description.trim() } });
    if (result.data?.submitEstablishmentOffer.offer && result.data.submitEstablishmentOffer.userErrors.length === 0) setDescription('');
  }

  return (
    <form className="stacked-form subform" onSubmit={submit} noValidate aria-labelledby="offer-form-title" data-testid="offer-form">
      <h3 id="offer-form-title">Make an offer</h3>
      {municipalities.length > 1 ? (
        <>
          <label htmlFor="offer-municipality">For</label>
          <select id="offer-municipality" value={municipalityId} onChange={(e) => setMunicipalityId(e.target.value)}>
            {municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <p className="muted">For {municipalities[0].name}</p>
      )}
      <FieldError errors={userErrors} field="municipalityId" formId={formId} />
      <label htmlFor="offer-description">Sites, premises, support, contacts</label>
      <textarea id="offer-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} {...invalidProps(userErrors, 'description', formId)} />
      <FieldError errors={userErrors} field="description" formId={formId} />
      <FormErrors errors={userErrors} shownKeys={['municipalityId', 'description']} error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Saving…' : 'Submit offer'}
        </button>
      </div>
    </form>
  );
}
