import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Provider } from 'urql';
import { AppHeader } from './auth/AppHeader';
import { createGraphQLClient } from './auth/exchange';
import { sessionStore, useSession, type Session, type SessionStore } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { FirmDetailsPage } from './firms/FirmDetailsPage';
import { FirmSearchPage } from './firms/FirmSearchPage';
import { useMeQuery, useSignOutMutation, type MeQuery } from './generated/graphql';
import { OrganisationBrowser } from './organisations/OrganisationBrowser';
import { AREAS, hasArea } from './areas';
import { landingHash } from './landing';
import { countryLanguage, hasChosenLanguage, setLanguage } from './ui/i18n';
import { InvestorPortalPage } from './investment/InvestorPortalPage';
import { useRoute, type Route } from './routing';
import { QueryStatus } from './ui/Status';

/**
 * The app: the sign-in page, or the signed-in pages. One urql client per session and organisation
 * choice, so switching organisation (or user) never shows data fetched for the previous one.
 */
export function App({ store = sessionStore }: { store?: SessionStore }) {
  const { session, notice } = useSession(store);
  // Re-render everything in the new language when it is switched.
  useTranslation();
  // Set when the user has just signed in: the first `me` then decides the landing page.
  const justSignedIn = useRef(false);
  const route = useRoute();
  const token = session?.token ?? null;
  const organisationId = session?.organisationId ?? null;
  const client = useMemo(
    () =>
      createGraphQLClient({
        getAuth: () => ({ token, organisationId }),
        onUnauthenticated: () => {
          if (token) store.expire(token);
        },
      }),
    [store, token, organisationId],
  );
  return (
    <Provider value={client}>
      {session ? (
        <SignedInApp key={session.token} session={session} store={store} justSignedIn={justSignedIn} />
      ) : route.page === 'area' && route.area === 'portal' ? (
        <InvestorPortalPage />
      ) : (
        <SignInPage
          notice={notice}
          onSignedIn={(t, expiresAt) => {
            justSignedIn.current = true;
            store.signIn(t, expiresAt);
          }}
        />
      )}
    </Provider>
  );
}

function SignedInApp({ session, store, justSignedIn }: { session: Session; store: SessionStore; justSignedIn: { current: boolean } }) {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const [{ data, fetching, error }] = useMeQuery();
  const [{ fetching: signingOut }, signOut] = useSignOutMutation();
  // Keep showing the user while the new client (after an organisation switch) fetches `me` again.
  const lastMe = useRef<MeQuery['me'] | null>(null);
  if (data?.me) lastMe.current = data.me;
  const me = data?.me ?? lastMe.current;

  // A stored organisation choice that is not one of the user's organisations: act for all of them.
  useEffect(() => {
    if (me && session.organisationId && !me.memberships.some((m) => m.organisation.id === session.organisationId)) {
      store.setOrganisation(null);
    }
  }, [me, session.organisationId, store]);

  // The organisation's country sets the language until the user picks one (the language picker).
  const country = me?.memberships.find((m) => !session.organisationId || m.organisation.id === session.organisationId)?.organisation.country;
  useEffect(() => {
    const language = countryLanguage(country);
    if (language && !hasChosenLanguage()) setLanguage(language, false);
  }, [country]);

  // Right after sign-in, open where the acting role's work is (unless a page was asked for).
  useEffect(() => {
    if (!me || !justSignedIn.current) return;
    justSignedIn.current = false;
    const hash = window.location.hash.replace(/^#\/?/, '');
    if (!hash) window.location.hash = landingHash(me, session.organisationId, hasArea);
  }, [me, session.organisationId, justSignedIn]);

  async function handleSignOut() {
    await signOut({}); // Revokes the token on the server; signed out locally whatever the answer.
    store.signOut();
  }

  return (
    <>
      <a className="skip-link" href="#content">
        {t('auth.header.skip')}
      </a>
      <AppHeader
        me={me}
        route={route}
        organisationId={session.organisationId}
        onOrganisationChange={(id) => store.setOrganisation(id)}
        onSignOut={handleSignOut}
        signingOut={signingOut}
      />
      {/* Keyed by language: pages that word text outside React hooks render again when it is switched. */}
      <main id="content" tabIndex={-1} key={i18n.language}>
        {me ? <Page route={route} me={me} actingFor={session.organisationId} /> : <QueryStatus fetching={fetching} error={error} what={t('auth.header.yourAccount')} />}
      </main>
    </>
  );
}

function Page({ route, me, actingFor }: { route: Route; me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  switch (route.page) {
    case 'firms':
      return <FirmSearchPage key={route.query} query={route.query} />;
    case 'firm':
      return <FirmDetailsPage id={route.id} me={me} actingFor={actingFor} />;
    case 'organisations':
      return <OrganisationBrowser id={route.id} memberships={me.memberships} actingFor={actingFor} userId={me.id} />;
    case 'area': {
      // The public investor portal reads the same when signed in.
      if (route.area === 'portal') return <InvestorPortalPage />;
      const area = AREAS.find((a) => a.key === route.area);
      return area ? area.render({ parts: route.parts, params: route.params, me, actingFor }) : <p role="alert">{t('auth.notFound')}</p>;
    }
  }
}
