import { useTranslation } from 'react-i18next';
import { formatAmount, formatDateTime, formatNumber } from '../ui/format';
import { confirmIrreversible, FieldError, FormErrors, invalidProps, type UserErrorLike } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import {
  useInvestmentChangeInquiryStateMutation,
  useInvestmentInquiryQuery,
  useInvestmentSubmitOfferMutation,
  useInvestmentUpdateInquiryMutation,
  useInvestmentUpdateOfferMutation,
  type InquiryState,
  type InvestmentInquiryFullFragment,
  type MeQuery,
} from '../generated/graphql';
import { can } from '../ui/access';
import { areaHref, organisationHref } from '../routing';
import { QueryStatus } from '../ui/Status';
import { InquiryName, StateBadge } from './InquiriesPage';
import { roleLabel, sectorLabel, stateLabel } from './labels';
import { canMovePipeline, countryLabel, emptyEvidence, evidenceInput, moneyInput, NEXT_STATES, wholeNumberInput } from './pipeline';
import { DisclosureButton, Form, FormActions, useDisclosure } from '../ui/Form';

type Inquiry = InvestmentInquiryFullFragment;
const INQUIRY_TYPES = { additionalTypenames: ['EstablishmentOffer', 'InquiryStateChange'] };

/** #/investment/inquiries/<id>: one establishment inquiry. What is shown depends on what the API returns for your role. */
export function InquiryPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useInvestmentInquiryQuery({ variables: { id }, context: INQUIRY_TYPES });
  const inquiry = data?.establishmentInquiry;
  return (
    <section aria-labelledby="inquiry-title" data-testid="inquiry-page">
      <p>
        <a href={areaHref('investment', ['inquiries'])}>{t('investment.inquiry.back')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('investment.inquiry.what')} />
      {data && !inquiry && <p role="status">{t('investment.inquiry.missing')}</p>}
      {inquiry && <InquiryDetails inquiry={inquiry} me={me} actingFor={actingFor} />}
    </section>
  );
}

