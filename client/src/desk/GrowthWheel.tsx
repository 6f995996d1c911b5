import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskGrowthMappingsQuery } from '../generated/graphql';
import { formatDate, formatNumber } from '../ui/format';
import { enumLabel } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { MAX_SCORE, type WheelArea } from './growthWheel';
import { averageScore, compareScores, WHEEL_SIZE, wheelSegments } from './wheel';

/** One colour per area of the wheel (each with enough contrast against white for the outline). */
const AREA_COLOURS: Record<string, string> = { COMPANY: '#1f6f8b', CUSTOMERS: '#b35900', ORGANISATION: '#2e7d32', RELATIONS: '#6a1b9a' };
const colourOf = (area: string) => AREA_COLOURS[area] ?? '#455a64';

export const decisionAreaLabel = (d: string) => enumLabel('ui.wheel.decision', d);
export const wheelAreaLabel = (a: string) => enumLabel('desk.wheel.area', a);

type Score = { decisionArea: string; score: number };
// One object for every render: a new context each time would make urql run the query again.
const MAPPINGS_CONTEXT = { additionalTypenames: ['Touchpoint'] };

/**
 * The Growth Wheel (DA Væksthjulet) drawn as a wheel: one wedge per decision area, its length the
 * score (1-5), the firm's three focus areas outlined. The SVG is one image with a text alternative;
 * the same figures stand beside it as a table (for screen readers and for copying into a report).
 */
