import type { OrganisationProfileQuery, RelationshipKind } from '../generated/graphql';

type Relationship = NonNullable<OrganisationProfileQuery['organisation']>['relationships'][number];

export interface RelationshipView {
  id: string;
  /** outgoing: "this KIND other"; incoming: "other KIND this". */
  direction: 'outgoing' | 'incoming';
  other: Relationship['from'];
}

export interface RelationshipGroup {
  kind: RelationshipKind;
  items: RelationshipView[];
}

/**
 * Groups an organisation's relationships by kind (groups and items sorted by name), each seen from
 * the organisation: the other end and the direction.
 */
export function groupRelationships(organisationId: string, relationships: Relationship[]): RelationshipGroup[] {
  const groups = new Map<RelationshipKind, RelationshipView[]>();
  for (const r of relationships) {
    const outgoing = r.from.id === organisationId;
    const view: RelationshipView = { id: r.id, direction: outgoing ? 'outgoing' : 'incoming', other: outgoing ? r.to : r.from };
    const items = groups.get(r.kind) ?? [];
    items.push(view);
    groups.set(r.kind, items);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, items]) => ({ kind, items: items.sort((a, b) => a.other.name.localeCompare(b.other.name)) }));
}
