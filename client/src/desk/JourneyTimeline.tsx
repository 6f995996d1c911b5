import { formatDateTime, isIsoDate } from '../ui/format';
import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskFirmJourneyQuery, type DeskTouchpointFragment, type JourneyFilter } from '../generated/graphql';
import { areaHref } from '../routing';
import { cleanParams, TOUCHPOINT_KINDS, type JourneyFilterParams } from './journeyFilter';
import { CorrectEntryForm } from './CorrectEntryForm';
import { correctionState, decisionAreaLabel, detailRows, kindLabel } from './timeline';
import { canCorrect, OUTCOME_SOURCE_LABELS } from './touchpointKinds';
import { Form } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

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
  const { t } = useTranslation();
  const [draft, setDraft] = useState<JourneyFilterParams>(params);
  const set = (key: keyof JourneyFilterParams) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  function apply(event: FormEvent) {
    event.preventDefault();
    // A day half typed or mistyped filters nothing (the field shows it as invalid).
    const day = (v: string | undefined) => (v && isIsoDate(v) ? v : undefined);
    window.location.hash = areaHref('desk', ['firm', firmId], cleanParams({ ...draft, from: day(draft.from), to: day(draft.to) }));
  }
  function clear() {
    setDraft({});
    window.location.hash = areaHref('desk', ['firm', firmId]);
  }
  return (
    <Form layout="inline" className="desk-filters" onSubmit={apply} aria-label={t('desk.journey.filters')} data-testid="journey-filters">
      <label>
        <span>{t('desk.journey.kind')}</span>
        <select value={draft.kind ?? ''} onChange={(e) => set('kind')(e.target.value)} data-testid="filter-kind">
          <option value="">{t('desk.journey.allKinds')}</option>
          {TOUCHPOINT_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('desk.journey.organisation')}</span>
        <select value={draft.org ?? ''} onChange={(e) => set('org')(e.target.value)} data-testid="filter-organisation">
          <option value="">{t('desk.journey.allVisible')}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('desk.journey.from')}</span>
        <DateInput value={draft.from ?? ''} onChange={(v) => set('from')(v)} data-testid="filter-from" />
      </label>
      <label>
        <span>{t('desk.journey.to')}</span>
        <DateInput value={draft.to ?? ''} onChange={(v) => set('to')(v)} data-testid="filter-to" />
      </label>
      <label className="desk-check">
        <input type="checkbox" checked={draft.corrected === 'hide'} onChange={(e) => set('corrected')(e.target.checked ? 'hide' : '')} />
        <span>{t('desk.journey.hideCorrected')}</span>
      </label>
      <div className="desk-filter-buttons">
        <button type="submit" className="primary" data-testid="filter-apply">
          {t('desk.journey.apply')}
        </button>
        <button type="button" onClick={clear}>
          {t('desk.journey.clear')}
        </button>
      </div>
    </Form>
  );
}

/** The journey as a timeline, newest first, page by page. */
export function JourneyTimeline({ firmId, filter, recordingOrganisationIds = [] }: { firmId: string; filter: JourneyFilter | null; recordingOrganisationIds?: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <ol className="desk-timeline" data-testid="journey-timeline" aria-label={t('desk.journey.entries')}>
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
  const { t } = useTranslation();
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
          emptyText={filter ? t('desk.journey.noMatch') : t('desk.journey.empty')}
          pageInfo={journey?.pageInfo}
          what={t('desk.journey.what')}
        />
      </li>
    </>
  );
}

export function TimelineEntry({ entry, correctionLoaded, correctable }: { entry: DeskTouchpointFragment; correctionLoaded?: boolean; correctable?: boolean }) {
  const { t } = useTranslation();
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
          {correctionLoaded ? t('desk.journey.supersededAbove') : t('desk.journey.superseded')}
        </p>
      )}
      {isCorrection && (
        <p className="desk-badge desk-badge-correction" data-testid="correction-badge">
          {entry.correctionReason ? t('desk.journey.correctionReason', { reason: entry.correctionReason }) : t('desk.journey.correction')}
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
        {entry.recordedBy
          ? t('desk.journey.recordedBy', { when: formatDateTime(entry.recordedAt), name: entry.recordedBy.displayName })
          : t('desk.journey.recorded', { when: formatDateTime(entry.recordedAt) })}
        {correctable && !correcting && (
          <>
            {' · '}
            <button type="button" className="desk-link-button" onClick={() => setCorrecting(true)} data-testid="correct-entry">
              {t('desk.journey.correct')}
            </button>
          </>
        )}
      </p>
      {correctable && correcting && <CorrectEntryForm entry={entry} onDone={() => setCorrecting(false)} />}
    </li>
  );
}

function ScoreBars({ scores, focus }: { scores: Array<{ decisionArea: string; score: number }>; focus: string[] }) {
  const { t } = useTranslation();
  return (
    <details className="desk-scores">
      <summary>{t('desk.journey.scores')}</summary>
      <ul>
        {scores.map((s) => (
          <li key={s.decisionArea} className={focus.includes(s.decisionArea) ? 'desk-focus' : undefined}>
            <span>{decisionAreaLabel(s.decisionArea)}</span>
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
