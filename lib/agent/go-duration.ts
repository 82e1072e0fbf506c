// Durations printed the way Go's time.Duration.String() does ("10s", "1m20s", "5m0s",
// "200ms"), because kubelet's back-off messages embed them and users grep for them.

export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${goDuration(-ms)}`;
  if (ms < 1000) return `${trim(ms)}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds - hours * 3600 - minutes * 60;
  let out = '';
  if (hours > 0) out += `${hours}h`;
  if (hours > 0 || minutes > 0) out += `${minutes}m`;
  return `${out}${trim(seconds)}s`;
}

/** Up to millisecond precision, without trailing zeros (Go prints "1.5s", not "1.500s"). */
function trim(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
