import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskAssessGrowthPotentialMutation, useDeskFirmGrowthPotentialQuery, type FirmSegment, type GrowthPotentialLevel, type MeQuery } from '../generated/graphql';
import { can } from '../ui/access';
import { formatDate } from '../ui/format';
import { enumLabel, levelLabel } from '../ui/labels';
import { FieldError, FormErrors, placeUserErrors } from '../ui/userErrors';
import { DisclosureButton, Form, FormActions, useDisclosure } from '../ui/Form';

const AREAS = ['desk'];
const LEVELS: GrowthPotentialLevel[] = ['HIGH', 'MEDIUM', 'LOW'];
const SEGMENTS: FirmSegment[] = ['ENTREPRENEUR', 'ESTABLISHED', 'GROWTH_FIRM', 'SCALE_UP'];
// The journey's own query lists assessments too: refresh it (and other firm reads) after saving.
const FIRM_TYPES = { additionalTypenames: ['Firm', 'GrowthPotentialAssessment'] };
export const segmentLabel = (value: string | null | undefined) => enumLabel('desk.segment', value);

/**
 * Assess a firm's growth potential (DA vurder vækstpotentiale): level, segment and reasoning. History
 * is kept on the server; the newest assessment is the current one, shown with who made it.
 * Offered to those who may record work for the chosen organisation (CONSULTANT and up).
 */
export function GrowthPotentialForm({
  firmId,
  organisationId,
  me,
  actingFor,
}: {
  firmId: string;
  organisationId: string | null;
  me: Pick<MeQuery['me'], 'memberships'>;
  actingFor: string | null;
}) {
  const { t } = useTranslation();
  const allowed = can(me, actingFor, organisationId, 'record');
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [level, setLevel] = useState<GrowthPotentialLevel | ''>('');
  const [segment, setSegment] = useState<FirmSegment | ''>('');
  const [rationale, setRationale] = useState('');
  const [saved, setSaved] = useState(false);
  const [{ data: read }, refetch] = useDeskFirmGrowthPotentialQuery({ variables: { id: firmId }, pause: !allowed });
  const [{ data, error, fetching }, assess] = useDeskAssessGrowthPotentialMutation();
  if (!allowed) return null;
  const current = read?.firm?.growthPotential;
  const formId = 'growth-potential';
  const shown = ['level', 'segment', 'rationale', 'firmId', 'organisationId'];
  const userErrors = data?.assessGrowthPotential.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!level || !segment) return;
    setSaved(false);
    const result = await assess({ input: { firmId, organisationId, level, segment, rationale: rationale.trim() || null } }, FIRM_TYPES);
    const payload = result.data?.assessGrowthPotential;
    if (payload?.assessment && payload.userErrors.length === 0) {
      setSaved(true);
      setOpen(false);
      setRationale('');
      refetch({ requestPolicy: 'network-only' });
    }
  }
  return (
    <div className="desk-growth-potential" data-testid="growth-potential">
      {current && (
        <p className="desk-small" role={saved ? 'status' : undefined} data-testid="growth-potential-current">
          {t(saved ? 'desk.growthPotential.saved' : current.assessedBy ? 'desk.growthPotential.current' : 'desk.growthPotential.currentByOrganisation', {
            level: levelLabel(current.level),
            segment: segmentLabel(current.segment),
            who: current.assessedBy?.displayName ?? current.organisation?.name ?? '',
            organisation: current.organisation?.name ?? '',
            date: formatDate(current.assessedAt),
          })}
        </p>
      )}
      {!open ? (
        <DisclosureButton disclosure={disclosure} testId="growth-potential-open">
          {t('desk.growthPotential.open')}
        </DisclosureButton>
      ) : (
        <Form id={disclosure.panelId} onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="growth-potential-form" noValidate>
          <h2 id={`${formId}-title`} className="desk-small">
            {t('desk.growthPotential.title')}
          </h2>
          <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
          <label htmlFor={`${formId}-level`}>{t('desk.growthPotential.level')}</label>
          <select id={`${formId}-level`} value={level} onChange={(e) => setLevel(e.target.value as GrowthPotentialLevel)} data-testid="growth-potential-level" required {...placed.props('level', formId)}>
            <option value="">{t('desk.growthPotential.choose')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {levelLabel(l)}
              </option>
            ))}
          </select>
          <FieldError formId={formId} field="level" messages={placed.at('level')} />
          <label htmlFor={`${formId}-segment`}>{t('desk.growthPotential.segment')}</label>
          <select id={`${formId}-segment`} value={segment} onChange={(e) => setSegment(e.target.value as FirmSegment)} data-testid="growth-potential-segment" required {...placed.props('segment', formId)}>
            <option value="">{t('desk.growthPotential.choose')}</option>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {segmentLabel(s)}
              </option>
            ))}
          </select>
          <FieldError formId={formId} field="segment" messages={placed.at('segment')} />
          <label htmlFor={`${formId}-rationale`}>{t('desk.growthPotential.rationale')}</label>
          <textarea id={`${formId}-rationale`} value={rationale} maxLength={2000} onChange={(e) => setRationale(e.target.value)} data-testid="growth-potential-rationale" {...placed.props('rationale', formId)} />
          <FieldError formId={formId} field="rationale" messages={placed.at('rationale')} />
          <FieldError formId={formId} field="firmId" messages={placed.at('firmId')} />
          <FieldError formId={formId} field="organisationId" messages={placed.at('organisationId')} />
          <FormActions pending={fetching} disabled={!level || !segment} submitLabel={t('desk.growthPotential.submit')} pendingLabel={t('desk.saving')} submitTestId="growth-potential-submit" onCancel={disclosure.hide} cancelLabel={t('desk.cancel')} />
        </Form>
      )}
    </div>
  );
}
