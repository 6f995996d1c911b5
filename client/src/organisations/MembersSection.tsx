import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAddMemberMutation,
  useChangeMemberRoleMutation,
  useOrganisationMembersQuery,
  useRemoveMemberMutation,
  type Role,
} from '../generated/graphql';
import { formatDate } from '../ui/format';
import { t } from '../ui/i18n';
import { roleLabel } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { confirmIrreversible, FieldError, FormErrors, placeUserErrors, wordUserError, type UserErrorLike } from '../ui/userErrors';
import { ROLES } from './labels';
import { Form } from '../ui/Form';

const AREAS = ['organisations'];
const MEMBERSHIP = { additionalTypenames: ['Membership'] };

/** A member-management error in the user's words (the last-admin rule has its own sentence). */
const memberError = (e: UserErrorLike) => (e.code === 'INVALID_STATE' ? t('organisations.members.lastAdmin') : wordUserError(e, AREAS));

/**
 * An organisation's members. Everyone in the organisation sees the list; its admins (acting for it:
 * `canAdminister` comes from the kit's role check) also change roles, remove members (after a
 * confirmation) and add people by the e-mail of their account.
 */
export function MembersSection({ id, organisationName, canAdminister, currentUserId }: { id: string; organisationName: string; canAdminister: boolean; currentUserId?: string }) {
  useTranslation();
  const [{ data, fetching, error }] = useOrganisationMembersQuery({ variables: { id }, context: MEMBERSHIP });
  const [changeState, changeRole] = useChangeMemberRoleMutation();
  const [removeState, removeMember] = useRemoveMemberMutation();
  const [notice, setNotice] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const members = data?.organisation?.members ?? [];
  const busy = changeState.fetching || removeState.fetching;

  async function onRole(membershipId: string, name: string, role: Role) {
    setNotice(null);
    const r = await changeRole({ input: { id: membershipId, role } }, MEMBERSHIP);
    const errors = r.data?.changeMemberRole.userErrors ?? [];
    setProblems(errors.map(memberError));
    if (r.data && errors.length === 0) setNotice(t('organisations.members.roleChanged', { name, role: roleLabel(role) }));
  }

  async function onRemove(membershipId: string, name: string) {
    setNotice(null);
    if (!confirmIrreversible(t('organisations.members.removeConfirm', { name, organisation: organisationName }))) return;
    const r = await removeMember({ input: { id: membershipId } }, MEMBERSHIP);
    const errors = r.data?.removeMember.userErrors ?? [];
    setProblems(errors.map(memberError));
    if (r.data && errors.length === 0) setNotice(t('organisations.members.removed', { name }));
  }

  return (
    <section className="card" aria-labelledby="members-title" data-testid="members">
      <h2 id="members-title">{t('organisations.members.title')}</h2>
      <QueryStatus fetching={fetching && !data} error={error} what={t('organisations.members.what')} />
      {data && !canAdminister && (
        <ul className="link-list">
          {members.map((m) => (
            <li key={m.id}>
              {m.user.displayName} <span className="muted">· {roleLabel(m.role)}</span>
            </li>
          ))}
        </ul>
      )}
      {data && canAdminister && (
        <>
          <table className="firm-table admin-table" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">{t('organisations.members.name')}</th>
                <th scope="col">{t('organisations.members.role')}</th>
                <th scope="col">{t('organisations.members.since')}</th>
                <th scope="col">{t('organisations.members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id} data-testid="member-row" data-member={m.user.displayName}>
                  <td>
                    {m.user.displayName} {m.user.id === currentUserId && <span className="muted">{t('organisations.members.you')}</span>}
                  </td>
                  <td>
                    <select
                      aria-label={t('organisations.members.roleOf', { name: m.user.displayName })}
                      data-testid="member-role"
                      value={m.role}
                      disabled={busy}
                      onChange={(e) => void onRole(m.id, m.user.displayName, e.target.value as Role)}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {roleLabel(r)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{formatDate(m.createdAt)}</td>
                  <td>
                    <button type="button" disabled={busy} data-testid="member-remove" aria-label={t('organisations.members.removeNamed', { name: m.user.displayName })} onClick={() => void onRemove(m.id, m.user.displayName)}>
                      {t('organisations.members.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <FormErrors messages={problems} error={changeState.error ?? removeState.error} testId="member-errors" />
          {notice && (
            <p role="status" data-testid="member-notice">
              {notice}
            </p>
          )}
          <AddMemberForm organisationId={id} onAdded={(text) => setNotice(text)} />
        </>
      )}
    </section>
  );
}

function AddMemberForm({ organisationId, onAdded }: { organisationId: string; onAdded: (notice: string) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');
  const [{ data, error, fetching }, addMember] = useAddMemberMutation();
  const formId = 'add-member';
  const errors = data?.addMember.userErrors ?? [];
  const placed = placeUserErrors(errors, ['email', 'role'], AREAS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const r = await addMember({ input: { organisationId, email: email.trim(), role } }, MEMBERSHIP);
    const m = r.data?.addMember.membership;
    if (m && r.data?.addMember.userErrors.length === 0) {
      setEmail('');
      onAdded(t('organisations.members.added', { name: m.user.displayName, role: roleLabel(m.role) }));
    }
  }

  return (
    <Form className="admin-form" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate data-testid="add-member-form">
      <h3 id={`${formId}-title`}>{t('organisations.members.addTitle')}</h3>
      <FormErrors errors={errors} shownKeys={['email', 'role']} error={error} areas={AREAS} testId="add-member-errors" />
      <label htmlFor={`${formId}-email`}>{t('organisations.members.email')}</label>
      <input id={`${formId}-email`} type="email" data-testid="add-member-email" value={email} onChange={(e) => setEmail(e.target.value)} {...placed.props('email', formId)} />
      <span className="hint">{t('organisations.members.emailHint')}</span>
      <FieldError formId={formId} field="email" messages={placed.at('email')} />
      <label htmlFor={`${formId}-role`}>{t('organisations.members.role')}</label>
      <select id={`${formId}-role`} data-testid="add-member-role" value={role} onChange={(e) => setRole(e.target.value as Role)} {...placed.props('role', formId)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
      <FieldError formId={formId} field="role" messages={placed.at('role')} />
      <button type="submit" className="primary" disabled={fetching || !email.trim()} data-testid="add-member-submit">
        {t('organisations.members.add')}
      </button>
    </Form>
  );
}
