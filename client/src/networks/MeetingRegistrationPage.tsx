import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNetworkMeetingRegistrationQuery, useNetworkRegisterForMeetingMutation, type NetworkMeetingRegistrationQuery } from '../generated/graphql';
import { formatDate } from '../ui/format';
import { QueryStatus } from '../ui/Status';
import { FieldError, FormErrors, placeUserErrors } from '../ui/userErrors';
import { areaHref, navigate } from '../routing';
import { Form, FormActions } from '../ui/Form';

type Network = NonNullable<NetworkMeetingRegistrationQuery['network']>;

/** #/networks/<id>/meetings/<meetingId>/register: register members for an upcoming meeting (DA tilmelding). */
export function MeetingRegistrationPage({ networkId, meetingId }: { networkId: string; meetingId: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useNetworkMeetingRegistrationQuery({ variables: { id: networkId } });
  const network = data?.network;
  const meeting = network?.meetings.find((m) => m.id === meetingId);
  return (
    <section aria-labelledby="registration-title">
      <p>
        <a href={areaHref('networks', [networkId])}>← {network?.name ?? t('networks.attendance.network')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('networks.register.what')} />
      {data && !meeting && <p role="status">{t('networks.register.notFound')}</p>}
      {network && meeting && <RegistrationForm network={network} meeting={meeting} />}
    </section>
  );
}

function RegistrationForm({ network, meeting }: { network: Network; meeting: Network['meetings'][number] }) {
  const { t } = useTranslation();
  const registered = new Set(meeting.participants.filter((p) => p.registeredAt).map((p) => p.member.id));
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const [{ data, error, fetching }, register] = useNetworkRegisterForMeetingMutation();
  const formId = 'registration';
  const shown = ['memberIds'];
  const userErrors = data?.registerForNetworkMeeting.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, ['networks']);
  const members = network.members.edges.map((e) => e.node);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await register({ input: { meetingId: meeting.id, memberIds: [...ticked] } }, { additionalTypenames: ['NetworkMeeting'] });
    if (result.data?.registerForNetworkMeeting.meeting && result.data.registerForNetworkMeeting.userErrors.length === 0) {
      navigate({ page: 'area', area: 'networks', parts: [network.id], params: {} });
    }
  }

  return (
    <Form className="card" onSubmit={submit} aria-labelledby="registration-title" data-testid="registration-form" noValidate>
      <h1 id="registration-title">{t('networks.register.title', { title: meeting.title })}</h1>
      <p className="muted">
        {formatDate(meeting.heldOn)}
        {meeting.location && ` · ${meeting.location}`} · {t('networks.register.registered', { count: meeting.registrationCount })}
      </p>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={['networks']} />
      <fieldset className="checkbox-list" {...placed.props('memberIds', formId)}>
        <legend>{t('networks.register.legend')}</legend>
        {members.length === 0 && <p className="muted">{t('networks.register.noMembers')}</p>}
        {members.map((m) => {
          const name = m.firm?.name ?? m.contactName ?? t('networks.attendance.member');
          const already = registered.has(m.id);
          return (
            <label key={m.id} className="checkbox" data-testid="registration-member">
              <input
                type="checkbox"
                disabled={already}
                checked={already || ticked.has(m.id)}
                onChange={(e) =>
                  setTicked((was) => {
                    const next = new Set(was);
                    if (e.target.checked) next.add(m.id);
                    else next.delete(m.id);
                    return next;
                  })
                }
              />
              {name}
              {m.firm && m.contactName && <span className="muted"> ({m.contactName})</span>}
              {already && <span className="muted"> · {t('networks.register.already')}</span>}
            </label>
          );
        })}
        {network.members.pageInfo.hasNextPage && <p className="hint">{t('networks.register.moreMembers')}</p>}
      </fieldset>
      <FieldError formId={formId} field="memberIds" messages={placed.at('memberIds')} />
      <FormActions pending={fetching} disabled={ticked.size === 0} submitLabel={t('networks.register.submit', { count: ticked.size })} submitTestId="register-submit">
        <a href={areaHref('networks', [network.id])}>{t('networks.create.cancel')}</a>
      </FormActions>
    </Form>
  );
}
