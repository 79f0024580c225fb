/**
 * A length of time in Danish as a meeting's clock shows it: "5 min", "2 t 5 min", "1 dag 3 t".
 * Minutes count only below a day: a delay of days is about the meeting date, not the clock.
 */
export function formatDuration(totalMinutes: number): string {
  const minutes = Math.abs(Math.round(totalMinutes));
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) {
    const dayText = days === 1 ? '1 dag' : `${days} dage`;
    return hours > 0 ? `${dayText} ${hours} t` : dayText;
  }
  const rest = minutes % 60;
  return rest > 0 ? `${hours} t ${rest} min` : `${hours} t`;
}
