import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipsWhere } from '../ui/access';
import { GrowthMappingsPanel } from './GrowthWheel';
import { LinkIdentifierForm } from './ProspectForms';
import { useDeskFirmJourneyQuery, type MeQuery } from '../generated/graphql';
import { formatIdentifier } from '../ui/firmSearch';
import { areaHref, firmHref } from '../routing';
import { levelLabel } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { AccessLogPanel } from './AccessLogPanel';
import { ConsentPanel } from './ConsentPanel';
import { ContactPersonsPanel } from './ContactPersonsPanel';
import { administeredOrganisations, DataExportButton } from './DataExportButton';
import { RecordTouchpointForm } from './RecordTouchpointForm';
import type { RecordAs } from './recordAs';
import { RecordAsChooser } from './RecordAsChooser';
import { GrowthMappingForm } from './GrowthMappingForm';
import { GrowthPotentialForm, segmentLabel } from './GrowthPotentialForm';
import { JOURNEY_CONTEXT, JOURNEY_PAGE, JourneyFilters, JourneyTimeline } from './JourneyTimeline';
import { journeyFilterFromParams } from './journeyFilter';
import { MilestonesPanel } from './MilestonesPanel';
import { ReferralPanel } from './ReferralPanel';
import { hiddenNotice } from './timeline';

const TOOLS = [
  { key: 'mapping' },
  { key: 'record' },
  { key: 'milestones' },
  { key: 'referral' },
  { key: 'consent' },
  { key: 'contacts' },
  { key: 'access-log' },
] as const;
type Tool = (typeof TOOLS)[number]['key'];

