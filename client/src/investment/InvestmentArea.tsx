import type { AreaPageProps } from '../areas';
import { areaHref } from '../routing';
import { DelegationPage } from './DelegationPage';
import { DelegationsPage, NewDelegationPage } from './DelegationsPage';
import { InquiriesPage } from './InquiriesPage';
import { InquiryPage } from './InquiryPage';
import { NewInquiryPage } from './NewInquiryPage';
import { PortalListingDetails, PortalListings } from './InvestorPortalPage';

type Tab = 'delegations' | 'inquiries' | 'portal';

/**
 * The investment-promotion area:
 *   #/investment                          delegations of the shared reception and the value they created
 *   #/investment/delegations/new          record a delegation
 *   #/investment/delegations/<id>         a delegation, its follow-ups and value created
 *   #/investment/inquiries[?state=...]    the establishment-inquiry pipeline
 *   #/investment/inquiries/new            record an inbound inquiry
 *   #/investment/inquiries/<id>           an inquiry: state and history, offers, projected vs realised
 *   #/investment/portal[/<id>]            the public investor portal, inside the app
 */
export function InvestmentArea({ parts, params, me, actingFor }: AreaPageProps) {
  const [section, id] = parts;
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
  } else if (section === 'delegations' && id === 'new') {
    page = <NewDelegationPage me={me} actingFor={actingFor} />;
  } else if (section === 'delegations' && id) {
    page = <DelegationPage key={id} id={id} me={me} actingFor={actingFor} />;
  } else {
    page = <DelegationsPage me={me} actingFor={actingFor} />;
  }
  return (
    <div className="investment-area">
      <nav className="tabs" aria-label="Investment promotion">
        <a href={areaHref('investment')} aria-current={tab === 'delegations' ? 'page' : undefined} data-testid="tab-delegations">
          Delegations
        </a>
        <a href={areaHref('investment', ['inquiries'])} aria-current={tab === 'inquiries' ? 'page' : undefined} data-testid="tab-inquiries">
          Establishment inquiries
        </a>
        <a href={areaHref('investment', ['portal'])} aria-current={tab === 'portal' ? 'page' : undefined} data-testid="tab-portal">
          Investor portal
        </a>
      </nav>
      {page}
    </div>
  );
}
