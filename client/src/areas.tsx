import type { ReactNode } from 'react';
import type { MeQuery } from './generated/graphql';

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
export const AREAS: Area[] = [];
