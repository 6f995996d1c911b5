import { formatDate, formatDateTime } from '../ui/format';
import { FieldError, FormErrors } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useNetworkMeetingAttendanceQuery, useRecordNetworkMeetingAttendanceMutation, type NetworkMeetingAttendanceQuery } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { QueryStatus } from '../ui/Status';
import { attendedMemberIds, initialAttendance } from './attendance';
import { useTranslation } from 'react-i18next';
import { Form, FormActions } from '../ui/Form';

type Meeting = NonNullable<NetworkMeetingAttendanceQuery['network']>['meetings'][number];

/** #/networks/<id>/meetings/<meetingId>: record who attended, on or after the meeting day. */
export function MeetingAttendancePage({ networkId, meetingId }: { networkId: string; meetingId: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useNetworkMeetingAttendanceQuery({ variables: { id: networkId } });
  const meeting = data?.network?.meetings.find((m) => m.id === meetingId);
  return (
    <section aria-labelledby="attendance-title">
      <p>
        <a href={areaHref('networks', [networkId])}>← {data?.network?.name ?? t('networks.attendance.network')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('networks.register.what')} />
      {data && !meeting && <p role="status">{t('networks.register.notFound')}</p>}
      {meeting && <AttendanceForm key={meeting.version} networkId={networkId} meeting={meeting} />}
    </section>
  );
}

function AttendanceForm({ networkId, meeting }: { networkId: string; meeting: Meeting }) {
  const { t } = useTranslation();
  const [ticked, setTicked] = useState(() => initialAttendance(meeting.participants));
  const [{ data, error, fetching }, record] = useRecordNetworkMeetingAttendanceMutation();
  const userErrors = data?.recordNetworkMeetingAttendance.userErrors ?? [];
  const formId = 'attendance';

  function toggle(id: string, on: boolean) {
    setTicked((was) => {
      const next = new Set(was);
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
    <Form className="card" onSubmit={submit} aria-labelledby="attendance-title" data-testid="attendance-form" noValidate>
      <h1 id="attendance-title">{t('networks.attendance.title', { title: meeting.title })}</h1>
      <p className="muted">
        {formatDate(meeting.heldOn)}
        {meeting.location && ` · ${meeting.location}`} · {t('networks.register.registered', { count: meeting.registrationCount })} ·{' '}
        {meeting.attendanceRecordedAt ? t('networks.attendance.lastRecorded', { when: formatDateTime(meeting.attendanceRecordedAt) }) : t('networks.attendance.notYet')}
      </p>
      <FieldError errors={userErrors} field="meetingId" formId={formId} />
      <fieldset className="checkbox-list">
        <legend>
          {t('networks.attendance.legend')} <span className="count" data-testid="attendance-ticked">{ticked.size}</span>
        </legend>
        {meeting.participants.length === 0 && <p className="muted">{t('networks.attendance.nobody')}</p>}
        {meeting.participants.map((p) => {
          const name = p.member.firm?.name ?? p.member.contactName ?? t('networks.attendance.member');
          return (
            <label key={p.id} className="checkbox" data-testid="attendance-participant">
              <input type="checkbox" checked={ticked.has(p.member.id)} onChange={(e) => toggle(p.member.id, e.target.checked)} />
              {name}
              {p.member.firm && p.member.contactName && <span className="muted"> ({p.member.contactName})</span>}
              {!p.registeredAt && <span className="muted"> · {t('networks.attendance.walkIn')}</span>}
            </label>
          );
        })}
      </fieldset>
      <FormErrors errors={userErrors} shownKeys={['meetingId']} error={error} />
      <FormActions pending={fetching} submitLabel={t('networks.attendance.save')} pendingLabel={t('networks.create.saving')} submitTestId="save-attendance">
        <a href={areaHref('networks', [networkId])}>{t('networks.create.cancel')}</a>
      </FormActions>
    </Form>
  );
}
