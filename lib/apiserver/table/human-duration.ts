// Ages as kube prints them (apimachinery util/duration.HumanDuration): about two or three
// significant figures, so a column of ages stays narrow yet still orders at a glance.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** Go's integer division truncates toward zero; Math.trunc keeps negative inputs the same. */
function whole(ms: number, unit: number): number {
  return Math.trunc(ms / unit);
}

/** A part that is zero is left off ("3m", not "3m0s"). */
function pair(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`;
}

export function humanDuration(ms: number): string {
  const seconds = whole(ms, SECOND);
  // Up to a second in the future is clock skew between machines, not a bogus timestamp.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 2 * 60) return `${seconds}s`;

  const minutes = whole(ms, MINUTE);
  if (minutes < 10) return pair(minutes, 'm', seconds % 60, 's');
  if (minutes < 3 * 60) return `${minutes}m`;

  const hours = whole(ms, HOUR);
  if (hours < 8) return pair(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;

  const days = whole(ms, DAY);
  if (hours < 8 * 24) return pair(days, 'd', hours % 24, 'h');
  if (hours < 2 * 365 * 24) return `${days}d`;

  const years = whole(ms, YEAR);
  if (hours < 8 * 365 * 24) return pair(years, 'y', days % 365, 'd');
  return `${years}y`;
}

/** Milliseconds since the epoch, or undefined for an absent or unreadable timestamp. */
export function parseTimestamp(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

/** kube's translateTimestampSince: "<unknown>" stands in for a missing timestamp. */
export function since(ts: unknown, now: Date): string {
  const ms = parseTimestamp(ts);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}
