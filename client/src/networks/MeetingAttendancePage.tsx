import { formatDate, formatDateTime } from '../ui/format';
import { FieldError, FormErrors } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useNetworkMeetingAttendanceQuery, useRecordNetworkMeetingAttendanceMutation, type NetworkMeetingAttendanceQuery } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { QueryStatus } from '../ui/Status';
import { attendedMemberIds, initialAttendance } from './attendance';

type Meeting = NonNullable<NetworkMeetingAttendanceQuery['network']>['meetings'][number];

/** #/networks/<id>/meetings/<meetingId>: record who attended, on or after the meeting day. */
export function MeetingAttendancePage({ networkId, meetingId }: { networkId: string; meetingId: string }) {
  const [{ data, fetching, error }] = useNetworkMeetingAttendanceQuery({ variables: { id: networkId } });
  const meeting = data?.network?.meetings.find((m) => m.id === meetingId);
  return (
    <section aria-labelledby="attendance-title">
      <p>
        <a href={areaHref('networks', [networkId])}>← {data?.network?.name ?? 'Network'}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what="the meeting" />
      {data && !meeting && <p role="status">This meeting does not exist, or is not visible to you.</p>}
      {meeting && <AttendanceForm key={meeting.version} networkId={networkId} meeting={meeting} />}
    </section>
  );
}

function AttendanceForm({ networkId, meeting }: { networkId: string; meeting: Meeting }) {
  const [ticked, setTicked] = useState(() => initialAttendance(meeting.participants));
  const [{ data, error, fetching }, record] = useRecordNetworkMeetingAttendanceMutation();
  const userErrors = data?.recordNetworkMeetingAttendance.userErrors ?? [];
  const formId = 'attendance';

  function toggle(id: string, on: boolean) {
    setTicked((t) => {
      const next = new Set(t);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await record({
      input: { meetingId: meeting.id, expectedVersion: meeting.version, attendedMemberIds: attendedMemberIds(meeting.participants, ticked) },
    });
    if (result.data?.recordNetworkMeetingAttendance.meeting && result.data.recordNetworkMeetingAttendance.userErrors.length === 0) {
      navigate({ page: 'area', area: 'networks', parts: [networkId], params: {} });
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="attendance-title" data-testid="attendance-form" noValidate>
      <h1 id="attendance-title">Attendance: {meeting.title}</h1>
      <p className="muted">
        {formatDate(meeting.heldOn)}
        {meeting.location && ` · ${meeting.location}`} · {meeting.registrationCount} registered ·{' '}
        {meeting.attendanceRecordedAt ? `attendance last recorded ${formatDateTime(meeting.attendanceRecordedAt)}` : 'attendance not recorded yet'}
      </p>
      <FieldError errors={userErrors} field="meetingId" formId={formId} />
      <fieldset className="checkbox-list">
        <legend>
          Who attended? <span className="count" data-testid="attendance-ticked">{ticked.size}</span>
        </legend>
        {meeting.participants.length === 0 && <p className="muted">Nobody registered for this meeting.</p>}
        {meeting.participants.map((p) => {
          const name = p.member.firm?.name ?? p.member.contactName ?? 'Member';
          return (
            <label key={p.id} className="checkbox" data-testid="attendance-participant">
              <input type="checkbox" checked={ticked.has(p.member.id)} onChange={(e) => toggle(p.member.id, e.target.checked)} />
              {name}
              {p.member.firm && p.member.contactName && <span className="muted"> ({p.member.contactName})</span>}
              {!p.registeredAt && <span className="muted"> · walk-in</span>}
            </label>
          );
        })}
      </fieldset>
      <FormErrors errors={userErrors} shownKeys={['meetingId']} error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching} data-testid="save-attendance">
          {fetching ? 'Saving…' : 'Save attendance'}
        </button>
        <a href={areaHref('networks', [networkId])}>Cancel</a>
      </div>
    </form>
  );
}
