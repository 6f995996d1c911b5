import { formatDateTime } from '../ui/format';
import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState, type FormEvent } from 'react';
import { useDeskFirmJourneyQuery, type DeskTouchpointFragment, type JourneyFilter } from '../generated/graphql';
import { humanize } from '../ui/labels';
import { areaHref } from '../routing';
import { cleanParams, TOUCHPOINT_KINDS, type JourneyFilterParams } from './journeyFilter';
import { CorrectEntryForm } from './CorrectEntryForm';
import { correctionState, detailRows, kindLabel } from './timeline';
import { canCorrect, OUTCOME_SOURCE_LABELS } from './touchpointKinds';

export const JOURNEY_PAGE = 20;
/** A journey may be empty: refresh it when any touchpoint is recorded. */
export const JOURNEY_CONTEXT = { additionalTypenames: ['Touchpoint'] };

/** Filters of the timeline (kind, organisation, period, corrected entries), kept in the URL. */
export function JourneyFilters({
  firmId,
  params,
  organisations,
}: {
  firmId: string;
  params: JourneyFilterParams;
  organisations: Array<{ id: string; name: string }>;
}) {
  const [draft, setDraft] = useState<JourneyFilterParams>(params);
  const set = (key: keyof JourneyFilterParams) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  function apply(event: FormEvent) {
    event.preventDefault();
    window.location.hash = areaHref('desk', ['firm', firmId], cleanParams(draft));
  }
  function clear() {
    setDraft({});
    window.location.hash = areaHref('desk', ['firm', firmId]);
  }
  return (
    <form className="desk-filters" onSubmit={apply} aria-label="Filter the journey" data-testid="journey-filters">
      <label>
        <span>Kind</span>
        <select value={draft.kind ?? ''} onChange={(e) => set('kind')(e.target.value)} data-testid="filter-kind">
          <option value="">All kinds</option>
          {TOUCHPOINT_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Organisation</span>
        <select value={draft.org ?? ''} onChange={(e) => set('org')(e.target.value)} data-testid="filter-organisation">
          <option value="">All visible</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>From</span>
        <input type="date" value={draft.from ?? ''} onChange={(e) => set('from')(e.target.value)} data-testid="filter-from" />
      </label>
      <label>
        <span>To</span>
        <input type="date" value={draft.to ?? ''} onChange={(e) => set('to')(e.target.value)} data-testid="filter-to" />
      </label>
      <label className="desk-check">
        <input type="checkbox" checked={draft.corrected === 'hide'} onChange={(e) => set('corrected')(e.target.checked ? 'hide' : '')} />
        <span>Hide corrected entries</span>
      </label>
      <div className="desk-filter-buttons">
        <button type="submit" className="primary" data-testid="filter-apply">
          Apply
        </button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}

/** The journey as a timeline, newest first, page by page. */
export function JourneyTimeline({ firmId, filter, recordingOrganisationIds = [] }: { firmId: string; filter: JourneyFilter | null; recordingOrganisationIds?: readonly string[] }) {
  return (
    <ol className="desk-timeline" data-testid="journey-timeline" aria-label="Journey entries, newest first">
      <Paged key={JSON.stringify(filter)} renderPage={(p) => <TimelinePage {...p} firmId={firmId} filter={filter} recordingOrganisationIds={recordingOrganisationIds} />} />
    </ol>
  );
}

function TimelinePage({
  firmId,
  filter,
  recordingOrganisationIds,
  after,
  ...page
}: PageProps & { firmId: string; filter: JourneyFilter | null; recordingOrganisationIds: readonly string[] }) {
  const [{ data, fetching, error }] = useDeskFirmJourneyQuery({ variables: { firmId, filter, first: JOURNEY_PAGE, after }, context: JOURNEY_CONTEXT });
  const journey = data?.firmJourney;
  const edges = journey?.edges ?? [];
  const loadedIds = new Set(edges.map((e) => e.node.id));
  return (
    <>
      {edges.map(({ node }) => (
        <TimelineEntry
          key={node.id}
          entry={node}
          correctionLoaded={!!node.supersededById && loadedIds.has(node.supersededById)}
          correctable={canCorrect(node, recordingOrganisationIds)}
        />
      ))}
      <li className="desk-list-footer">
        <PageFooter
          {...page}
          count={data ? edges.length : null}
          fetching={fetching}
          error={error}
          emptyText={filter ? 'No entries match these filters.' : 'No journey entries you may see yet.'}
          pageInfo={journey?.pageInfo}
          what="the journey"
        />
      </li>
    </>
  );
}

export function TimelineEntry({ entry, correctionLoaded, correctable }: { entry: DeskTouchpointFragment; correctionLoaded?: boolean; correctable?: boolean }) {
  const [correcting, setCorrecting] = useState(false);
  const state = correctionState(entry);
  const outcomeSource = entry.details.__typename === 'OutcomeReportDetails' ? entry.details.source : null;
  const superseded = state === 'superseded' || state === 'corrected-correction';
  const isCorrection = state === 'correction' || state === 'corrected-correction';
  return (
    <li
      className={`desk-entry${superseded ? ' desk-entry-superseded' : ''}`}
      data-testid="journey-entry"
      data-kind={entry.kind}
      data-state={state}
      data-entry-id={entry.id}
      data-source={outcomeSource ?? undefined}
    >
      <div className="desk-entry-head">
        <strong className="desk-kind">{kindLabel(entry.kind)}</strong>
        {outcomeSource && (
          <span className={`desk-source desk-source-${outcomeSource.toLowerCase()}`} data-testid="outcome-source">
            {OUTCOME_SOURCE_LABELS[outcomeSource]}
          </span>
        )}
        <span className="muted">{entry.organisation.name}</span>
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
      </div>
      {superseded && (
        <p className="desk-badge desk-badge-superseded" data-testid="superseded-badge">
          Superseded: a later entry corrects this one{correctionLoaded ? ' (shown above)' : ''}.
        </p>
      )}
      {isCorrection && (
        <p className="desk-badge desk-badge-correction" data-testid="correction-badge">
          Correction of an earlier entry{entry.correctionReason ? `: ${entry.correctionReason}` : ''}.
        </p>
      )}
      {entry.summary && <p className="desk-summary">{entry.summary}</p>}
      <dl className="facts desk-facts">
        {detailRows(entry.details).map(([label, value]) => (
          <div key={label} className="desk-fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {entry.details.__typename === 'GrowthMappingDetails' && <ScoreBars scores={entry.details.scores} focus={entry.details.focusAreas} />}
      <p className="muted desk-small">
        Recorded {formatDateTime(entry.recordedAt)}
        {entry.recordedBy ? ` by ${entry.recordedBy.displayName}` : ''}
        {correctable && !correcting && (
          <>
            {' · '}
            <button type="button" className="desk-link-button" onClick={() => setCorrecting(true)} data-testid="correct-entry">
              Correct…
            </button>
          </>
        )}
      </p>
      {correctable && correcting && <CorrectEntryForm entry={entry} onDone={() => setCorrecting(false)} />}
    </li>
  );
}

function ScoreBars({ scores, focus }: { scores: Array<{ decisionArea: string; score: number }>; focus: string[] }) {
  return (
    <details className="desk-scores">
      <summary>Growth Wheel scores</summary>
      <ul>
        {scores.map((s) => (
          <li key={s.decisionArea} className={focus.includes(s.decisionArea) ? 'desk-focus' : undefined}>
            <span>{humanize(s.decisionArea)}</span>
            <span className="desk-bar" aria-hidden="true">
              <span style={{ width: `${s.score * 20}%` }} />
            </span>
            <span className="mono">{s.score}/5</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
