import { describe, expect, it } from 'vitest';
import { attendedMemberIds, initialAttendance } from './attendance';

const participants = [
  { attended: true, member: { id: 'm1' } },
  { attended: false, member: { id: 'm2' } },
  { attended: null, member: { id: 'm3' } },
  { attended: true, member: { id: 'm4' } },
];

describe('attendance', () => {
  it('ticks only those recorded as attended', () => {
    expect([...initialAttendance(participants)].sort()).toEqual(['m1', 'm4']);
  });

  it('sends the ticked members in the order of the list', () => {
    expect(attendedMemberIds(participants, new Set(['m4', 'm3', 'm1']))).toEqual(['m1', 'm3', 'm4']);
    expect(attendedMemberIds(participants, new Set())).toEqual([]);
  });
});
