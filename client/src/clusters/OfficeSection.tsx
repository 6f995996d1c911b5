import { formatAmount, formatDateTime, formatPercent } from '../ui/format';
import { sharesTotal } from '../ui/shares';
import { FormErrors } from '../ui/userErrors';
import { useState } from 'react';
import {
  useClusterOfficeDetailsQuery,
  useDecideOfficePlacementProposalMutation,
  type ClusterOfficeDetailsQuery,
  type CoFinancingDetailsFragment,
  type PlacementDecision,
} from '../generated/graphql';
import { organisationHref } from '../routing';
import { useTranslation } from 'react-i18next';
import { RevisePlacementProposal } from './ClusterForms';
import { QueryStatus } from '../ui/Status';
import { CoFinancingEditor } from './CoFinancingEditor';
import { MAX_PLACEMENT_SCORE, memberBenefitLabel, placementCriterionLabel, proposalStateLabel } from './labels';
import { DisclosureButton, useDisclosure } from '../ui/Form';

type Office = NonNullable<ClusterOfficeDetailsQuery['clusterOffice']>;
type Proposal = Office['placementProposals'][number];

/** One regional office: host municipality, placement proposals with their scores, and co-financing. */
export function OfficeSection({ officeId, canEdit, municipalityIds = [] }: { officeId: string; canEdit: boolean; municipalityIds?: readonly string[] }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useClusterOfficeDetailsQuery({ variables: { id: officeId } });
  const office = data?.clusterOffice;
  if (!office) return <QueryStatus fetching={fetching} error={error} what={t('clusters.office.what')} />;
  return (
    <article className="card office" aria-labelledby={`office-${office.id}`} data-testid="office" data-office-id={office.id}>
      <h3 id={`office-${office.id}`}>{office.name}</h3>
      {office.organisation.description && <p>{office.organisation.description}</p>}
      <dl className="facts">
        <dt>{t('clusters.office.host')}</dt>
        <dd data-testid="host-municipality">{office.hostMunicipality ? <a href={organisationHref(office.hostMunicipality.id)}>{office.hostMunicipality.name}</a> : '—'}</dd>
      </dl>

      <h4>{t('clusters.office.proposals')}</h4>
      {office.placementProposals.length === 0 ? (
        <p className="muted" data-testid="proposals-hidden">
          {t('clusters.office.proposalsHidden')}
        </p>
      ) : (
        office.placementProposals.map((p) => <ProposalView key={p.id} proposal={p} canDecide={canEdit} canRevise={canEdit || (!!p.leadMunicipality && municipalityIds.includes(p.leadMunicipality.id))} />)
      )}

      <h4>{t('clusters.office.coFinancing')}</h4>
      {office.coFinancings.length === 0 && (
        <p className="muted" data-testid="co-financing-hidden">
          {t('clusters.office.coFinancingHidden')}
        </p>
      )}
      {office.coFinancings.map((c) => (
        <CoFinancingView key={c.id} coFinancing={c} canEdit={canEdit} />
      ))}
      {canEdit && <NewCoFinancing officeId={office.id} />}
    </article>
  );
}

