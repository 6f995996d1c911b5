import type { OrganisationProfileQuery, RelationshipKind, RelationshipState } from '../generated/graphql';

type Relationship = NonNullable<OrganisationProfileQuery['organisation']>['relationships'][number];

export interface RelationshipView {
  id: string;
  /** outgoing: "this KIND other"; incoming: "other KIND this". */
  direction: 'outgoing' | 'incoming';
  other: Relationship['from'];
  /** PROPOSED and DECLINED edges change nothing; only the two sides see them. */
  state: RelationshipState;
  /** The viewer administers the side that did not propose it, and it awaits an answer. */
  canAnswer: boolean;
}

export interface RelationshipGroup {
  kind: RelationshipKind;
  items: RelationshipView[];
}

/**
 * Groups an organisation's relationships by kind (groups and items sorted by name), each seen from
 * the organisation: the other end, the direction, its state and whether the viewer (an admin of
 * `administeredIds`) is the side that confirms or declines it.
 */
export function groupRelationships(organisationId: string, relationships: Relationship[], administeredIds: readonly string[] = []): RelationshipGroup[] {
  const groups = new Map<RelationshipKind, RelationshipView[]>();
  for (const r of relationships) {
    const outgoing = r.from.id === organisationId;
    const answeringSide = r.proposedByOrganisationId === r.from.id ? r.to.id : r.from.id;
    const view: RelationshipView = {
      id: r.id,
      direction: outgoing ? 'outgoing' : 'incoming',
      other: outgoing ? r.to : r.from,
      state: r.state,
      canAnswer: r.state === 'PROPOSED' && administeredIds.includes(answeringSide),
    };
    const items = groups.get(r.kind) ?? [];
    items.push(view);
    groups.set(r.kind, items);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, items]) => ({ kind, items: items.sort((a, b) => a.other.name.localeCompare(b.other.name)) }));
}
