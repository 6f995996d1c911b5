import { Capability } from './access';
import { ForbiddenError } from './errors';
import { OrgScope, Role, Scope } from './scope';

describe('the scoped data layer', () => {
  const a = '11111111-1111-4111-8111-111111111111';
  const b = '22222222-2222-4222-8222-222222222222';

  it('refuses to build an empty organisation scope', () => {
    expect(() => OrgScope.of([], Capability.READ)).toThrow(ForbiddenError);
    expect(() => Scope.NONE.require(Capability.READ)).toThrow(ForbiddenError);
    expect(Scope.NONE.optional(Capability.READ)).toBeNull();
  });

  it('maps roles to capabilities per organisation', () => {
    const s = new Scope([{ organisationId: a, role: Role.VIEWER }, { organisationId: b, role: Role.ADMIN }], false);
    expect(s.organisationIds(Capability.READ)).toEqual([a, b]);
    expect(s.organisationIds(Capability.RECORD)).toEqual([b]);
    expect(s.has(a, Capability.EDIT)).toBe(false);
    expect(() => s.requireIn(a, Capability.ADMINISTER)).toThrow(ForbiddenError);
    expect(s.requireIn(b, Capability.ADMINISTER).organisationIds).toEqual([b]);
  });

  it('a read-only scope (API key) grants nothing but read, whatever the role', () => {
    const s = new Scope([{ organisationId: a, role: Role.ADMIN }], true);
    expect(s.organisationIds(Capability.READ)).toEqual([a]);
    expect(s.organisationIds(Capability.RECORD)).toEqual([]);
    expect(s.organisationIds(Capability.ADMINISTER)).toEqual([]);
  });
});
