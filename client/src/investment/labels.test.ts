import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../ui/i18n';
import { portalStatusLabel, sectorLabel, shownPortalStatus, stateLabel, tenderOpen } from './labels';

afterEach(() => setLanguage('en', false));

describe('the shown status of a portal project follows its dates', () => {
  const today = '2026-12-01';
  const tender = { status: 'IN_TENDER' as const, isTender: true, tenderDeadline: '2026-11-30' };

  it('is never "in tender" once the deadline day has passed', () => {
    expect(shownPortalStatus(tender, today)).toBe('TENDER_CLOSED');
    expect(tenderOpen(tender, today)).toBe(false);
    // The server reports PLANNED for it: still shown as a closed tender.
    expect(shownPortalStatus({ ...tender, status: 'PLANNED' }, today)).toBe('TENDER_CLOSED');
  });

  it('is in tender on the deadline day itself and before, and when there is no deadline', () => {
    expect(shownPortalStatus({ ...tender, tenderDeadline: today }, today)).toBe('IN_TENDER');
    expect(tenderOpen({ ...tender, tenderDeadline: today }, today)).toBe(true);
    expect(shownPortalStatus({ ...tender, tenderDeadline: null }, today)).toBe('IN_TENDER');
  });

  it('keeps other statuses as recorded (construction started, completed, cancelled; a plain planned project)', () => {
    expect(shownPortalStatus({ ...tender, status: 'UNDER_CONSTRUCTION' }, today)).toBe('UNDER_CONSTRUCTION');
    expect(shownPortalStatus({ ...tender, status: 'CANCELLED' }, today)).toBe('CANCELLED');
    expect(shownPortalStatus({ status: 'PLANNED', isTender: false, tenderDeadline: null }, today)).toBe('PLANNED');
  });

  it('is worded in the user’s language', () => {
    setLanguage('sv', false);
    expect(portalStatusLabel('TENDER_CLOSED')).toBe('Upphandling avslutad');
    expect(portalStatusLabel('IN_TENDER')).toBe('I upphandling');
    expect(stateLabel('ELIMINATED')).toBe('Avskrivet');
    expect(sectorLabel('MANUFACTURING')).toBe('Tillverkning');
    setLanguage('da', false);
    expect(portalStatusLabel('IN_TENDER')).toBe('I udbud');
  });
});
