/** Whole seconds from `fromIso` to `now` (ms), never negative; 0 for a missing or bad timestamp. */
export function secondsSince(fromIso: string | null | undefined, now: number): number {
  if (!fromIso) return 0;
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return 0;
  return Math.max(0, Math.floor((now - from) / 1000));
}

/** Whole seconds between two ISO timestamps, never negative. */
export function secondsBetween(fromIso: string, toIso: string): number {
  return secondsSince(fromIso, Date.parse(toIso));
}

/** 0:07, 12:34, 1:02:03: the way a contact-center timer reads. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}
