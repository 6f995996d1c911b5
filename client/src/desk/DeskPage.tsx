import { useState } from 'react';
import { t } from '../ui/i18n';
import type { AreaPageProps } from '../areas';
import { DeskHome } from './DeskHome';
import { FirmDesk } from './FirmDesk';
import { recordingOrganisations, type RecordAs } from './recordAs';

/** The consultant's desk: #/desk (worklist and firm finder) and #/desk/firm/<firmId> (the firm's journey and tools). */
export function DeskPage({ parts, params, me, actingFor }: AreaPageProps) {
  const options = recordingOrganisations(me, actingFor);
  const [chosen, setChosen] = useState<string | null>(null);
  const recordAs: RecordAs = {
    options,
    organisationId: options.find((o) => o.id === chosen)?.id ?? options[0]?.id ?? null,
    choose: setChosen,
  };
  if (parts[0] === 'firm' && parts[1]) return <FirmDesk key={parts[1]} firmId={parts[1]} params={params} recordAs={recordAs} me={me} actingFor={actingFor} />;
  if (parts.length === 0) return <DeskHome query={params.q ?? ''} me={me} actingFor={actingFor} recordAs={recordAs} />;
  return <p role="alert">{t('desk.notFound')}</p>;
}
