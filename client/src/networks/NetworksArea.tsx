import type { AreaPageProps } from '../areas';
import { FundingApplicationEditPage, FundingApplicationNewPage } from './FundingApplicationForm';
import { FundingApplicationPage } from './FundingApplicationPage';
import { MeetingAttendancePage } from './MeetingAttendancePage';
import { MeetingRegistrationPage } from './MeetingRegistrationPage';
import { NetworkPage } from './NetworkPage';
import { NetworksHome } from './NetworksHome';

/**
 * The networks area:
 *   #/networks                                  my networks, funding applications, pools
 *   #/networks/<id>                             a network: working group, secretariat, members, meetings
 *   #/networks/<id>/meetings/<meetingId>        record attendance after a meeting
 *   #/networks/<id>/meetings/<meetingId>/register  register members before it (DA tilmelding)
 *   #/networks/applications/new?network=<id>    a new funding application (draft)
 *   #/networks/applications/<id>[/edit]         an application: read, edit a draft, submit, decide
 */
export function NetworksArea(props: AreaPageProps) {
  return (
    <div className="networks-area">
      <NetworksPages {...props} />
    </div>
  );
}

function NetworksPages({ parts, params, me, actingFor }: AreaPageProps) {
  if (parts[0] === 'applications') {
    if (parts[1] === 'new') return <FundingApplicationNewPage me={me} actingFor={actingFor} networkId={params.network ?? null} />;
    if (parts[1] && parts[2] === 'edit') return <FundingApplicationEditPage key={parts[1]} id={parts[1]} me={me} actingFor={actingFor} />;
    if (parts[1]) return <FundingApplicationPage key={parts[1]} id={parts[1]} me={me} actingFor={actingFor} />;
  }
  if (parts[0] && parts[1] === 'meetings' && parts[2]) {
    if (parts[3] === 'register') return <MeetingRegistrationPage key={parts[2]} networkId={parts[0]} meetingId={parts[2]} />;
    return <MeetingAttendancePage key={parts[2]} networkId={parts[0]} meetingId={parts[2]} />;
  }
  if (parts[0]) return <NetworkPage key={parts[0]} id={parts[0]} me={me} actingFor={actingFor} />;
  return <NetworksHome me={me} actingFor={actingFor} />;
}