/** One firm at the desk: its journey as far as we may see it, and the consultant's tools. */
export function FirmDesk({
  firmId,
  params,
  recordAs,
  me,
  actingFor,
}: {
  firmId: string;
  params: Record<string, string>;
  recordAs: RecordAs;
  me: Pick<MeQuery['me'], 'memberships'>;
  actingFor: string | null;
}) {
  const { t } = useTranslation();
  const filter = journeyFilterFromParams(params);
  // The same first page the timeline shows (one request): the firm, what is hidden, and on which basis we see others.
  const [{ data, fetching, error }] = useDeskFirmJourneyQuery({ variables: { firmId, filter, first: JOURNEY_PAGE, after: null }, context: JOURNEY_CONTEXT });
  const [tool, setTool] = useState<Tool>('mapping');
  const journey = data?.firmJourney;
  const firm = journey?.firm;
  const assessment = journey?.growthPotentialAssessments[0];
  const recordingIds = recordAs.options.map((o) => o.id);
  // The organisations whose entries and contact persons are ours to read (and whose access log we see).
  const ownIds = me.memberships.filter((m) => !actingFor || m.organisation.id === actingFor).map((m) => m.organisation.id);
  const admins = administeredOrganisations(me, actingFor);
  const organisations = [
    ...recordAs.options,
    ...(journey?.accessGrants.map((g) => g.organisation) ?? []).filter((o) => !recordAs.options.some((r) => r.id === o.id)),
  ];
  return (
    <section className="desk" aria-labelledby="desk-firm-title" data-testid="firm-desk">
      <p>
        <a href={areaHref('desk')}>{t('desk.firm.back')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('desk.firm.what')} />
      {data && !journey && (
        <p role="status" data-testid="firm-not-found">
          {t('desk.firm.notFound')}
        </p>
      )}
      {firm && journey && (
        <>
          <header className="card desk-firm-header">
            <h1 id="desk-firm-title">{firm.name}</h1>
            <p className="muted">
              {formatIdentifier(firm) ?? t('desk.prospectLabel')}
              {firm.municipality ? ` · ${firm.municipality.name}` : ''}
              {firm.industryCode ? ` · ${t('desk.firm.industry', { code: firm.industryCode })}` : ''} · <a href={firmHref(firm.id)}>{t('desk.firm.register')}</a>
            </p>
            {/* Linking a prospect to its CVR, what it did, and the notice on a merged prospect. */}
            <LinkIdentifierForm firmId={firm.id} status={recordAs.organisationId ? firm.status : 'READ_ONLY'} mergedInto={firm.mergedInto} />
            {assessment && (
              <p className="desk-small">
                {t('desk.firm.growthPotential')} <strong>{levelLabel(assessment.level)}</strong>, {t('desk.firm.segment')} <strong>{segmentLabel(assessment.segment)}</strong> (
                {assessment.organisation.name})
              </p>
            )}
            <GrowthPotentialForm firmId={firm.id} organisationId={recordAs.organisationId} me={me} actingFor={actingFor} />
            {admins.length > 0 && <DataExportButton firmId={firmId} organisations={admins} />}
          </header>
          {journey.hiddenOrganisations.length > 0 && (
            <div className="desk-hidden" role="note" data-testid="hidden-journey-notice">
              <h2 className="visually-hidden">{t('desk.firm.hiddenTitle')}</h2>
              <ul>
                {journey.hiddenOrganisations.map((o) => (
                  <li key={o.id} data-testid="hidden-organisation">
                    {hiddenNotice(o.name)}
                  </li>
                ))}
              </ul>
              <p className="desk-small">{t('desk.firm.hiddenHint')}</p>
            </div>
          )}
          {journey.accessGrants.length > 0 && (
            <ul className="desk-grants" data-testid="access-grants">
              {journey.accessGrants.map((g) => (
                <li key={`${g.organisation.id}-${g.viewerOrganisation.id}`} data-testid="access-grant">
                  {t(g.basis === 'CONSENT' ? 'desk.firm.grantConsent' : 'desk.firm.grantReferral', { organisation: g.organisation.name, viewer: g.viewerOrganisation.name })}
                </li>
              ))}
            </ul>
          )}
          <GrowthMappingsPanel firmId={firmId} />
          <div className="desk-firm-layout">
            <section aria-labelledby="desk-journey-title" className="desk-journey">
              <h2 id="desk-journey-title">{t('desk.firm.journey')}</h2>
              <JourneyFilters key={JSON.stringify(params)} firmId={firmId} params={params} organisations={organisations} />
              <JourneyTimeline firmId={firmId} filter={filter} recordingOrganisationIds={recordingIds} />
            </section>
            <aside className="card desk-tools" aria-label={t('desk.firm.tools')}>
              <RecordAsChooser recordAs={recordAs} />
              <div role="tablist" aria-label={t('desk.firm.tools')} className="desk-tabs">
                {TOOLS.map((tab) => (
                  <button
                    key={tab.key}
                    type="button"
                    role="tab"
                    id={`desk-tab-${tab.key}`}
                    aria-selected={tool === tab.key}
                    aria-controls="desk-tool-panel"
                    data-testid={`tool-${tab.key}`}
                    onClick={() => setTool(tab.key)}
                  >
                    {t(`desk.tool.${tab.key}`)}
                  </button>
                ))}
              </div>
              <div role="tabpanel" id="desk-tool-panel" aria-labelledby={`desk-tab-${tool}`}>
                {tool === 'mapping' && <GrowthMappingForm firmId={firmId} organisationId={recordAs.organisationId} />}
                {tool === 'record' && <RecordTouchpointForm firmId={firmId} organisationId={recordAs.organisationId} />}
                {tool === 'milestones' && <MilestonesPanel firmId={firmId} organisationId={recordAs.organisationId} />}
                {tool === 'referral' && <ReferralPanel firmId={firmId} organisationId={recordAs.organisationId} exclude={recordAs.options.map((o) => o.id)} />}
                {tool === 'consent' && <ConsentPanel firmId={firmId} organisationId={recordAs.organisationId} exclude={recordAs.options.map((o) => o.id)} />}
                {tool === 'contacts' && <ContactPersonsPanel firmId={firmId} organisationId={recordAs.organisationId} recordingOrganisationIds={recordingIds} erasingOrganisationIds={membershipsWhere(me, actingFor, 'edit').map((m) => m.organisation.id)} />}
                {tool === 'access-log' && <AccessLogPanel firmId={firmId} organisationIds={ownIds} />}
              </div>
            </aside>
          </div>
        </>
      )}
    </section>
  );
}
