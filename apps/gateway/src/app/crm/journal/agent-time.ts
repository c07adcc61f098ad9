/** Where an agent works, as their panel said at login (issue 16 §2.9). */
export interface AgentPlace {
  locale?: string;
  timeZone?: string;
}

/**
 * A moment as the agent reads it: their language and time zone, with the
 * zone named so a reader elsewhere is not misled ("lun, 7 dic 2026, 07:30
 * a. m. ART"). Without a place, or with one Intl no longer knows, English
 * and UTC — never the raw ISO stamp.
 */
export function agentDateTime(iso: string, place: AgentPlace | undefined): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(place?.locale ?? 'en', {
      ...options,
      timeZone: place?.timeZone ?? 'UTC',
    }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' }).format(at);
  }
}
