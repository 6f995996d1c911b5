import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePasswordMutation } from '../generated/graphql';
import { FieldError, FormErrors, placeUserErrors, type UserErrorLike } from '../ui/userErrors';
import { Form } from '../ui/Form';

/** The shortest new password the server accepts (identity.inputs.ts MIN_PASSWORD_LENGTH). */
export const MIN_PASSWORD_LENGTH = 12;
const FIELDS = ['currentPassword', 'newPassword', 'repeatPassword'];

/** The signed-in user's own account: change the password (#/account, linked from the user's name in the header). */
export function AccountPage({ displayName }: { displayName: string }) {
  const { t } = useTranslation();
  return (
    <div className="account-page">
      <h1>{t('auth.account.title')}</h1>
      <p className="muted" data-testid="account-name">
        {displayName}
      </p>
      <ChangePasswordForm />
    </div>
  );
}

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<UserErrorLike[]>([]);
  const [{ data, error, fetching }, changePassword] = useChangePasswordMutation();
  const [done, setDone] = useState<number | null>(null);
  const formId = 'change-password';
  const serverErrors: UserErrorLike[] = (data?.changePassword.userErrors ?? []).map((e) =>
    // "The same as the current one" has its own sentence; the rest is worded by the kit from code and limits.
    e.parameters?.some((p) => p.name === 'constraint' && p.value === 'differentFromCurrent') ? { field: e.field, message: t('auth.account.same') } : e,
  );
  const errors = local.length ? local : serverErrors;
  const placed = placeUserErrors(errors, FIELDS, ['auth']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    // Checked here first: the two new passwords must agree (the server never sees the repeat).
    if (next !== repeat) {
      setLocal([{ field: ['input', 'repeatPassword'], message: t('auth.account.mismatch') }]);
      return;
    }
    setLocal([]);
    const r = await changePassword({ input: { currentPassword: current, newPassword: next } });
    const payload = r.data?.changePassword;
    if (payload?.changed && payload.userErrors.length === 0) {
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(payload.otherSessionsEnded);
    }
  }

  return (
    <Form className="card admin-form" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate data-testid="change-password-form">
      <h2 id={`${formId}-title`}>{t('auth.account.passwordTitle')}</h2>
      <FormErrors errors={errors} shownKeys={FIELDS} error={error} areas={['auth']} testId="change-password-errors" />
      <label htmlFor={`${formId}-current`}>{t('auth.account.current')}</label>
      <input
        id={`${formId}-current`}
        type="password"
        autoComplete="current-password"
        data-testid="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        {...placed.props('currentPassword', formId)}
      />
      <FieldError formId={formId} field="currentPassword" messages={placed.at('currentPassword')} />
      <label htmlFor={`${formId}-new`}>{t('auth.account.new')}</label>
      <input
        id={`${formId}-new`}
        type="password"
        autoComplete="new-password"
        data-testid="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        {...placed.props('newPassword', formId)}
      />
      <span className="hint">{t('auth.account.hint', { min: MIN_PASSWORD_LENGTH })}</span>
      <FieldError formId={formId} field="newPassword" messages={placed.at('newPassword')} />
      <label htmlFor={`${formId}-repeat`}>{t('auth.account.repeat')}</label>
      <input
        id={`${formId}-repeat`}
        type="password"
        autoComplete="new-password"
        data-testid="repeat-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        {...placed.props('repeatPassword', formId)}
      />
      <FieldError formId={formId} field="repeatPassword" messages={placed.at('repeatPassword')} />
      <button type="submit" className="primary" disabled={fetching || !current || !next} data-testid="change-password-submit">
        {t('auth.account.submit')}
      </button>
      {done !== null && (
        <p role="status" data-testid="password-changed">
          {t('auth.account.changed', { count: done })}
        </p>
      )}
    </Form>
  );
}
