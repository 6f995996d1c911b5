import type { MeQuery } from '../generated/graphql';
import { AREAS } from '../areas';
import type { Route } from '../routing';
import { humanize } from '../ui/labels';

export interface AppHeaderProps {
  me: MeQuery['me'] | null;
  route: Route;
  organisationId: string | null;
  onOrganisationChange: (organisationId: string | null) => void;
  onSignOut: () => void;
  signingOut: boolean;
}

export function AppHeader({ me, route, organisationId, onOrganisationChange, onSignOut, signingOut }: AppHeaderProps) {
  const current = (page: Route['page'][]) => (page.includes(route.page) ? 'page' : undefined);
  return (
    <header className="app-header">
      <a className="brand" href="#/organisations">
        <span className="brand-mark" aria-hidden="true" /> Growth Graph
      </a>
      <nav aria-label="Main">
        <a href="#/organisations" aria-current={current(['organisations'])} data-testid="nav-organisations">
          Organisations
        </a>
        <a href="#/firms" aria-current={current(['firms', 'firm'])} data-testid="nav-firms">
          Firm search
        </a>
        {AREAS.map((a) => (
          <a key={a.key} href={`#/${a.key}`} aria-current={route.page === 'area' && route.area === a.key ? 'page' : undefined} data-testid={`nav-${a.key}`}>
            {a.label}
          </a>
        ))}
      </nav>
      <div className="account">
        {me && (
          <>
            <span className="user-name" data-testid="user-name">
              {me.displayName}
            </span>
            <label className="switcher">
              <span>Acting for</span>
              <select
                data-testid="organisation-switcher"
                value={organisationId ?? ''}
                onChange={(e) => onOrganisationChange(e.target.value || null)}
              >
                <option value="">All my organisations</option>
                {me.memberships.map((m) => (
                  <option key={m.id} value={m.organisation.id}>
                    {m.organisation.name} ({humanize(m.role)})
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <button type="button" onClick={onSignOut} disabled={signingOut} data-testid="sign-out">
          Sign out
        </button>
      </div>
    </header>
  );
}
