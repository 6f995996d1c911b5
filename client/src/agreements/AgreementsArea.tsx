import type { AreaPageProps } from '../areas';
import { t } from '../ui/i18n';
import { EditAgreementPage, NewAgreementPage } from './AgreementEditor';
import { AgreementList } from './AgreementList';
import { AgreementPage } from './AgreementPage';
import { ComparePage } from './ComparePage';

/**
 * The municipal desk for service agreements:
 *   #/agreements[?state=&kind=]          my organisations' agreements
 *   #/agreements/new                     a new draft
 *   #/agreements/<id>                    one agreement (life cycle, signatures, versions, KPIs, follow-ups)
 *   #/agreements/<id>/edit               edit the draft / pending amendment
 *   #/agreements/<id>/compare?from=&to=  two versions field by field
 */
export function AgreementsArea(props: AreaPageProps) {
  return <div className="agreements-area">{route(props)}</div>;
}

function route({ parts, params, me, actingFor }: AreaPageProps) {
  const [id, sub] = parts;
  if (!id) return <AgreementList params={params} me={me} actingFor={actingFor} />;
  if (id === 'new') return <NewAgreementPage key="new" me={me} actingFor={actingFor} />;
  if (sub === 'edit') return <EditAgreementPage key={`${id}-edit`} id={id} />;
  if (sub === 'compare') return <ComparePage key={`${id}-compare`} id={id} params={params} />;
  if (!sub) return <AgreementPage key={id} id={id} params={params} me={me} actingFor={actingFor} />;
  return <p role="alert">{t('agreements.notFound')}</p>;
}
