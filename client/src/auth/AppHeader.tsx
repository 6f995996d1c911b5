import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeQuery } from '../generated/graphql';
import { areaLabel, visibleAreas } from '../areas';
import type { Route } from '../routing';
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage, type Language } from '../ui/i18n';
import { roleLabel } from '../ui/labels';

export interface AppHeaderProps {
  me: MeQuery['me'] | null;
  route: Route;
  organisationId: string | null;
  onOrganisationChange: (organisationId: string | null) => void;
  onSignOut: () => void;
  signingOut: boolean;
}

/**
 * The header: main navigation (only the areas the acting role works in; a "Menu" button at narrow
 * widths), the organisation switcher, the language picker (remembered) and sign-out.
 */
export function AppHeader({ me, route, organisationId, onOrganisationChange, onSignOut, signingOut }: AppHeaderProps) {
  const { t } = useTranslation();
  const navId = useId();
  const [open, setOpen] = useState(false);
  const current = (page: Route['page'][]) => (page.includes(route.page) ? 'page' : undefined);
  const areas = me ? visibleAreas(me, organisationId) : [];
  const close = () => setOpen(false);
  return (
    <header className="app-header">
      <a className="brand" href="#/organisations">
        <span className="brand-mark" aria-hidden="true" /> Growth Graph
      </a>
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls={navId} onClick={() => setOpen((o) => !o)} data-testid="menu-toggle">
        {t('auth.header.menu')}
      </button>
      <nav aria-label={t('auth.header.mainNav')} id={navId} className={open ? 'open' : undefined} onClick={close}>
        <a href="#/organisations" aria-current={current(['organisations'])} data-testid="nav-organisations">
          {t('auth.nav.organisations')}
        </a>
        <a href="#/firms" aria-current={current(['firms', 'firm'])} data-testid="nav-firms">
          {t('auth.nav.firms')}
        </a>
        {areas.map((a) => (
          <a key={a.key} href={`#/${a.key}`} aria-current={route.page === 'area' && route.area === a.key ? 'page' : undefined} data-testid={`nav-${a.key}`}>
            {areaLabel(a)}
          </a>
        ))}
      </nav>
      <div className={open ? 'account open' : 'account'}>
        {me && (
          <>
            <a className="user-name" href="#/account" data-testid="user-name" aria-label={t('auth.header.accountLink', { name: me.displayName })}>
              {me.displayName}
            </a>
            <label className="switcher">
              <span>{t('auth.header.actingFor')}</span>
              <select data-testid="organisation-switcher" value={organisationId ?? ''} onChange={(e) => onOrganisationChange(e.target.value || null)}>
                <option value="">{t('auth.header.allOrganisations')}</option>
                {me.memberships.map((m) => (
                  <option key={m.id} value={m.organisation.id}>
                    {m.organisation.name} ({roleLabel(m.role)})
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <LanguagePicker />
        <button type="button" onClick={onSignOut} disabled={signingOut} data-testid="sign-out">
          {t('auth.header.signOut')}
        </button>
      </div>
    </header>
  );
}

/** The user's language: switched at once and remembered (localStorage). */
export function LanguagePicker() {
  const { t } = useTranslation();
  return (
    <label className="switcher">
      <span>{t('auth.header.language')}</span>
      <select data-testid="language-picker" value={currentLanguage()} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
