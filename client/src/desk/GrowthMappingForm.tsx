import { DateTimeInput } from '../ui/DateInput';
import { FieldError, FormErrors, invalidProps } from '../ui/userErrors';
import { fromLocalInput, toLocalInput } from '../ui/format';
import { useState, type FormEvent } from 'react';
import { useDeskGrowthWheelModelQuery, useDeskRecordTouchpointMutation, type GrowthWheelDecisionArea, type GrowthWheelScoreInput } from '../generated/graphql';
import { useTranslation } from 'react-i18next';
import { decisionAreaLabel, wheelAreaLabel } from './GrowthWheel';
import { QueryStatus } from '../ui/Status';
import {
  AMBITION_KEY, FOCUS_AREAS, FOCUS_KEY, mappingErrors, MAX_SCORE, MIN_SCORE, OCCURRED_AT_KEY, SCORES_KEY, scoreKey, scoresInput, toggleFocus,
  validateMapping, type MappingDraft,
} from './growthWheel';
import { Form } from '../ui/Form';

const SCORES = Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => MIN_SCORE + i);
const emptyDraft = (): MappingDraft => ({ scores: {}, focusAreas: [], ambition: '' });

/** Record a growth mapping (vækstkortlægning): a Growth Wheel score per decision area and exactly 3 focus areas. */
export function GrowthMappingForm({ firmId, organisationId }: { firmId: string; organisationId: string | null }) {
  const { t } = useTranslation();
  const [{ data: model, fetching: loadingModel, error: modelError }] = useDeskGrowthWheelModelQuery();
  const [draft, setDraft] = useState<MappingDraft>(emptyDraft);
  const [occurredAt, setOccurredAt] = useState(() => toLocalInput(new Date()));
  const [summary, setSummary] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [sentScores, setSentScores] = useState<GrowthWheelScoreInput[]>([]);
  const [saved, setSaved] = useState(false);
  const [{ data, fetching, error }, record] = useDeskRecordTouchpointMutation();
  const wheel = model?.growthWheelModel ?? [];
  const server = mappingErrors(data?.recordTouchpoint.userErrors, sentScores);
  const errorsFor = (key: string) => [...(clientErrors[key] ?? []), ...(server.byField[key] ?? [])];

  if (!organisationId) return null;
  if (!model) return <QueryStatus fetching={loadingModel} error={modelError} what={t('desk.mapping.what')} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const at = fromLocalInput(occurredAt);
    const errors = validateMapping(wheel, draft);
    if (!at) errors[OCCURRED_AT_KEY] = [t('desk.mapping.giveTime')];
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const scores = scoresInput(wheel, draft);
    setSentScores(scores);
    const r = await record({
      input: {
        firmId,
        organisationId,
        kind: 'GROWTH_MAPPING',
        occurredAt: at!,
        summary: summary.trim() || null,
        growthMapping: { scores, focusAreas: draft.focusAreas, ambition: draft.ambition.trim() || null },
      },
    });
    if (r.data?.recordTouchpoint.touchpoint) {
      setDraft(emptyDraft());
      setSummary('');
      setOccurredAt(toLocalInput(new Date()));
      setSaved(true);
    }
  }

  const focusCount = draft.focusAreas.length;
  return (
    <Form onSubmit={submit} noValidate aria-labelledby="mapping-title" data-testid="growth-mapping-form">
      <h2 id="mapping-title">{t('desk.mapping.title')}</h2>
      <p className="hint">{t('desk.mapping.hint', { count: FOCUS_AREAS })}</p>
      {wheel.map((area) => (
        <fieldset key={area.area} className="desk-wheel-area">
          <legend>{wheelAreaLabel(area.area)}</legend>
          {area.decisionAreas.map((d) => {
            const id = `score-${d}`;
            const messages = errorsFor(scoreKey(d));
            const chosen = draft.focusAreas.includes(d);
            return (
              <div key={d} className="desk-wheel-row">
                <label htmlFor={id}>{decisionAreaLabel(d)}</label>
                <select
                  id={id}
                  aria-label={t('desk.mapping.scoreFor', { area: decisionAreaLabel(d) })}
                  value={draft.scores[d] ?? ''}
                  onChange={(e) => setDraft((s) => ({ ...s, scores: { ...s.scores, [d]: e.target.value ? Number(e.target.value) : undefined } }))}
                  data-testid={`score-${d}`}
                  {...invalidProps(`${id}-error`, messages)}
                >
                  <option value="">–</option>
                  {SCORES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
                <label className="desk-check">
                  <input
                    type="checkbox"
                    checked={chosen}
                    disabled={!chosen && focusCount >= FOCUS_AREAS}
                    onChange={() => setDraft((s) => ({ ...s, focusAreas: toggleFocus(s.focusAreas, d as GrowthWheelDecisionArea) }))}
                    aria-label={t('desk.mapping.focusFor', { area: decisionAreaLabel(d) })}
                    data-testid={`focus-${d}`}
                  />
                  <span aria-hidden="true">{t('desk.mapping.focus')}</span>
                </label>
                <FieldError id={`${id}-error`} messages={messages} />
              </div>
            );
          })}
        </fieldset>
      ))}
      <p className={focusCount === FOCUS_AREAS ? 'desk-small' : 'desk-small muted'} data-testid="focus-count" aria-live="polite">
        {t('desk.mapping.focusCount', { picked: focusCount, count: FOCUS_AREAS })}
        {focusCount ? ` (${draft.focusAreas.map(decisionAreaLabel).join(', ')})` : ''}
      </p>
      <FieldError id="focus-error" messages={errorsFor(FOCUS_KEY)} />
      <FieldError id="scores-error" messages={errorsFor(SCORES_KEY)} />
      <label htmlFor="mapping-ambition">{t('desk.mapping.ambition')}</label>
      <textarea
        id="mapping-ambition"
        rows={2}
        value={draft.ambition}
        onChange={(e) => setDraft((s) => ({ ...s, ambition: e.target.value }))}
        {...invalidProps('ambition-error', errorsFor(AMBITION_KEY))}
      />
      <FieldError id="ambition-error" messages={errorsFor(AMBITION_KEY)} />
      <label htmlFor="mapping-summary">{t('desk.mapping.summary')}</label>
      <input id="mapping-summary" value={summary} onChange={(e) => setSummary(e.target.value)} />
      <label htmlFor="mapping-occurred">{t('desk.mapping.occurredAt')}</label>
      <DateTimeInput
        id="mapping-occurred"
        value={occurredAt}
        onChange={(v) => setOccurredAt(v)}
        {...invalidProps('mapping-occurred-error', errorsFor(OCCURRED_AT_KEY))}
      />
      <FieldError id="mapping-occurred-error" messages={errorsFor(OCCURRED_AT_KEY)} />
      <FormErrors messages={server.other} error={error} />
      <button type="submit" className="primary" disabled={fetching} data-testid="mapping-submit">
        {t('desk.mapping.submit')}
      </button>
      {saved && (
        <p role="status" className="desk-saved" data-testid="mapping-saved">
          {t('desk.mapping.saved')}
        </p>
      )}
    </Form>
  );
}
