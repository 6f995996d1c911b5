/** A participant of a meeting as the attendance form sees it. */
export interface AttendanceParticipant {
  attended: boolean | null;
  member: { id: string };
}

/**
 * Who is ticked when the attendance form opens: those recorded as attended; before anything is
 * recorded, nobody (the recorder ticks who came).
 */
export function initialAttendance(participants: readonly AttendanceParticipant[]): Set<string> {
  return new Set(participants.filter((p) => p.attended === true).map((p) => p.member.id));
}

/** The member ids to send as attended, in the order of the participant list (stable for the server's error paths). */
export function attendedMemberIds(participants: readonly AttendanceParticipant[], ticked: ReadonlySet<string>): string[] {
  return participants.map((p) => p.member.id).filter((id) => ticked.has(id));
}
