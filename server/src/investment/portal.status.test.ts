import { PortalProjectStatus } from './portal.entity';
import { effectivePortalStatus, portalToday, tenderOpen } from './portal.status';

describe('portal status from the dates', () => {
  it('takes today in Copenhagen: 23:30 UTC on 31 Dec is already 1 Jan there', () => {
    expect(portalToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(portalToday(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });

  it('IN_TENDER after the deadline day is PLANNED; on the day and before it stays IN_TENDER; other statuses are as recorded', () => {
    const today = '2026-12-01';
    expect(effectivePortalStatus({ status: PortalProjectStatus.IN_TENDER, tenderDeadline: '2026-11-30' }, today)).toBe(PortalProjectStatus.PLANNED);
    expect(effectivePortalStatus({ status: PortalProjectStatus.IN_TENDER, tenderDeadline: '2026-12-01' }, today)).toBe(PortalProjectStatus.IN_TENDER);
    expect(effectivePortalStatus({ status: PortalProjectStatus.IN_TENDER, tenderDeadline: null }, today)).toBe(PortalProjectStatus.IN_TENDER);
    expect(effectivePortalStatus({ status: PortalProjectStatus.UNDER_CONSTRUCTION, tenderDeadline: '2020-01-01' }, today)).toBe(PortalProjectStatus.UNDER_CONSTRUCTION);
    expect(tenderOpen({ isTender: true, tenderDeadline: '2026-11-30' }, today)).toBe(false);
    expect(tenderOpen({ isTender: true, tenderDeadline: '2026-12-01' }, today)).toBe(true);
    expect(tenderOpen({ isTender: false, tenderDeadline: null }, today)).toBe(false);
  });
});