function ProposalView({ proposal: p, canDecide, canRevise }: { proposal: Proposal; canDecide: boolean; canRevise: boolean }) {
  const { t } = useTranslation();
  const [revising, setRevising] = useState(false);
  if (revising) return <RevisePlacementProposal proposal={p} onDone={() => setRevising(false)} />;
  return (
    <section className="proposal" data-testid="placement-proposal" aria-label={t('clusters.office.proposalLabel', { location: p.proposedLocation })}>
      <p>
        <strong>{p.proposedLocation}</strong>
        {t('clusters.office.proposedBy', { lead: p.leadMunicipality?.name ?? t('clusters.office.theLead'), when: formatDateTime(p.createdAt) })}{' '}
        <span className={`state state-${p.state.toLowerCase()}`} data-testid="proposal-state">
          {proposalStateLabel(p.state)}
        </span>
      </p>
      {p.summary && <p>{p.summary}</p>}
      <table className="data-table scores" data-testid="placement-scores">
        <caption className="visually-hidden">{t('clusters.office.scoresCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clusters.office.criterion')}</th>
            <th scope="col" className="num">
              {t('clusters.office.score')}
            </th>
            <th scope="col">{t('clusters.office.reasoning')}</th>
          </tr>
        </thead>
        <tbody>
          {p.scores.map((s) => (
            <tr key={s.id} data-testid="placement-score" data-criterion={s.criterion}>
              <th scope="row">{placementCriterionLabel(s.criterion)}</th>
              <td className="num">
                <span className="score" aria-label={t('clusters.proposal.scoreOf', { score: s.score, max: MAX_PLACEMENT_SCORE })}>
                  {s.score}/{MAX_PLACEMENT_SCORE}
                </span>
              </td>
              <td>{s.reasoning}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('clusters.office.total')}</th>
            <td className="num" data-testid="total-score">
              {p.totalScore}/{p.scores.length * MAX_PLACEMENT_SCORE}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {p.state !== 'SUBMITTED' ? (
        <p data-testid="proposal-decision">
          <strong>{t('clusters.office.decision', { state: proposalStateLabel(p.state) })}</strong>
          {p.decidedAt && t('clusters.office.decidedOn', { when: formatDateTime(p.decidedAt) })}
          {p.decisionNote && <>. {p.decisionNote}</>}
        </p>
      ) : canDecide ? (
        <DecideProposal proposal={p} />
      ) : (
        <p className="muted">{t('clusters.office.awaiting')}</p>
      )}
      {p.state === 'SUBMITTED' && canRevise && (
        <button type="button" onClick={() => setRevising(true)} data-testid="revise-proposal">
          {t('clusters.proposal.revise')}
        </button>
      )}
    </section>
  );
}

function DecideProposal({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [{ data, fetching, error }, decide] = useDecideOfficePlacementProposalMutation();
  const userErrors = data?.decideOfficePlacementProposal.userErrors ?? [];
  const send = (decision: PlacementDecision) => decide({ input: { id: proposal.id, expectedVersion: proposal.version, decision, note: note.trim() } });
  return (
    <div className="sub-form">
      <label htmlFor={`decide-${proposal.id}`}>{t('clusters.office.decisionReasoning')}</label>
      <textarea id={`decide-${proposal.id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <FormErrors errors={userErrors} requestError={error} />
      <div className="form-actions">
        <button type="button" className="primary" disabled={fetching} onClick={() => send('APPROVED')}>
          {t('clusters.office.approve')}
        </button>
        <button type="button" disabled={fetching} onClick={() => send('REJECTED')}>
          {t('clusters.office.reject')}
        </button>
      </div>
    </div>
  );
}

function CoFinancingView({ coFinancing: c, canEdit }: { coFinancing: CoFinancingDetailsFragment; canEdit: boolean }) {
  const { t } = useTranslation();
  const editDisclosure = useDisclosure();
  const { open: editing } = editDisclosure;
  const total = sharesTotal(c.shares.map((s) => s.sharePercent));
  const years = c.annualAmounts.map((a) => a.year);
  const allocation = (municipalityId: string | undefined, year: number) => c.allocations.find((a) => a.year === year && a.municipality?.id === municipalityId)?.amount;
  if (editing) return <CoFinancingEditor existing={c} onDone={editDisclosure.hide} />;
  return (
    <section className="co-financing" data-testid="co-financing" aria-label={c.title}>
      <p>
        <strong>{c.title}</strong>
      </p>
      {c.modelDescription && <p className="muted">{c.modelDescription}</p>}
      <div className="table-scroll">
        <table className="data-table" data-testid="co-financing-shares">
          <caption className="visually-hidden">{t('clusters.office.sharesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clusters.office.municipality')}</th>
              <th scope="col" className="num">
                {t('clusters.office.share')}
              </th>
              {years.map((y) => (
                <th key={y} scope="col" className="num">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.shares.map((s) => (
              <tr key={s.id} data-testid="co-financing-share">
                <th scope="row">{s.municipality ? <a href={organisationHref(s.municipality.id)}>{s.municipality.name}</a> : '—'}</th>
                <td className="num">{formatPercent(s.sharePercent)}</td>
                {years.map((y) => {
                  const amount = allocation(s.municipality?.id, y);
                  return (
                    <td key={y} className="num">
                      {amount != null ? formatAmount(amount) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('clusters.office.total')}</th>
              <td className={total.ok ? 'num' : 'num error'} data-testid="co-financing-total">
                {formatPercent(total.basisPoints / 100)}
              </td>
              {c.annualAmounts.map((a) => (
                <td key={a.id} className="num">
                  {formatAmount(a.amount)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p>{t('clusters.office.benefits')}</p>
      <ul data-testid="benefits">
        {c.benefits.map((b) => (
          <li key={b}>{memberBenefitLabel(b)}</li>
        ))}
      </ul>
      {c.benefitsDescription && <p className="muted">{c.benefitsDescription}</p>}
      {canEdit && (
        <DisclosureButton disclosure={editDisclosure} testId="edit-co-financing">
          {t('clusters.office.editCoFinancing')}
        </DisclosureButton>
      )}
    </section>
  );
}

function NewCoFinancing({ officeId }: { officeId: string }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  if (disclosure.open) return <CoFinancingEditor officeId={officeId} onDone={disclosure.hide} panelId={disclosure.panelId} />;
  return (
    <p>
      <DisclosureButton disclosure={disclosure}>
        {t('clusters.office.newCoFinancing')}
      </DisclosureButton>
    </p>
  );
}
