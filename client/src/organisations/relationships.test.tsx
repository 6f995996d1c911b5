import { describe, expect, it } from 'vitest';
import { groupRelationships } from './relationships';

const org = (id: string, name: string) => ({ id, name, kind: 'MUNICIPALITY' as const });
const randers = org('randers', 'Randers Kommune');

describe('groupRelationships', () => {
  it('groups by kind and shows the other end with the direction seen from the organisation', () => {
    const groups = groupRelationships('randers', [
      { id: 'r1', kind: 'MEMBER_OF_COUNCIL', from: randers, to: org('kkr', 'KKR Midtjylland') },
      { id: 'r2', kind: 'COVERS', from: org('gh', 'Erhvervshus Midtjylland'), to: randers },
      { id: 'r3', kind: 'COVERS', from: org('aa', 'Aarhus Erhverv'), to: randers },
    ]);
    expect(groups.map((g) => g.kind)).toEqual(['COVERS', 'MEMBER_OF_COUNCIL']);
    expect(groups[0].items.map((i) => [i.other.name, i.direction])).toEqual([
      ['Aarhus Erhverv', 'incoming'],
      ['Erhvervshus Midtjylland', 'incoming'],
    ]);
    expect(groups[1].items).toEqual([{ id: 'r1', direction: 'outgoing', other: org('kkr', 'KKR Midtjylland') }]);
  });

  it('gives no groups for no relationships', () => {
    expect(groupRelationships('randers', [])).toEqual([]);
  });
});
