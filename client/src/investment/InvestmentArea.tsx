import { useTranslation } from 'react-i18next';
import type { AreaPageProps } from '../areas';
import { organisationsWhere } from '../ui/access';
import { areaHref } from '../routing';
import { DelegationPage } from './DelegationPage';
import { DelegationsPage, NewDelegationPage } from './DelegationsPage';
import { InquiriesPage } from './InquiriesPage';
import { InquiryPage } from './InquiryPage';
import { NewInquiryPage } from './NewInquiryPage';
import { PortalListingDetails, PortalListings } from './InvestorPortalPage';
import { PortalProjectForm, PortalProjectsPage } from './PortalProjectsPage';

type Tab = 'delegations' | 'inquiries' | 'portal' | 'projects';

/**
 * The investment-promotion area:
 *   #/investment                          delegations of the shared reception and the value they created
 *   #/investment/delegations/new          record a delegation
 *   #/investment/delegations/<id>         a delegation, its follow-ups and value created
 *   #/investment/inquiries[?state=...]    the establishment-inquiry pipeline
 *   #/investment/inquiries/new            record an inbound inquiry
 *   #/investment/inquiries/<id>           an inquiry: state and history, offers, projected vs realised
 *   #/investment/portal[/<id>]            the public investor portal, inside the app
 *   #/investment/projects[/new|/<id>]     the agency editors' portal projects: create, edit, list, withdraw
 */
export function InvestmentArea({ parts, params, me, actingFor }: AreaPageProps) {
  const { t } = useTranslation();
  const [section, id] = parts;
  // Portal projects are managed by editors of an investment-promotion agency (the server decides).
  const agencies = organisationsWhere(me, actingFor, 'edit').filter((o) => o.kind === 'INVESTMENT_PROMOTION_AGENCY');
  const canReadProjects = organisationsWhere(me, actingFor, 'read').some((o) => o.kind === 'INVESTMENT_PROMOTION_AGENCY');
  let tab: Tab = 'delegations';
  let page;
  if (section === 'inquiries') {
    tab = 'inquiries';
    if (id === 'new') page = <NewInquiryPage me={me} actingFor={actingFor} />;
    else if (id) page = <InquiryPage key={id} id={id} me={me} actingFor={actingFor} />;
    else page = <InquiriesPage state={params.state ?? ''} />;
  } else if (section === 'portal') {
    tab = 'portal';
    page = id ? <PortalListingDetails id={id} backHref={areaHref('investment', ['portal'])} /> : <PortalListings detailHref={(lid) => areaHref('investment', ['portal', lid])} />;
  } else if (section === 'projects') {
    tab = 'projects';
    page = id === 'new' ? <PortalProjectForm agencies={agencies} /> : <PortalProjectsPage canCreate={agencies.length > 0} />;
  } else if (section === 'delegations' && id === 'new') {
    page = <NewDelegationPage me={me} actingFor={actingFor} />;
  } else if (section === 'delegations' && id) {
    page = <DelegationPage key={id} id={id} me={me} actingFor={actingFor} />;
  } else {
    page = <DelegationsPage me={me} actingFor={actingFor} />;
  }
  return (
    <div className="investment-area">
      <nav className="tabs" aria-label={t('investment.nav.label')}>
        <a href={areaHref('investment')} aria-current={tab === 'delegations' ? 'page' : undefined} data-testid="tab-delegations">
          {t('investment.nav.delegations')}
        </a>
        <a href={areaHref('investment', ['inquiries'])} aria-current={tab === 'inquiries' ? 'page' : undefined} data-testid="tab-inquiries">
          {t('investment.nav.inquiries')}
        </a>
        <a href={areaHref('investment', ['portal'])} aria-current={tab === 'portal' ? 'page' : undefined} data-testid="tab-portal">
          {t('investment.nav.portal')}
        </a>
        {canReadProjects && (
          <a href={areaHref('investment', ['projects'])} aria-current={tab === 'projects' ? 'page' : undefined} data-testid="tab-projects">
            {t('investment.nav.portalProjects')}
          </a>
        )}
      </nav>
      {page}
    </div>
  );
}
