import { enumLabel } from '../ui/labels';

/** An organisation's kind in the user's language ("MUNICIPALITY" -> "Kommune"). */
export const kindLabel = (kind: string | null | undefined) => enumLabel('organisations.kind', kind);
/** A relationship's kind in the user's language ("COVERS" -> "Dækker"). */
export const relationshipKindLabel = (kind: string | null | undefined) => enumLabel('organisations.rel.kind', kind);

/** The kinds of relationship an admin can propose, in the order of the form's list. */
export const RELATIONSHIP_KINDS = ['COVERS', 'SERVES', 'MEMBER_OF_COUNCIL', 'LOCATED_IN', 'OFFICE_OF', 'HOSTED_BY', 'MEMBER_OF', 'RECEPTION_FOR', 'COOPERATES_WITH', 'FUNDS', 'OPERATES'] as const;
export const ROLES = ['VIEWER', 'CONSULTANT', 'EDITOR', 'ADMIN'] as const;
