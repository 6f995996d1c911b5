import { describe, expect, it } from 'vitest';
import { landingHash } from './landing';

const m = (id: string, role: string, kind = 'GROWTH_HOUSE') => ({ id: `m-${id}`, role, organisation: { id, name: id, kind, country: 'DK' } });
const me = (...memberships: ReturnType<typeof m>[]) => ({ memberships }) as never;
const all = () => true;

describe('landingHash', () => {
  it('sends each role to where its work is', () => {
    expect(landingHash(me(m('eh', 'CONSULTANT')), null, all)).toBe('#/desk');
    expect(landingHash(me(m('randers', 'EDITOR', 'MUNICIPALITY'), m('er', 'VIEWER', 'BUSINESS_COUNCIL')), null, all)).toBe('#/agreements');
    expect(landingHash(me(m('kkr', 'VIEWER', 'REGIONAL_COUNCIL')), null, all)).toBe('#/dashboards');
    expect(landingHash(me(m('eh', 'ADMIN'), m('kkr', 'VIEWER')), null, all)).toBe('#/organisations/eh');
    expect(landingHash(me(m('cluster', 'EDITOR', 'CLUSTER')), null, all)).toBe('#/organisations/cluster');
  });

  it('honours the organisation switcher', () => {
    const both = me(m('eh', 'ADMIN'), m('kkr', 'VIEWER', 'REGIONAL_COUNCIL'));
    expect(landingHash(both, 'kkr', all)).toBe('#/dashboards');
  });

  it('falls back to the organisation page while the dashboard area is not registered', () => {
    expect(landingHash(me(m('kkr', 'VIEWER', 'REGIONAL_COUNCIL')), null, (k) => k !== 'dashboards')).toBe('#/organisations/kkr');
  });
});
