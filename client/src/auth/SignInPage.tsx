import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignInMutation, type SignInMutation } from '../generated/graphql';
import { LanguagePicker } from './AppHeader';
import { SESSION_ENDED_NOTICE } from './session';
import { describeError, wordUserError } from '../ui/userErrors';
import { Form } from '../ui/Form';

type UserError = SignInMutation['signIn']['userErrors'][number];

export interface SignInPageProps {
  onSignedIn: (token: string, expiresAt: string | null) => void;
  /** Why the user is here (e.g. the session ended), if not by their own choice. */
  notice?: string | null;
}

/** The input field a user error is about: ["input", "email"] -> "email". */
const fieldOf = (error: Pick<UserError, 'field'>) => error.field[error.field.length - 1] ?? '';

export function SignInPage({ onSignedIn, notice }: SignInPageProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [{ data, error, fetching }, signIn] = useSignInMutation();
  const userErrors = data?.signIn.userErrors ?? [];
  const invalid = (field: string) => userErrors.some((e) => fieldOf(e) === field) || undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await signIn({ input: { email: email.trim(), password } });
    const payload = result.data?.signIn;
    if (payload?.token && payload.userErrors.length === 0) onSignedIn(payload.token, payload.expiresAt ?? null);
  }

  return (
    <main className="sign-in">
      <Form className="card sign-in-form" onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">
          <span className="brand-mark" aria-hidden="true" /> Growth Graph
        </h1>
        <p className="muted">{t('auth.signIn.tagline')}</p>
        {notice && (
          <p className="notice" role="status" data-testid="sign-in-notice">
            {notice === SESSION_ENDED_NOTICE ? t('auth.signIn.sessionEnded') : notice}
          </p>
        )}
        <label htmlFor="sign-in-email">{t('auth.signIn.email')}</label>
        <input
          id="sign-in-email"
          data-testid="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          aria-invalid={invalid('email')}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="sign-in-password">{t('auth.signIn.password')}</label>
        <input
          id="sign-in-password"
          data-testid="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          aria-invalid={invalid('password')}
          onChange={(e) => setPassword(e.target.value)}
        />
        {(userErrors.length > 0 || error) && (
          <div className="errors" role="alert" data-testid="sign-in-errors">
            <ul>
              {userErrors.map((e, i) => (
                <li key={i} data-code={e.code}>
                  {wordUserError(e)}
                </li>
              ))}
              {error && <li>{describeError(error)}</li>}
            </ul>
          </div>
        )}
        <button type="submit" className="primary" disabled={fetching} data-testid="sign-in-submit">
          {fetching ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
        </button>
        <p className="hint">{t('auth.signIn.demoUsers')}</p>
        <p className="hint">
          <a href="#/portal" data-testid="investor-portal-link">
            {t('auth.signIn.portal')}
          </a>
          {t('auth.signIn.portalHint')}
        </p>
        <LanguagePicker />
      </Form>
    </main>
  );
}
