/** Small wording helpers shared by the screens. */

/** "1 card", "3 cards", "100,050 cards" (digits grouped as the person's locale groups them). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** Clock time in the user's locale, e.g. "10:42". */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function total(counts: { learning: number; review: number; new: number }): number {
  return counts.learning + counts.review + counts.new;
}

/** A day in the user's locale, e.g. "Tue, 10 Mar". */
export function dayLabel(ms: number): string {
  return new Date(ms).toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' });
}

/** A length of time as a player shows it: "0:07", "2:45" (whole seconds, cut down as players do). */
export function playLength(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
