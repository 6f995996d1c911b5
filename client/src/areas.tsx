import type { ReactNode } from 'react';
import type { MeQuery } from './generated/graphql';
import { DeskPage } from './desk/DeskPage';
import { AgreementsArea } from './agreements/AgreementsArea';
import { ProgrammesArea } from './programmes/ProgrammesArea';
import { ClustersArea } from './clusters/ClustersArea';
import { NetworksArea } from './networks/NetworksArea';
import { InvestmentArea } from './investment/InvestmentArea';

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
];