function InquiryDetails({ inquiry, me, actingFor }: { inquiry: Inquiry; me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open: editing } = disclosure;
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
            {t('investment.inquiry.codeNameOnly')}
          </p>
        )}
        {inquiry.summary && <p className="prewrap">{inquiry.summary}</p>}
        <dl className="facts">
          <dt>{t('investment.inquiry.codeName')}</dt>
          <dd className="mono" data-testid="inquiry-code-name">
            {inquiry.codeName}
          </dd>
          <dt>{t('investment.common.yourRole')}</dt>
          <dd>{roleLabel(inquiry.myRole)}</dd>
          <dt>{t('investment.inquiry.receivedFrom')}</dt>
          <dd>
            <a href={organisationHref(inquiry.receivedFrom.id)}>{inquiry.receivedFrom.name}</a> · {formatDateTime(inquiry.receivedAt)}
          </dd>
          <dt>{t('investment.inquiry.coordinator')}</dt>
          <dd>
            <a href={organisationHref(inquiry.coordinator.id)}>{inquiry.coordinator.name}</a>
          </dd>
          <dt>{t('investment.inquiry.group')}</dt>
          <dd data-testid="inquiry-group">{inquiry.group ? inquiry.group.map((g) => g.name).join(', ') || '—' : <span className="muted">{t('investment.inquiry.groupHidden')}</span>}</dd>
          <dt>{t('investment.common.sector')}</dt>
          <dd>{sectorLabel(inquiry.sector)}</dd>
          <dt>{t('investment.inquiry.investorFrom')}</dt>
          <dd data-testid="inquiry-origin">{countryLabel(inquiry.originCountry)}</dd>
        </dl>
        {canMovePipeline(inquiry.myRole) && !editing && (
          <div className="form-actions">
            <DisclosureButton disclosure={disclosure} testId="edit-inquiry">
              {t('investment.inquiry.editDetails')}
            </DisclosureButton>
          </div>
        )}
        {editing && <InquiryEditForm inquiry={inquiry} onDone={disclosure.hide} />}
      </div>

      <section className="card" aria-labelledby="figures-title">
        <h2 id="figures-title">{t('investment.inquiry.figures')}</h2>
        <p className="hint">{t('investment.inquiry.figuresHint')}</p>
        <table className="firm-table data-table figures-table" data-testid="inquiry-figures">
          <caption className="visually-hidden">{t('investment.inquiry.figures')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('investment.inquiry.figure')}</span>
              </th>
              <th scope="col" className="numeric">
                {t('investment.inquiry.projected')}
              </th>
              <th scope="col" className="numeric">
                {t('investment.inquiry.realised')}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('investment.inquiry.jobs')}</th>
              <td className="numeric" data-testid="projected-jobs">
                {formatNumber(inquiry.projectedJobs)}
              </td>
              <td className="numeric" data-testid="realised-jobs">
                {formatNumber(inquiry.realisedJobs)}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('investment.inquiry.investment')}</th>
              <td className="numeric">{formatAmount(inquiry.projectedInvestmentSek, 'SEK')}</td>
              <td className="numeric">{formatAmount(inquiry.realisedInvestmentSek, 'SEK')}</td>
            </tr>
          </tbody>
        </table>
        {inquiry.evidence && (
          <div className="evidence" data-testid="inquiry-evidence">
            <h3>{t('investment.inquiry.evidence')}</h3>
            <p className="prewrap">{inquiry.evidence}</p>
            {inquiry.establishedIn && <p className="muted">{t('investment.inquiry.establishedIn', { name: inquiry.establishedIn.name })}</p>}
          </div>
        )}
      </section>

      {canMovePipeline(inquiry.myRole) && NEXT_STATES[inquiry.state].length > 0 && <StateForm key={inquiry.version} inquiry={inquiry} />}

      <section className="card" aria-labelledby="offers-title">
        <h2 id="offers-title">
          {t('investment.inquiry.offers')} <span className="count">{inquiry.offers.length}</span>
        </h2>
        <p className="hint">{t('investment.inquiry.offersHint')}</p>
        {inquiry.offers.length === 0 ? (
          <p className="muted">{t('investment.inquiry.noOffers')}</p>
        ) : (
          <ul className="offer-list" data-testid="offers">
            {inquiry.offers.map((o) => (
              <OfferItem key={o.id} offer={o} canEdit={open && can(me, actingFor, o.municipality.id, 'record')} />
            ))}
          </ul>
        )}
        {open && offerable.length > 0 && <OfferForm inquiryId={inquiry.id} municipalities={offerable} />}
      </section>

      {inquiry.stateHistory && (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t('investment.inquiry.history')}</h2>
          <ol className="timeline" data-testid="inquiry-history">
            {inquiry.stateHistory.map((h) => (
              <li key={h.id} data-testid="history-entry">
                <strong>{h.fromState ? `${stateLabel(h.fromState)} → ${stateLabel(h.toState)}` : t('investment.inquiry.receivedAs', { state: stateLabel(h.toState) })}</strong>
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
  const { t } = useTranslation();
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
    // ELIMINATED and SUCCESSFUL are final: ask first.
    if (NEXT_STATES[toState].length === 0 && !confirmIrreversible(t('investment.move.confirmFinal', { state: stateLabel(toState) }))) return;
    const ev = evidenceInput(toState, evidence);
    change({ input: { id: inquiry.id, expectedVersion: inquiry.version, toState, ...(note.trim() ? { note: note.trim() } : {}), ...(ev ? { evidence: ev } : {}) } });
  }

  return (
    <Form className="card" onSubmit={submit} noValidate aria-labelledby="state-form-title" data-testid="state-form">
      <h2 id="state-form-title">{t('investment.move.title')}</h2>
      <label htmlFor="state-to">{t('investment.move.newState')}</label>
      <select id="state-to" value={toState} onChange={(e) => setToState(e.target.value as InquiryState)} {...invalidProps(userErrors, 'toState', formId)} data-testid="state-select">
        {choices.map((s) => (
          <option key={s} value={s}>
            {stateLabel(s)}
          </option>
        ))}
      </select>
      <FieldError errors={userErrors} field="toState" formId={formId} />
      <label htmlFor="state-note">{t('investment.move.note')}</label>
      <input id="state-note" value={note} onChange={(e) => setNote(e.target.value)} />
      {toState === 'SUCCESSFUL' && (
        <fieldset className="evidence-fieldset" data-testid="evidence-fieldset">
          <legend>{t('investment.move.evidence')}</legend>
          <FieldError errors={userErrors} field="evidence" formId={formId} />
          <label htmlFor="evidence-description">{t('investment.move.proof')}</label>
          <textarea
            id="evidence-description"
            rows={2}
            placeholder={t('investment.move.proofPlaceholder')}
            value={evidence.description}
            onChange={(e) => setEvidence({ ...evidence, description: e.target.value })}
            {...invalidProps(userErrors, 'evidence.description', formId)}
          />
          <FieldError errors={userErrors} field="evidence.description" formId={formId} />
          <label htmlFor="evidence-municipality">{t('investment.move.establishedIn')}</label>
          <select
            id="evidence-municipality"
            value={evidence.establishedInMunicipalityId}
            onChange={(e) => setEvidence({ ...evidence, establishedInMunicipalityId: e.target.value })}
            {...invalidProps(userErrors, 'evidence.establishedInMunicipalityId', formId)}
          >
            <option value="">{t('investment.move.chooseMunicipality')}</option>
            {(inquiry.group ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <FieldError errors={userErrors} field="evidence.establishedInMunicipalityId" formId={formId} />
          <div className="field-row">
            <div>
              <label htmlFor="evidence-jobs">{t('investment.move.realisedJobs')}</label>
              <input id="evidence-jobs" inputMode="numeric" value={evidence.realisedJobs} onChange={(e) => setEvidence({ ...evidence, realisedJobs: e.target.value })} {...invalidProps(userErrors, 'evidence.realisedJobs', formId)} />
              <FieldError errors={userErrors} field="evidence.realisedJobs" formId={formId} />
            </div>
            <div>
              <label htmlFor="evidence-investment">{t('investment.move.realisedInvestment')}</label>
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
      <FormActions pending={fetching} submitLabel={t('investment.move.submit', { state: stateLabel(toState) })} pendingLabel={t('investment.common.saving')} submitTestId="change-state" />
    </Form>
  );
}

/** A group municipality's offer (one per municipality). */
function OfferForm({ inquiryId, municipalities }: { inquiryId: string; municipalities: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
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
    <Form className="subform" onSubmit={submit} noValidate aria-labelledby="offer-form-title" data-testid="offer-form">
      <h3 id="offer-form-title">{t('investment.offer.make')}</h3>
      {municipalities.length > 1 ? (
        <>
          <label htmlFor="offer-municipality">{t('investment.offer.for')}</label>
          <select id="offer-municipality" value={municipalityId} onChange={(e) => setMunicipalityId(e.target.value)}>
            {municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <p className="muted">{t('investment.offer.forName', { name: municipalities[0].name })}</p>
      )}
      <FieldError errors={userErrors} field="municipalityId" formId={formId} />
      <label htmlFor="offer-description">{t('investment.offer.description')}</label>
      <textarea id="offer-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} {...invalidProps(userErrors, 'description', formId)} />
      <FieldError errors={userErrors} field="description" formId={formId} />
      <FormErrors errors={userErrors} shownKeys={['municipalityId', 'description']} error={error} />
      <FormActions pending={fetching} submitLabel={t('investment.offer.submit')} pendingLabel={t('investment.common.saving')} />
    </Form>
  );
}

type Offer = Inquiry['offers'][number];

/** One offer; the offering municipality's staff may change theirs while the case is open. */
function OfferItem({ offer: o, canEdit }: { offer: Offer; canEdit: boolean }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open: editing, setOpen: setEditing } = disclosure;
  const [description, setDescription] = useState(o.description);
  const [{ data, error, fetching }, update] = useInvestmentUpdateOfferMutation();
  const userErrors = data?.updateEstablishmentOffer.userErrors ?? [];
  const formId = `offer-${o.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const r = await update({ input: { id: o.id, expectedVersion: o.version, description: description.trim() } });
    if (r.data?.updateEstablishmentOffer.offer && r.data.updateEstablishmentOffer.userErrors.length === 0) setEditing(false);
  }

  return (
    <li data-testid="offer">
      <strong>{o.municipality.name}</strong> <span className="muted small">· {formatDateTime(o.submittedAt)}</span>
      {!editing ? (
        <>
          <p className="prewrap">{o.description}</p>
          {canEdit && (
            <DisclosureButton disclosure={disclosure} testId="edit-offer">
              {t('investment.offer.edit')}
            </DisclosureButton>
          )}
        </>
      ) : (
        <Form className="subform" onSubmit={submit} noValidate data-testid="edit-offer-form">
          <label htmlFor={`${formId}-description`}>{t('investment.offer.description')}</label>
          <textarea id={`${formId}-description`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} {...invalidProps(userErrors, 'description', formId)} />
          <FieldError errors={userErrors} field="description" formId={formId} />
          <FormErrors errors={userErrors} shownKeys={['description']} error={error} areas={['investment']} />
          <FormActions pending={fetching} submitLabel={t('investment.common.save')} pendingLabel={t('investment.common.saving')} onCancel={disclosure.hide} cancelLabel={t('investment.common.cancel')} />
        </Form>
      )}
    </li>
  );
}

/** The agency or the coordinator corrects the inquiry's details and the investor's projections. */
function InquiryEditForm({ inquiry, onDone }: { inquiry: Inquiry; onDone: () => void }) {
  const { t } = useTranslation();
  const [projectName, setProjectName] = useState(inquiry.confidentialProjectName ?? '');
  const [summary, setSummary] = useState(inquiry.summary ?? '');
  const [jobs, setJobs] = useState(inquiry.projectedJobs != null ? String(inquiry.projectedJobs) : '');
  const [investment, setInvestment] = useState(inquiry.projectedInvestmentSek ? formatAmount(inquiry.projectedInvestmentSek) : '');
  const [{ data, error, fetching }, update] = useInvestmentUpdateInquiryMutation();
  const [local, setLocal] = useState<UserErrorLike[]>([]);
  const userErrors = [...local, ...(data?.updateEstablishmentInquiry.userErrors ?? [])];
  const formId = 'edit-inquiry';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const projectedJobs = wholeNumberInput(jobs);
    const errors: UserErrorLike[] = [];
    if (projectedJobs === -1) errors.push({ field: ['input', 'projectedJobs'], message: t('investment.new.notWhole') });
    setLocal(errors);
    if (errors.length) return;
    const r = await update({
      input: {
        id: inquiry.id,
        expectedVersion: inquiry.version,
        ...(projectName.trim() ? { projectName: projectName.trim() } : {}),
        summary,
        ...(projectedJobs !== undefined ? { projectedJobs } : {}),
        ...(investment.trim() ? { projectedInvestmentSek: moneyInput(investment) } : {}),
      },
    });
    if (r.data?.updateEstablishmentInquiry.inquiry && r.data.updateEstablishmentInquiry.userErrors.length === 0) onDone();
  }

  return (
    <Form className="subform" onSubmit={submit} noValidate aria-labelledby="edit-inquiry-title" data-testid="edit-inquiry-form">
      <h2 id="edit-inquiry-title">{t('investment.inquiry.editTitle')}</h2>
      <label htmlFor="edit-inquiry-name">{t('investment.new.projectName')}</label>
      <input id="edit-inquiry-name" value={projectName} onChange={(e) => setProjectName(e.target.value)} {...invalidProps(userErrors, 'projectName', formId)} />
      <FieldError errors={userErrors} field="projectName" formId={formId} />
      <label htmlFor="edit-inquiry-summary">{t('investment.new.summary')}</label>
      <textarea id="edit-inquiry-summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} {...invalidProps(userErrors, 'summary', formId)} />
      <FieldError errors={userErrors} field="summary" formId={formId} />
      <div className="field-row">
        <div>
          <label htmlFor="edit-inquiry-jobs">{t('investment.new.projectedJobs')}</label>
          <input id="edit-inquiry-jobs" inputMode="numeric" value={jobs} onChange={(e) => setJobs(e.target.value)} {...invalidProps(userErrors, 'projectedJobs', formId)} />
          <FieldError errors={userErrors} field="projectedJobs" formId={formId} />
        </div>
        <div>
          <label htmlFor="edit-inquiry-investment">{t('investment.new.projectedInvestment')}</label>
          <input id="edit-inquiry-investment" inputMode="decimal" value={investment} onChange={(e) => setInvestment(e.target.value)} {...invalidProps(userErrors, 'projectedInvestmentSek', formId)} data-testid="edit-inquiry-investment" />
          <FieldError errors={userErrors} field="projectedInvestmentSek" formId={formId} />
        </div>
      </div>
      <FormErrors errors={userErrors} shownKeys={['projectName', 'summary', 'projectedJobs', 'projectedInvestmentSek']} error={error} areas={['investment']} />
      <FormActions pending={fetching} submitLabel={t('investment.common.save')} pendingLabel={t('investment.common.saving')} submitTestId="save-inquiry-details" onCancel={onDone} cancelLabel={t('investment.common.cancel')} />
    </Form>
  );
}