export function GrowthWheelChart({ model, scores, focusAreas, caption, testId = 'growth-wheel' }: { model: readonly WheelArea[]; scores: readonly Score[]; focusAreas: readonly string[]; caption: string; testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const segments = wheelSegments(model, scores, focusAreas);
  const average = averageScore(scores);
  const focusNames = focusAreas.map(decisionAreaLabel).join(', ');
  return (
    <figure className="growth-wheel" data-testid={testId} style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start', margin: 0 }}>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WHEEL_SIZE} ${WHEEL_SIZE}`} width={WHEEL_SIZE} height={WHEEL_SIZE} data-testid="growth-wheel-svg">
        <title id={`${id}-title`}>{t('desk.wheel.svgTitle', { caption })}</title>
        <desc id={`${id}-desc`}>{t('desk.wheel.svgDesc', { average: average == null ? '—' : formatNumber(average, 1), max: MAX_SCORE, focus: focusNames || '—' })}</desc>
        {[1, 2, 3, 4, 5].map((ring) => (
          <circle key={ring} cx={WHEEL_SIZE / 2} cy={WHEEL_SIZE / 2} r={14 + (ring / MAX_SCORE) * (WHEEL_SIZE / 2 - 20)} fill="none" stroke="#d0d7de" strokeWidth={0.6} />
        ))}
        {segments.map((s) => (
          <g key={s.decisionArea} data-testid="wheel-segment" data-decision-area={s.decisionArea} data-score={s.score ?? ''} data-focus={s.focus || undefined}>
            <path d={s.outline} fill={colourOf(s.area)} fillOpacity={0.08} stroke="none" />
            {s.path && <path d={s.path} fill={colourOf(s.area)} fillOpacity={s.focus ? 0.95 : 0.6} stroke={s.focus ? '#111' : 'none'} strokeWidth={s.focus ? 1.5 : 0} />}
          </g>
        ))}
      </svg>
      <table className="data-table growth-wheel-table" data-testid="growth-wheel-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('desk.wheel.col.area')}</th>
            <th scope="col">{t('desk.wheel.col.decisionArea')}</th>
            <th scope="col" className="numeric">
              {t('desk.wheel.col.score')}
            </th>
          </tr>
        </thead>
        <tbody>
          {segments.map((s) => (
            <tr key={s.decisionArea} data-testid="wheel-row" data-decision-area={s.decisionArea}>
              <td>
                <span aria-hidden="true" style={{ display: 'inline-block', width: '0.7em', height: '0.7em', background: colourOf(s.area), marginRight: '0.3em' }} />
                {wheelAreaLabel(s.area)}
              </td>
              <th scope="row">
                {decisionAreaLabel(s.decisionArea)}
                {s.focus && <strong> · {t('desk.wheel.focus')}</strong>}
              </th>
              <td className="numeric">{s.score == null ? '—' : t('desk.wheel.scoreOf', { score: s.score, max: MAX_SCORE })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

interface Mapping {
  id: string;
  occurredAt: string;
  organisation: { name: string };
  ambition: string | null;
  focusAreas: string[];
  scores: Score[];
}

/** The firm's growth mappings (DA vækstkortlægninger): the latest as a wheel, and any two side by side. */
export function GrowthMappingsPanel({ firmId }: { firmId: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useDeskGrowthMappingsQuery({ variables: { firmId }, context: MAPPINGS_CONTEXT });
  const mappings: Mapping[] = (data?.firmJourney?.edges ?? []).flatMap(({ node }) =>
    node.details.__typename === 'GrowthMappingDetails'
      ? [{ id: node.id, occurredAt: node.occurredAt, organisation: node.organisation, ambition: node.details.ambition ?? null, focusAreas: node.details.focusAreas, scores: node.details.scores }]
      : [],
  );
  // Oldest first, so "earlier" and "later" read left to right.
  mappings.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const model = data?.growthWheelModel ?? [];
  const [leftId, setLeftId] = useState<string | null>(null);
  const [rightId, setRightId] = useState<string | null>(null);
  const right = mappings.find((m) => m.id === rightId) ?? mappings[mappings.length - 1];
  const left = mappings.find((m) => m.id === leftId) ?? (mappings.length > 1 ? mappings[mappings.length - 2] : undefined);
  const label = (m: Mapping) => t('desk.mappings.option', { date: formatDate(m.occurredAt), organisation: m.organisation.name });
  return (
    <section className="card" aria-labelledby="desk-mappings-title" data-testid="growth-mappings">
      <h2 id="desk-mappings-title">{t('desk.mappings.title', { count: mappings.length })}</h2>
      <QueryStatus fetching={fetching && !data} error={error} what={t('desk.mappings.what')} />
      {data && mappings.length === 0 && <p className="muted">{t('desk.mappings.none')}</p>}
      {right && mappings.length === 1 && <GrowthWheelChart model={model} scores={right.scores} focusAreas={right.focusAreas} caption={label(right)} />}
      {right && left && (
        <>
          <div className="search-row">
            <label>
              {t('desk.mappings.earlier')}{' '}
              <select value={left.id} onChange={(e) => setLeftId(e.target.value)} data-testid="compare-left">
                {mappings.map((m) => (
                  <option key={m.id} value={m.id}>
                    {label(m)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('desk.mappings.later')}{' '}
              <select value={right.id} onChange={(e) => setRightId(e.target.value)} data-testid="compare-right">
                {mappings.map((m) => (
                  <option key={m.id} value={m.id}>
                    {label(m)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="growth-wheel-compare" style={{ display: 'flex', flexWrap: 'wrap', gap: '1.5rem' }} data-testid="mapping-comparison">
            {[left, right].map((m, i) => (
              <div key={`${i}-${m.id}`} style={{ flex: '1 1 20rem' }}>
                <h3>{i === 0 ? t('desk.mappings.earlier') : t('desk.mappings.later')}</h3>
                <GrowthWheelChart model={model} scores={m.scores} focusAreas={m.focusAreas} caption={label(m)} testId={`growth-wheel-${i === 0 ? 'left' : 'right'}`} />
                {m.ambition && (
                  <p>
                    <strong>{t('desk.mappings.ambition')}</strong> {m.ambition}
                  </p>
                )}
              </div>
            ))}
          </div>
          <ChangeTable model={model} left={left} right={right} />
        </>
      )}
    </section>
  );
}

function ChangeTable({ model, left, right }: { model: readonly WheelArea[]; left: Mapping; right: Mapping }) {
  const { t } = useTranslation();
  const rows = compareScores(model, left.scores, right.scores);
  return (
    <table className="data-table" data-testid="mapping-changes">
      <caption>{t('desk.mappings.changes', { from: formatDate(left.occurredAt), to: formatDate(right.occurredAt) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('desk.wheel.col.decisionArea')}</th>
          <th scope="col" className="numeric">
            {formatDate(left.occurredAt)}
          </th>
          <th scope="col" className="numeric">
            {formatDate(right.occurredAt)}
          </th>
          <th scope="col" className="numeric">
            {t('desk.mappings.change')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.decisionArea} data-testid="mapping-change" data-decision-area={r.decisionArea} data-change={r.change ?? ''}>
            <th scope="row">{decisionAreaLabel(r.decisionArea)}</th>
            <td className="numeric">{r.earlier ?? '—'}</td>
            <td className="numeric">{r.later ?? '—'}</td>
            <td className="numeric">{r.change == null ? '—' : r.change > 0 ? `+${r.change}` : r.change === 0 ? '±0' : `−${Math.abs(r.change)}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
