// Times as an operator reads them: local wall-clock time, and how long ago.

/** `2025-03-01 14:05:09`, in the machine's time zone. */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE');
}

/** `2025-03-01 14:05:09 (12 s ago)`. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const ago =
    seconds < 120
      ? `${seconds} s`
      : seconds < 7200
        ? `${Math.round(seconds / 60)} min`
        : `${Math.round(seconds / 3600)} h`;
  return `${localTime(iso)} (${ago} ago)`;
}
