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
import { humanize } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { CoFinancingEditor } from './CoFinancingEditor';
import { MAX_PLACEMENT_SCORE, memberBenefitLabel, placementCriterionLabel } from './labels';

type Office = NonNullable<ClusterOfficeDetailsQuery['clusterOffice']>;
type Proposal = Office['placementProposals'][number];

/** One regional office: host municipality, placement proposals with their scores, and co-financing. */
export function OfficeSection({ officeId, canEdit }: { officeId: string; canEdit: boolean }) {
  const [{ data, fetching, error }] = useClusterOfficeDetailsQuery({ variables: { id: officeId } });
  const office = data?.clusterOffice;
  if (!office) return <QueryStatus fetching={fetching} error={error} what="the office" />;
  return (
    <article className="card office" aria-labelledby={`office-${office.id}`} data-testid="office" data-office-id={office.id}>
      <h3 id={`office-${office.id}`}>{office.name}</h3>
      {office.organisation.description && <p>{office.organisation.description}</p>}
      <dl className="facts">
        <dt>Host municipality</dt>
        <dd data-testid="host-municipality">{office.hostMunicipality ? <a href={organisationHref(office.hostMunicipality.id)}>{office.hostMunicipality.name}</a> : '—'}</dd>
      </dl>

      <h4>Placement proposals</h4>
      {office.placementProposals.length === 0 ? (
        <p className="muted" data-testid="proposals-hidden">
          No placement proposal you may see. Proposals are visible to the cluster and the lead municipality only.
        </p>
      ) : (
        office.placementProposals.map((p) => <ProposalView key={p.id} proposal={p} canDecide={canEdit} />)
      )}

      <h4>Co-financing</h4>
      {office.coFinancings.length === 0 && (
        <p className="muted" data-testid="co-financing-hidden">
          No co-financing you may see. Co-financing is visible to the cluster and the municipalities paying a share.
        </p>
      )}
      {office.coFinancings.map((c) => (
        <CoFinancingView key={c.id} coFinancing={c} canEdit={canEdit} />
      ))}
      {canEdit && <NewCoFinancing officeId={office.id} />}
    </article>
  );
}

function ProposalView({ proposal: p, canDecide }: { proposal: Proposal; canDecide: boolean }) {
  return (
    <section className="proposal" data-testid="placement-proposal" aria-label={`Placement proposal: ${p.proposedLocation}`}>
      <p>
        <strong>{p.proposedLocation}</strong>, proposed by {p.leadMunicipality ? <a href={organisationHref(p.leadMunicipality.id)}>{p.leadMunicipality.name}</a> : 'the lead municipality'} (lead
        municipality) on {formatDateTime(p.createdAt)} ·{' '}
        <span className={`state state-${p.state.toLowerCase()}`} data-testid="proposal-state">
          {humanize(p.state)}
        </span>
      </p>
      {p.summary && <p>{p.summary}</p>}
      <table className="data-table scores" data-testid="placement-scores">
        <caption className="visually-hidden">Scores on the placement criteria</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Reasoning</th>
          </tr>
        </thead>
        <tbody>
          {p.scores.map((s) => (
            <tr key={s.id} data-testid="placement-score" data-criterion={s.criterion}>
              <th scope="row">{placementCriterionLabel(s.criterion)}</th>
              <td className="num">
                <span className="score" aria-label={`${s.score} of ${MAX_PLACEMENT_SCORE}`}>
                  {s.score}/{MAX_PLACEMENT_SCORE}
                </span>
              </td>
              <td>{s.reasoning}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num" data-testid="total-score">
              {p.totalScore}/{p.scores.length * MAX_PLACEMENT_SCORE}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {p.state !== 'SUBMITTED' ? (
        <p data-testid="proposal-decision">
          <strong>Decision: {humanize(p.state)}</strong>
          {p.decidedAt && <> on {formatDateTime(p.decidedAt)}</>}
          {p.decisionNote && <>. {p.decisionNote}</>}
        </p>
      ) : canDecide ? (
        <DecideProposal proposal={p} />
      ) : (
        <p className="muted">Awaiting the cluster's decision.</p>
      )}
    </section>
  );
}

function DecideProposal({ proposal }: { proposal: Proposal }) {
  const [note, setNote] = useState('');
  const [{ data, fetching, error }, decide] = useDecideOfficePlacementProposalMutation();
  const userErrors = data?.decideOfficePlacementProposal.userErrors ?? [];
  const send = (decision: PlacementDecision) => decide({ input: { id: proposal.id, expectedVersion: proposal.version, decision, note: note.trim() } });
  return (
    <div className="sub-form">
      <label htmlFor={`decide-${proposal.id}`}>Reasoning for the decision</label>
      <textarea id={`decide-${proposal.id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <FormErrors errors={userErrors} requestError={error} />
      <div className="form-actions">
        <button type="button" className="primary" disabled={fetching} onClick={() => send('APPROVED')}>
          Approve
        </button>
        <button type="button" disabled={fetching} onClick={() => send('REJECTED')}>
          Reject
        </button>
      </div>
    </div>
  );
}

function CoFinancingView({ coFinancing: c, canEdit }: { coFinancing: CoFinancingDetailsFragment; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const total = sharesTotal(c.shares.map((s) => s.sharePercent));
  const years = c.annualAmounts.map((a) => a.year);
  const allocation = (municipalityId: string | undefined, year: number) => c.allocations.find((a) => a.year === year && a.municipality?.id === municipalityId)?.amount;
  if (editing) return <CoFinancingEditor existing={c} onDone={() => setEditing(false)} />;
  return (
    <section className="co-financing" data-testid="co-financing" aria-label={c.title}>
      <p>
        <strong>{c.title}</strong>
      </p>
      {c.modelDescription && <p className="muted">{c.modelDescription}</p>}
      <div className="table-scroll">
        <table className="data-table" data-testid="co-financing-shares">
          <caption className="visually-hidden">Shares per municipality and amounts per year (DKK)</caption>
          <thead>
            <tr>
              <th scope="col">Municipality</th>
              <th scope="col" className="num">
                Share
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
              <th scope="row">Total</th>
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
      <p>What member municipalities get:</p>
      <ul data-testid="benefits">
        {c.benefits.map((b) => (
          <li key={b}>{memberBenefitLabel(b)}</li>
        ))}
      </ul>
      {c.benefitsDescription && <p className="muted">{c.benefitsDescription}</p>}
      {canEdit && (
        <button type="button" onClick={() => setEditing(true)} data-testid="edit-co-financing">
          Edit co-financing
        </button>
      )}
    </section>
  );
}

function NewCoFinancing({ officeId }: { officeId: string }) {
  const [open, setOpen] = useState(false);
  if (open) return <CoFinancingEditor officeId={officeId} onDone={() => setOpen(false)} />;
  return (
    <p>
      <button type="button" onClick={() => setOpen(true)}>
        Record new co-financing
      </button>
    </p>
  );
}
