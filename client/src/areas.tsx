import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { MeQuery } from './generated/graphql';

/** Each area's code is loaded when it is first opened (keeps the first page small). */
function lazyArea(load: () => Promise<ComponentType<AreaPageProps>>) {
  const Page = lazy(async () => ({ default: await load() }));
  return (props: AreaPageProps) => (
    <Suspense fallback={<p className="muted">Loading…</p>}>
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
  /** Label in the main navigation. */
  label: string;
  render: (props: AreaPageProps) => ReactNode;
}

/** The areas beyond organisations and firm search, in navigation order. Each area adds one entry. */
export const AREAS: Area[] = [
  { key: 'desk', label: "Consultant's desk", render: (props) => <DeskPage {...props} /> },
  { key: 'agreements', label: 'Agreements', render: (props) => <AgreementsArea {...props} /> },
  { key: 'programmes', label: 'Programmes', render: (props) => <ProgrammesArea {...props} /> },
  { key: 'clusters', label: 'Clusters', render: (props) => <ClustersArea {...props} /> },
  { key: 'networks', label: 'Networks', render: (props) => <NetworksArea {...props} /> },
  { key: 'investment', label: 'Investment', render: (props) => <InvestmentArea {...props} /> },
  { key: 'dashboards', label: 'Dashboards', render: (props) => <DashboardsArea {...props} /> },
];
