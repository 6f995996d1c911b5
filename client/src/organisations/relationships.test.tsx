import { describe, expect, it } from 'vitest';
import { groupRelationships } from './relationships';

const org = (id: string, name: string) => ({ id, name, kind: 'MUNICIPALITY' as const });
const rel = (id: string, kind: 'MEMBER_OF_COUNCIL' | 'COVERS', from: ReturnType<typeof org>, to: ReturnType<typeof org>, state: 'ACTIVE' | 'PROPOSED' | 'DECLINED' = 'ACTIVE') =>
  ({ id, kind, from, to, state, proposedByOrganisationId: from.id });
const randers = org('randers', 'Randers Kommune');

describe('groupRelationships', () => {
  it('groups by kind and shows the other end with the direction seen from the organisation', () => {
    const groups = groupRelationships('randers', [
      rel('r1', 'MEMBER_OF_COUNCIL', randers, org('kkr', 'KKR Midtjylland')),
      rel('r2', 'COVERS', org('gh', 'Erhvervshus Midtjylland'), randers),
      rel('r3', 'COVERS', org('aa', 'Aarhus Erhverv'), randers),
    ]);
    expect(groups.map((g) => g.kind)).toEqual(['COVERS', 'MEMBER_OF_COUNCIL']);
    expect(groups[0].items.map((i) => [i.other.name, i.direction])).toEqual([
      ['Aarhus Erhverv', 'incoming'],
      ['Erhvervshus Midtjylland', 'incoming'],
    ]);
    expect(groups[1].items).toEqual([{ id: 'r1', direction: 'outgoing', other: org('kkr', 'KKR Midtjylland'), state: 'ACTIVE', canAnswer: false }]);
  });

  it('lets only an admin of the side that did not propose answer a proposal', () => {
    const proposal = [rel('p1', 'MEMBER_OF_COUNCIL', org('cph', 'København'), org('kkr', 'KKR Midtjylland'), 'PROPOSED')];
    expect(groupRelationships('kkr', proposal, ['kkr'])[0].items[0]).toMatchObject({ state: 'PROPOSED', canAnswer: true });
    expect(groupRelationships('kkr', proposal, ['cph'])[0].items[0].canAnswer).toBe(false);
    expect(groupRelationships('kkr', proposal)[0].items[0].canAnswer).toBe(false);
    const declined = [rel('p2', 'COVERS', org('gh', 'Erhvervshus'), org('kkr', 'KKR Midtjylland'), 'DECLINED')];
    expect(groupRelationships('kkr', declined, ['kkr'])[0].items[0]).toMatchObject({ state: 'DECLINED', canAnswer: false });
  });

  it('gives no groups for no relationships', () => {
    expect(groupRelationships('randers', [])).toEqual([]);
  });
});
