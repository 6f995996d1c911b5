import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { AccountPage } from './auth/AccountPage';
import type { MeQuery } from './generated/graphql';
import { canAnywhere } from './ui/access';
import { t } from './ui/i18n';

/** Each area's code is loaded when it is first opened (keeps the first page small). */
function lazyArea(load: () => Promise<ComponentType<AreaPageProps>>) {
  const Page = lazy(async () => ({ default: await load() }));
  return (props: AreaPageProps) => (
    <Suspense fallback={<p className="muted">{t('ui.status.loading', { what: '' })}</p>}>
      <Page {...props} />
    </Suspense>
  );
}

const DeskPage = lazyArea(async () => (await import('./desk/DeskPage')).DeskPage);
const AgreementsArea = lazyArea(async () => (await import('./agreements/AgreementsArea')).AgreementsArea);
const ProgrammesArea = lazyArea(async () => (await import('./programmes/ProgrammesArea')).ProgrammesArea);
const ClustersArea = lazyArea(async () => (await import('./clusters/ClustersArea')).ClustersArea);
const NetworksArea = lazyArea(async () => (await import('./networks/NetworksArea')).NetworksArea);
const InvestmentArea = lazyArea(async () => (await import('./investment/InvestmentArea')).InvestmentArea);
const DashboardsArea = lazyArea(async () => (await import('./dashboards/DashboardsArea')).DashboardsArea);

/** What an area page gets from the app shell. */
export interface AreaPageProps {
  /** Path segments after #/<area>/ */
  parts: string[];
  /** Query parameters of the hash route. */
  params: Record<string, string>;
  me: MeQuery['me'];
  /** The organisation the user acts for (header x-organisation-id), or null for all of theirs. */
  actingFor: string | null;
}

export interface Area {
  /** URL segment and test id: #/<key>, data-testid="nav-<key>". */
  key: string;
  /** Label in the main navigation (a function to be worded in the active language). */
  label: string | (() => string);
  /** Whether the acting role works here (navigation shows only those); default: every role. */
  visible?: (me: MeQuery['me'], actingFor: string | null) => boolean;
  render: (props: AreaPageProps) => ReactNode;
}

export const areaLabel = (a: Area) => (typeof a.label === 'function' ? a.label() : a.label);
export const hasArea = (key: string) => AREAS.some((a) => a.key === key);

/** The areas the acting role works in, in navigation order. */
export const visibleAreas = (me: MeQuery['me'], actingFor: string | null) => AREAS.filter((a) => !a.visible || a.visible(me, actingFor));

/** The areas beyond organisations and firm search, in navigation order. Each area adds one entry. */
export const AREAS: Area[] = [
  // The desk is where consultants record their work with firms: not for viewers.
  { key: 'desk', label: () => t('auth.nav.desk'), visible: (me, actingFor) => canAnywhere(me, actingFor, 'record'), render: (props) => <DeskPage {...props} /> },
  { key: 'agreements', label: () => t('auth.nav.agreements'), render: (props) => <AgreementsArea {...props} /> },
  { key: 'programmes', label: () => t('auth.nav.programmes'), render: (props) => <ProgrammesArea {...props} /> },
  { key: 'clusters', label: () => t('auth.nav.clusters'), render: (props) => <ClustersArea {...props} /> },
  { key: 'networks', label: () => t('auth.nav.networks'), render: (props) => <NetworksArea {...props} /> },
  { key: 'investment', label: () => t('auth.nav.investment'), render: (props) => <InvestmentArea {...props} /> },
  { key: 'dashboards', label: () => t('dashboards.nav.label'), render: (props) => <DashboardsArea {...props} /> },
  // The user's own account (password): reached from the user's name in the header, not the main navigation.
  { key: 'account', label: () => t('auth.nav.account'), visible: () => false, render: (props) => <AccountPage displayName={props.me.displayName} /> },
];
